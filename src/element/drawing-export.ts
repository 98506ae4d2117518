/**
 * The drawing as a file, for pages that keep what was written: PNG (or any type the browser's
 * canvas encodes) by drawing the strokes again with the ink renderer, or SVG from
 * core/drawing-export. In the surface's own colours (`--digit-canvas-ink`, and the paper when
 * asked for), on transparent by default, the whole canvas or trimmed to the ink.
 */
import { drawingSvg, exportBox, type ExportBox } from '../core/drawing-export.ts';
import { CANVAS_SIZE, type Stroke } from '../core/strokes.ts';
import { drawStroke } from './ink-renderer.ts';

/** How `toBlob`, `toDataURL` and `toSVG` draw the drawing. */
export interface ExportOptions {
  /** Paint the paper colour (`--digit-canvas-paper`) behind the ink; default: transparent. */
  readonly paper?: boolean;
  /** Crop to the ink: `true` keeps a 16 px margin (canvas pixels, of 308), a number that margin. Default: the whole canvas. */
  readonly trim?: boolean | number;
  /** Image pixels per canvas pixel for PNG and the other raster types (default 1: 308×308 for the whole canvas). */
  readonly scale?: number;
}

export class DrawingExporter {
  readonly #strokes: () => readonly Stroke[];
  readonly #surface: () => HTMLElement | undefined;
  readonly #size: () => { readonly width: number; readonly height: number };

  /** `size`: the surface's logical size in canvas pixels (number mode's is wider than 308). */
  constructor(strokes: () => readonly Stroke[], surface: () => HTMLElement | undefined, size = () => ({ width: CANVAS_SIZE, height: CANVAS_SIZE })) {
    this.#strokes = strokes;
    this.#surface = surface;
    this.#size = size;
  }

  svg(options: ExportOptions = {}): string {
    const { ink, paper } = this.#colours();
    return drawingSvg(this.#strokes(), { box: this.#box(options), ink, ...(options.paper ? { paper } : {}) });
  }

  dataUrl(type?: string, options: ExportOptions = {}): string {
    return this.#canvas(options).toDataURL(type);
  }

  blob(type?: string, options: ExportOptions = {}): Promise<Blob> {
    const canvas = this.#canvas(options);
    return new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`<digit-canvas>: this browser could not encode the drawing as ${type ?? 'image/png'}`))), type),
    );
  }

  #canvas(options: ExportOptions): HTMLCanvasElement {
    const scale = options.scale ?? 1;
    if (!(Number.isFinite(scale) && scale > 0 && scale <= 16)) throw new RangeError(`<digit-canvas>: the export scale must be a number in (0, 16], got ${String(scale)}`);
    const box = this.#box(options);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('<digit-canvas>: this browser gives no 2D canvas context to export the drawing');
    const { ink, paper } = this.#colours();
    if (options.paper) {
      context.fillStyle = paper;
      context.fillRect(0, 0, canvas.width, canvas.height);
    }
    context.setTransform(scale, 0, 0, scale, -box.x * scale, -box.y * scale);
    Object.assign(context, { strokeStyle: ink, fillStyle: ink, lineCap: 'round', lineJoin: 'round' });
    for (const stroke of this.#strokes()) drawStroke(context, stroke);
    return canvas;
  }

  #box({ trim }: ExportOptions): ExportBox {
    if (trim !== undefined && typeof trim !== 'boolean' && typeof trim !== 'number') throw new TypeError(`<digit-canvas>: trim must be true, false or a margin in canvas pixels, got ${String(trim)}`);
    return typeof trim === 'number' ? exportBox(this.#strokes(), true, trim, this.#size()) : exportBox(this.#strokes(), trim === true, undefined, this.#size());
  }

  /** The surface's colours as the page styles them (a surface not rendered yet: the defaults). */
  #colours(): { ink: string; paper: string } {
    const surface = this.#surface();
    const style = surface ? getComputedStyle(surface) : undefined;
    return { ink: style?.color || '#111', paper: style?.backgroundColor || '#fff' };
  }
}
