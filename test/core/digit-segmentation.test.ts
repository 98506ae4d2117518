import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segmentDigits } from '../../src/core/digit-segmentation.ts';
import type { VectorStroke } from '../../src/core/vector-grid.ts';
import { isValidationWriter, type PenSample } from '../../src/training/pen-data.ts';
import { loadPenDigits } from '../../src/training/pen-files.ts';
import { composeNumber, composeNumbers, ROW_LAYOUT } from '../../src/training/pen-numbers.ts';
import { drawnDigit } from '../fixtures/drawn-digits.ts';
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

/** Points every 4 px along a polyline through `xy` pairs (as pointer events sample a stroke), with a pen width. */
function penStroke(...xy: number[]): VectorStroke & { width: number } {
  const corners = Array.from({ length: xy.length / 2 }, (_, i) => ({ x: xy[2 * i]!, y: xy[2 * i + 1]! }));
  const points = [corners[0]!];
  for (let i = 1; i < corners.length; i++) {
    const [a, b] = [corners[i - 1]!, corners[i]!];
    const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 4));
    for (let s = 1; s <= steps; s++) points.push({ x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps });
  }
  return { width: 16, points };
}
/** An oval from the top, anticlockwise on screen, back to the top: the corners of a 0 centred at (cx, cy). */
const oval = (cx: number, cy: number, rx: number, ry: number): number[] =>
  Array.from({ length: 25 }, (_, i) => [cx - rx * Math.sin((i / 24) * 2 * Math.PI), cy - ry * Math.cos((i / 24) * 2 * Math.PI)]).flat();

test('"00" written without lifting the pen is cut in two digits where the pen passed from one to the other', () => {
  const stroke = penStroke(...oval(100, 150, 45, 100), ...oval(230, 150, 45, 100));
  const groups = segmentDigits([stroke]);
  assert.equal(groups.length, 2);
  const [left, right] = groups;
  // Cut on the pen's way along the top, between the first 0's right side (145) and the second's left (185).
  const at = right!.strokes[0]!.points[0]!;
  assert.ok(at.x >= 145 && at.x <= 185 && at.y === 50, JSON.stringify(at));
  assert.ok(left!.box.x === 55 && right!.box.x + right!.box.width === 275, JSON.stringify(groups.map((g) => g.box)));
  // The halves are new strokes with the stroke's other fields, sharing the point where it was cut.
  assert.equal(left!.strokes.length, 1);
  assert.equal(right!.strokes[0]!.width, 16);
  assert.deepEqual(left!.strokes[0]!.points.at(-1), right!.strokes[0]!.points[0]);
  assert.equal(left!.strokes[0]!.points.length + right!.strokes[0]!.points.length, stroke.points.length + 1);
  // Only while the digits allowed leave room for one more.
  assert.equal(segmentDigits([stroke], { maxDigits: 1 }).length, 1);
  assert.equal(segmentDigits([stroke], { maxDigits: 2 }).length, 2);
});

test('"11" written in one go (down, up to the next, down) is cut in two; a 1 beside it is left alone', () => {
  const elevens = penStroke(80, 50, 80, 260, 160, 50, 160, 260);
  const one = penStroke(300, 50, 300, 260);
  const groups = segmentDigits([elevens, one]);
  assert.equal(groups.length, 3);
  assert.ok(groups[0]!.box.x + groups[0]!.box.width < 125 && groups[1]!.box.x > 115, JSON.stringify(groups.map((g) => g.box)));
  assert.deepEqual(groups[2]!.strokes, [one]);
  assert.equal(segmentDigits([elevens, one], { maxDigits: 2 }).length, 2);
});

test('one-stroke digits stay whole: an open 0, a 1 with a long lead-in, a 7, a 2 and the drawn fixtures', () => {
  // A 0 whose end stops short of its start, leaving the top open: its middle is crossed once, at the bottom.
  const open = penStroke(120, 50, 70, 80, 55, 150, 75, 240, 120, 260, 165, 240, 185, 150, 170, 80, 150, 55);
  const leadIn = penStroke(60, 200, 130, 40, 130, 260);
  const seven = penStroke(40, 40, 170, 40, 90, 260);
  const two = penStroke(50, 90, 100, 40, 160, 80, 60, 250, 180, 250);
  for (const stroke of [open, leadIn, seven, two]) assert.equal(segmentDigits([stroke]).length, 1, JSON.stringify(stroke.points.slice(0, 3)));
  for (let digit = 0; digit <= 9; digit++) {
    for (const slant of [-0.15, 0, 0.2]) assert.equal(segmentDigits(drawnDigit(digit, { cx: 154, cy: 154, size: 200, width: 16, slant })).length, 1, `${digit}`);
  }
});

test("real pen data: no validation writer's lone digit is cut in two", () => {
  const cut = validation.filter((sample) => {
    const strokes = sample.strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) }));
    return segmentDigits(strokes).length > segmentDigits(strokes, { maxDigits: 0 }).length;
  });
  assert.ok(validation.length > 1000, `${validation.length} digits`);
  assert.deepEqual(cut.map((sample) => `${sample.label} ${sample.id}`), []);
});

test("real pen data: two of a validation writer's one-stroke digits joined by the pen are mostly cut apart, where the pen went from one to the other", () => {
  const random = new Random(5);
  const byWriter = new Map<string, PenSample[]>();
  for (const sample of validation) if (sample.strokes.length === 1) byWriter.set(sample.writerId, [...(byWriter.get(sample.writerId) ?? []), sample]);
  let tried = 0;
  let cut = 0;
  let onTheWay = 0;
  for (const own of [...byWriter.keys()].sort().map((writer) => byWriter.get(writer)!)) {
    for (let n = 0; n < 5; n++) {
      const number = composeNumber([own[random.int(own.length)]!, own[random.int(own.length)]!], random, { ...ROW_LAYOUT, gap: [0, 0.3] });
      if (number.strokes.length !== 2) continue;
      const [first, second] = number.strokes as [VectorStroke, VectorStroke];
      // One stroke: the first digit, the pen's way to the second (sampled as the pointer would), the second.
      const joined = penStroke(...[first.points.at(-1)!, second.points[0]!].flatMap(({ x, y }) => [x, y]));
      const stroke = { points: [...first.points, ...joined.points.slice(1, -1), ...second.points] };
      const groups = segmentDigits([stroke], { maxDigits: 2 });
      tried++;
      if (groups.length !== 2) continue;
      cut++;
      // Where the second half starts: on the pen's way, give or take a tenth of a digit's points.
      const at = stroke.points.indexOf(groups.find((group) => group.strokes[0]!.points[0] !== stroke.points[0])!.strokes[0]!.points[0]!);
      const slack = 0.1 * Math.min(first.points.length, second.points.length);
      if (at >= first.points.length - 1 - slack && at <= stroke.points.length - second.points.length + slack) onTheWay++;
    }
  }
  assert.ok(tried >= 100, `${tried} pairs`);
  assert.ok(cut / tried >= 0.5, `${cut} of ${tried} cut apart`);
  assert.ok(onTheWay / cut >= 0.95, `${onTheWay} of ${cut} cut on the pen's way between the digits`);
});
