/**
 * The pixel preprocess modes (`mnist`, `grid`) for the element: the strokes rendered at exactly
 * 308×308 with opaque ink, then reduced by core/pixel-grid. From the kept strokes rather than the
 * visible canvas, so the grid is the same on every screen density and CSS size. Downloaded only
 * when `preprocess` names a pixel mode (drawing-grid.ts); the default, `vector`, needs none of it.
 */
import { reduceToGrid, type PixelGridMode } from '../core/pixel-grid.ts';
import { CANVAS_SIZE, type Stroke } from '../core/strokes.ts';
import { renderStrokes, type Context2D } from './ink-renderer.ts';

/** The grid of `strokes` by a pixel mode. */
export function rasterGrid(strokes: readonly Stroke[], mode: PixelGridMode): Float32Array {
  return reduceToGrid(rasterizeStrokes(strokes), mode);
}

/** The strokes at 308×308 in opaque ink, as pixels. */
export function rasterizeStrokes(strokes: readonly Stroke[]): ImageData {
  const context = rasterContext();
  renderStrokes(context, strokes, '#000');
  return context.getImageData(0, 0, CANVAS_SIZE, CANVAS_SIZE);
}

let raster: Context2D | undefined;

function rasterContext(): Context2D {
  if (raster) return raster;
  const options = { willReadFrequently: true };
  const canvas =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(CANVAS_SIZE, CANVAS_SIZE)
      : Object.assign(document.createElement('canvas'), { width: CANVAS_SIZE, height: CANVAS_SIZE });
  const context = canvas.getContext('2d', options) as Context2D | null;
  if (!context) throw new Error('digit-canvas: this browser gives no 2D canvas context to rasterize the drawing');
  raster = context;
  return context;
}
