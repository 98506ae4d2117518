/**
 * What the element refuses to classify, before any classifier runs: nothing at all while it is
 * disabled, an empty canvas, and ink too small to be a digit (core/drawing-size: checked on the
 * strokes, since the grid is scaled to fit and a tap would read as a confident digit). Each is an
 * `input` ClassificationError whose message says what to do; the drawing is never touched.
 */
import { isTooSmallToRead } from '../core/drawing-size.ts';
import { isBlankGrid } from '../core/preprocess.ts';
import type { Stroke } from '../core/strokes.ts';
import { ClassificationError } from '../inference/classification-error.ts';

const DISABLED_MESSAGE = 'The element is disabled (its disabled attribute, or a disabled fieldset around it): it takes no input and makes no predictions.';
const EMPTY_MESSAGE = 'Nothing to classify: the canvas is empty. Draw a digit first.';
/** The person can fix it, so it says how. */
const TOO_SMALL_MESSAGE = 'Too small to read — draw the digit bigger.';

/** Why the drawing (on a surface of `size`, canvas pixels) cannot be classified now, or undefined when it can. */
export function inputRefusal(
  disabled: boolean,
  grid: Float32Array,
  strokes: readonly Stroke[],
  size: { readonly width: number; readonly height: number },
): ClassificationError | undefined {
  if (disabled) return new ClassificationError('input', DISABLED_MESSAGE, { code: 'disabled' });
  if (isBlankGrid(grid)) return new ClassificationError('input', EMPTY_MESSAGE, { code: 'invalid-grid' });
  if (isTooSmallToRead(strokes, size.width, size.height)) return new ClassificationError('input', TOO_SMALL_MESSAGE, { code: 'too-small' });
  return undefined;
}

/** Number mode: more digit groups than `digits` allows is said plainly, never cut to fit (number-mode.ts raises it). */
export function tooManyDigits(groups: number, digits: number): ClassificationError {
  return new ClassificationError('input', `That reads as ${groups} digits; write at most ${digits}.`, { code: 'too-many-digits' });
}
