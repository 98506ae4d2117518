/**
 * The input rule for marks too small to be a digit. The grid cannot judge size: `vector` and
 * `mnist` scale whatever was drawn up to fill MNIST's 20×20 box, so a tap becomes a fat dot and a
 * flick a confident "1". Size is only known on the strokes, in canvas pixels, before reduction.
 */
import { clipStrokes } from './stroke-clipping.ts';
import { CANVAS_SIZE } from './strokes.ts';
import { strokeBounds, type VectorStroke } from './vector-grid.ts';

/**
 * Smallest ink extent read as a digit, in canvas pixels: 15, about 5% of the 308 px side. A tap
 * (one point, or a few within a couple of px as a finger rolls), a dot or a flick stays well below
 * it, while people write digits on the pad tens of pixels tall at the least (the drawn fixtures
 * are 90–230 px; MNIST digits fill 20 of 28 cells), and the larger of width and height counts,
 * so a narrow "1" is as tall as any digit. The pen width is left out: a fat pen's tap is a tap.
 */
export const MIN_INK_EXTENT = 15;

/**
 * The larger of width and height of the strokes' centre lines clipped to the canvas (308×308, or
 * number mode's wider surface: what the person sees and `vector` reads), in canvas pixels;
 * undefined when nothing lies on the canvas.
 */
export function inkExtent(strokes: readonly VectorStroke[], width = CANVAS_SIZE, height = CANVAS_SIZE): number | undefined {
  const bounds = strokeBounds(clipStrokes(strokes, width, height));
  return bounds && Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY);
}

/**
 * True when there is ink on the canvas but less than `MIN_INK_EXTENT` of it. An empty canvas is
 * not "too small" (it has its own error); nothing here depends on the pen, the screen or the mode.
 */
export function isTooSmallToRead(strokes: readonly VectorStroke[], width = CANVAS_SIZE, height = CANVAS_SIZE): boolean {
  const extent = inkExtent(strokes, width, height);
  return extent !== undefined && extent < MIN_INK_EXTENT;
}
