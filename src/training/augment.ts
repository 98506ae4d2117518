/**
 * Training-time augmentation, pure TypeScript on Float32Arrays: people draw rotated, slanted,
 * off-centre, squashed and thicker or thinner digits than MNIST's, so each training image gets a
 * random affine warp (rotation, anisotropic scale, shear, shift; bilinear resampling) and a
 * random stroke-thickness change (grey dilation or erosion, blended in by a random amount).
 * Costs ~20 µs an image, far below a training step.
 */
import type { Random } from './random.ts';

const SIDE = 28;
const CELLS = SIDE * SIDE;

/** Ranges of the random transforms; `probability` is the chance an image is augmented at all. */
export interface AugmentOptions {
  probability: number;
  maxRotationDeg: number;
  scale: [number, number];
  maxAspect: number;
  maxShear: number;
  maxShift: number;
  dilateProbability: number;
  erodeProbability: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = {
  probability: 0.9,
  maxRotationDeg: 15,
  scale: [0.85, 1.12],
  maxAspect: 0.12,
  maxShear: 0.25,
  maxShift: 2.5,
  dilateProbability: 0.25,
  erodeProbability: 0.15,
};

/**
 * Writes images `indices` of `pixels` (28×28 bytes each) into `out` (values 0..1, one image after
 * another), augmented per `options` with randomness from `random`.
 */
export function augmentBatch(
  pixels: Uint8Array,
  indices: ArrayLike<number>,
  out: Float32Array,
  random: Random,
  options: AugmentOptions = DEFAULT_AUGMENT,
): void {
  if (out.length < indices.length * CELLS) throw new RangeError(`out holds ${out.length} values, ${indices.length * CELLS} needed`);
  const source = new Float32Array(CELLS);
  const scratch = new Float32Array(CELLS);
  for (let n = 0; n < indices.length; n++) {
    const offset = indices[n]! * CELLS;
    for (let i = 0; i < CELLS; i++) source[i] = pixels[offset + i]! / 255;
    const target = out.subarray(n * CELLS, (n + 1) * CELLS);
    if (random.next() >= options.probability) {
      target.set(source);
      continue;
    }
    warp(source, target, randomAffine(random, options));
    const r = random.next();
    if (r < options.dilateProbability) {
      thicken(target, scratch, 'dilate', random.uniform(0.3, 1));
    } else if (r < options.dilateProbability + options.erodeProbability) {
      thicken(target, scratch, 'erode', random.uniform(0.2, 0.6));
    }
  }
}

/** Inverse affine map [a b; c d] plus shift, from output coordinates to source coordinates. */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
}

function randomAffine(random: Random, o: AugmentOptions): Affine {
  const angle = (random.uniform(-o.maxRotationDeg, o.maxRotationDeg) * Math.PI) / 180;
  const scale = random.uniform(o.scale[0], o.scale[1]);
  const aspect = random.uniform(-o.maxAspect, o.maxAspect);
  const sx = scale * (1 + aspect);
  const sy = scale * (1 - aspect);
  const shear = random.uniform(-o.maxShear, o.maxShear);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Forward map M = R · Sh · S; the warp needs M⁻¹ = S⁻¹ · Sh⁻¹ · R⁻¹.
  // Sh = [1 shear; 0 1] → Sh⁻¹ = [1 −shear; 0 1]; R⁻¹ = [cos sin; −sin cos].
  const r00 = cos, r01 = sin, r10 = -sin, r11 = cos;
  const h00 = r00 - shear * r10, h01 = r01 - shear * r11, h10 = r10, h11 = r11;
  return {
    a: h00 / sx,
    b: h01 / sx,
    c: h10 / sy,
    d: h11 / sy,
    tx: random.uniform(-o.maxShift, o.maxShift),
    ty: random.uniform(-o.maxShift, o.maxShift),
  };
}

/** Resamples `source` through the inverse map (about the image centre) with bilinear weights. */
export function warp(source: Float32Array, target: Float32Array, m: Affine): void {
  const centre = SIDE / 2;
  for (let y = 0; y < SIDE; y++) {
    const py = y + 0.5 - centre - m.ty;
    for (let x = 0; x < SIDE; x++) {
      const px = x + 0.5 - centre - m.tx;
      const sx = m.a * px + m.b * py + centre - 0.5;
      const sy = m.c * px + m.d * py + centre - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const v00 = at(source, x0, y0);
      const v10 = at(source, x0 + 1, y0);
      const v01 = at(source, x0, y0 + 1);
      const v11 = at(source, x0 + 1, y0 + 1);
      target[y * SIDE + x] = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
    }
  }
}

function at(image: Float32Array, x: number, y: number): number {
  return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : image[y * SIDE + x]!;
}

/**
 * Grey dilation or erosion with a plus-shaped 3×3 element, blended in by `amount` (0..1), so the
 * stroke gets up to one pixel thicker or thinner on each side. Erosion that would wipe out more
 * than half the ink is skipped (thin digits would vanish).
 */
export function thicken(image: Float32Array, scratch: Float32Array, mode: 'dilate' | 'erode', amount: number): void {
  const dilate = mode === 'dilate';
  let before = 0;
  let after = 0;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const i = y * SIDE + x;
      let v = image[i]!;
      const neighbours = [x > 0 ? image[i - 1]! : 0, x < SIDE - 1 ? image[i + 1]! : 0, y > 0 ? image[i - SIDE]! : 0, y < SIDE - 1 ? image[i + SIDE]! : 0];
      for (const n of neighbours) v = dilate ? Math.max(v, n) : Math.min(v, n);
      const blended = image[i]! + amount * (v - image[i]!);
      scratch[i] = blended;
      before += image[i]!;
      after += blended;
    }
  }
  if (!dilate && after < 0.5 * before) return;
  image.set(scratch);
}
