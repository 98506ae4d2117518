import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  argmax,
  assess,
  DIGIT_COUNT,
  enteredPrediction,
  judge,
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

describe('toPrediction', () => {
  it('picks the digit and its confidence and compares it with minConfidence', () => {
    const prediction = toPrediction(probabilities, { minConfidence: 0.5, source: 'remote', latencyMs: 12 });
    assert.deepEqual(prediction, {
      digit: 4,
      confidence: 0.5,
      confident: true,
      verdict: 'digit',
      notDigit: 0,
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

describe('judge: the one rule for digit, unsure and not-a-digit', () => {
  it('a digit at or above minConfidence that beats not-a-digit is a confident digit', () => {
    assert.deepEqual(judge(0.9, 0.05, 0.5), { verdict: 'digit', confident: true });
    assert.deepEqual(judge(0.5, 0, 0.5), { verdict: 'digit', confident: true }, 'minConfidence itself is enough');
  });

  it('a digit below minConfidence is unsure', () => {
    assert.deepEqual(judge(0.45, 0.3, 0.5), { verdict: 'unsure', confident: false });
    assert.deepEqual(judge(0.99, 0, 1), { verdict: 'unsure', confident: false });
  });

  it('not-a-digit at least as likely as the best digit wins, whatever minConfidence says', () => {
    assert.deepEqual(judge(0.3, 0.6, 0.5), { verdict: 'not-a-digit', confident: false });
    assert.deepEqual(judge(0.3, 0.6, 0), { verdict: 'not-a-digit', confident: false });
    assert.deepEqual(judge(0.5, 0.5, 0.5), { verdict: 'not-a-digit', confident: false }, 'a tie refuses');
    assert.deepEqual(judge(0.5000001, 0.5, 0.5), { verdict: 'digit', confident: true }, 'a hair above the tie reads');
  });
});

describe('assess: ten or eleven model outputs', () => {
  it('reads a 10-output model with not-a-digit 0, so it never says not-a-digit', () => {
    const assessment = assess(probabilities, 0.5);
    assert.equal(assessment.notDigit, 0);
    assert.equal(assessment.verdict, 'digit');
    const flat = assess(new Array(10).fill(0.1), 0.05);
    assert.equal(flat.verdict, 'digit', 'even a flat 10-output answer is a digit, never not-a-digit');
    assert.equal(assess(new Array(10).fill(0.1), 0.5).verdict, 'unsure');
  });

  it('splits an 11-output model: ten digit probabilities as given (not renormalised), not-a-digit last', () => {
    const output = [0.02, 0.08, 0, 0, 0, 0, 0, 0.1, 0, 0, 0.8];
    const assessment = assess(new Float32Array(output), 0.5);
    assert.equal(assessment.probabilities.length, 10);
    assert.ok(Math.abs(assessment.probabilities.reduce((a, b) => a + b, 0) - 0.2) < 1e-6, 'they sum to 1 − notDigit');
    assert.equal(assessment.digit, 7);
    assert.ok(Math.abs(assessment.confidence - 0.1) < 1e-6);
    assert.ok(Math.abs(assessment.notDigit - 0.8) < 1e-6);
    assert.deepEqual([assessment.verdict, assessment.confident], ['not-a-digit', false]);
    const digit = assess([0, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0.1], 0.5);
    assert.deepEqual([digit.digit, digit.verdict, digit.confident, digit.notDigit], [3, 'digit', true, 0.1]);
  });

  it('refuses any other length, and a not-a-digit value that is not a probability', () => {
    assert.throws(() => assess(new Array(12).fill(0), 0.5), {
      name: 'ProbabilitiesError',
      message: 'expected 10 probabilities (or 11 with not-a-digit last), got 12',
    });
    assert.throws(() => assess([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 1.5], 0.5), /"notDigit" must be a finite number in 0\.\.1, got 1\.5/);
    assert.throws(() => assess([Number.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5), /probability of digit 0/);
  });

  it('toPrediction carries notDigit and the verdict of an 11-output model', () => {
    const prediction = toPrediction([0, 0, 0, 0, 0, 0, 0, 0.4, 0, 0, 0.6], { minConfidence: 0.5, source: 'local', latencyMs: 1 });
    assert.deepEqual([prediction.verdict, prediction.confident, prediction.notDigit, prediction.digit], ['not-a-digit', false, 0.6, 7]);
    assert.equal(prediction.probabilities.length, 10);
  });
});

it('enteredPrediction: a typed digit is certain (confidence 1, one-hot, source keyboard); anything but 0..9 is refused', () => {
  assert.deepEqual(enteredPrediction(3), {
    digit: 3, confidence: 1, confident: true, verdict: 'digit', notDigit: 0,
    probabilities: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0], source: 'keyboard', latencyMs: 0,
  });
  assert.throws(() => enteredPrediction(10), RangeError);
  assert.throws(() => enteredPrediction(1.5), /0\.\.9, got 1\.5/);
});
