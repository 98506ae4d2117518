import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildPredictBatchResponse,
  buildPredictResponse,
  encodePredictBatch,
  encodePredictRequest,
  errorResponse,
  parseNotDigit,
  parsePredictBatchResponse,
  parsePredictRequest,
  parsePredictResponse,
  parseProbabilities,
  PredictRequestError,
  PredictResponseError,
  readErrorMessage,
  readPredictRequest,
} from '../../src/core/wire-format.ts';
import { ProbabilitiesError } from '../../src/core/prediction.ts';
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

const probabilities = [0.01, 0.02, 0.03, 0.04, 0.5, 0.1, 0.1, 0.1, 0.05, 0.05];

describe('parseProbabilities', () => {
  it('accepts an array of ten probabilities', () => {
    assert.deepEqual(parseProbabilities(probabilities), probabilities);
  });

  it('accepts an object keyed "0".."9", as the original API serialised a Float32Array', () => {
    const keyed = Object.fromEntries(probabilities.map((p, i) => [String(i), p]));
    assert.deepEqual(parseProbabilities(keyed), probabilities);
    assert.deepEqual(parseProbabilities(JSON.parse(JSON.stringify({ ...new Float32Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }))), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('names the length of a wrong-length array', () => {
    assert.throws(() => parseProbabilities(probabilities.slice(0, 9)), {
      name: 'ProbabilitiesError',
      message: 'expected 10 probabilities, got an array of 9',
    });
  });

  it('names missing and unexpected keys of an object', () => {
    const keyed: Record<string, number> = Object.fromEntries(probabilities.map((p, i) => [String(i), p]));
    delete keyed['7'];
    keyed.x = 0;
    assert.throws(() => parseProbabilities(keyed), /missing key\(s\) "7"; unexpected key\(s\) "x"/);
  });

  it('names the digit whose probability is not a number in 0..1', () => {
    for (const bad of [Number.NaN, -0.1, 1.5, '0.5', null, Infinity]) {
      const values: unknown[] = [...probabilities];
      values[3] = bad;
      assert.throws(() => parseProbabilities(values), (error: Error) => {
        assert.ok(error instanceof ProbabilitiesError);
        assert.match(error.message, /^probability of digit 3 must be a finite number in 0\.\.1, got /);
        return true;
      });
    }
  });

  it('refuses values that are neither array nor object', () => {
    for (const bad of [undefined, null, 3, 'abc']) {
      assert.throws(() => parseProbabilities(bad), /expected 10 probabilities as an array or an object/);
    }
  });
});

describe('parseNotDigit', () => {
  it('an absent notDigit (the original API) is 0', () => {
    assert.equal(parseNotDigit(undefined), 0);
  });

  it('accepts a probability', () => {
    assert.equal(parseNotDigit(0), 0);
    assert.equal(parseNotDigit(0.25), 0.25);
    assert.equal(parseNotDigit(1), 1);
  });

  it('refuses anything else, naming it', () => {
    for (const [bad, named] of [[1.5, '1.5'], [-0.1, '-0.1'], [null, 'null'], ['0.5', 'the string "0.5"'], [Number.NaN, 'NaN'], [Infinity, 'Infinity']] as const) {
      assert.throws(() => parseNotDigit(bad), { name: 'ProbabilitiesError', message: `"notDigit" must be a finite number in 0..1, got ${named}` });
    }
  });
});

describe('encodePredictRequest', () => {
  it('sends {"data": [...]} rounded to five decimals, which parsePredictRequest reads back', () => {
    const grid = new Float32Array(GRID_CELLS);
    grid[0] = 1 / 3;
    grid[1] = 1;
    const body = encodePredictRequest(grid);
    const sent = JSON.parse(body) as { data: number[] };
    assert.deepEqual(Object.keys(sent), ['data']);
    assert.equal(sent.data[0], 0.33333);
    assert.equal(sent.data[1], 1);
    assert.ok(body.length < 2 * GRID_CELLS + 40, `about two characters a blank cell, got ${body.length}`);
    assert.equal(parsePredictRequest(sent).length, GRID_CELLS);
  });
});

describe('buildPredictResponse', () => {
  it('answers result (the ten digits as given), digit, confidence, notDigit and the verdict at 0.5, in that order', () => {
    const answer = buildPredictResponse([0, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0.1]);
    assert.deepEqual(Object.keys(answer), ['result', 'digit', 'confidence', 'notDigit', 'verdict']);
    assert.deepEqual(answer.result, [0, 0, 0, 0.9, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([answer.digit, answer.confidence, answer.notDigit, answer.verdict], [3, 0.9, 0.1, 'digit']);
    assert.equal(buildPredictResponse(new Array(10).fill(0.1)).verdict, 'unsure', 'judged at the default min-confidence');
    assert.equal(buildPredictResponse(probabilities).notDigit, 0, 'a 10-output model');
  });

  it('refuses an output that is not probabilities', () => {
    assert.throws(() => buildPredictResponse([0.5, 0.5]), ProbabilitiesError);
  });
});

describe('parsePredictResponse', () => {
  it('reads what buildPredictResponse answers', () => {
    const answer = buildPredictResponse([0, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0.1]);
    assert.deepEqual(parsePredictResponse(JSON.stringify(answer)), { probabilities: answer.result, notDigit: 0.1 });
  });

  it('reads the original API: result keyed "0".."9", no notDigit', () => {
    const keyed = Object.fromEntries(probabilities.map((p, i) => [String(i), p]));
    assert.deepEqual(parsePredictResponse(JSON.stringify({ result: keyed })), { probabilities, notDigit: 0 });
  });

  it('says what is wrong, in words that follow "answered 200", quoting at most 80 characters of the body', () => {
    const refused = (text: string, code: string, message: string | RegExp) =>
      assert.throws(() => parsePredictResponse(text), (error: Error) => {
        assert.ok(error instanceof PredictResponseError);
        assert.equal(error.code, code);
        if (typeof message === 'string') assert.equal(error.message, message);
        else assert.match(error.message, message);
        return true;
      });
    refused('this is {not json', 'invalid-json', 'with a body that is not JSON: "this is {not json"');
    refused(`<p>${'x'.repeat(200)}</p>`, 'invalid-json', /^with a body that is not JSON: "<p>x{77}…"$/);
    refused('{"digit": 3}', 'invalid-result', 'without a "result": "{\\"digit\\": 3}"');
    refused(JSON.stringify({ result: new Array(9).fill(0.1) }), 'invalid-result', 'with an invalid "result": expected 10 probabilities, got an array of 9');
    refused(JSON.stringify({ result: probabilities, notDigit: 'x' }), 'invalid-result', 'with an invalid result: "notDigit" must be a finite number in 0..1, got the string "x"');
  });
});

describe('the {"error"} body', () => {
  it('errorResponse is {"error": message}; readErrorMessage reads it back', () => {
    assert.deepEqual(errorResponse('nope'), { error: 'nope' });
    assert.equal(readErrorMessage(JSON.stringify(errorResponse('the grid is blank'))), 'the grid is blank');
  });

  it('readErrorMessage falls back to the start of a body that has no {"error"}, or says there was none', () => {
    assert.equal(readErrorMessage('<h1>Bad Gateway</h1>'), '"<h1>Bad Gateway</h1>"');
    assert.equal(readErrorMessage('{"message": "Internal Server Error"}'), '"{\\"message\\": \\"Internal Server Error\\"}"');
    assert.equal(readErrorMessage('  '), 'no message');
  });
});

describe('readPredictRequest: one grid or a batch', () => {
  it('{"data": [784]} is one grid, read exactly as parsePredictRequest reads it', () => {
    const data = grid(0.5);
    const { grids, batch } = readPredictRequest({ data });
    assert.equal(batch, false);
    assert.deepEqual(grids, [parsePredictRequest({ data })]);
    // Its refusals are the single-grid ones, word for word.
    const bad: unknown[] = grid();
    bad[300] = [0.5];
    assert.throws(() => readPredictRequest({ data: bad }), { message: 'data[300] must be a finite number in 0..1, got an array of 1' });
    assert.throws(() => readPredictRequest({ data: [] }), { message: '"data" must hold exactly 784 numbers (a 28×28 grid), got 0' });
  });

  it('{"data": [[784], …]} is a batch of 1 to 16 grids, in order', () => {
    const data = [grid(0.1), grid(0.2), grid(0.3)];
    const { grids, batch } = readPredictRequest({ data });
    assert.equal(batch, true);
    assert.deepEqual(grids.map((g) => g[0]), [Math.fround(0.1), Math.fround(0.2), Math.fround(0.3)]);
    assert.equal(readPredictRequest({ data: [grid()] }).grids.length, 1);
    assert.equal(readPredictRequest({ data: Array.from({ length: 16 }, () => grid()) }).grids.length, 16);
  });

  it('over 16 grids is refused as too many, saying the limit', () => {
    assert.throws(() => readPredictRequest({ data: Array.from({ length: 17 }, () => grid()) }), (error: Error) => {
      assert.ok(error instanceof PredictRequestError && error.tooMany);
      assert.match(error.message, /^"data" holds 17 grids; a request carries at most 16: /);
      return true;
    });
  });

  it('a bad grid or cell is named by grid and cell', () => {
    const bad: unknown[] = grid();
    bad[41] = -1;
    assert.throws(() => readPredictRequest({ data: [grid(), grid(), bad] }), (error: Error) => {
      assert.ok(error instanceof PredictRequestError && !error.tooMany);
      assert.equal(error.message, 'data[2][41] must be a finite number in 0..1, got -1');
      return true;
    });
    assert.throws(() => readPredictRequest({ data: [grid(), grid().slice(2)] }), { message: 'data[1] must hold exactly 784 numbers (a 28×28 grid), got 782' });
    assert.throws(() => readPredictRequest({ data: [grid(), 7] }), { message: 'data[1] must be an array of 784 numbers in 0..1, got 7' });
  });

  it('encodePredictBatch writes {"data": [[…], …]} at five decimals, which readPredictRequest reads back', () => {
    const grids = [Float32Array.from(grid(1 / 3)), Float32Array.from(grid(0.7))];
    const body = JSON.parse(encodePredictBatch(grids)) as { data: number[][] };
    assert.equal(body.data.length, 2);
    assert.equal(body.data[0]![0], 0.33333);
    assert.equal(readPredictRequest(body).grids.length, 2);
  });
});

describe('batch answers', () => {
  const eleven = (digit: number, p: number) => Array.from({ length: 11 }, (_, i) => (i === digit ? p : i === 10 ? 1 - p : 0));

  it('buildPredictBatchResponse gives each field as an array in grid order, and the digits as value', () => {
    const answer = buildPredictBatchResponse([eleven(2, 0.9), eleven(0, 0.3)]);
    assert.deepEqual(answer.digit, [2, 0]);
    assert.deepEqual(answer.verdict, ['digit', 'not-a-digit']);
    assert.equal(answer.value, '20');
    assert.deepEqual(answer.result[0], buildPredictResponse(eleven(2, 0.9)).result);
    assert.ok(Math.abs(answer.notDigit[1]! - 0.7) < 1e-9);
  });

  it('parsePredictBatchResponse reads count answers, with notDigit absent as zeros', () => {
    const text = JSON.stringify(buildPredictBatchResponse([eleven(2, 0.9), eleven(6, 0.8)]));
    const answers = parsePredictBatchResponse(text, 2);
    assert.deepEqual(answers.map((a) => a.probabilities.indexOf(Math.max(...a.probabilities))), [2, 6]);
    const bare = parsePredictBatchResponse(JSON.stringify({ result: [probabilities, probabilities] }), 2);
    assert.deepEqual(bare.map((a) => a.notDigit), [0, 0]);
  });

  it('parsePredictBatchResponse refuses a wrong count, a bad entry or a non-JSON body, naming it', () => {
    const refusedWith = (text: string, code: string, message: RegExp) =>
      assert.throws(() => parsePredictBatchResponse(text, 2), (error: Error) => {
        assert.ok(error instanceof PredictResponseError);
        assert.equal(error.code, code);
        assert.match(error.message, message);
        return true;
      });
    refusedWith(JSON.stringify({ result: [probabilities] }), 'invalid-result', /^with 1 results for 2 grids$/);
    refusedWith(JSON.stringify({ result: [probabilities, [1]] }), 'invalid-result', /^with an invalid result for grid 1: expected 10 probabilities/);
    refusedWith(JSON.stringify({ result: [probabilities, probabilities], notDigit: 0 }), 'invalid-result', /"notDigit" that is not an array of 2/);
    refusedWith(JSON.stringify({ result: probabilities }), 'invalid-result', /with 10 results for 2 grids/);
    refusedWith('<html>', 'invalid-json', /not JSON/);
  });
});
