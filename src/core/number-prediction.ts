/**
 * Number mode's answer: one assessment per digit group (the same `assess` and verdict rule as a
 * lone digit) and the number they spell, left to right. The reading is confident only when every
 * digit is: one unsure digit or one mark that is no digit makes the whole number unsure.
 */
import type { DigitBox } from './digit-segmentation.ts';
import { assess, type Assessment } from './prediction.ts';

/** One digit of a number: its assessment and where it was written, in canvas pixels. */
export type NumberDigit = Assessment & { readonly box: DigitBox };

/** What a number's digit outputs say together. */
export interface NumberAssessment {
  /** The digits read, left to right (`"2026"`); a digit that is not confident still shows its best guess. */
  readonly value: string;
  readonly digits: NumberDigit[];
  /** Every digit is confident (`verdict === 'digit'`), and there is at least one. */
  readonly confident: boolean;
}

/**
 * The digit that speaks for the whole number: the first that is not a digit, else the first
 * unsure one, else the least confident. The number's own verdict is that digit's, so one line of
 * text can say which digit to redo. -1 for no digits.
 */
export function weakestDigit(digits: readonly Pick<Assessment, 'verdict' | 'confidence'>[]): number {
  const junk = digits.findIndex(({ verdict }) => verdict === 'not-a-digit');
  if (junk >= 0) return junk;
  const unsure = digits.findIndex(({ verdict }) => verdict === 'unsure');
  if (unsure >= 0) return unsure;
  let weakest = digits.length > 0 ? 0 : -1;
  digits.forEach(({ confidence }, i) => {
    if (confidence < digits[weakest]!.confidence) weakest = i;
  });
  return weakest;
}

/**
 * Judges each group's model output (ten probabilities, or eleven with not-a-digit last) at
 * `minConfidence` and reads the number. `outputs[i]` belongs to `boxes[i]`; the lengths must match.
 */
export function assessNumber(outputs: readonly ArrayLike<number>[], boxes: readonly DigitBox[], minConfidence: number): NumberAssessment {
  if (outputs.length !== boxes.length) throw new RangeError(`${outputs.length} outputs for ${boxes.length} digit boxes`);
  const digits = outputs.map((output, i) => ({ ...assess(output, minConfidence), box: boxes[i]! }));
  return { value: digits.map(({ digit }) => String(digit)).join(''), digits, confident: digits.length > 0 && digits.every(({ confident }) => confident) };
}
