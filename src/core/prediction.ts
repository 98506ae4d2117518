/**
 * Predictions: the ten class probabilities a classifier returns and the `Prediction` the element
 * reports. Pure helpers shared by the browser (local and remote classifiers) and the Lambda, so a
 * probability vector is read and summarised the same way everywhere.
 */

import { describe } from './describe-value.ts';

/** Number of classes: the digits 0..9. */
export const DIGIT_COUNT = 10;

/** Where a prediction was computed. */
export type PredictionSource = 'local' | 'remote';

/** The `prediction` event's detail (see ARCHITECTURE.md, public contract). */
export interface Prediction {
  /** The most probable digit, 0..9. */
  readonly digit: number;
  /** Probability of `digit`, 0..1. */
  readonly confidence: number;
  /** Whether `confidence` reached the element's `min-confidence`. */
  readonly confident: boolean;
  /** All ten probabilities, index = digit. */
  readonly probabilities: number[];
  readonly source: PredictionSource;
  /** The tfjs backend that ran the model, when known (`wasm`, `webgl`, `cpu`). */
  readonly backend?: string;
  /** Milliseconds from the request to the answer. */
  readonly latencyMs: number;
}

/** Thrown when a value is not a valid set of ten probabilities; the message says what is wrong. */
export class ProbabilitiesError extends Error {
  override name = 'ProbabilitiesError';
}

/**
 * Index of the largest value; the first one wins a tie, so the answer is deterministic.
 * Throws on an empty input, which has no answer.
 */
export function argmax(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('argmax of an empty list');
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! > values[best]!) best = i;
  }
  return best;
}

/**
 * Reads ten probabilities from a response's `result`: either an array of ten numbers (this
 * project's endpoint) or an object keyed "0".."9" (the original API serialised a Float32Array that
 * way). Every value must be a finite number in 0..1.
 */
export function parseProbabilities(result: unknown): number[] {
  let values: unknown[];
  if (Array.isArray(result)) {
    if (result.length !== DIGIT_COUNT) {
      throw new ProbabilitiesError(
        `expected ${DIGIT_COUNT} probabilities, got an array of ${result.length}`,
      );
    }
    values = result;
  } else if (typeof result === 'object' && result !== null) {
    const record = result as Record<string, unknown>;
    const keys = Object.keys(record);
    const expected = Array.from({ length: DIGIT_COUNT }, (_, i) => String(i));
    const missing = expected.filter((key) => !Object.hasOwn(record, key));
    const extra = keys.filter((key) => !expected.includes(key));
    if (missing.length > 0 || extra.length > 0) {
      const problems = [
        missing.length > 0 ? `missing key(s) ${missing.map((k) => `"${k}"`).join(', ')}` : '',
        extra.length > 0 ? `unexpected key(s) ${extra.slice(0, 3).map((k) => JSON.stringify(k)).join(', ')}` : '',
      ].filter(Boolean);
      throw new ProbabilitiesError(
        `expected an object keyed "0".."9": ${problems.join('; ')}`,
      );
    }
    values = expected.map((key) => record[key]);
  } else {
    throw new ProbabilitiesError(
      `expected ${DIGIT_COUNT} probabilities as an array or an object keyed "0".."9", got ${describe(result)}`,
    );
  }
  return values.map((value, digit) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new ProbabilitiesError(
        `probability of digit ${digit} must be a finite number in 0..1, got ${describe(value)}`,
      );
    }
    return value;
  });
}

/** Options for `toPrediction`. */
export interface PredictionOptions {
  /** Confidence at or above which the prediction counts as confident. */
  readonly minConfidence: number;
  readonly source: PredictionSource;
  readonly backend?: string;
  readonly latencyMs: number;
}

/** Builds a `Prediction` from ten probabilities (validated) and how they were obtained. */
export function toPrediction(probabilities: ArrayLike<number>, options: PredictionOptions): Prediction {
  const values = parseProbabilities(Array.from(probabilities));
  const digit = argmax(values);
  const confidence = values[digit]!;
  return {
    digit,
    confidence,
    confident: confidence >= options.minConfidence,
    probabilities: values,
    source: options.source,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    latencyMs: options.latencyMs,
  };
}
