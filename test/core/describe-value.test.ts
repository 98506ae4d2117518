import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe } from '../../src/core/describe-value.ts';

test('a value is named briefly: its kind, and small values themselves', () => {
  assert.equal(describe(undefined), 'nothing');
  assert.equal(describe(null), 'null');
  assert.equal(describe([1, 2, 3]), 'an array of 3');
  assert.equal(describe({ data: 1 }), 'an object');
  assert.equal(describe(true), 'boolean');
  assert.equal(describe('12'), 'the string "12"');
  assert.equal(describe('x'.repeat(21)), 'a string of 21 characters');
  assert.equal(describe(1.5), '1.5');
  assert.equal(describe(-3), '-3');
});

test('a number with many digits is not echoed back in full', () => {
  assert.equal(describe(-0.0000010222560675042022), '-1.02e-6');
  assert.equal(describe(123456789.123456), '1.23e+8');
  assert.equal(describe(Number.MAX_VALUE), '1.80e+308');
  assert.equal(describe(0.1234567891), '0.1234567891', 'twelve characters still read as written');
});
