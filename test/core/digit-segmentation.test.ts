import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segmentDigits } from '../../src/core/digit-segmentation.ts';
import type { VectorStroke } from '../../src/core/vector-grid.ts';
import { isValidationWriter, type PenSample } from '../../src/training/pen-data.ts';
import { loadPenDigits } from '../../src/training/pen-files.ts';
import { composeNumber, composeNumbers } from '../../src/training/pen-numbers.ts';
import { Random } from '../../src/training/random.ts';

const digits = loadPenDigits();
const validation = digits.filter((sample) => isValidationWriter(sample.writerId));

/** A polyline from [x, y] pairs. */
const line = (...xy: number[]): VectorStroke => ({ points: Array.from({ length: xy.length / 2 }, (_, i) => ({ x: xy[2 * i]!, y: xy[2 * i + 1]! })) });
/** A closed loop (an 0) centred at (cx, cy). */
const loop = (cx: number, cy: number, rx: number, ry: number): VectorStroke => ({
  points: Array.from({ length: 25 }, (_, i) => ({ x: cx + rx * Math.sin((i / 24) * 2 * Math.PI), y: cy - ry * Math.cos((i / 24) * 2 * Math.PI) })),
});

test('no strokes, or strokes without points, give no groups', () => {
  assert.deepEqual(segmentDigits([]), []);
  assert.deepEqual(segmentDigits([{ points: [] }]), []);
});

test('well-spaced digits come back one group each, left to right, whatever order they were drawn in', () => {
  const one = line(60, 40, 60, 260);
  const zero = loop(200, 150, 50, 110);
  const seven = line(300, 40, 400, 40, 330, 260);
  const groups = segmentDigits([seven, one, zero]);
  assert.deepEqual(groups.map((group) => group.strokes), [[one], [zero], [seven]]);
  assert.deepEqual(groups[0]!.box, { x: 60, y: 40, width: 0, height: 220 });
});

test("a 4's two strokes, a 5's flag and a 7's bar stay with their digit", () => {
  const fourBar = line(40, 40, 20, 170, 120, 170);
  const fourStem = line(95, 60, 95, 260);
  const fiveBody = line(180, 40, 170, 140, 230, 130, 250, 200, 220, 255, 170, 240);
  const fiveFlag = line(185, 40, 250, 38);
  const sevenBody = line(300, 40, 390, 40, 330, 260);
  const sevenBar = line(320, 150, 390, 150);
  const groups = segmentDigits([fourBar, fourStem, fiveBody, fiveFlag, sevenBody, sevenBar]);
  assert.deepEqual(groups.map((group) => group.strokes), [[fourBar, fourStem], [fiveBody, fiveFlag], [sevenBody, sevenBar]]);
});

test('a 5 whose flag stands apart to the right, drawn after its body, keeps the flag', () => {
  const body = line(60, 60, 50, 140, 110, 130, 130, 200, 100, 255, 50, 240);
  const flag = line(150, 55, 230, 50);
  const one = line(330, 40, 330, 260);
  assert.deepEqual(segmentDigits([body, flag, one]).map((group) => group.strokes), [[body, flag], [one]]);
});

test('two digits whose ink touches are split where they were written one after the other', () => {
  const zero = loop(100, 150, 50, 110);
  const six = line(250, 40, 165, 170, 190, 250, 240, 240, 245, 180, 190, 170, 150, 190);
  assert.equal(segmentDigits([zero, six]).length, 2);
  // A 1 that touches the 0 before it, its columns inside the 0's edge.
  const one = line(148, 40, 149, 260);
  assert.deepEqual(segmentDigits([zero, one]).map((group) => group.strokes), [[zero], [one]]);
});

test('a dot joins the digit drawn next to it instead of counting as a digit', () => {
  const one = line(60, 60, 60, 260);
  const dot = line(62, 30);
  const zero = loop(200, 150, 50, 110);
  assert.deepEqual(segmentDigits([one, dot, zero]).map((group) => group.strokes), [[one, dot], [zero]]);
});

test("real pen data: the validation writers' two-stroke 4s, 5s and 7s, written between two digits, stay whole", () => {
  const random = new Random(41);
  const oneStroke = validation.filter((sample) => sample.strokes.length === 1);
  let whole = 0;
  let tried = 0;
  for (const label of ['4', '5', '7']) {
    const twoStroke = validation.filter((sample) => sample.label === label && sample.strokes.length === 2);
    assert.ok(twoStroke.length >= 10, `${twoStroke.length} two-stroke ${label}s`);
    for (const sample of twoStroke) {
      const own = oneStroke.filter((other) => other.writerId === sample.writerId);
      if (own.length === 0) continue;
      const pick = (): PenSample => own[random.int(own.length)]!;
      const number = composeNumber([pick(), sample, pick()], random);
      const groups = segmentDigits(number.strokes);
      tried++;
      if (groups.length === 3 && groups[1]!.strokes.length === 2) whole++;
    }
  }
  assert.ok(tried >= 60, `${tried} numbers`);
  assert.ok(whole / tried >= 0.95, `${whole} of ${tried} stayed whole`);
});

test("real pen data: numbers of 2–6 digits from the validation writers come back with the right count of digits (≥ 98%)", () => {
  const numbers = composeNumbers(validation, [2, 3, 4, 5, 6], 4, new Random(16));
  const right = numbers.filter((number) => segmentDigits(number.strokes).length === number.label.length).length;
  assert.ok(numbers.length >= 500, `${numbers.length} numbers`);
  assert.ok(right / numbers.length >= 0.98, `${right} of ${numbers.length}`);
});
