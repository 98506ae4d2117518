import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blendTargets, DEFAULT_MIX, epochItems, smoothLabels, type PenSets } from '../../src/training/handwriting-sets.ts';
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
