import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TRIM_MARGIN, drawingSvg, exportBox, strokePath } from '../../src/core/drawing-export.ts';
import type { Stroke } from '../../src/core/strokes.ts';

const stroke = (width: number, ...points: [number, number][]): Stroke => ({ width, points: points.map(([x, y]) => ({ x, y, t: 0, pressure: 0.5 })) });

test('exportBox: the whole canvas untrimmed; trimmed, the ink with its pen and the margin, within the canvas', () => {
  const strokes = [stroke(10, [100, 120], [140, 200])];
  assert.deepEqual(exportBox(strokes, false), { x: 0, y: 0, width: 308, height: 308 });
  assert.deepEqual(exportBox(strokes, true, 0), { x: 95, y: 115, width: 50, height: 90 });
  assert.deepEqual(exportBox(strokes, true), { x: 95 - DEFAULT_TRIM_MARGIN, y: 115 - DEFAULT_TRIM_MARGIN, width: 50 + 2 * DEFAULT_TRIM_MARGIN, height: 90 + 2 * DEFAULT_TRIM_MARGIN });
  assert.deepEqual(exportBox([stroke(16, [2, 300], [40, 306])], true, 10), { x: 0, y: 282, width: 58, height: 26 }, 'clipped to the canvas');
  assert.deepEqual(exportBox([], true), { x: 0, y: 0, width: 308, height: 308 }, 'no ink: the canvas');
  assert.deepEqual(exportBox([stroke(8, [-50, -50], [-20, -30])], true, 0), { x: 0, y: 0, width: 308, height: 308 }, 'ink only off the canvas: the canvas');
  assert.throws(() => exportBox(strokes, true, -1), /margin must be a number ≥ 0, got -1/);
});

test('strokePath: the ink renderer curve, quadratic through the midpoints, a line for two samples', () => {
  assert.equal(strokePath(stroke(8, [10, 10], [20, 30])), 'M10 10L20 30');
  assert.equal(strokePath(stroke(8, [0, 0], [10, 0], [10, 10], [20, 10])), 'M0 0Q10 0 10 5Q10 10 15 10L20 10');
});

test('drawingSvg: one element per stroke (a dot is a circle), paper as a rect only when asked, colours escaped', () => {
  const box = { x: 0, y: 0, width: 308, height: 308 };
  const svg = drawingSvg([stroke(12, [10, 10], [50, 60]), stroke(20, [100, 100])], { box, ink: 'rgb(17, 17, 17)' });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 308 308" width="308" height="308">/);
  assert.match(svg, /<path d="M10 10L50 60" fill="none" stroke="rgb\(17, 17, 17\)" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"\/>/);
  assert.match(svg, /<circle cx="100" cy="100" r="10" fill="rgb\(17, 17, 17\)"\/>/);
  assert.doesNotMatch(svg, /<rect/);
  const onPaper = drawingSvg([], { box: { x: 5, y: 6, width: 7, height: 8 }, ink: '#000', paper: '"><script>' });
  assert.match(onPaper, /viewBox="5 6 7 8"/);
  assert.match(onPaper, /<rect x="5" y="6" width="7" height="8" fill="&quot;>&lt;script>"\/>/);
  assert.doesNotMatch(onPaper, /<script/);
});
