/**
 * Number mode's geometry: how many digits one drawing may hold and how wide the drawing surface
 * is for them. Apart from the segmentation (number-grids.ts), so the page can size the surface
 * and check a batch without loading it.
 */
import { CANVAS_SIZE } from './strokes.ts';

/** Most digits one drawing may hold: the most grids one endpoint request carries. */
export const MAX_DIGITS = 16;

/**
 * The surface's logical size for `digits` digits: 308 tall, and half a square wider per digit
 * after the first (digits are about half as wide as tall plus the gap between them), so each digit
 * keeps the height of a lone digit's pad: 308×308 for one, 462×308 for two, 1078×308 for six.
 */
export function canvasSize(digits: number): { width: number; height: number } {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) throw new RangeError(`digits must be an integer in 1..${MAX_DIGITS}, got ${digits}`);
  return { width: CANVAS_SIZE + ((digits - 1) * CANVAS_SIZE) / 2, height: CANVAS_SIZE };
}

/** The digits a surface `width` canvas pixels wide is made for (the inverse of `canvasSize`; 1 for anything narrower than two digits' surface). */
export function digitsForWidth(width: number): number {
  return Math.min(MAX_DIGITS, Math.max(1, Math.floor((width - CANVAS_SIZE) / (CANVAS_SIZE / 2) + 1e-9) + 1));
}
