import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_PRESSURE,
  MAX_POINTS,
  StrokesFormatError,
  copyStrokes,
  parseStrokes,
} from '../../src/core/strokes.ts';

const drawing = [
  { width: 12, points: [{ x: 10, y: 20, t: 0, pressure: 0.5 }, { x: 30.5, y: 40, t: 16, pressure: 0.8 }] },
  { width: 16, points: [{ x: 154, y: 154, t: 0, pressure: 0 }] },
];

test('a well-formed drawing comes back equal but not the same objects', () => {
  const parsed = parseStrokes(drawing);
  assert.deepEqual(parsed, drawing);
  assert.notEqual(parsed[0], drawing[0]);
  assert.notEqual(parsed[0]!.points[0], drawing[0]!.points[0]);
});

test('JSON text is accepted and round-trips through JSON.stringify', () => {
  assert.deepEqual(parseStrokes(JSON.stringify(drawing)), drawing);
});

test('width, t and pressure may be left out; unknown keys are dropped', () => {
  const parsed = parseStrokes([{ points: [{ x: 1, y: 2, colour: 'red' }], extra: true }], 9);
  assert.deepEqual(parsed, [{ width: 9, points: [{ x: 1, y: 2, t: 0, pressure: DEFAULT_PRESSURE }] }]);
});

test('an empty array is an empty drawing', () => {
  assert.deepEqual(parseStrokes([]), []);
});

const bad: [string, unknown, RegExp][] = [
  ['not JSON', '{nope', /not valid JSON/],
  ['an object', { strokes: [] }, /must be an array of strokes, got an object/],
  ['null', null, /got null/],
  ['a number stroke', [5], /strokes\[0\] must be an object/],
  ['missing points', [{ width: 3 }], /strokes\[0\]\.points must be a non-empty array/],
  ['empty points', [{ points: [] }], /strokes\[0\]\.points must be a non-empty array of points, got an array of 0/],
  ['zero width', [{ width: 0, points: [{ x: 1, y: 1 }] }], /strokes\[0\]\.width must be a positive number, got 0/],
  ['string width', [{ width: '16', points: [{ x: 1, y: 1 }] }], /strokes\[0\]\.width .* got the string "16"/],
  ['string x', [{ points: [{ x: 1, y: 1 }, { x: '2', y: 1 }] }], /strokes\[0\]\.points\[1\]\.x must be a finite number, got the string "2"/],
  ['NaN y', [{ points: [{ x: 1, y: Number.NaN }] }], /points\[0\]\.y must be a finite number, got NaN/],
  ['Infinity x', [{ points: [{ x: Infinity, y: 1 }] }], /points\[0\]\.x must be a finite number/],
  ['negative t', [{ points: [{ x: 1, y: 1, t: -1 }] }], /points\[0\]\.t must not be negative/],
  ['pressure above 1', [{ points: [{ x: 1, y: 1, pressure: 2 }] }], /pressure must be in 0\.\.1, got 2/],
  ['array point', [{ points: [[1, 2]] }], /points\[0\] must be an object/],
];
for (const [name, value, message] of bad) {
  test(`rejects ${name} with a StrokesFormatError naming the path`, () => {
    assert.throws(() => parseStrokes(value), (error: unknown) => {
      assert.ok(error instanceof StrokesFormatError);
      assert.ok(error instanceof TypeError);
      assert.match(error.message, message);
      return true;
    });
  });
}

test('a drawing with more than MAX_POINTS points is refused', () => {
  const points = Array.from({ length: MAX_POINTS / 2 + 1 }, (_, i) => ({ x: i % 308, y: 1 }));
  assert.doesNotThrow(() => parseStrokes([{ points: points.slice(0, MAX_POINTS / 2) }, { points: points.slice(0, MAX_POINTS / 2) }]));
  assert.throws(() => parseStrokes([{ points }, { points }]), /more than 100000 points/);
});

test('copyStrokes is deep', () => {
  const copy = copyStrokes(drawing);
  copy[0]!.points[0]!.x = 999;
  copy[0]!.width = 1;
  assert.equal(drawing[0]!.points[0]!.x, 10);
  assert.equal(drawing[0]!.width, 12);
});
