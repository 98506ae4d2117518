/**
 * Whole numbers composed from one writer's pen-drawn digits, laid out as people write a number in
 * a row: one scale for all its digits (each keeps the size the writer gave it), a shared baseline
 * with a little jitter, and gaps from slightly overlapping boxes to generous spacing; the row is
 * placed on number mode's surface and clipped to it. What number mode's segmentation and model are
 * measured on (evaluate-numbers.ts) and tested with.
 */
import { canvasSize } from '../core/number-layout.ts';
import { clipStrokes } from '../core/stroke-clipping.ts';
import { strokeBounds, type VectorStroke } from '../core/vector-grid.ts';
import type { PenSample } from './pen-data.ts';
import type { Random } from './random.ts';

/** The layout's ranges, as shares of the digits' (median) height. */
export interface NumberLayout {
  /** Height of the digits as a share of the surface's height, [min, max). */
  readonly height: readonly [number, number];
  /** Space between neighbouring digits' boxes, [min, max); negative overlaps them. */
  readonly gap: readonly [number, number];
  /** Each digit's baseline moves up or down by up to this. */
  readonly baselineJitter: number;
}

/**
 * From boxes overlapping by a tenth of the height (at most a third of the narrower digit: no one
 * writes a 1 over the digit before it) to a gap of half the height.
 */
export const ROW_LAYOUT: NumberLayout = { height: [0.45, 0.8], gap: [-0.1, 0.5], baselineJitter: 0.06 };

/**
 * How far one digit's size may stray from the row's, as a ratio to the median digit: 0.7–1.3
 * holds 90% of UNIPEN's digits (the writer's own variation, measured per writer); the rest come
 * from the data's collection (one 5 a third the size of the writer's other digits), not from
 * how anyone writes the digits of one number.
 */
export const SIZE_RANGE: readonly [number, number] = [0.7, 1.3];

/** A composed number: its digits as text and its strokes on the surface for that many digits, in writing order. */
export interface ComposedNumber {
  readonly label: string;
  readonly writerId: string;
  readonly strokes: VectorStroke[];
  readonly width: number;
  readonly height: number;
}

/**
 * Lays `samples` (one writer's digits, in reading order) out in a row on the surface for that
 * many digits (core's `canvasSize`): scaled together so the median digit is a random share of the
 * surface's height (smaller if the row would not fit the width), and placed at a random spot.
 */
export function composeNumber(samples: readonly PenSample[], random: Random, layout: NumberLayout = ROW_LAYOUT): ComposedNumber {
  const { width, height } = canvasSize(samples.length);
  const digits = samples.map((sample) => {
    const strokes = sample.strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) }));
    return { strokes, bounds: strokeBounds(strokes)! };
  });
  const heights = digits.map(({ bounds }) => bounds.maxY - bounds.minY).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)]!;
  // Each digit resized about its box's corner so its height keeps within SIZE_RANGE of the median.
  const raw = digits.map(({ strokes, bounds }) => {
    const h = bounds.maxY - bounds.minY;
    const k = Math.min(Math.max(h / median, SIZE_RANGE[0]), SIZE_RANGE[1]) * (median / h);
    const resized = strokes.map(({ points }) => ({ points: points.map((p) => ({ x: bounds.minX + (p.x - bounds.minX) * k, y: bounds.minY + (p.y - bounds.minY) * k })) }));
    return { strokes: resized, bounds: strokeBounds(resized)! };
  });
  const unit = median;
  const width0 = (i: number) => raw[i]!.bounds.maxX - raw[i]!.bounds.minX;
  const gaps = raw.slice(1).map((_, i) => Math.max(random.uniform(layout.gap[0], layout.gap[1]) * unit, -Math.min(width0(i), width0(i + 1)) / 3));
  const jitters = raw.map(() => random.uniform(-1, 1) * layout.baselineJitter * unit);
  const rowWidth = raw.reduce((sum, { bounds }) => sum + bounds.maxX - bounds.minX, 0) + gaps.reduce((a, b) => a + b, 0);
  const tallest = Math.max(...raw.map(({ bounds }, i) => bounds.maxY - bounds.minY + Math.abs(jitters[i]!)));
  const scale = Math.min((random.uniform(layout.height[0], layout.height[1]) * height) / unit, (0.95 * width) / rowWidth, (0.95 * height) / tallest);
  const left = random.uniform(0, width - rowWidth * scale);
  const baseline = random.uniform(tallest * scale, height);
  const strokes: VectorStroke[] = [];
  let x = left;
  raw.forEach(({ strokes: digit, bounds }, i) => {
    const bottom = Math.min(height, Math.max((bounds.maxY - bounds.minY) * scale, baseline + jitters[i]! * scale));
    for (const stroke of digit) {
      strokes.push({ points: stroke.points.map((p) => ({ x: x + (p.x - bounds.minX) * scale, y: bottom - (bounds.maxY - p.y) * scale })) });
    }
    x += (bounds.maxX - bounds.minX) * scale + (gaps[i] ?? 0) * scale;
  });
  return { label: samples.map((sample) => sample.label).join(''), writerId: samples[0]!.writerId, strokes: clipStrokes(strokes, width, height), width, height };
}

/**
 * `count` numbers of `length` digits per writer, each from that writer's own digits drawn at
 * random (a digit may repeat, as in numbers), so a number never mixes two people's handwriting.
 */
export function composeNumbers(samples: readonly PenSample[], lengths: readonly number[], count: number, random: Random): ComposedNumber[] {
  const byWriter = new Map<string, PenSample[]>();
  for (const sample of samples) {
    // A sample without height (a lone dot in the data) cannot be scaled to a row.
    const ys = sample.strokes.flat().map(([, y]) => y);
    if (Math.max(...ys) - Math.min(...ys) <= 0) continue;
    const list = byWriter.get(sample.writerId);
    if (list) list.push(sample);
    else byWriter.set(sample.writerId, [sample]);
  }
  const numbers: ComposedNumber[] = [];
  for (const writer of [...byWriter.keys()].sort()) {
    const own = byWriter.get(writer)!;
    for (const length of lengths) {
      for (let n = 0; n < count; n++) numbers.push(composeNumber(Array.from({ length }, () => own[random.int(own.length)]!), random));
    }
  }
  return numbers;
}
