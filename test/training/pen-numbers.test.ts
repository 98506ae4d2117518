import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canvasSize } from '../../src/core/number-layout.ts';
import { strokeBounds } from '../../src/core/vector-grid.ts';
import { loadPenDigits } from '../../src/training/pen-files.ts';
import { composeNumbers } from '../../src/training/pen-numbers.ts';
import { Random } from '../../src/training/random.ts';

const samples = loadPenDigits().filter((sample) => sample.writerId < 'e');

test("each number is one writer's digits, in a row on the surface for that many digits", () => {
  const numbers = composeNumbers(samples, [2, 6], 3, new Random(5));
  assert.ok(numbers.length > 0);
  const labels = new Map(samples.map((sample) => [sample.writerId, new Set<string>()]));
  for (const sample of samples) labels.get(sample.writerId)!.add(sample.label);
  for (const number of numbers) {
    assert.match(number.label, /^\d{2}$|^\d{6}$/);
    for (const digit of number.label) assert.ok(labels.get(number.writerId)!.has(digit), `${number.writerId} wrote no ${digit}`);
    assert.deepEqual({ width: number.width, height: number.height }, canvasSize(number.label.length));
    const bounds = strokeBounds(number.strokes)!;
    assert.ok(bounds.minX >= 0 && bounds.minY >= 0 && bounds.maxX <= number.width && bounds.maxY <= number.height, number.label);
  }
});

test('composition is seeded: the same seed lays out the same numbers', () => {
  assert.deepEqual(composeNumbers(samples, [3], 2, new Random(8)), composeNumbers(samples, [3], 2, new Random(8)));
});
