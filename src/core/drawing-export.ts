/**
 * What exporting the drawing needs that is pure: the box it covers (the canvas, or the ink
 * trimmed with a margin) and the drawing as an SVG document. The SVG draws each stroke with the
 * ink renderer's curve (quadratic segments through the midpoints of the samples, round caps and
 * joins), so the file looks like the canvas.
 */
import { CANVAS_SIZE, type Stroke } from './strokes.ts';

/** A box in canvas pixels (of 308), whole pixels. */
export interface ExportBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space kept around the ink when trimming, in canvas pixels, unless another margin is asked for. */
export const DEFAULT_TRIM_MARGIN = 16;

/**
 * The box an export covers: the whole canvas (308×308, or number mode's `size`), or with `trim`
 * the ink (pen width included) grown by `margin` on each side, within the canvas, since ink off
 * the canvas was never visible. A drawing with no ink on the canvas exports the whole canvas.
 */
export function exportBox(
  strokes: readonly Stroke[],
  trim: boolean,
  margin = DEFAULT_TRIM_MARGIN,
  size: { readonly width: number; readonly height: number } = { width: CANVAS_SIZE, height: CANVAS_SIZE },
): ExportBox {
  const canvas = { x: 0, y: 0, width: size.width, height: size.height };
  if (!trim) return canvas;
  if (!Number.isFinite(margin) || margin < 0) throw new RangeError(`the trim margin must be a number ≥ 0, got ${margin}`);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { width, points } of strokes) {
    for (const { x, y } of points) {
      minX = Math.min(minX, x - width / 2);
      minY = Math.min(minY, y - width / 2);
      maxX = Math.max(maxX, x + width / 2);
      maxY = Math.max(maxY, y + width / 2);
    }
  }
  const left = Math.max(0, Math.floor(minX - margin));
  const top = Math.max(0, Math.floor(minY - margin));
  const right = Math.min(size.width, Math.ceil(maxX + margin));
  const bottom = Math.min(size.height, Math.ceil(maxY + margin));
  if (!(right > left && bottom > top)) return canvas;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export interface SvgOptions {
  readonly box: ExportBox;
  /** Ink colour (any CSS colour). */
  readonly ink: string;
  /** Paper colour behind the ink; none: transparent. */
  readonly paper?: string;
}

/** The drawing as a standalone SVG document covering `box`, one element per stroke. */
export function drawingSvg(strokes: readonly Stroke[], { box, ink, paper }: SvgOptions): string {
  const colour = attribute(ink);
  const shapes = strokes.map((stroke) => {
    const first = stroke.points[0];
    if (!first) return '';
    if (stroke.points.every((p) => p.x === first.x && p.y === first.y)) {
      return `<circle cx="${num(first.x)}" cy="${num(first.y)}" r="${num(stroke.width / 2)}" fill="${colour}"/>`;
    }
    return `<path d="${strokePath(stroke)}" fill="none" stroke="${colour}" stroke-width="${num(stroke.width)}" stroke-linecap="round" stroke-linejoin="round"/>`;
  });
  const { x, y, width, height } = box;
  const background = paper === undefined ? '' : `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${attribute(paper)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}">${background}${shapes.join('')}</svg>`;
}

/** A stroke's centre line as SVG path data, the same curve `drawStroke` paints. */
export function strokePath({ points }: Stroke): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const parts = [`M${num(first.x)} ${num(first.y)}`];
  for (let i = 0; i < rest.length - 1; i++) {
    const control = rest[i]!;
    const next = rest[i + 1]!;
    parts.push(`Q${num(control.x)} ${num(control.y)} ${num((control.x + next.x) / 2)} ${num((control.y + next.y) / 2)}`);
  }
  const last = rest[rest.length - 1];
  if (last) parts.push(`L${num(last.x)} ${num(last.y)}`);
  return parts.join('');
}

/** Two decimals at most, as the strokes are recorded. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A colour in an attribute: escaped, so no colour string can end the attribute or add markup. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
