import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numberGrids } from '../../src/core/number-grids.ts';
import { canvasSize, digitsForWidth, MAX_DIGITS } from '../../src/core/number-layout.ts';
import { clipStrokes } from '../../src/core/stroke-clipping.ts';
import { vectorGrid, type VectorStroke } from '../../src/core/vector-grid.ts';

const line = (...xy: number[]): VectorStroke => ({ points: Array.from({ length: xy.length / 2 }, (_, i) => ({ x: xy[2 * i]!, y: xy[2 * i + 1]! })) });

test('one digit keeps the 308×308 surface; each more digit adds half a square', () => {
  assert.deepEqual(canvasSize(1), { width: 308, height: 308 });
  assert.deepEqual(canvasSize(2), { width: 462, height: 308 });
  assert.deepEqual(canvasSize(6), { width: 1078, height: 308 });
  assert.deepEqual(canvasSize(MAX_DIGITS), { width: 308 + 15 * 154, height: 308 });
});

test('a digit count outside 1..16 or not whole is refused, naming it', () => {
  for (const bad of [0, 17, 2.5, Number.NaN]) assert.throws(() => canvasSize(bad), (error: Error) => error instanceof RangeError && error.message.includes(String(bad)));
});

test('each digit of a number gets exactly the vector grid it would get alone', () => {
  const seven = [line(40, 40, 130, 40, 70, 260), line(60, 150, 130, 150)];
  const one = line(250, 40, 250, 260);
  const grids = numberGrids([...seven, one], 462, 308);
  assert.equal(grids.length, 2);
  assert.deepEqual(grids[0]!.grid, vectorGrid(seven));
  assert.deepEqual(grids[1]!.grid, vectorGrid([one]));
  assert.deepEqual(grids[1]!.box, { x: 250, y: 40, width: 0, height: 220 });
});

test('ink beyond the surface never counts: strokes are clipped to its width and height first', () => {
  const one = line(250, 40, 250, 260);
  const offCanvas = line(480, 40, 520, 260);
  assert.deepEqual(numberGrids([one, offCanvas], 462, 308).map(({ grid }) => grid), [vectorGrid(clipStrokes([one], 462, 308))]);
});

test('digitsForWidth is canvasSize backwards: the digits a surface is made for', () => {
  for (let digits = 1; digits <= MAX_DIGITS; digits++) assert.equal(digitsForWidth(canvasSize(digits).width), digits);
  assert.equal(digitsForWidth(100), 1);
  assert.equal(digitsForWidth(461), 1);
});

test("a stroke that is two digits is cut only while the digits allowed (by default the surface's) leave room", () => {
  const oval = (cx: number) => Array.from({ length: 49 }, (_, i) => [cx - 45 * Math.sin((i / 48) * 2 * Math.PI), 150 - 100 * Math.cos((i / 48) * 2 * Math.PI)]).flat();
  const zeros = line(...oval(100), ...Array.from({ length: 30 }, (_, i) => [100 + ((i + 1) * 130) / 31, 50]).flat(), ...oval(230));
  assert.equal(numberGrids([zeros], 462, 308).length, 2);
  assert.equal(numberGrids([zeros], 462, 308, 1).length, 1);
  assert.equal(numberGrids([zeros], 770, 308, 2).length, 2);
});
