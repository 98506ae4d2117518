/**
 * Generated drawings that are not digits — the marks people leave on a digit pad besides digits:
 * taps, stray dashes, scribbles and crossed-out digits, zigzags, waves, hatching, and shapes (star,
 * smiley, hash, check mark, X, box, triangle, spiral, heart, arrow). Seeded, as strokes in a unit
 * box (y down), for `penGrid` to place like any pen sample. Shapes that are a digit when drawn
 * (a plain circle or ellipse, a vertical bar, a slashed circle, a single diagonal) are not made.
 */
import { CANVAS_SIZE } from '../core/strokes.ts';
import { strokeBounds, type VectorStroke } from '../core/vector-grid.ts';
import { penDrawing, type PenAugment, type RawStrokes } from './pen-render.ts';
import type { Random } from './random.ts';

export const NON_DIGIT_KINDS = [
  'tap',
  'dash',
  'scribble',
  'crossed-out',
  'zigzag',
  'wave',
  'hatching',
  'hash',
  'x-mark',
  'star',
  'smiley',
  'check-mark',
  'box',
  'triangle',
  'spiral',
  'heart',
  'arrow',
] as const;
export type NonDigitKind = (typeof NON_DIGIT_KINDS)[number];

type Point = [number, number];

/**
 * One drawing of `kind`. `crossedOut` supplies the digit's strokes to strike through (a pen
 * sample from the same split as the caller's other data).
 */
export function nonDigitStrokes(kind: NonDigitKind, random: Random, crossedOut?: RawStrokes): RawStrokes {
  const u = (min: number, max: number) => random.uniform(min, max);
  switch (kind) {
    case 'tap': {
      // Already in canvas pixels: a tap is one sample, or a few within a couple of pixels.
      const n = random.next() < 0.5 ? 1 : 3 + random.int(3);
      const x = u(10, CANVAS_SIZE - 10);
      const y = u(10, CANVAS_SIZE - 10);
      return [Array.from({ length: n }, (): Point => [x + u(-2, 2), y + u(-2, 2)])];
    }
    case 'dash': {
      const angle = (u(-30, 30) * Math.PI) / 180;
      const bend = u(-0.08, 0.08);
      return [path(24, (t) => [t * Math.cos(angle) - bend * Math.sin(Math.PI * t) * Math.sin(angle), t * Math.sin(angle) + bend * Math.sin(Math.PI * t)], random)];
    }
    case 'scribble':
      return [scribble(random, 0, 0, 1, u(0.5, 1), 12 + random.int(30))];
    case 'crossed-out': {
      const digit = crossedOut ?? [path(20, (t) => [0.5 + 0.3 * Math.cos(2 * Math.PI * t), 0.5 + 0.45 * Math.sin(2 * Math.PI * t)], random)];
      const box = strokeBounds(digit.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) })))!;
      const strike = scribble(random, box.minX, box.minY, box.maxX - box.minX || 1, box.maxY - box.minY || 1, 8 + random.int(16));
      return [...digit, strike];
    }
    case 'zigzag': {
      const peaks = 3 + random.int(5);
      const height = u(0.15, 0.5);
      const corners: Point[] = Array.from({ length: peaks * 2 + 1 }, (_, i) => [i / (peaks * 2), i % 2 === 0 ? height : 0]);
      return [polyline(corners, random)];
    }
    case 'wave': {
      const periods = 2 + random.int(3);
      const amplitude = u(0.05, 0.2);
      return [path(16 * periods, (t) => [t, amplitude * Math.sin(2 * Math.PI * periods * t)], random)];
    }
    case 'hatching': {
      const lines = 3 + random.int(5);
      const slope = u(-1.2, 1.2);
      return Array.from({ length: lines }, (_, i) => {
        const x = i / lines;
        return polyline([[x, 0], [x + slope * 0.3 + u(-0.05, 0.05), 0.3 + u(-0.05, 0.05)]], random);
      });
    }
    case 'hash':
      return [
        polyline([[0.35, 0], [0.3, 1]], random),
        polyline([[0.7, 0], [0.65, 1]], random),
        polyline([[0, 0.35], [1, 0.33]], random),
        polyline([[0, 0.68], [1, 0.66]], random),
      ];
    case 'x-mark':
      return [polyline([[0, 0], [1, 1]], random), polyline([[1, 0], [0, 1]], random)];
    case 'star': {
      const start = u(0, 2 * Math.PI);
      const corners: Point[] = Array.from({ length: 6 }, (_, i) => {
        const a = start + (i * 4 * Math.PI) / 5;
        return [0.5 + 0.5 * Math.cos(a), 0.5 + 0.5 * Math.sin(a)];
      });
      return [polyline(corners, random)];
    }
    case 'smiley':
      return [
        path(32, (t) => [0.5 + 0.5 * Math.cos(2 * Math.PI * t), 0.5 + 0.5 * Math.sin(2 * Math.PI * t)], random),
        [[0.33 + u(-0.03, 0.03), 0.35 + u(-0.03, 0.03)]],
        [[0.67 + u(-0.03, 0.03), 0.35 + u(-0.03, 0.03)]],
        path(12, (t) => [0.3 + 0.4 * t, 0.62 + 0.15 * Math.sin(Math.PI * t)], random),
      ];
    case 'check-mark':
      return [polyline([[0, 0.55], [0.3 + u(-0.05, 0.05), 1], [1, u(0, 0.15)]], random)];
    case 'box': {
      const w = u(0.6, 1);
      const corners: Point[] = [[0, 0], [w, 0], [w, 1], [0, 1], [0, 0]];
      if (random.next() < 0.5) return [polyline(corners, random)];
      return corners.slice(0, 4).map((c, i) => polyline([c, corners[i + 1]!], random));
    }
    case 'triangle': {
      const corners: Point[] = [[0.5 + u(-0.2, 0.2), 0], [1, 1], [0, 1], [0.5, 0]];
      return [polyline(corners, random)];
    }
    case 'spiral': {
      const turns = 2.2 + u(0, 1.5);
      return [path(Math.round(24 * turns), (t) => [0.5 + 0.5 * t * Math.cos(2 * Math.PI * turns * t), 0.5 + 0.5 * t * Math.sin(2 * Math.PI * turns * t)], random)];
    }
    case 'heart':
      return [
        path(40, (t) => {
          const a = 2 * Math.PI * t;
          return [0.5 + 0.5 * Math.pow(Math.sin(a), 3), 0.45 - (13 * Math.cos(a) - 5 * Math.cos(2 * a) - 2 * Math.cos(3 * a) - Math.cos(4 * a)) / 34];
        }, random),
      ];
    case 'arrow': {
      const angle = u(0, 2 * Math.PI);
      const tip: Point = [0.5 + 0.5 * Math.cos(angle), 0.5 + 0.5 * Math.sin(angle)];
      const tail: Point = [0.5 - 0.5 * Math.cos(angle), 0.5 - 0.5 * Math.sin(angle)];
      const head = (side: number): Point => [tip[0] - 0.3 * Math.cos(angle + side * 0.5), tip[1] - 0.3 * Math.sin(angle + side * 0.5)];
      return [polyline([tail, tip], random), polyline([head(1), tip, head(-1)], random)];
    }
  }
}

/**
 * A drawing of `kind` as the element keeps it (canvas pixels): shapes are placed like pen
 * samples, a tap stays the few pixels it is.
 */
export function nonDigitDrawing(kind: NonDigitKind, random: Random, augment: PenAugment, crossedOut?: RawStrokes): VectorStroke[] {
  const strokes = nonDigitStrokes(kind, random, crossedOut);
  if (kind !== 'tap') return penDrawing(strokes, random, augment);
  return strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) }));
}

/** A smooth path sampled at `n + 1` points of `f(t)`, t in 0..1, with a slight hand wobble. */
function path(n: number, f: (t: number) => Point, random: Random): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const [x, y] = f(i / n);
    return [x + random.uniform(-0.01, 0.01), y + random.uniform(-0.01, 0.01)];
  });
}

/** Straight segments through `corners`, each sampled every ~0.05 units, with wobble. */
function polyline(corners: readonly Point[], random: Random): Point[] {
  const points: Point[] = [];
  for (let i = 1; i < corners.length; i++) {
    const [ax, ay] = corners[i - 1]!;
    const [bx, by] = corners[i]!;
    const steps = Math.max(2, Math.ceil(Math.hypot(bx - ax, by - ay) / 0.05));
    for (let s = i === 1 ? 0 : 1; s <= steps; s++) {
      const t = s / steps;
      points.push([ax + (bx - ax) * t + random.uniform(-0.01, 0.01), ay + (by - ay) * t + random.uniform(-0.01, 0.01)]);
    }
  }
  return points;
}

/** A back-and-forth scribble of `turns` random turning points inside the given box. */
function scribble(random: Random, left: number, top: number, width: number, height: number, turns: number): Point[] {
  const corners: Point[] = [];
  let x = random.next();
  for (let i = 0; i < turns; i++) {
    // Mostly sweeping left and right across the box while drifting up or down, as people strike out.
    x = i % 2 === 0 ? random.uniform(0.6, 1) : random.uniform(0, 0.4);
    corners.push([left + x * width, top + random.next() * height]);
  }
  return polyline(corners, random);
}
