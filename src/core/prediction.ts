/**
 * Predictions: the ten class probabilities a classifier returns and the `Prediction` the element
 * reports. Pure helpers shared by the browser (local and remote classifiers) and the Lambda, so a
 * model's output is checked and judged the same way everywhere (reading an endpoint's answer is
 * wire-format.ts's job).
 */

import { describe } from './describe-value.ts';

/** Number of digit classes: 0..9. */
export const DIGIT_COUNT = 10;
/**
 * Outputs of a model with the extra "not a digit" class: the ten digits, then not-a-digit at
 * index 10. A 10-output model (the original contract, user `model-url` models) has no such class.
 */
export const OUTPUTS_WITH_NOT_DIGIT = DIGIT_COUNT + 1;
/**
 * The element's and the endpoint's `min-confidence` when none is set. Chosen on the validation
 * writers (the model card's min-confidence table): the step that keeps coverage above 97% while
 * turning the most confident mistakes into "not sure".
 */
export const DEFAULT_MIN_CONFIDENCE = 0.8;

/**
 * What a prediction says about the drawing: a digit it reads confidently, a digit it is unsure
 * of, or a drawing that is more likely no digit at all than the best digit.
 */
export type Verdict = 'digit' | 'unsure' | 'not-a-digit';

/** Where a prediction came from: the model in the page, the endpoint, or a digit the person typed. */
export type PredictionSource = 'local' | 'remote' | 'keyboard';

/** The `prediction` event's detail (see docs/architecture.md, public contract). */
export interface Prediction {
  /** The most probable digit, 0..9. */
  readonly digit: number;
  /** Probability of `digit`, 0..1. */
  readonly confidence: number;
  /** `verdict === 'digit'`: the only predictions a form takes as an answer. */
  readonly confident: boolean;
  /** See `judge`. */
  readonly verdict: Verdict;
  /** Probability that the drawing is not a digit, 0..1; always 0 from a 10-output model. */
  readonly notDigit: number;
  /**
   * The ten digit probabilities, index = digit, as the model gave them: from an 11-output model
   * they sum to 1 − notDigit (not renormalised, so they stay comparable with `notDigit`).
   */
  readonly probabilities: number[];
  readonly source: PredictionSource;
  /** The tfjs backend that ran the model, when known (`wasm`, `webgl`, `cpu`). */
  readonly backend?: string;
  /** Milliseconds from the request to the answer. */
  readonly latencyMs: number;
}

/** Thrown when a value is not a valid set of probabilities; the message says what is wrong. */
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
 * `value` if it is a probability (a finite number in 0..1), else a ProbabilitiesError naming it
 * (`what`, e.g. `probability of digit 3`) and the value. Model outputs and endpoint answers are
 * checked with it alike.
 */
export function checkProbability(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new ProbabilitiesError(`${what} must be a finite number in 0..1, got ${describe(value)}`);
  }
  return value;
}

/**
 * The one rule that turns probabilities into a verdict, used by the classifiers, the element (when
 * its `min-confidence` changes the judgement of an answer) and the endpoint. Not a digit wins as
 * soon as it is at least as likely as the best digit (a tie refuses: a form must not take a mark
 * that is as likely junk as a digit); otherwise a digit below `minConfidence` is unsure.
 */
export function judge(confidence: number, notDigit: number, minConfidence: number): { verdict: Verdict; confident: boolean } {
  const verdict: Verdict = notDigit >= confidence ? 'not-a-digit' : confidence < minConfidence ? 'unsure' : 'digit';
  return { verdict, confident: verdict === 'digit' };
}

/** What a model's output says, before knowing where it ran: the fields every answer carries. */
export type Assessment = Pick<Prediction, 'digit' | 'confidence' | 'confident' | 'verdict' | 'notDigit' | 'probabilities'>;

/** Only the assessment's fields of `prediction` (a number's digits carry these, not where each ran). */
export function assessmentOf({ digit, confidence, confident, verdict, notDigit, probabilities }: Assessment): Assessment {
  return { digit, confidence, confident, verdict, notDigit, probabilities };
}

/**
 * Reads a model's output — ten digit probabilities, or eleven with not-a-digit last — and judges
 * it. Every value must be a finite number in 0..1; any other length is refused, naming it.
 */
export function assess(output: ArrayLike<number>, minConfidence: number): Assessment {
  const values = Array.from(output);
  if (values.length !== DIGIT_COUNT && values.length !== OUTPUTS_WITH_NOT_DIGIT) {
    throw new ProbabilitiesError(
      `expected ${DIGIT_COUNT} probabilities (or ${OUTPUTS_WITH_NOT_DIGIT} with not-a-digit last), got ${values.length}`,
    );
  }
  const probabilities = values.slice(0, DIGIT_COUNT).map((value, digit) => checkProbability(value, `probability of digit ${digit}`));
  const notDigit = values.length === OUTPUTS_WITH_NOT_DIGIT ? checkProbability(values[DIGIT_COUNT], '"notDigit"') : 0;
  const digit = argmax(probabilities);
  const confidence = probabilities[digit]!;
  return { digit, confidence, ...judge(confidence, notDigit, minConfidence), notDigit, probabilities };
}

/** Options for `toPrediction`. */
export interface PredictionOptions {
  /** Confidence at or above which a digit counts as confident (see `judge`). */
  readonly minConfidence: number;
  readonly source: PredictionSource;
  readonly backend?: string;
  readonly latencyMs: number;
}

/**
 * Builds a `Prediction` from a model's output (ten probabilities, or eleven with not-a-digit
 * last; validated as `assess` does) and how it was obtained.
 */
export function toPrediction(output: ArrayLike<number>, options: PredictionOptions): Prediction {
  return {
    ...assess(output, options.minConfidence),
    source: options.source,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    latencyMs: options.latencyMs,
  };
}

/**
 * A digit the person typed instead of drawing (the keyboard alternative to dragging, WCAG 2.2
 * 2.5.7): certain by definition, so confidence 1 and a one-hot probability list.
 */
export function enteredPrediction(digit: number): Prediction {
  if (!Number.isInteger(digit) || digit < 0 || digit >= DIGIT_COUNT) throw new RangeError(`a typed digit must be 0..9, got ${describe(digit)}`);
  const probabilities = Array.from({ length: DIGIT_COUNT }, (_, d) => (d === digit ? 1 : 0));
  return { digit, confidence: 1, confident: true, verdict: 'digit', notDigit: 0, probabilities, source: 'keyboard', latencyMs: 0 };
}
