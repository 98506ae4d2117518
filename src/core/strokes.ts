/**
 * A drawing as data: strokes of timed, pressure-tagged points in the 308×308 canvas space. Kept
 * as plain JSON so a drawing can be saved, replayed, re-rendered at any resolution and used as a
 * test fixture. `parseStrokes` is the one gate every drawing from outside passes through.
 */

/** Side of the logical drawing surface, in canvas pixels (28 cells × 11 pixels). */
import { describe } from './describe-value.ts';
export const CANVAS_SIZE = 308;
/** Pen width used when a stroke does not say its own. */
export const DEFAULT_STROKE_WIDTH = 16;
/** Upper bound on points in one drawing, so a hostile or corrupt JSON cannot stall the page. */
export const MAX_POINTS = 100_000;
/** Pressure recorded when the input has none (the Pointer Events default for an active button). */
export const DEFAULT_PRESSURE = 0.5;

/** One pointer sample. */
export interface StrokePoint {
  /** Canvas x in 0..308 (may lie outside while a captured stroke leaves the canvas). */
  x: number;
  /** Canvas y in 0..308 (may lie outside, as x). */
  y: number;
  /** Milliseconds since the stroke's first point. */
  t: number;
  /** Pen pressure 0..1 (recorded, not rendered, so the grid never depends on the device). */
  pressure: number;
}

/** One pen-down…pen-up trace. */
export interface Stroke {
  /** Pen width in canvas pixels, as it was when the stroke was drawn. */
  width: number;
  /** At least one point; a single point is a dot. */
  points: StrokePoint[];
}

/** Thrown when a drawing from outside does not have the stroke JSON shape. */
export class StrokesFormatError extends TypeError {
  override name = 'StrokesFormatError';
}

/**
 * Checks and copies a drawing given as plain data (or as a JSON string of it). `width` may be
 * left out (it becomes `defaultWidth`), as may `t` (0) and `pressure` (0.5), so hand-written
 * fixtures stay short. Unknown keys are dropped. Throws `StrokesFormatError` naming the first bad
 * value's path; the caller's own drawing is never touched.
 */
export function parseStrokes(input: unknown, defaultWidth: number = DEFAULT_STROKE_WIDTH): Stroke[] {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new StrokesFormatError(`strokes is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(value)) throw new StrokesFormatError(`strokes must be an array of strokes, got ${describe(value)}`);
  let total = 0;
  return value.map((stroke: unknown, i): Stroke => {
    const path = `strokes[${i}]`;
    if (!isRecord(stroke)) throw new StrokesFormatError(`${path} must be an object {width, points}, got ${describe(stroke)}`);
    const width = stroke.width === undefined ? defaultWidth : stroke.width;
    if (typeof width !== 'number' || !Number.isFinite(width) || width <= 0) {
      throw new StrokesFormatError(`${path}.width must be a positive number, got ${describe(stroke.width)}`);
    }
    const { points } = stroke;
    if (!Array.isArray(points) || points.length === 0) {
      throw new StrokesFormatError(`${path}.points must be a non-empty array of points, got ${describe(points)}`);
    }
    total += points.length;
    if (total > MAX_POINTS) throw new StrokesFormatError(`strokes hold more than ${MAX_POINTS} points`);
    return { width, points: points.map((point: unknown, j) => parsePoint(point, `${path}.points[${j}]`)) };
  });
}

/** A deep copy, so callers can never reach into a drawing's state. */
export function copyStrokes(strokes: readonly Stroke[]): Stroke[] {
  return strokes.map((stroke) => ({ width: stroke.width, points: stroke.points.map((point) => ({ ...point })) }));
}

function parsePoint(point: unknown, path: string): StrokePoint {
  if (!isRecord(point)) throw new StrokesFormatError(`${path} must be an object {x, y, t, pressure}, got ${describe(point)}`);
  const x = finite(point.x, `${path}.x`);
  const y = finite(point.y, `${path}.y`);
  const t = point.t === undefined ? 0 : finite(point.t, `${path}.t`);
  if (t < 0) throw new StrokesFormatError(`${path}.t must not be negative, got ${t}`);
  const pressure = point.pressure === undefined ? DEFAULT_PRESSURE : finite(point.pressure, `${path}.pressure`);
  if (pressure < 0 || pressure > 1) throw new StrokesFormatError(`${path}.pressure must be in 0..1, got ${pressure}`);
  return { x, y, t, pressure };
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new StrokesFormatError(`${path} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
