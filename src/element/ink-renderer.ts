/**
 * Draws strokes onto a 2D canvas context in the 308×308 canvas space: round caps and joins, and
 * quadratic curves through the midpoints of successive samples so fast strokes come out smooth
 * instead of as jagged polylines. Used both for the visible canvas and for the pixel modes' raster
 * (raster-grid.ts), so what the grid sees is what the person sees.
 */
import type { Stroke } from '../core/strokes.ts';

export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Clears the context and draws every stroke in `ink`. `scale` maps canvas pixels to the
 * context's backing pixels (devicePixelRatio × CSS size / 308 for the visible canvas, 1 for the
 * grid raster).
 */
export function renderStrokes(context: Context2D, strokes: readonly Stroke[], ink: string, scaleX = 1, scaleY = scaleX): void {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(scaleX, 0, 0, scaleY, 0, 0);
  context.strokeStyle = ink;
  context.fillStyle = ink;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) drawStroke(context, stroke);
}

/** Draws one stroke: a dot for a single sample, otherwise a smoothed curve. */
export function drawStroke(context: Context2D, stroke: Stroke): void {
  const { points, width } = stroke;
  const first = points[0];
  if (!first) return;
  context.lineWidth = width;
  context.beginPath();
  if (points.length === 1 || points.every((p) => p.x === first.x && p.y === first.y)) {
    context.arc(first.x, first.y, width / 2, 0, Math.PI * 2);
    context.fill();
    return;
  }
  context.moveTo(first.x, first.y);
  if (points.length === 2) {
    context.lineTo(points[1]!.x, points[1]!.y);
  } else {
    // Each sample becomes the control point of a curve ending halfway to the next sample.
    for (let i = 1; i < points.length - 1; i++) {
      const control = points[i]!;
      const next = points[i + 1]!;
      context.quadraticCurveTo(control.x, control.y, (control.x + next.x) / 2, (control.y + next.y) / 2);
    }
    const last = points[points.length - 1]!;
    context.lineTo(last.x, last.y);
  }
  context.stroke();
}
