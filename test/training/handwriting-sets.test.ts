import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VECTOR_PEN_WIDTH, vectorGrid } from '../../src/core/vector-grid.ts';
import type { MnistSet } from '../../src/training/idx.ts';
import { blendTargets, DEFAULT_MIX, epochItems, fillBatch, smoothLabels, validationSet, type PenSets } from '../../src/training/handwriting-sets.ts';
import { NUM_CLASSES } from '../../src/training/model.ts';
import type { PenSample } from '../../src/training/pen-data.ts';
import { Random } from '../../src/training/random.ts';

const sample = (writerId: string, i: number): PenSample => ({ id: `${writerId}-${i}`, writerId, label: String(i % 10), strokes: [[[0, 0], [1, 1]]] });
// One prolific writer (40 digits) beside two who wrote 5 each.
const digits = [
  ...Array.from({ length: 40 }, (_, i) => sample('prolific', i)),
  ...Array.from({ length: 5 }, (_, i) => sample('a', i)),
  ...Array.from({ length: 5 }, (_, i) => sample('b', i)),
];
const sets: PenSets = { digits: { train: digits, validation: [] }, letters: { train: [], validation: [] } };
const mix = { ...DEFAULT_MIX, mnist: 0, generated: 0, letterRepeats: 0, penRepeats: 3 };

function penCountsByWriter(items: ReturnType<typeof epochItems>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.source !== 'pen') continue;
    const writer = digits[item.index]!.writerId;
    counts.set(writer, (counts.get(writer) ?? 0) + 1);
  }
  return counts;
}

test('without a writer cap every training digit is in every repeat', () => {
  const items = epochItems(mix, 0, sets, new Random(1));
  const perIndex = new Map<number, number>();
  for (const item of items) if (item.source === 'pen') perIndex.set(item.index, (perIndex.get(item.index) ?? 0) + 1);
  assert.equal(perIndex.size, digits.length);
  assert.ok([...perIndex.values()].every((n) => n === 3));
});

test('a writer cap limits each writer per repeat and varies which of their digits are picked', () => {
  const items = epochItems({ ...mix, writerCap: 8 }, 0, sets, new Random(1));
  assert.deepEqual(Object.fromEntries(penCountsByWriter(items)), { prolific: 24, a: 15, b: 15 });
  const prolificPicked = new Set(items.filter((i) => i.source === 'pen' && digits[i.index]!.writerId === 'prolific').map((i) => (i as { index: number }).index));
  // Three fresh picks of 8 out of 40: more than one repeat's worth of distinct digits.
  assert.ok(prolificPicked.size > 8, `${prolificPicked.size} distinct digits`);
});

test('label smoothing spreads epsilon over the classes and keeps each row a distribution', () => {
  const y = new Float32Array(3 * NUM_CLASSES);
  y[2] = 1;
  y[NUM_CLASSES + 10] = 1;
  y[2 * NUM_CLASSES + 5] = 1; // a third row beyond n stays one-hot
  smoothLabels(y, 2, 0.1);
  for (let row = 0; row < 2; row++) {
    const sum = y.subarray(row * NUM_CLASSES, (row + 1) * NUM_CLASSES).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-6);
  }
  assert.ok(Math.abs(y[2]! - (0.9 + 0.1 / NUM_CLASSES)) < 1e-6);
  assert.ok(Math.abs(y[0]! - 0.1 / NUM_CLASSES) < 1e-6);
  assert.equal(y[2 * NUM_CLASSES + 5], 1);
  assert.equal(y[2 * NUM_CLASSES], 0);
});

test("distillation's blend moves the weight of each target row onto the teachers' row and keeps it a distribution", () => {
  const y = new Float32Array(3 * NUM_CLASSES);
  y[4] = 1;
  y[NUM_CLASSES + 10] = 1;
  y[2 * NUM_CLASSES + 1] = 1; // beyond n: untouched
  const teacher = new Float32Array(2 * NUM_CLASSES);
  teacher[9] = 0.8;
  teacher[4] = 0.2;
  teacher[NUM_CLASSES + 10] = 1;
  blendTargets(y, teacher, 2, 0.25);
  assert.ok(Math.abs(y[4]! - (0.75 + 0.25 * 0.2)) < 1e-6);
  assert.ok(Math.abs(y[9]! - 0.25 * 0.8) < 1e-6);
  assert.equal(y[NUM_CLASSES + 10], 1);
  assert.equal(y[2 * NUM_CLASSES + 1], 1);
  for (let row = 0; row < 2; row++) assert.ok(Math.abs(y.subarray(row * NUM_CLASSES, (row + 1) * NUM_CLASSES).reduce((a, b) => a + b, 0) - 1) < 1e-6);
});

/** A nine as a pen writes it: a loop, then the tail down from its right side. */
const nine: PenSample['strokes'] = [
  [
    ...Array.from({ length: 13 }, (_, i) => [30 + 25 * Math.cos((i / 12) * 2 * Math.PI), 30 - 25 * Math.sin((i / 12) * 2 * Math.PI)] as [number, number]),
    [55, 60],
    [50, 110],
  ],
];
const ink = (grid: Float32Array) => grid.reduce((sum, v) => sum + v, 0);

test('another pen width reduces the same validation drawings, placed the same, with that pen', () => {
  const nines: PenSets = { digits: { train: [], validation: [{ id: 'n', writerId: 'w', label: '9', strokes: nine }] }, letters: { train: [], validation: [] } };
  const usual = validationSet(nines);
  const thin = validationSet(nines, { penWidth: 2 });
  assert.equal(thin.length, usual.length);
  thin.forEach((drawing, i) => {
    assert.deepEqual(drawing.drawing, usual[i]!.drawing, `drawing ${i} is placed the same`);
    assert.deepEqual(drawing.grid, vectorGrid(drawing.drawing, { penWidth: 2 }));
    assert.deepEqual(usual[i]!.grid, vectorGrid(drawing.drawing, { penWidth: VECTOR_PEN_WIDTH }));
  });
  assert.ok(ink(thin[0]!.grid) < ink(usual[0]!.grid), 'the thinner pen lays down less ink');
});

test('fillBatch reduces pen digits with the pen width it is given, and the same random draws give the same drawing', () => {
  const nines: PenSets = { digits: { train: [{ id: 'n', writerId: 'w', label: '9', strokes: nine }], validation: [] }, letters: { train: [], validation: [] } };
  const noMnist = {} as MnistSet;
  const batch = (penWidth?: number) => {
    const x = new Float32Array(784);
    const y = new Float32Array(NUM_CLASSES);
    fillBatch([{ source: 'pen', index: 0 }], noMnist, nines, x, y, new Random(5), penWidth === undefined ? {} : { penWidth });
    return { x, y };
  };
  const usual = batch();
  assert.deepEqual(batch(VECTOR_PEN_WIDTH).x, usual.x, "the default is the element's pen");
  const thin = batch(2);
  assert.equal(thin.y[9], 1);
  assert.ok(ink(thin.x) < ink(usual.x) && ink(thin.x) > 0, `ink ${ink(thin.x)} against ${ink(usual.x)}`);
});
