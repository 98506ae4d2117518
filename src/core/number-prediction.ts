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
 * Judges each group's model output (ten probabilities, or eleven with not-a-digit last) at
 * `minConfidence` and reads the number. `outputs[i]` belongs to `boxes[i]`; the lengths must match.
 */
export function assessNumber(outputs: readonly ArrayLike<number>[], boxes: readonly DigitBox[], minConfidence: number): NumberAssessment {
  if (outputs.length !== boxes.length) throw new RangeError(`${outputs.length} outputs for ${boxes.length} digit boxes`);
  const digits = outputs.map((output, i) => ({ ...assess(output, minConfidence), box: boxes[i]! }));
  return { value: digits.map(({ digit }) => String(digit)).join(''), digits, confident: digits.length > 0 && digits.every(({ confident }) => confident) };
}
