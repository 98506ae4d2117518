/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { reduceToGrid } from '../../src/core/pixel-grid.ts';
import { clipStrokes } from '../../src/core/stroke-clipping.ts';
import type { Stroke } from '../../src/core/strokes.ts';
import { vectorGrid } from '../../src/core/vector-grid.ts';
import { DrawingGridCache, drawingGrid, gridModeReady, loadGridMode } from '../../src/element/drawing-grid.ts';
import { rasterizeStrokes } from '../../src/element/raster-grid.ts';

const line = (x0: number, y0: number, x1: number, y1: number): Stroke => ({
  width: 16,
  points: [
    { x: x0, y: y0, t: 0, pressure: 0.5 },
    { x: x1, y: y1, t: 16, pressure: 0.5 },
  ],
});
/** A stroke that runs off the right edge of the canvas. */
const strokes = [line(100, 60, 400, 250), line(150, 60, 150, 250)];

describe('drawing-grid', () => {
  // First, while this page has not loaded the pixel modes' code.
  it('the pixel modes wait for their code: until it has arrived they throw, vector never waits', async () => {
    expect(gridModeReady('vector')).to.equal(true);
    expect(gridModeReady('mnist')).to.equal(false);
    expect(() => drawingGrid(strokes, 'mnist')).to.throw(/preprocess="mnist" is still downloading; await the element's updateComplete/);
    // Number mode's wide surface reads by vector whatever the mode, so it does not wait.
    expect(Array.from(drawingGrid(strokes, 'grid', { width: 462, height: 308 }))).to.deep.equal(Array.from(vectorGrid(clipStrokes(strokes, 462, 308))));
    await loadGridMode('mnist');
    expect(gridModeReady('mnist')).to.equal(true);
    expect(gridModeReady('grid')).to.equal(true);
  });

  it('vector reads the strokes clipped to the canvas; mnist and grid read the 308×308 raster', async () => {
    await loadGridMode('grid');
    expect(Array.from(drawingGrid(strokes, 'vector'))).to.deep.equal(Array.from(vectorGrid(clipStrokes(strokes, 308, 308))));
    expect(Array.from(drawingGrid(strokes, 'vector'))).to.not.deep.equal(Array.from(vectorGrid(strokes)));
    for (const mode of ['mnist', 'grid'] as const) {
      expect(Array.from(drawingGrid(strokes, mode))).to.deep.equal(Array.from(reduceToGrid(rasterizeStrokes(strokes), mode)));
    }
  });

  it('the cache hands out copies and computes again for a new version or mode', async () => {
    await loadGridMode('mnist');
    const cache = new DrawingGridCache();
    const first = cache.grid(strokes, 1, 'vector');
    first.fill(0);
    expect(Array.from(cache.grid(strokes, 1, 'vector'))).to.deep.equal(Array.from(drawingGrid(strokes, 'vector')));
    // Same version and mode: the remembered grid, even though these strokes differ.
    expect(Array.from(cache.grid([line(10, 10, 20, 20)], 1, 'vector'))).to.deep.equal(Array.from(drawingGrid(strokes, 'vector')));
    expect(Array.from(cache.grid([], 2, 'vector')).every((value) => value === 0)).to.equal(true);
    expect(Array.from(cache.grid(strokes, 2, 'mnist'))).to.deep.equal(Array.from(drawingGrid(strokes, 'mnist')));
  });
});
