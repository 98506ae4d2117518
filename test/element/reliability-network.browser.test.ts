/// <reference types="mocha" />
import { expect, html } from '@open-wc/testing';
import { visibleAlpha } from './pointer-helpers.ts';
import { errorText } from '../../src/element/result-view.ts';
import {
  SEVEN, element, faultKey, faultUrl, foreignElements, heal, healthyUrl, hits, part, record, rejection, sleep, unhandledRejections,
} from './reliability-helpers.ts';

/**
 * Network faults against loopback endpoints (scripts/test-endpoints.mjs, faultEndpoints), beyond those in
 * remote-mode.browser.test.ts (timeout, 500, garbage, nine, unreachable): each ends in one clear
 * prediction-error, the drawing is untouched, and once the endpoint is healthy again the next
 * prediction from the same element, same URL, works. A response carrying markup is shown as text, never as
 * elements.
 */

const rejections = unhandledRejections();

beforeEach(() => rejections.start());
afterEach(() => rejections.check());

const faults: [name: string, query: string, stage: 'network' | 'response', message: RegExp][] = [
  ['reset', '', 'network', /^Could not reach http:\/\/.+\/fault-endpoints\/fault\/reset\?key=\S+ \(.+\)$/],
  ['status-429', '', 'response', /answered 429 .*: fault endpoint failing with 429 on purpose$/],
  ['html', '', 'response', /answered 200 with a body that is not JSON: "<!doctype html>/],
  ['eleven', '', 'response', /invalid "result": expected 10 probabilities, got an array of 11$/],
  ['nan', '', 'response', /answered 200 with a body that is not JSON: "\{\\"result\\": \[NaN,/],
  ['null', '', 'response', /invalid "result": probability of digit 0 must be a finite number in 0\.\.1, got null$/],
  ['nan-string', '', 'response', /invalid "result": probability of digit 0 must be a finite number in 0\.\.1, got the string "NaN"$/],
];

describe('<digit-canvas> against a failing endpoint', () => {
  before(async () => {
    // The real handler loads its model on first use; do that now, not inside a test's timeout.
    const response = await fetch(healthyUrl(), { method: 'POST', body: JSON.stringify({ data: new Array(784).fill(0.5) }) });
    expect(response.status).to.equal(200);
  });

  for (const [name, query, stage, message] of faults) {
    it(`${name}: one prediction-error (stage ${stage}), the drawing intact, and the next prediction works`, async () => {
      const key = faultKey();
      const el = await element(html`<digit-canvas endpoint=${faultUrl(name, key, query)}></digit-canvas>`);
      el.strokes = SEVEN;
      const strokes = JSON.stringify(el.strokes);
      const grid = el.getGrid();
      const events = record(el);

      const error = await rejection(el.predict());
      expect(error.stage).to.equal(stage);
      expect(error.message).to.match(message);
      expect(events).to.have.length(1);
      expect(events[0]).to.deep.include({ type: 'prediction-error' });
      expect(events[0]!.detail).to.deep.equal({ error, stage });
      await el.updateComplete;
      expect(part(el, 'result')!.textContent!.trim(), 'plain words; the detail stays on the event').to.equal(errorText(error));
      expect(JSON.stringify(el.strokes)).to.equal(strokes);
      expect(el.getGrid()).to.deep.equal(grid);
      const inked = SEVEN[0]!.points[1]!;
      expect(visibleAlpha(el, [inked.x, inked.y]), 'the ink is still on screen').to.be.greaterThan(0);
      expect(el.value).to.equal('');
      expect(await hits(key)).to.be.at.least(1);

      await heal(key);
      const prediction = await el.predict();
      expect(prediction.digit).to.equal(7);
      expect(prediction.source).to.equal('remote');
      expect(events.map((event) => event.type)).to.deep.equal(['prediction-error', 'prediction']);
      await el.updateComplete;
      expect(part(el, 'result')!.textContent).to.match(/7\s+\d+% sure/);
      expect(el.value).to.equal('7');
    });
  }

  it('a slow endpoint cut at the timeout sends no late event when its answer would have come', async () => {
    const key = faultKey();
    const el = await element(html`<digit-canvas endpoint=${faultUrl('slow', key, '&ms=1500')} timeout="300"></digit-canvas>`);
    el.strokes = SEVEN;
    const events = record(el);
    expect((await rejection(el.predict())).code).to.equal('timeout');
    await sleep(1800);
    expect(events.map((event) => event.type)).to.deep.equal(['prediction-error']);
  });
});

describe('<digit-canvas> never injects markup from a response', () => {
  before(() => {
    delete (window as { __digitCanvasInjected?: boolean }).__digitCanvasInjected;
  });

  for (const name of ['html-error', 'html-result', 'html-keys', 'html']) {
    it(`${name}: the error is text; no element, script or handler from the response reaches the page`, async () => {
      const key = faultKey();
      const el = await element(html`<digit-canvas endpoint=${faultUrl(name, key)}></digit-canvas>`);
      el.strokes = SEVEN;
      const error = await rejection(el.predict());
      expect(error.stage).to.equal('response');
      await el.updateComplete;
      // Give an injected <img onerror> or <script> the time it would need to run.
      await sleep(200);
      expect(foreignElements(el)).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('#injected')).to.equal(null);
      expect(document.querySelector('#injected')).to.equal(null);
      expect((window as { __digitCanvasInjected?: boolean }).__digitCanvasInjected).to.equal(undefined);
      const result = part(el, 'result')!;
      expect(result.textContent!.trim(), 'nothing the endpoint sent is shown').to.equal(errorText(error));
      if (name === 'html-error') expect(error.message).to.contain('<img src="x" onerror=');
    });
  }
});
