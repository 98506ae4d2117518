import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipMessage, formatPercent, MAX_SHOWN_MESSAGE, rankDigits } from '../../src/element/result-view.ts';

test('formatPercent rounds to whole percent and never calls a non-zero probability 0%', () => {
  assert.equal(formatPercent(0.984), '98%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.004), '<1%');
  assert.equal(formatPercent(0.005), '1%');
});

test('rankDigits orders digits by probability, the smaller digit first on a tie', () => {
  assert.deepEqual(rankDigits([0.1, 0.3, 0.05, 0.3, 0.25, 0, 0, 0, 0, 0]).slice(0, 4), [1, 3, 4, 0]);
  assert.deepEqual(rankDigits(new Array(10).fill(0.1)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('clipMessage keeps short messages and cuts long ones to the limit with an ellipsis', () => {
  assert.equal(clipMessage('short'), 'short');
  const long = 'x'.repeat(10_000);
  const clipped = clipMessage(long);
  assert.equal(clipped.length, MAX_SHOWN_MESSAGE);
  assert.ok(clipped.endsWith('…'));
});
