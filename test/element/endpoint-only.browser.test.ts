/// <reference types="mocha" />
// A page whose element only classifies through an endpoint never downloads tfjs: this file runs in
// its own page, imports no tfjs, and checks every resource the page fetched.
import { expect, html } from '@open-wc/testing';
import { SEVEN, drawStrokes, element, testEndpoint } from './element-test-helpers.ts';

// Taken after the static imports ran: everything the element's module graph pulled in.
const loadedWithTheElement = performance.getEntriesByType('resource').map((entry) => entry.name);
const bufferWasFull = loadedWithTheElement.length >= 250;
performance.setResourceTimingBufferSize(100_000);

/** tfjs itself, its wasm binaries, the model's files (the project's own src/inference and src/model modules are not tfjs). */
const isTfjs = (url: string) => /\/@tensorflow\/|\.wasm(\?|$)|\/model\/[^/?]*\.json|\.bin(\?|$)/.test(url);

describe('<digit-canvas endpoint> on a page without local classification', () => {
  it('imports no tfjs with the element', () => {
    expect(bufferWasFull, 'resource timing saw every module').to.equal(false);
    expect(loadedWithTheElement.some((url) => url.includes('/src/element/digit-canvas.ts')), 'the element was loaded').to.equal(true);
    expect(loadedWithTheElement.filter(isTfjs)).to.deep.equal([]);
  });

  it('draws, gets focus, predicts through the endpoint and still fetches no tfjs, model or wasm', async () => {
    const el = await element(html`<digit-canvas endpoint=${testEndpoint('predict')} auto-predict></digit-canvas>`);
    el.focus();
    drawStrokes(el, SEVEN);
    const prediction = await el.predict();
    expect(prediction.source).to.equal('remote');
    expect(prediction.digit).to.equal(7);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.some((url) => url.includes('/test-endpoints/predict'))).to.equal(true);
    expect(fetched.filter(isTfjs)).to.deep.equal([]);
  });
});
