import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTooSmallToRead } from '../../src/core/drawing-size.ts';
import { isBlankGrid } from '../../src/core/preprocess.ts';
import { CANVAS_SIZE } from '../../src/core/strokes.ts';
import { strokeBounds, vectorGrid } from '../../src/core/vector-grid.ts';
import { NON_DIGIT_KINDS, nonDigitDrawing } from '../../src/training/non-digits.ts';
import { AS_WRITTEN, TRAIN_PEN_AUGMENT } from '../../src/training/pen-render.ts';
import { Random } from '../../src/training/random.ts';

test('every kind of mark is drawn on the canvas with ink, and only a tap is too small to read', () => {
  const random = new Random(11);
  for (const kind of NON_DIGIT_KINDS) {
    for (let i = 0; i < 25; i++) {
      const drawing = nonDigitDrawing(kind, random, i % 2 ? AS_WRITTEN : TRAIN_PEN_AUGMENT);
      const box = strokeBounds(drawing);
      assert.ok(box, `${kind} has points`);
      assert.ok(box.minX >= 0 && box.minY >= 0 && box.maxX <= CANVAS_SIZE && box.maxY <= CANVAS_SIZE, `${kind} stays on the canvas`);
      assert.ok(!isBlankGrid(vectorGrid(drawing)), `${kind} leaves ink in the grid`);
      assert.equal(isTooSmallToRead(drawing), kind === 'tap', `${kind}: too small to read`);
    }
  }
});

test('marks are seeded, and a crossed-out mark keeps the digit it strikes through', () => {
  const a = nonDigitDrawing('star', new Random(5), AS_WRITTEN);
  assert.deepEqual(a, nonDigitDrawing('star', new Random(5), AS_WRITTEN));
  assert.notDeepEqual(a, nonDigitDrawing('star', new Random(6), AS_WRITTEN));
  const digit = [[[0, 0], [10, 40], [20, 80]]] as const;
  const crossed = nonDigitDrawing('crossed-out', new Random(7), AS_WRITTEN, digit);
  assert.equal(crossed.length, 2, 'the digit stroke and the strike');
  assert.equal(crossed[0]!.points.length, 3);
});
