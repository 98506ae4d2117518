import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipStrokes } from '../../src/core/stroke-clipping.ts';

const stroke = (...points: Array<[number, number]>) => ({ points: points.map(([x, y]) => ({ x, y })) });
const coords = (strokes: ReturnType<typeof clipStrokes>) => strokes.map((s) => s.points.map((p) => [p.x, p.y]));

test('strokes inside the canvas are kept as they are', () => {
  assert.deepEqual(coords(clipStrokes([stroke([10, 10], [50, 60], [100, 20]), stroke([5, 5])], 308, 308)), [
    [[10, 10], [50, 60], [100, 20]],
    [[5, 5]],
  ]);
});

test('a stroke entirely off the canvas, and a dot off it, are dropped', () => {
  assert.deepEqual(clipStrokes([stroke([-40, -40], [-400, -10]), stroke([400, 5])], 308, 308), []);
});

test('a segment crossing the edge is cut at the edge', () => {
  assert.deepEqual(coords(clipStrokes([stroke([154, 154], [154, 600])], 308, 308)), [[[154, 154], [154, 308]]]);
  assert.deepEqual(coords(clipStrokes([stroke([-100, 50], [200, 50])], 308, 308)), [[[0, 50], [200, 50]]]);
});

test('a stroke that leaves and comes back becomes two strokes', () => {
  const clipped = coords(clipStrokes([stroke([100, 100], [100, -100], [200, -100], [200, 100])], 308, 308));
  assert.deepEqual(clipped, [
    [[100, 100], [100, 0]],
    [[200, 0], [200, 100]],
  ]);
});

test('a segment passing through a corner region without entering is dropped', () => {
  assert.deepEqual(clipStrokes([stroke([-10, 4], [4, -10])], 308, 308), []);
});
