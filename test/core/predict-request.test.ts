import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePredictRequest, PredictRequestError } from '../../src/core/predict-request.ts';
import { GRID_CELLS } from '../../src/core/preprocess.ts';

function grid(fill = 0.25): number[] {
  return Array.from({ length: GRID_CELLS }, (_, i) => (i % 7 === 0 ? fill : 0));
}

function refusal(body: unknown, message: string | RegExp): void {
  assert.throws(() => parsePredictRequest(body), (error: Error) => {
    assert.ok(error instanceof PredictRequestError, `expected a PredictRequestError, got ${error}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe('parsePredictRequest', () => {
  it('returns the 784 cells as a Float32Array', () => {
    const data = grid(0.5);
    data[GRID_CELLS - 1] = 1;
    const cells = parsePredictRequest({ data });
    assert.ok(cells instanceof Float32Array);
    assert.deepEqual(Array.from(cells), data);
  });

  it('accepts the bounds 0 and 1 and ignores other keys', () => {
    const data = grid(1);
    assert.equal(parsePredictRequest({ data, extra: 'ignored' }).length, GRID_CELLS);
  });

  it('refuses a body that is not an object', () => {
    refusal([1, 2], 'expected a JSON object {"data": [784 numbers in 0..1]}, got an array of 2');
    refusal(null, /got null$/);
    refusal('data', /got the string "data"$/);
  });

  it('refuses a missing data field', () => {
    refusal({ date: grid() }, 'missing "data": expected {"data": [784 numbers in 0..1]}');
  });

  it('refuses data that is not an array', () => {
    refusal({ data: 'x'.repeat(784) }, '"data" must be an array of 784 numbers in 0..1, got a string of 784 characters');
    refusal({ data: { 0: 1 } }, /got an object$/);
  });

  it('names the length of a wrong-length array', () => {
    refusal({ data: grid().slice(1) }, '"data" must hold exactly 784 numbers (a 28×28 grid), got 783');
    refusal({ data: [...grid(), 0] }, /got 785$/);
    refusal({ data: [] }, /got 0$/);
  });

  it('names the first bad index and what it held', () => {
    const cases: [unknown, string][] = [
      [1.0001, '1.0001'],
      [-0.5, '-0.5'],
      ['0.5', 'the string "0.5"'],
      [null, 'null'],
      [[0.5], 'an array of 1'],
      [true, 'boolean'],
    ];
    for (const [value, shown] of cases) {
      const data: unknown[] = grid();
      data[300] = value;
      data[500] = 'later problems are not reported';
      refusal({ data }, `data[300] must be a finite number in 0..1, got ${shown}`);
    }
  });

  it('refuses non-finite numbers that JSON cannot carry but a caller can', () => {
    const data = grid();
    data[0] = Number.NaN;
    refusal({ data }, 'data[0] must be a finite number in 0..1, got NaN');
    data[0] = Infinity;
    refusal({ data }, /got Infinity$/);
  });
});
