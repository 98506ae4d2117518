/**
 * `preprocess="vector"`: re-renders the drawing's strokes (kept as data) straight into MNIST's
 * 20×20 box with a pen of MNIST's own stroke width, then centres by mass like `mnist`. Unlike the
 * pixel modes, neither the size of the drawing nor the pen width it was drawn with changes what
 * the model sees: only the stroke centre lines are used.
 */
import { centreByMass, GRID_CELLS, MNIST_BOX } from './preprocess.ts';

/** A point in canvas pixels (any extra fields, such as time and pressure, are ignored). */
export interface VectorPoint {
  readonly x: number;
  readonly y: number;
}

/** A stroke: its points in drawing order; a single point is a dot. */
export interface VectorStroke {
  readonly points: readonly VectorPoint[];
}

/**
 * Pen width in grid cells. MNIST digits carry about 2.7 units of ink per cell of stroke length
 * (median over the test set's 1s: total intensity / stroke length; quartiles 2.3 and 3.3); the
 * pen below lays down exactly its width per unit length, so 2.6 matches MNIST's typical stroke.
 */
export const VECTOR_PEN_WIDTH = 2.6;

export interface VectorGridOptions {
  /** Pen width in grid cells (default VECTOR_PEN_WIDTH). */
  readonly penWidth?: number;
}

/** Canvas pixels below which a drawing's extent counts as a single dot. */
const DOT_EXTENT = 1e-6;

interface Segment {
  ax: number;
  ay: number;
  dx: number;
  dy: number;
  /** Squared length; 0 for a dot. */
  lengthSq: number;
}

/** The box around stroke centre lines, in the strokes' own units. */
export interface StrokeBounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/**
 * The box around every point of the strokes (centre lines: the pen width is not included), or
 * undefined when there are no points. Throws a RangeError on a non-finite point.
 */
export function strokeBounds(strokes: readonly VectorStroke[]): StrokeBounds | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const { x, y } of stroke.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`stroke points must be finite, got (${x}, ${y})`);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return minX === Infinity ? undefined : { minX, minY, maxX, maxY };
}

/**
 * The 28×28 grid (784 values in 0..1) of the strokes: their centre lines are scaled (aspect
 * kept) so the ink, pen included, fits the 20×20 box, drawn with an anti-aliased round pen (full
 * ink within the pen radius less half a cell, fading to none over one cell), and the box is
 * placed by centre of mass. No strokes or no points give all zeros.
 */
export function vectorGrid(strokes: readonly VectorStroke[], options: VectorGridOptions = {}): Float32Array {
  const penWidth = options.penWidth ?? VECTOR_PEN_WIDTH;
  if (!(penWidth > 0 && penWidth < MNIST_BOX)) throw new RangeError(`penWidth must be in 0..${MNIST_BOX}, got ${penWidth}`);
  const bounds = strokeBounds(strokes);
  if (!bounds) return new Float32Array(GRID_CELLS);
  const { minX, minY, maxX, maxY } = bounds;

  const extent = Math.max(maxX - minX, maxY - minY);
  // A drawing that is a single dot (to within float noise) has no size to fit: a pen-sized dot.
  const scale = extent > DOT_EXTENT ? (MNIST_BOX - penWidth) / extent : 0;
  const inkWidth = (maxX - minX) * scale;
  const inkHeight = (maxY - minY) * scale;
  // The smallest box (whole cells, at most 20×20) holding the ink with the pen's reach around it.
  const boxWidth = Math.min(MNIST_BOX, Math.ceil(inkWidth + penWidth));
  const boxHeight = Math.min(MNIST_BOX, Math.ceil(inkHeight + penWidth));
  const offsetX = (boxWidth - inkWidth) / 2;
  const offsetY = (boxHeight - inkHeight) / 2;

  const segments: Segment[] = [];
  for (const stroke of strokes) {
    const points = stroke.points.map(({ x, y }) => ({ x: (x - minX) * scale + offsetX, y: (y - minY) * scale + offsetY }));
    if (points.length === 1) segments.push(segment(points[0]!, points[0]!));
    for (let i = 1; i < points.length; i++) segments.push(segment(points[i - 1]!, points[i]!));
  }

  const radius = penWidth / 2;
  const reach = radius + 0.5;
  // Each cell's squared distance to the nearest segment that can reach it: a segment visits only
  // the cells within `reach` of its box (one more for rounding), not all of them, so a digit of
  // many short segments costs a few cells each; cells no segment reaches keep no ink.
  const nearest = new Float64Array(boxWidth * boxHeight).fill(Infinity);
  for (const s of segments) {
    const firstCol = Math.max(0, Math.floor(Math.min(s.ax, s.ax + s.dx) - reach) - 1);
    const lastCol = Math.min(boxWidth - 1, Math.ceil(Math.max(s.ax, s.ax + s.dx) + reach));
    const firstRow = Math.max(0, Math.floor(Math.min(s.ay, s.ay + s.dy) - reach) - 1);
    const lastRow = Math.min(boxHeight - 1, Math.ceil(Math.max(s.ay, s.ay + s.dy) + reach));
    for (let row = firstRow; row <= lastRow; row++) {
      for (let col = firstCol; col <= lastCol; col++) {
        const distanceSq = distanceSqToSegment(col + 0.5, row + 0.5, s);
        if (distanceSq < nearest[row * boxWidth + col]!) nearest[row * boxWidth + col] = distanceSq;
      }
    }
  }
  const box = new Float32Array(boxWidth * boxHeight);
  for (let i = 0; i < box.length; i++) if (nearest[i]! < reach * reach) box[i] = Math.min(1, reach - Math.sqrt(nearest[i]!));
  return centreByMass(box, boxWidth, boxHeight);
}

function segment(a: VectorPoint, b: VectorPoint): Segment {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return { ax: a.x, ay: a.y, dx, dy, lengthSq: dx * dx + dy * dy };
}

function distanceSqToSegment(px: number, py: number, s: Segment): number {
  let t = 0;
  if (s.lengthSq > 0) {
    t = ((px - s.ax) * s.dx + (py - s.ay) * s.dy) / s.lengthSq;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
  }
  const ex = s.ax + t * s.dx - px;
  const ey = s.ay + t * s.dy - py;
  return ex * ex + ey * ey;
}
