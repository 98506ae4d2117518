import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessNumber, weakestDigit } from '../../src/core/number-prediction.ts';

const box = { x: 0, y: 0, width: 10, height: 20 };
/** Eleven outputs: `digit` at `p`, the rest of the mass on not-a-digit. */
const output = (digit: number, p: number) => Array.from({ length: 11 }, (_, i) => (i === digit ? p : i === 10 ? 1 - p : 0));

test('the digits read left to right make the value; all confident makes the number confident', () => {
  const reading = assessNumber([output(2, 0.9), output(0, 0.95), output(2, 0.8), output(6, 0.99)], [box, box, box, box], 0.5);
  assert.equal(reading.value, '2026');
  assert.equal(reading.confident, true);
  assert.deepEqual(reading.digits.map(({ digit, verdict }) => [digit, verdict]), [[2, 'digit'], [0, 'digit'], [2, 'digit'], [6, 'digit']]);
  assert.equal(reading.digits[0]!.box, box);
});

test('one digit unsure, or one mark that is no digit, makes the whole number not confident and says which', () => {
  const unsure = assessNumber([output(1, 0.9), Array.from({ length: 10 }, (_, i) => (i === 3 ? 0.4 : 0.6 / 9))], [box, box], 0.5);
  assert.equal(unsure.confident, false);
  assert.deepEqual(unsure.digits.map(({ verdict }) => verdict), ['digit', 'unsure']);
  const junk = assessNumber([output(1, 0.9), output(7, 0.2)], [box, box], 0.5);
  assert.equal(junk.confident, false);
  assert.deepEqual(junk.digits.map(({ verdict }) => verdict), ['digit', 'not-a-digit']);
});

test('no digits is not confident; outputs and boxes must pair up', () => {
  assert.equal(assessNumber([], [], 0.5).confident, false);
  assert.throws(() => assessNumber([output(1, 0.9)], [], 0.5), RangeError);
});

test('the weakest digit speaks for the number: not a digit first, then unsure, then the least confident', () => {
  const d = (verdict: 'digit' | 'unsure' | 'not-a-digit', confidence: number) => ({ verdict, confidence });
  assert.equal(weakestDigit([d('digit', 0.9), d('unsure', 0.4), d('not-a-digit', 0.3), d('unsure', 0.2)]), 2);
  assert.equal(weakestDigit([d('digit', 0.9), d('unsure', 0.45), d('unsure', 0.2)]), 1);
  assert.equal(weakestDigit([d('digit', 0.9), d('digit', 0.6), d('digit', 0.7)]), 1);
  assert.equal(weakestDigit([]), -1);
});
