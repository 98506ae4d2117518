/**
 * Number mode's grids: the drawing reduced to one `vector` grid per digit group (clipped to the
 * surface, segmented by digit-segmentation.ts), so each digit of a number reaches the model exactly
 * as a lone digit does. The page loads this (and the segmentation) only in number mode.
 */
import { segmentDigits, type DigitBox } from './digit-segmentation.ts';
import { digitsForWidth } from './number-layout.ts';
import { clipStrokes } from './stroke-clipping.ts';
import { vectorGrid, type VectorStroke } from './vector-grid.ts';

/** One digit of a number: its grid (784 values in 0..1) and its box in canvas pixels. */
export interface DigitGrid {
  readonly grid: Float32Array;
  readonly box: DigitBox;
}

/**
 * The drawing's digit groups, left to right, each reduced by the `vector` grid, after clipping
 * the strokes to the `width`×`height` surface (ink the person cannot see never counts). A stroke
 * is cut in two digits only while there are fewer groups than `maxDigits` (default: the digits
 * the surface's width is made for, number-layout's `digitsForWidth`).
 */
export function numberGrids(strokes: readonly VectorStroke[], width: number, height: number, maxDigits: number = digitsForWidth(width)): DigitGrid[] {
  return segmentDigits(clipStrokes(strokes, width, height), { maxDigits }).map(({ strokes: group, box }) => ({ grid: vectorGrid(group), box }));
}
