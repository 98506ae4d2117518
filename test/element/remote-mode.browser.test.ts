/// <reference types="mocha" />
// The element with `endpoint`: the real Lambda handler and misbehaving endpoints, served by
// scripts/test-endpoints.mjs inside the test runner.
import { expect, html, oneEvent } from '@open-wc/testing';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { drawnDigit } from '../fixtures/drawn-digits.ts';
import { SEVEN, UNREACHABLE, drawStrokes, element, part, record, rejection, testEndpoint } from './element-test-helpers.ts';
import { visibleAlpha } from './pointer-helpers.ts';
import { errorText } from '../../src/element/result-view.ts';

async function remote(endpoint: string, extra: Partial<Pick<DigitCanvas, 'timeout' | 'fallback'>> = {}): Promise<DigitCanvas> {
  const el = await element(html`<digit-canvas endpoint=${endpoint}></digit-canvas>`);
  Object.assign(el, extra);
  await el.updateComplete;
  drawStrokes(el, SEVEN);
  return el;
}

/** The endpoint's failure: a rejected predict(), a prediction-error event, the message shown, the drawing kept. */
async function expectFailure(el: DigitCanvas, stage: 'network' | 'response', message: string | RegExp) {
  const strokes = el.strokes;
  const fired = oneEvent(el, 'prediction-error');
  const error = await rejection(el.predict());
  expect(error.stage).to.equal(stage);
  if (typeof message === 'string') expect(error.message).to.contain(message);
  else expect(error.message).to.match(message);
  const event = await fired;
  expect(event.detail.error).to.equal(error);
  expect(event.detail.stage).to.equal(stage);
  await el.updateComplete;
  expect(part(el, 'result')!.textContent!.trim(), 'plain words; the detail stays on the event').to.equal(errorText(error));
  expect(el.strokes).to.deep.equal(strokes);
  expect(visibleAlpha(el, [154, 46])).to.be.greaterThan(0);
  return error;
}

describe('<digit-canvas endpoint> remote classification', () => {
  it('an endpoint that says notDigit: the detail carries it, the UI says it is no digit, the form takes no value', async () => {
    const el = await remote(testEndpoint('not-digit?value=0.8'));
    const fired = oneEvent(el, 'prediction');
    const prediction = await el.predict();
    expect((await fired).detail).to.deep.equal(prediction);
    expect([prediction.notDigit, prediction.verdict, prediction.confident]).to.deep.equal([0.8, 'not-a-digit', false]);
    await el.updateComplete;
    expect(part(el, 'result')!.textContent!.trim()).to.equal("That doesn't look like a digit");
    expect(el.value).to.equal('');
  });

  it('judges the answer with its own min-confidence, not the endpoint\'s verdict or the classifier\'s default', async () => {
    // The endpoint answers confidence 0.12 and says not-a-digit with notDigit 0.1: below the best digit, so the client decides.
    const el = await remote(testEndpoint('not-digit?value=0.1'));
    el.minConfidence = 0.1;
    await el.updateComplete;
    const low = await el.predict();
    expect([low.verdict, low.confident]).to.deep.equal(['digit', true]);
    expect(el.value).to.equal('7');
    // An answer without notDigit (the original API) reads as notDigit 0, judged the same way.
    el.endpoint = testEndpoint('not-digit');
    await el.updateComplete;
    const original = await el.predict();
    expect([original.notDigit, original.verdict, original.confident]).to.deep.equal([0, 'digit', true]);
    // min-confidence changes per answer, with no new classifier: above 0.12 the same answer is unsure.
    el.minConfidence = 0.5;
    await el.updateComplete;
    expect([(await el.predict()).verdict, el.value]).to.deep.equal(['unsure', '']);
  });

  it('classifies through the real handler: source remote, no backend', async () => {
    const el = await remote(testEndpoint('predict'));
    const fired = oneEvent(el, 'prediction');
    const prediction = await el.predict();
    expect((await fired).detail).to.deep.equal(prediction);
    expect(prediction.digit).to.equal(7);
    expect(prediction.source).to.equal('remote');
    expect(prediction).to.not.have.property('backend');
    expect(prediction.probabilities).to.have.length(10);
  });

  it('reads a result keyed "0".."9", as the original API sent it', async () => {
    const el = await remote(testEndpoint('object-result'));
    expect((await el.predict()).digit).to.equal(7);
  });

  it('a timeout ends in prediction-error stage network, and the element stays usable', async () => {
    const el = await remote(`${testEndpoint('slow')}?ms=5000&id=element-timeout`, { timeout: 300 });
    const error = await expectFailure(el, 'network', 'within 300 ms');
    expect(error.code).to.equal('timeout');
    el.endpoint = testEndpoint('predict');
    await el.updateComplete;
    expect((await el.predict()).digit).to.equal(7);
  });

  it('a 500 ends in prediction-error stage response with the status and the server message', async () => {
    const el = await remote(testEndpoint('status/500'));
    const error = await expectFailure(el, 'response', 'failing with 500 on purpose');
    expect(error.status).to.equal(500);
  });

  it('garbage instead of JSON ends in prediction-error stage response', async () => {
    await expectFailure(await remote(testEndpoint('garbage')), 'response', 'not JSON');
  });

  it('nine probabilities end in prediction-error stage response', async () => {
    await expectFailure(await remote(testEndpoint('nine')), 'response', 'got an array of 9');
  });

  it('an unreachable host ends in prediction-error stage network', async () => {
    const error = await expectFailure(await remote(UNREACHABLE), 'network', UNREACHABLE);
    expect(error.code).to.equal('unreachable');
  });

  it('a newer request cancels the one in flight: the server sees the connection close, and only the newer fires', async () => {
    const el = await remote(`${testEndpoint('slow')}?ms=5000&id=element-superseded`);
    const events = record(el);
    const older = el.predict();
    await new Promise((resolve) => setTimeout(resolve, 100));
    el.endpoint = testEndpoint('predict');
    await el.updateComplete;
    const newer = el.predict();
    expect((await rejection(older)).code).to.equal('aborted');
    expect((await newer).source).to.equal('remote');
    expect(events.map((e) => e.type)).to.deep.equal(['prediction']);
    let log: { id: string; outcome: string }[] = [];
    for (let i = 0; i < 50 && !log.some((e) => e.id === 'element-superseded' && e.outcome === 'closed'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = await (await fetch(testEndpoint('slow-log'))).json();
    }
    expect(log.find((e) => e.id === 'element-superseded')?.outcome).to.equal('closed');
  });

  it('clear() cancels the request in flight', async () => {
    const el = await remote(`${testEndpoint('slow')}?ms=5000&id=element-cleared`);
    const events = record(el);
    const pending = el.predict();
    el.clear();
    expect((await rejection(pending)).code).to.equal('aborted');
    expect(events).to.have.length(0);
  });
});

describe('<digit-canvas endpoint fallback="local">', () => {
  it('recovers locally from an unreachable endpoint and says so', async () => {
    const el = await remote(UNREACHABLE, { fallback: 'local' });
    const prediction = await el.predict();
    expect(prediction.digit).to.equal(7);
    expect(prediction.source).to.equal('local');
    expect(prediction.fallback?.code).to.equal('unreachable');
    await el.updateComplete;
    expect(part(el, 'result')!.textContent).to.contain('answered locally');
  });

  it('recovers locally from a 503', async () => {
    const el = await remote(testEndpoint('status/503'), { fallback: 'local' });
    const prediction = await el.predict();
    expect(prediction.source).to.equal('local');
    expect(prediction.fallback?.status).to.equal(503);
  });

  it('still reports a malformed answer (a local retry would hide a broken endpoint)', async () => {
    const el = await remote(testEndpoint('nine'), { fallback: 'local' });
    await expectFailure(el, 'response', 'got an array of 9');
  });

  it('fallback="none" reports the failure', async () => {
    const el = await remote(testEndpoint('status/503'), { fallback: 'none' });
    el.strokes = drawnDigit(1, { cx: 154, cy: 154, size: 200, width: 16 });
    const error = await rejection(el.predict());
    expect(error.status).to.equal(503);
  });
});

describe('<digit-canvas> error text at two levels', () => {
  it('a 404: the person reads a short plain line; the event keeps message, code, status and url; the console gets it once', async () => {
    const url = testEndpoint('status/404');
    const el = await element(html`<digit-canvas endpoint=${url}></digit-canvas>`);
    el.strokes = SEVEN;
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    let error;
    try {
      const fired = oneEvent(el, 'prediction-error');
      error = await rejection(el.predict());
      expect((await fired).detail.error).to.equal(error);
    } finally {
      console.error = original;
    }
    expect(error).to.include({ stage: 'response', code: 'http-status', status: 404, url });
    expect(error.message).to.contain('404');
    await el.updateComplete;
    const shown = part(el, 'result')!.textContent!.trim();
    expect(shown).to.equal("The recognizer isn't available.");
    expect(shown).to.not.contain('404');
    expect(logged).to.have.length(1);
    expect(logged[0]).to.include(error);
  });

  it('an input refusal (a tap) is for the person only: no console entry', async () => {
    const el = await element();
    el.strokes = [{ width: 16, points: [{ x: 150, y: 150, t: 0, pressure: 0.5 }] }];
    const original = console.error;
    let calls = 0;
    console.error = () => void calls++;
    try {
      expect((await rejection(el.predict())).code).to.equal('too-small');
    } finally {
      console.error = original;
    }
    expect(calls).to.equal(0);
  });
});
