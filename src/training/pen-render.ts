/**
 * Turns pen trajectories into what the element feeds the model: the strokes are placed on the
 * 308×308 canvas the way a person writes on the pad (size, position, slant, a little wobble),
 * clipped to it and reduced by core's `vector` grid, the element's default preprocessing. The
 * same code path as `<digit-canvas preprocess="vector">`, so training sees what users produce.
 */
import { clipStrokes } from '../core/stroke-clipping.ts';
import { CANVAS_SIZE } from '../core/strokes.ts';
import { strokeBounds, vectorGrid, type VectorStroke } from '../core/vector-grid.ts';
import type { Random } from './random.ts';

/** Strokes as [x, y] points in any units (a pen sample or a generated shape). */
export type RawStrokes = readonly (readonly (readonly [number, number])[])[];

/** How far a drawing may depart from the raw ink; all zero gives the ink as it was written. */
export interface PenAugment {
  /** Height of the drawing's box as a share of the canvas, [min, max). */
  readonly height: readonly [number, number];
  readonly maxRotationDeg: number;
  /** Horizontal shear (slant), x += shear · y. */
  readonly maxShear: number;
  /** Width scaled by 1 ± this. */
  readonly maxAspect: number;
  /** Per-point wobble, as a share of the drawing's height. */
  readonly maxJitter: number;
  /** Chance that only every second or third sample point is kept (slower pointer rates). */
  readonly thinProbability: number;
}

/** Training: the variation people produce on the pad beyond what the training writers show. */
export const TRAIN_PEN_AUGMENT: PenAugment = {
  height: [0.3, 0.9],
  maxRotationDeg: 12,
  maxShear: 0.3,
  maxAspect: 0.2,
  maxJitter: 0.006,
  thinProbability: 0.3,
};

/** Measurement: the ink exactly as written, only sized and placed on the canvas. */
export const AS_WRITTEN: PenAugment = {
  height: [0.35, 0.85],
  maxRotationDeg: 0,
  maxShear: 0,
  maxAspect: 0,
  maxJitter: 0,
  thinProbability: 0,
};

/**
 * Places `strokes` on the canvas: transformed per `augment`, scaled so the box is a random share
 * of the canvas height (no wider than the canvas), at a random position that keeps it inside.
 */
export function placeOnCanvas(strokes: RawStrokes, random: Random, augment: PenAugment): VectorStroke[] {
  const angle = (random.uniform(-1, 1) * augment.maxRotationDeg * Math.PI) / 180;
  const shear = random.uniform(-1, 1) * augment.maxShear;
  const aspect = 1 + random.uniform(-1, 1) * augment.maxAspect;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const step = random.next() < augment.thinProbability ? 2 + random.int(2) : 1;
  const transformed = strokes.map((points) => {
    const kept = step === 1 ? points : points.filter((_, i) => i % step === 0 || i === points.length - 1);
    return kept.map(([x, y]) => {
      const sx = (x + shear * y) * aspect;
      return { x: cos * sx - sin * y, y: sin * sx + cos * y };
    });
  });
  const { minX, minY, maxX, maxY } = strokeBounds(transformed.map((points) => ({ points })))!;
  const width = maxX - minX;
  const height = maxY - minY;
  const target = random.uniform(augment.height[0], augment.height[1]) * CANVAS_SIZE;
  // A mark with no height (a dash) is sized by its width instead.
  const extent = height > 0 ? height : width;
  const scale = extent > 0 ? Math.min(target / extent, (0.95 * CANVAS_SIZE) / Math.max(width, 1e-9)) : 1;
  const left = random.uniform(0, CANVAS_SIZE - width * scale);
  const top = random.uniform(0, CANVAS_SIZE - height * scale);
  const jitter = augment.maxJitter * CANVAS_SIZE;
  return transformed.map((points) => ({
    points: points.map(({ x, y }) => ({
      x: left + (x - minX) * scale + (jitter ? random.uniform(-jitter, jitter) : 0),
      y: top + (y - minY) * scale + (jitter ? random.uniform(-jitter, jitter) : 0),
    })),
  }));
}

/** The strokes as the element keeps them for classification: placed on its canvas and clipped. */
export function penDrawing(strokes: RawStrokes, random: Random, augment: PenAugment): VectorStroke[] {
  return clipStrokes(placeOnCanvas(strokes, random, augment), CANVAS_SIZE, CANVAS_SIZE);
}

/** The 28×28 grid the element would compute for these strokes drawn on its canvas. */
export function penGrid(strokes: RawStrokes, random: Random, augment: PenAugment): Float32Array {
  return vectorGrid(penDrawing(strokes, random, augment));
}
