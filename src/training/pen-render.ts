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
  /** Each stroke moved on its own: shift (share of the drawing's size), scale ±, rotation ± in degrees. */
  readonly strokeShift: number;
  readonly strokeScale: number;
  readonly strokeRotationDeg: number;
  /** Amplitude of each of the smooth warp's waves, as a share of the drawing's size. */
  readonly warpAmplitude: number;
  /** Chance of a local bulge or pinch (a loop drawn larger or smaller), and its strength ±. */
  readonly bulgeProbability: number;
  readonly bulgeStrength: number;
}

/** Training: the variation people produce on the pad beyond what the training writers show. */
export const TRAIN_PEN_AUGMENT: PenAugment = {
  height: [0.3, 0.9],
  maxRotationDeg: 12,
  maxShear: 0.3,
  maxAspect: 0.2,
  maxJitter: 0.006,
  thinProbability: 0.3,
  strokeShift: 0.05,
  strokeScale: 0.1,
  strokeRotationDeg: 8,
  warpAmplitude: 0.035,
  bulgeProbability: 0.5,
  bulgeStrength: 0.4,
};

/** Measurement: the ink exactly as written, only sized and placed on the canvas. */
export const AS_WRITTEN: PenAugment = {
  height: [0.35, 0.85],
  maxRotationDeg: 0,
  maxShear: 0,
  maxAspect: 0,
  maxJitter: 0,
  thinProbability: 0,
  strokeShift: 0,
  strokeScale: 0,
  strokeRotationDeg: 0,
  warpAmplitude: 0,
  bulgeProbability: 0,
  bulgeStrength: 0,
};

type Point = { x: number; y: number };

/** Waves of the smooth warp. */
const WARP_WAVES = 4;

/**
 * Changes the drawing's style the way one writer differs from another, which a transform of the
 * whole drawing cannot do: each stroke shifted, scaled and turned about its own centre (a bar set
 * lower, a flag longer), a smooth low-frequency warp, and a bulge or pinch around one point (a
 * loop drawn larger or tighter). The bulge's radial map stays monotonic for |strength| < 1, so it
 * never folds a stroke over itself. Draws no random numbers when the augment is all zero, so
 * AS_WRITTEN drawings stay exactly as they were.
 */
function restyle(strokes: Point[][], random: Random, augment: PenAugment): Point[][] {
  if (!augment.strokeShift && !augment.strokeScale && !augment.strokeRotationDeg && !augment.warpAmplitude && !augment.bulgeProbability) {
    return strokes;
  }
  const bounds = strokeBounds(strokes.map((points) => ({ points })));
  if (!bounds) return strokes;
  const size = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY, 1e-9);
  const moved = strokes.map((points) => {
    const own = strokeBounds([{ points }]);
    if (!own) return points;
    const cx = (own.minX + own.maxX) / 2;
    const cy = (own.minY + own.maxY) / 2;
    const dx = random.uniform(-1, 1) * augment.strokeShift * size;
    const dy = random.uniform(-1, 1) * augment.strokeShift * size;
    const scale = 1 + random.uniform(-1, 1) * augment.strokeScale;
    const angle = (random.uniform(-1, 1) * augment.strokeRotationDeg * Math.PI) / 180;
    const cos = Math.cos(angle) * scale;
    const sin = Math.sin(angle) * scale;
    return points.map(({ x, y }) => ({
      x: cx + dx + cos * (x - cx) - sin * (y - cy),
      y: cy + dy + sin * (x - cx) + cos * (y - cy),
    }));
  });
  const waves = Array.from({ length: WARP_WAVES }, () => {
    const direction = random.uniform(0, 2 * Math.PI);
    const push = random.uniform(0, 2 * Math.PI);
    const amplitude = random.uniform(-1, 1) * augment.warpAmplitude * size;
    return {
      kx: (Math.cos(direction) * 2 * Math.PI * random.uniform(0.5, 1.5)) / size,
      ky: (Math.sin(direction) * 2 * Math.PI * random.uniform(0.5, 1.5)) / size,
      phase: random.uniform(0, 2 * Math.PI),
      ax: Math.cos(push) * amplitude,
      ay: Math.sin(push) * amplitude,
    };
  });
  const bulge =
    random.next() < augment.bulgeProbability
      ? {
          x: random.uniform(bounds.minX, bounds.maxX),
          y: random.uniform(bounds.minY, bounds.maxY),
          radius2: (random.uniform(0.25, 0.5) * size) ** 2,
          strength: random.uniform(-1, 1) * augment.bulgeStrength,
        }
      : undefined;
  return moved.map((points) =>
    points.map((p) => {
      let { x, y } = p;
      for (const w of waves) {
        const s = Math.sin(w.kx * p.x + w.ky * p.y + w.phase);
        x += w.ax * s;
        y += w.ay * s;
      }
      if (bulge) {
        const factor = 1 + bulge.strength * Math.exp(-((x - bulge.x) ** 2 + (y - bulge.y) ** 2) / bulge.radius2);
        x = bulge.x + (x - bulge.x) * factor;
        y = bulge.y + (y - bulge.y) * factor;
      }
      return { x, y };
    }),
  );
}

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
  const restyled = restyle(
    strokes.map((points) => points.map(([x, y]) => ({ x, y }))),
    random,
    augment,
  );
  const transformed = restyled.map((points) => {
    const kept = step === 1 ? points : points.filter((_, i) => i % step === 0 || i === points.length - 1);
    return kept.map(({ x, y }) => {
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
