/**
 * The drawing as the 28×28 grid the model reads, by `preprocess` mode: `vector` from the strokes'
 * centre lines (core/vector-grid), the pixel modes from the strokes rendered at 308×308
 * (raster-grid, downloaded once a pixel mode is asked for: most pages keep the default). Always
 * from the kept strokes, never the visible canvas, so the grid does not depend on the screen's
 * density, the CSS size or the colours.
 */
import type { PixelGridMode } from '../core/pixel-grid.ts';
import { clipStrokes } from '../core/stroke-clipping.ts';
import { CANVAS_SIZE, type Stroke } from '../core/strokes.ts';
import { vectorGrid } from '../core/vector-grid.ts';
import { codeDownloadError } from '../inference/classification-error.ts';
import { onceUntilFailure } from '../model/promise-cache.ts';

/** How the drawing becomes the 28×28 grid: the pixel modes of core/preprocess, or `vector` from the strokes. */
export type PreprocessMode = PixelGridMode | 'vector';

export const PREPROCESS_MODES: readonly PreprocessMode[] = ['vector', 'mnist', 'grid'];

/**
 * The measured winner on drawn digits (README, "Preprocessing"; `npm run measure:preprocess`):
 * vector 99.9%, mnist 99.3%, grid 51.8% of 1,260 drawings.
 */
export const DEFAULT_PREPROCESS: PreprocessMode = 'vector';

/** The surface's logical size in canvas pixels: 308×308, wider in number mode. */
export interface SurfaceSize {
  readonly width: number;
  readonly height: number;
}

const SQUARE: SurfaceSize = { width: CANVAS_SIZE, height: CANVAS_SIZE };

const downloadRasterGrid = onceUntilFailure(() =>
  import('./raster-grid.ts').catch((error: unknown) => {
    throw codeDownloadError('the pixel preprocessing', error);
  }),
);
let rasterGrid: typeof import('./raster-grid.ts').rasterGrid | undefined;

/** Whether `drawingGrid` can read by `mode` now (the pixel modes once their code is here). */
export function gridModeReady(mode: PreprocessMode): boolean {
  return mode === 'vector' || rasterGrid !== undefined;
}

/**
 * Downloads what `mode` reads with, once (a failed download is tried again on the next call);
 * rejects with a ClassificationError (`network`, `unreachable`) when it cannot.
 */
export async function loadGridMode(mode: PreprocessMode): Promise<void> {
  if (gridModeReady(mode)) return;
  ({ rasterGrid } = await downloadRasterGrid());
}

/**
 * The grid of `strokes` by `mode`; ink outside the canvas never counts (vector clips it, the raster
 * cannot hold it). On number mode's wider surface the drawing is always read by `vector`, as its
 * digits are: the pixel modes' raster is the 308×308 square. A pixel mode whose code has not
 * arrived yet (`loadGridMode`) throws.
 */
export function drawingGrid(strokes: readonly Stroke[], mode: PreprocessMode, size: SurfaceSize = SQUARE): Float32Array {
  const square = size.width === CANVAS_SIZE && size.height === CANVAS_SIZE;
  if (mode === 'vector' || !square) return vectorGrid(clipStrokes(strokes, size.width, size.height));
  if (!rasterGrid) throw new Error(`<digit-canvas>: preprocess="${mode}" is still downloading; await the element's updateComplete (or call predict()) before getGrid()`);
  return rasterGrid(strokes, mode);
}

/**
 * Remembers the last grid per drawing version and mode: predict() and getGrid() ask for the same
 * grid, and rendering 308×308 for a pixel mode is the costly part. Hands out copies, so a caller
 * that writes into its grid changes nothing here.
 */
export class DrawingGridCache {
  #last: { version: number; mode: PreprocessMode; width: number; grid: Float32Array } | undefined;

  grid(strokes: readonly Stroke[], version: number, mode: PreprocessMode, size: SurfaceSize = SQUARE): Float32Array {
    const last = this.#last;
    if (last?.version !== version || last.mode !== mode || last.width !== size.width) {
      this.#last = { version, mode, width: size.width, grid: drawingGrid(strokes, mode, size) };
    }
    return this.#last!.grid.slice();
  }
}
