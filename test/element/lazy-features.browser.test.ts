/// <reference types="mocha" />
// The pixel preprocess modes, number mode and loading="visible"'s trigger download on first use:
// this file runs in its own page, so it sees the page before and after their code arrives.
import { expect, html } from '@open-wc/testing';
import { SEVEN, drawStrokes, element, testEndpoint } from './element-test-helpers.ts';

// Room for every resource: the `visible` element loads the local classifier, whose many modules
// would otherwise fill the default buffer (250 entries) before later tests look.
performance.setResourceTimingBufferSize(100_000);

const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => pattern.test(url));
const pixelModules = () => fetched(/\/src\/(element\/raster-grid|core\/pixel-grid)\.ts/);
const numberModules = () => fetched(/\/src\/(element\/number-reading|core\/number-grids|core\/digit-segmentation)\.ts/);
const visibilityTrigger = () => fetched(/\/src\/element\/visibility-trigger\.ts/);

describe('<digit-canvas> features downloaded on first use', () => {
  it('a one-digit element on the default preprocess (vector) draws and predicts without either', async () => {
    const el = await element(html`<digit-canvas endpoint=${testEndpoint('predict')}></digit-canvas>`);
    drawStrokes(el, SEVEN);
    expect((await el.predict()).digit).to.equal(7);
    expect(pixelModules()).to.deep.equal([]);
    expect(numberModules()).to.deep.equal([]);
    expect(visibilityTrigger()).to.deep.equal([]);
  });

  it('loading="visible" downloads its trigger', async () => {
    await element(html`<digit-canvas loading="visible"></digit-canvas>`);
    for (let i = 0; i < 200 && visibilityTrigger().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(visibilityTrigger().length).to.be.greaterThan(0);
  });

  it('number mode downloads its reading as soon as `digits` asks for more than one', async () => {
    const el = await element(html`<digit-canvas endpoint=${testEndpoint('predict')}></digit-canvas>`);
    el.digits = 2;
    await el.updateComplete;
    // Resource timing lists a module once it has arrived, which a loaded machine can delay.
    for (let i = 0; i < 200 && numberModules().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(numberModules().length).to.be.greaterThan(0);
  });

  it('getGrid() says to wait until the code is here; predict() waits for it; updateComplete covers it', async () => {
    const el = await element(html`<digit-canvas endpoint=${testEndpoint('predict')}></digit-canvas>`);
    drawStrokes(el, SEVEN);
    el.preprocess = 'mnist';
    expect(() => el.getGrid()).to.throw(/preprocess="mnist" is still downloading; await the element's updateComplete/);
    expect(el.strokes).to.have.length(SEVEN.length);
    const prediction = await el.predict();
    expect(prediction.source).to.equal('remote');
    expect(pixelModules().length).to.be.greaterThan(0);
    const mnist = el.getGrid();
    expect(mnist.some((value) => value > 0)).to.equal(true);

    el.preprocess = 'grid';
    await el.updateComplete;
    const grid = el.getGrid();
    expect(Array.from(grid)).to.not.deep.equal(Array.from(mnist));
  });

  it('an element created with a pixel mode can read its grid once its first update is complete', async () => {
    const el = await element(html`<digit-canvas preprocess="grid"></digit-canvas>`);
    drawStrokes(el, SEVEN);
    expect(el.getGrid().some((value) => value > 0)).to.equal(true);
  });
});
