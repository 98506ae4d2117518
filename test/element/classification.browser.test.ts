/// <reference types="mocha" />
import { expect, html, nextFrame, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { drawnDigit, type Placement } from '../fixtures/drawn-digits.ts';
import { bundledModelWithNotDigit, revokeFixtureUrls } from '../inference/model-fixtures.ts';
import { SEVEN, drawDigit, drawStrokes, element, part, record, rejection } from './element-test-helpers.ts';
import { draw, visibleAlpha } from './pointer-helpers.ts';

describe('<digit-canvas> local classification', () => {
  before(() => {
    // Resource timing tells which URLs were fetched; the default buffer (250) fills with modules.
    performance.setResourceTimingBufferSize(100_000);
  });

  const cases: [digit: number, placement: Placement][] = [
    [1, { cx: 154, cy: 154, size: 200, width: 16 }],
    [1, { cx: 80, cy: 90, size: 110, width: 12 }],
    [7, { cx: 154, cy: 154, size: 220, width: 20 }],
    [7, { cx: 220, cy: 210, size: 120, width: 16, slant: 0.1 }],
    [0, { cx: 154, cy: 154, size: 210, width: 16 }],
    [0, { cx: 90, cy: 220, size: 110, width: 10 }],
  ];
  for (const [digit, placement] of cases) {
    it(`reads a drawn ${digit} (${placement.size}px at ${placement.cx},${placement.cy}, pen ${placement.width}) and fires prediction`, async () => {
      const el = await element();
      drawDigit(el, digit, placement);
      const fired = oneEvent(el, 'prediction');
      const prediction = await el.predict();
      const event = await fired;
      expect(event.detail).to.deep.equal(prediction);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(prediction.digit).to.equal(digit);
      expect(prediction.source).to.equal('local');
      expect(prediction.backend).to.be.oneOf(['wasm', 'webgl', 'cpu']);
      expect(prediction.probabilities).to.have.length(10);
      expect(prediction.confidence).to.equal(prediction.probabilities[digit]);
      expect(prediction.latencyMs).to.be.a('number').and.at.least(0);
    });
  }

  it('shows the digit and its confidence, the chart and the grid it read; announces through the live region', async () => {
    const el = await element();
    drawDigit(el, 7, { cx: 154, cy: 154, size: 220, width: 16 });
    const prediction = await el.predict();
    await el.updateComplete;
    const result = part(el, 'result')!;
    expect(result.getAttribute('role')).to.equal('status');
    expect(result.textContent).to.contain(String(prediction.digit));
    expect(result.textContent).to.contain(`${Math.round(prediction.confidence * 100)}%`);
    const bars = part(el, 'chart')!.querySelectorAll('.bar');
    expect(bars).to.have.length(10);
    expect(bars[prediction.digit]!.classList.contains('top')).to.equal(true);
    expect(part(el, 'chart')!.getAttribute('aria-label')).to.match(/^Probabilities: 0: /);
    const preview = part(el, 'preview') as HTMLCanvasElement;
    const pixels = preview.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    const grid = el.getGrid();
    for (let i = 0; i < grid.length; i++) expect(pixels[i * 4]).to.equal(Math.round(grid[i]! * 255));
  });

  it('a prediction repaints the result, not the ink: the drawing canvas is left alone until the drawing changes', async () => {
    const el = await element();
    drawDigit(el, 7, { cx: 154, cy: 154, size: 220, width: 16 });
    await el.updateComplete;
    // Let the first ResizeObserver callback (which fits the backing store and paints) happen
    // first: on a loaded machine it can arrive late, and it is not the prediction's doing.
    await nextFrame();
    await nextFrame();
    const ink = part(el, 'canvas') as HTMLCanvasElement;
    const context = ink.getContext('2d')!;
    let repaints = 0;
    const clearRect = context.clearRect.bind(context);
    context.clearRect = (...args: Parameters<CanvasRenderingContext2D['clearRect']>) => {
      repaints++;
      clearRect(...args);
    };
    await el.predict();
    await el.updateComplete;
    expect(repaints).to.equal(0);
    el.undo();
    await el.updateComplete;
    expect(repaints).to.be.greaterThan(0);
  });

  it('below min-confidence says it is unsure and names the two likeliest digits', async () => {
    // A model that never says not-a-digit, so the dash is judged on its digits alone.
    const el = await element(html`<digit-canvas min-confidence="1" model-url=${await bundledModelWithNotDigit(-30)}></digit-canvas>`);
    draw(el, [[60, 150], [250, 160]]); // a dash: no digit is certain
    const prediction = await el.predict();
    expect(prediction.confidence, 'a dash should not be certain').to.be.below(1);
    expect(prediction.confident).to.equal(false);
    await el.updateComplete;
    const ranked = prediction.probabilities.map((p, d) => [p, d] as const).sort((a, b) => b[0] - a[0]);
    const text = part(el, 'result')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain(`Not sure: ${ranked[0]![1]} (`);
    expect(text).to.contain(`) or ${ranked[1]![1]} (`);
    el.minConfidence = 0;
    expect((await el.predict()).confident).to.equal(true);
  });

  it('a tap is too small to read: an input error of its own, nothing classified, the drawing kept', async () => {
    const el = await element();
    const events = record(el);
    draw(el, [[150, 150], [151, 151], [152, 150]]); // a finger rolling a pixel or two
    draw(el, [[151, 152]]);
    const strokes = el.strokes;
    const error = await rejection(el.predict());
    expect([error.stage, error.code]).to.deep.equal(['input', 'too-small']);
    expect(error.message).to.equal('Too small to read — draw the digit bigger.');
    expect(events.map((event) => event.type)).to.deep.equal(['prediction-error']);
    expect(events[0]!.detail).to.deep.equal({ error, stage: 'input' });
    await el.updateComplete;
    expect(part(el, 'result')!.textContent).to.contain('Too small to read');
    expect(el.strokes).to.deep.equal(strokes);
    expect(visibleAlpha(el, [151, 151])).to.be.greaterThan(0);
    expect(el.value).to.equal('');
    // Drawn bigger, the same element reads it.
    drawStrokes(el, SEVEN);
    expect((await el.predict()).digit).to.equal(7);
  });

  it('when not-a-digit is likelier than any digit: the detail says so and the result says it is no digit', async () => {
    const el = await element(html`<digit-canvas model-url=${await bundledModelWithNotDigit(30)}></digit-canvas>`);
    drawStrokes(el, SEVEN);
    const fired = oneEvent(el, 'prediction');
    const prediction = await el.predict();
    expect((await fired).detail).to.deep.equal(prediction);
    expect([prediction.verdict, prediction.confident]).to.deep.equal(['not-a-digit', false]);
    expect(prediction.notDigit).to.be.above(0.99);
    expect(prediction.probabilities).to.have.length(10);
    await el.updateComplete;
    const text = part(el, 'result')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(text).to.equal("That doesn't look like a digit");
    expect(part(el, 'chart')!.querySelectorAll('.bar')).to.have.length(10);
    revokeFixtureUrls();
  });

  it('an empty canvas rejects and fires prediction-error with stage input', async () => {
    const el = await element();
    const fired = oneEvent(el, 'prediction-error');
    const error = await rejection(el.predict());
    expect(error.stage).to.equal('input');
    const event = await fired;
    expect(event.detail.stage).to.equal('input');
    expect(event.detail.error).to.equal(error);
    await el.updateComplete;
    expect(part(el, 'result')!.textContent).to.contain('Draw a digit first.');
  });

  it('auto-predict classifies after each finished stroke', async () => {
    const el = await element(html`<digit-canvas auto-predict></digit-canvas>`);
    const events = record(el);
    const first = oneEvent(el, 'prediction');
    drawDigit(el, 1, { cx: 154, cy: 154, size: 200, width: 16 });
    expect((await first).detail.digit).to.equal(1);
    const second = oneEvent(el, 'prediction');
    el.undo();
    el.redo();
    await second;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // undo left nothing to classify (no event); redo's prediction is the only one after the stroke.
    expect(events.map((e) => e.type)).to.deep.equal(['prediction', 'prediction']);
  });

  it('a newer predict supersedes an older one: only the newest fires, and the older rejects as aborted', async () => {
    const el = await element();
    const events = record(el);
    el.strokes = drawnDigit(0, { cx: 154, cy: 154, size: 210, width: 16 });
    const older = el.predict();
    el.strokes = drawnDigit(1, { cx: 154, cy: 154, size: 200, width: 16 });
    const newer = el.predict();
    const aborted = await rejection(older);
    expect(aborted.code).to.equal('aborted');
    const prediction = await newer;
    expect(prediction.digit).to.equal(1);
    expect(events).to.have.length(1);
    expect(events[0]!.type).to.equal('prediction');
    expect(events[0]!.detail).to.deep.equal(prediction);
  });

  it('clear() cancels a prediction in flight and empties the result', async () => {
    const el = await element();
    const events = record(el);
    el.strokes = drawnDigit(7, { cx: 154, cy: 154, size: 220, width: 16 });
    await el.predict();
    el.strokes = drawnDigit(1, { cx: 154, cy: 154, size: 200, width: 16 });
    const pending = el.predict();
    el.clear();
    expect((await rejection(pending)).code).to.equal('aborted');
    expect(events).to.have.length(1);
    await el.updateComplete;
    expect(part(el, 'result')!.textContent!.trim()).to.equal('');
    expect(part(el, 'chart')).to.equal(null);
  });

  it('a model URL that answers 404 fires prediction-error stage model, keeps the drawing, and a good URL then works', async () => {
    const missing = new URL('/test-endpoints/not-found/element-model', location.href).href;
    const el = await element(html`<digit-canvas model-url=${missing}></digit-canvas>`);
    el.strokes = drawnDigit(7, { cx: 154, cy: 154, size: 220, width: 16 });
    const strokes = el.strokes;
    const fired = oneEvent(el, 'prediction-error');
    const error = await rejection(el.predict());
    expect(error.stage).to.equal('model');
    expect(error.message).to.contain(missing);
    expect(error.message).to.contain('404');
    expect((await fired).detail.stage).to.equal('model');
    await el.updateComplete;
    expect(part(el, 'result')!.textContent!.trim(), 'the person sees plain words, not the URL').to.equal("The recognizer isn't available.");
    expect(el.strokes).to.deep.equal(strokes);
    expect(visibleAlpha(el, [154, 50])).to.be.greaterThan(0);
    el.removeAttribute('model-url');
    await el.updateComplete;
    expect((await el.predict()).digit).to.equal(7);
  });

  for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
    it(`runs on backend="${backend}" and says so in the event`, async () => {
      const el = await element(html`<digit-canvas backend=${backend}></digit-canvas>`);
      el.strokes = drawnDigit(0, { cx: 154, cy: 154, size: 210, width: 16 });
      const prediction = await el.predict();
      expect(prediction.backend).to.equal(backend);
      expect(prediction.digit).to.equal(0);
    });
  }

  it('a lost WebGL context does not leave a dead element: the next prediction works again', async () => {
    const el = await element(html`<digit-canvas backend="webgl"></digit-canvas>`);
    el.strokes = drawnDigit(7, { cx: 154, cy: 154, size: 220, width: 16 });
    const first = await el.predict();
    expect(first.backend).to.equal('webgl');
    const webgl = tf.engine().registry['webgl'] as unknown as { gpgpu: { gl: WebGLRenderingContext } };
    webgl.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
    const after = await el.predict();
    expect(after.digit).to.equal(7);
    expect(after.backend).to.be.oneOf(['webgl', 'wasm', 'cpu']);
  });

  it('switching backend swaps the classifier', async () => {
    const el = await element(html`<digit-canvas backend="cpu"></digit-canvas>`);
    el.strokes = drawnDigit(1, { cx: 154, cy: 154, size: 200, width: 16 });
    expect((await el.predict()).backend).to.equal('cpu');
    el.backend = 'wasm';
    await el.updateComplete;
    expect((await el.predict()).backend).to.equal('wasm');
  });

  it('leaks no tensors over 200 predictions through the element', async () => {
    const el = await element(html`<digit-canvas backend="wasm" no-result></digit-canvas>`);
    el.strokes = drawnDigit(7, { cx: 154, cy: 154, size: 220, width: 16 });
    await el.predict();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) await el.predict();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('the Predict button classifies and shows progress while the model loads', async () => {
    const el = await element(html`<digit-canvas model-url=${new URL('/model/model.json?button', location.href).href}></digit-canvas>`);
    el.strokes = drawnDigit(1, { cx: 154, cy: 154, size: 200, width: 16 });
    const button = part(el, 'predict-button') as HTMLButtonElement;
    expect(button.getAttribute('aria-busy')).to.equal('false');
    expect(button.getAttribute('aria-disabled')).to.equal(null);
    const fired = oneEvent(el, 'prediction');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(button.textContent).to.contain('Loading model');
    expect((await fired).detail.digit).to.equal(1);
    await el.updateComplete;
    expect(button.getAttribute('aria-busy')).to.equal('false');
    expect(button.textContent!.trim()).to.equal('Predict');
  });

  it('loads the model on first interaction, before Predict is pressed', async () => {
    const url = new URL('/model/model.json?first-interaction', location.href).href;
    const el = await element(html`<digit-canvas model-url=${url}></digit-canvas>`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(performance.getEntriesByName(url), 'nothing loaded before interaction').to.have.length(0);
    draw(el, [[100, 100], [120, 200]]);
    await el.updateComplete;
    expect(part(el, 'predict-button')!.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 200 && performance.getEntriesByName(url).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(performance.getEntriesByName(url)).to.have.length(1);
  });

  it('with auto-predict loads the model right after first paint, before any interaction', async () => {
    const url = new URL('/model/model.json?auto-predict', location.href).href;
    const el = await element(html`<digit-canvas auto-predict model-url=${url}></digit-canvas>`);
    for (let i = 0; i < 200 && performance.getEntriesByName(url).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(performance.getEntriesByName(url)).to.have.length(1);
    for (let i = 0; i < 400 && el.shadowRoot!.querySelector('[part="predict-button"]')!.getAttribute('aria-busy') === 'true'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await el.updateComplete;
    }
    expect(part(el, 'predict-button')!.getAttribute('aria-busy'), 'loading finished').to.equal('false');
  });

  it('no-result hides the built-in result UI; the event still fires', async () => {
    const el = await element(html`<digit-canvas no-result></digit-canvas>`);
    el.strokes = drawnDigit(0, { cx: 154, cy: 154, size: 210, width: 16 });
    await el.predict();
    await el.updateComplete;
    expect(getComputedStyle(el.shadowRoot!.querySelector('.outcome')!).display).to.equal('none');
  });
});
