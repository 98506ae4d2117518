/**
 * Clips stroke centre lines to the canvas. The pixel modes only ever see what was painted on the
 * canvas; `vector` reads the strokes themselves, so without this, ink dragged off the edge (which
 * the person cannot see) would still count, and would shrink the visible digit when fitted.
 */
import type { VectorPoint, VectorStroke } from './vector-grid.ts';

/**
 * The parts of the strokes inside [0, width] × [0, height]. A stroke that leaves and re-enters
 * the canvas becomes several strokes; a segment crossing the edge is cut at the edge; dots and
 * strokes entirely outside are dropped.
 */
export function clipStrokes(strokes: readonly VectorStroke[], width: number, height: number): VectorStroke[] {
  const inside = (p: VectorPoint) => p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= height;
  const clipped: VectorStroke[] = [];
  for (const { points } of strokes) {
    if (points.length === 1) {
      if (inside(points[0]!)) clipped.push({ points: [points[0]!] });
      continue;
    }
    let current: VectorPoint[] = [];
    for (let i = 1; i < points.length; i++) {
      const segment = clipSegment(points[i - 1]!, points[i]!, width, height);
      if (!segment) continue;
      const [start, end] = segment;
      const last = current[current.length - 1];
      if (!last || last.x !== start.x || last.y !== start.y) {
        if (current.length > 0) clipped.push({ points: current });
        current = [start];
      }
      current.push(end);
    }
    if (current.length > 0) clipped.push({ points: current });
  }
  return clipped;
}

/** Liang–Barsky: the part of segment a→b inside the rectangle, or undefined when none is. */
function clipSegment(a: VectorPoint, b: VectorPoint, width: number, height: number): [VectorPoint, VectorPoint] | undefined {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let enter = 0;
  let leave = 1;
  // Each edge as p·t ≤ q: left, right, top, bottom.
  const edges: Array<[number, number]> = [
    [-dx, a.x],
    [dx, width - a.x],
    [-dy, a.y],
    [dy, height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return undefined; // parallel to this edge and outside it
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return undefined;
  }
  const at = (t: number): VectorPoint => (t === 0 ? a : t === 1 ? b : { x: a.x + t * dx, y: a.y + t * dy });
  return [at(enter), at(leave)];
}
