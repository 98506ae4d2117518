import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CANVAS_SIZE } from '../../src/core/strokes.ts';
import { strokeBounds, vectorGrid } from '../../src/core/vector-grid.ts';
import { loadPenDigits } from '../../src/training/pen-files.ts';
import { AS_WRITTEN, penDrawing, penGrid, TRAIN_PEN_AUGMENT } from '../../src/training/pen-render.ts';
import { Random } from '../../src/training/random.ts';

const samples = loadPenDigits().filter((_, i) => i % 97 === 0);

test('as written, a sample lands inside the canvas at 35–85% of its height, its aspect kept', () => {
  const random = new Random(3);
  for (const sample of samples) {
    const raw = strokeBounds(sample.strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) })))!;
    const placed = strokeBounds(penDrawing(sample.strokes, random, AS_WRITTEN))!;
    assert.ok(placed.minX >= 0 && placed.minY >= 0 && placed.maxX <= CANVAS_SIZE && placed.maxY <= CANVAS_SIZE, sample.id);
    const height = (placed.maxY - placed.minY) / CANVAS_SIZE;
    const wide = (raw.maxX - raw.minX) / (raw.maxY - raw.minY) > 1;
    if (!wide) assert.ok(height >= 0.35 - 1e-9 && height <= 0.85 + 1e-9, `${sample.id}: ${height}`);
    const rawAspect = (raw.maxX - raw.minX) / Math.max(1e-9, raw.maxY - raw.minY);
    const placedAspect = (placed.maxX - placed.minX) / Math.max(1e-9, placed.maxY - placed.minY);
    assert.ok(Math.abs(rawAspect - placedAspect) < 1e-6 * Math.max(1, rawAspect), sample.id);
  }
});

test('as written, the grid is the vector grid of the ink itself: placing it changes nothing the model sees', () => {
  const random = new Random(4);
  for (const sample of samples.slice(0, 20)) {
    const ink = vectorGrid(sample.strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) })));
    const drawn = penGrid(sample.strokes, random, AS_WRITTEN);
    let worst = 0;
    for (let i = 0; i < 784; i++) worst = Math.max(worst, Math.abs(ink[i]! - drawn[i]!));
    assert.ok(worst < 1e-3, `${sample.id} differs by ${worst}`);
  }
});

test('training renders are seeded: one seed, one grid; another seed, another slant', () => {
  const sample = samples[5]!;
  const a = penGrid(sample.strokes, new Random(9), TRAIN_PEN_AUGMENT);
  const b = penGrid(sample.strokes, new Random(9), TRAIN_PEN_AUGMENT);
  const c = penGrid(sample.strokes, new Random(10), TRAIN_PEN_AUGMENT);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('a training render changes the shape, not only the placement: strokes move on their own and the drawing bends', () => {
  const restyleOnly = { ...AS_WRITTEN, ...pick(TRAIN_PEN_AUGMENT, ['strokeShift', 'strokeScale', 'strokeRotationDeg', 'warpAmplitude', 'bulgeProbability', 'bulgeStrength']) };
  const random = new Random(11);
  for (const sample of samples.slice(0, 20)) {
    const ink = penGrid(sample.strokes, new Random(1), AS_WRITTEN);
    const restyled = penGrid(sample.strokes, random, restyleOnly);
    let differ = 0;
    let overlap = 0;
    let union = 0;
    for (let i = 0; i < 784; i++) {
      differ = Math.max(differ, Math.abs(ink[i]! - restyled[i]!));
      overlap += Math.min(ink[i]!, restyled[i]!);
      union += Math.max(ink[i]!, restyled[i]!);
    }
    assert.ok(differ > 0.2, `${sample.id}: the shape did not change`);
    assert.ok(overlap / union > 0.3, `${sample.id}: the shape is no longer the digit (overlap ${overlap / union})`);
  }
});

test('the bulge never folds a stroke over itself, even at strength 0.9', () => {
  const line = Array.from({ length: 101 }, (_, i) => [i, 50] as const);
  const post = [[0, 0], [0, 100]] as const;
  const bulgeOnly = { ...AS_WRITTEN, height: [0.5, 0.5] as const, bulgeProbability: 1, bulgeStrength: 0.9 };
  for (let seed = 1; seed <= 50; seed++) {
    const [drawn] = penDrawing([line, post], new Random(seed), bulgeOnly);
    const xs = drawn!.points.map((p) => p.x);
    for (let i = 1; i < xs.length; i++) assert.ok(xs[i]! > xs[i - 1]!, `seed ${seed}: point ${i} went back`);
  }
});

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}
