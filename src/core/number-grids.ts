/**
 * Number mode's geometry and grids: how wide the drawing surface is for `digits` digits, and the
 * drawing reduced to one `vector` grid per digit group (clipped to the surface, segmented by
 * digit-segmentation.ts), so each digit of a number reaches the model exactly as a lone digit does.
 */
import { segmentDigits, type DigitBox } from './digit-segmentation.ts';
import { clipStrokes } from './stroke-clipping.ts';
import { CANVAS_SIZE } from './strokes.ts';
import { vectorGrid, type VectorStroke } from './vector-grid.ts';

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

/** One digit of a number: its grid (784 values in 0..1) and its box in canvas pixels. */
export interface DigitGrid {
  readonly grid: Float32Array;
  readonly box: DigitBox;
}

/**
 * The drawing's digit groups, left to right, each reduced by the `vector` grid, after clipping
 * the strokes to the `width`×`height` surface (ink the person cannot see never counts).
 */
export function numberGrids(strokes: readonly VectorStroke[], width: number, height: number): DigitGrid[] {
  return segmentDigits(clipStrokes(strokes, width, height)).map(({ strokes: group, box }) => ({ grid: vectorGrid(group), box }));
}
