import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  argmax,
  DIGIT_COUNT,
  parseProbabilities,
  ProbabilitiesError,
  toPrediction,
} from '../../src/core/prediction.ts';

const probabilities = [0.01, 0.02, 0.03, 0.04, 0.5, 0.1, 0.1, 0.1, 0.05, 0.05];

describe('argmax', () => {
  it('returns the index of the largest value', () => {
    assert.equal(argmax([0.1, 0.7, 0.2]), 1);
    assert.equal(argmax(new Float32Array([0, 0, 0, 3])), 3);
  });

  it('keeps the first of equal maxima', () => {
    assert.equal(argmax([0.5, 0.2, 0.5]), 0);
  });

  it('refuses an empty list', () => {
    assert.throws(() => argmax([]), RangeError);
  });
});

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

describe('toPrediction', () => {
  it('picks the digit and its confidence and compares it with minConfidence', () => {
    const prediction = toPrediction(probabilities, { minConfidence: 0.5, source: 'remote', latencyMs: 12 });
    assert.deepEqual(prediction, {
      digit: 4,
      confidence: 0.5,
      confident: true,
      probabilities,
      source: 'remote',
      latencyMs: 12,
    });
    assert.equal(toPrediction(probabilities, { minConfidence: 0.51, source: 'local', latencyMs: 1 }).confident, false);
  });

  it('carries the backend when given and copies typed arrays into a plain array', () => {
    const prediction = toPrediction(new Float32Array(probabilities), {
      minConfidence: 0.5,
      source: 'local',
      backend: 'wasm',
      latencyMs: 3,
    });
    assert.equal(prediction.backend, 'wasm');
    assert.ok(Array.isArray(prediction.probabilities));
    assert.equal(prediction.probabilities.length, DIGIT_COUNT);
  });

  it('refuses invalid probabilities', () => {
    assert.throws(() => toPrediction([0.5, 0.5], { minConfidence: 0.5, source: 'local', latencyMs: 0 }), ProbabilitiesError);
  });
});
