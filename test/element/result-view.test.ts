import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPercent } from '../../src/element/format-percent.ts';
import { errorText, rankDigits } from '../../src/element/result-view.ts';

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

test('errorText: short plain words for the person, by what failed; retry only where retrying can help', () => {
  assert.equal(errorText({ code: 'unreachable' }), "Couldn't reach the recognizer — try again.");
  assert.equal(errorText({ code: 'timeout' }), 'The recognizer took too long — try again.');
  assert.equal(errorText({ code: 'http-status', status: 503 }), "The recognizer couldn't answer — try again.");
  assert.equal(errorText({ code: 'http-status', status: 429 }), "The recognizer couldn't answer — try again.");
  for (const code of ['model-http', 'model-json', 'model-shape', 'backend', 'invalid-json', 'invalid-result'] as const) {
    assert.equal(errorText({ code }), "The recognizer isn't available.", code);
  }
  assert.equal(errorText({ code: 'http-status', status: 404 }), "The recognizer isn't available.");
  assert.equal(errorText({ code: 'too-small' }), 'Too small to read — draw the digit bigger.');
  assert.equal(errorText({ code: 'invalid-grid' }), 'Draw a digit first.');
  assert.equal(errorText({ code: 'disabled' }), 'This field is disabled.');
});
