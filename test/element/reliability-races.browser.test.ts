/// <reference types="mocha" />
import { expect, html } from '@open-wc/testing';
import { isAbortError } from '../../src/inference/classification-error.ts';
import {
  ONE, SEVEN, element, faultKey, healthyUrl, part, record, rejection, sleep, staggeredUrl, unhandledRejections,
} from './reliability-helpers.ts';

/**
 * Races: requests overtaken by newer ones, by clear(), by attribute changes and by the element
 * leaving the page. The last request wins, no event arrives out of order or for a superseded
 * request, and no promise rejection goes unhandled.
 */

const rejections = unhandledRejections();
beforeEach(() => rejections.start());
afterEach(() => rejections.check());

/** A model URL of its own, so the download starts from scratch (the module caches per URL). */
const freshModelUrl = () => new URL(`/model/model.json?race=${faultKey()}`, location.href).href;
const slowUrl = (id: string, ms: number) => new URL(`/test-endpoints/slow?ms=${ms}&id=${id}`, location.href).href;

async function expectAborted(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(isAbortError(error), error.message).to.equal(true);
}

describe('<digit-canvas> races', () => {
  before(async () => {
    // Resource timing tells which URLs were fetched; the default buffer (250) fills with modules.
    performance.setResourceTimingBufferSize(100_000);
    // Warm the real handler (it loads its model on first use) so remote answers are quick.
    expect((await fetch(healthyUrl(), { method: 'POST', body: JSON.stringify({ data: new Array(784).fill(0.5) }) })).status).to.equal(200);
  });

  it('predict() and Predict clicks while the model is still loading: only the last answers, once, from one download', async () => {
    const url = freshModelUrl();
    const el = await element(html`<digit-canvas model-url=${url}></digit-canvas>`);
    el.strokes = SEVEN;
    const events = record(el);
    const calls = Array.from({ length: 5 }, () => el.predict());
    const button = part(el, 'predict-button') as HTMLButtonElement;
    for (let i = 0; i < 10; i++) button.click();
    for (const call of calls) await expectAborted(call);
    while (events.length === 0) await sleep(20);
    await sleep(200);
    expect(events.map((event) => event.type)).to.deep.equal(['prediction']);
    expect(events[0]!.detail).to.include({ digit: 7, source: 'local' });
    expect(performance.getEntriesByName(url)).to.have.length(1);
    expect(el.value).to.equal('7');
  });

  it('answers arriving out of order: the last request wins and no older answer is reported', async () => {
    // The n-th request waits (3 - n) × 300 ms: each older request would answer after the newer.
    const el = await element(html`<digit-canvas endpoint=${staggeredUrl(faultKey(), 300)}></digit-canvas>`);
    const events = record(el);
    const drawings = [ONE, SEVEN, ONE, SEVEN];
    const calls = drawings.map((strokes) => {
      el.strokes = strokes;
      return el.predict();
    });
    for (const call of calls.slice(0, -1)) await expectAborted(call);
    expect((await calls.at(-1)!).digit).to.equal(7);
    await sleep(1200); // past the oldest request's answer time
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.include({ digit: 7, source: 'remote' });
    await el.updateComplete;
    expect(part(el, 'result')!.textContent).to.match(/7\s+\d+% sure/);
  });

  it('rapid Predict clicks spread over time: events come one per answered click, all for the drawing, none after the last', async () => {
    const el = await element(html`<digit-canvas backend="cpu"></digit-canvas>`);
    el.strokes = SEVEN;
    await el.predict();
    const events = record(el);
    const button = part(el, 'predict-button') as HTMLButtonElement;
    for (let i = 0; i < 30; i++) {
      button.click();
      await sleep(i % 3);
    }
    const settledAt = events.length;
    await sleep(300);
    expect(events.length, 'the last click answers').to.be.greaterThan(0);
    expect(events.length).to.be.at.most(30);
    expect(events.length - settledAt).to.be.at.most(1);
    expect(new Set(events.map((event) => `${event.type}:${(event.detail as { digit?: number }).digit}`))).to.deep.equal(new Set(['prediction:7']));
  });

  // Each switch: a request in flight under the old settings, the attribute changed, a new request
  // (after the element's update, or at once in the same task). endpoint → endpoint after the update
  // is in remote-mode.browser.test.ts.
  const switches: [string, () => string, (el: HTMLElement) => void, string, boolean[]][] = [
    ['endpoint → another endpoint', () => slowUrl(`switch-${faultKey()}`, 1500), (el) => el.setAttribute('endpoint', healthyUrl()), 'remote', [false]],
    ['endpoint → local (attribute removed)', () => slowUrl(`switch-${faultKey()}`, 1500), (el) => el.removeAttribute('endpoint'), 'local', [true, false]],
  ];
  for (const [name, from, change, source, variants] of switches) {
    for (const awaitUpdate of variants) {
      it(`switching ${name} mid-flight${awaitUpdate ? '' : ', predicting again in the same task'}: the new request answers, the old one never does`, async () => {
        const el = await element(html`<digit-canvas endpoint=${from()}></digit-canvas>`);
        el.strokes = SEVEN;
        const events = record(el);
        const first = el.predict();
        await sleep(100);
        change(el);
        if (awaitUpdate) await el.updateComplete;
        const second = el.predict();
        await expectAborted(first);
        const prediction = await second;
        expect(prediction).to.include({ digit: 7, source });
        await sleep(1600); // past the old request's answer time
        expect(events.map((event) => event.type)).to.deep.equal(['prediction']);
        expect(events[0]!.detail).to.deep.equal(prediction);
      });
    }
  }

  for (const awaitUpdate of [true, false]) {
    it(`switching backend mid-flight${awaitUpdate ? '' : ', predicting again in the same task'}: the answer comes from the new backend, once`, async () => {
      const el = await element(html`<digit-canvas backend="cpu"></digit-canvas>`);
      el.strokes = SEVEN;
      const events = record(el);
      const first = el.predict();
      el.backend = 'wasm';
      if (awaitUpdate) await el.updateComplete;
      const second = el.predict();
      await expectAborted(first);
      const prediction = await second;
      expect(prediction).to.include({ digit: 7, backend: 'wasm' });
      await sleep(200);
      expect(events.map((event) => event.type)).to.deep.equal(['prediction']);
    });

    it(`switching model-url while the first model loads${awaitUpdate ? '' : ', predicting again in the same task'}: the answer comes from the new model, once`, async () => {
      const [a, b] = [freshModelUrl(), freshModelUrl()];
      const el = await element(html`<digit-canvas model-url=${a}></digit-canvas>`);
      el.strokes = SEVEN;
      const events = record(el);
      const first = el.predict();
      el.modelUrl = b;
      if (awaitUpdate) await el.updateComplete;
      const second = el.predict();
      await expectAborted(first);
      expect((await second).digit).to.equal(7);
      expect(performance.getEntriesByName(b)).to.have.length(1);
      await sleep(200);
      expect(events.map((event) => event.type)).to.deep.equal(['prediction']);
    });
  }

  it('an attribute change alone cancels the request in flight, silently', async () => {
    const id = `timeout-${faultKey()}`;
    const el = await element(html`<digit-canvas endpoint=${slowUrl(id, 1500)}></digit-canvas>`);
    el.strokes = SEVEN;
    const events = record(el);
    const call = el.predict();
    await sleep(100);
    el.timeout = 5000;
    await expectAborted(call);
    await sleep(1600);
    expect(events).to.deep.equal([]);
  });

  it('auto-predict over a burst of drawing changes reports only the drawing as it ends up', async () => {
    const el = await element(html`<digit-canvas auto-predict backend="wasm"></digit-canvas>`);
    const events = record(el);
    for (const strokes of [SEVEN, ONE, SEVEN, ONE, SEVEN, ONE]) el.strokes = strokes;
    while (events.length === 0) await sleep(20);
    await sleep(300);
    expect(events.map((event) => event.type)).to.deep.equal(['prediction']);
    expect(events[0]!.detail).to.include({ digit: 1 });
    expect(el.value).to.equal('1');
  });

  it('leaving the page mid-flight cancels quietly; back on the page it predicts again', async () => {
    const id = `detach-${faultKey()}`;
    const el = await element(html`<digit-canvas endpoint=${slowUrl(id, 1500)}></digit-canvas>`);
    el.strokes = SEVEN;
    const events = record(el);
    const call = el.predict();
    await sleep(100);
    const parent = el.parentNode!;
    el.remove();
    await expectAborted(call);
    parent.appendChild(el);
    el.endpoint = healthyUrl();
    await el.updateComplete;
    expect((await el.predict()).digit).to.equal(7);
    expect(events.map((event) => event.type)).to.deep.equal(['prediction']);
  });
});
