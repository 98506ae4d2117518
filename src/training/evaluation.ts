/**
 * Measuring the model: plain MNIST test accuracy (batched inference through src/model's runner
 * interface, every tensor disposed) and
 * "MNIST on the canvas": each test digit is drawn at a random size (40–100% of the side) and
 * position on a 308×308 alpha canvas and reduced to the grid by src/core, exactly as the element
 * does with a drawing, before it is classified.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { argmax, DIGIT_COUNT } from '../core/prediction.ts';
import { reduceToGrid, type PixelGridMode } from '../core/pixel-grid.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { layersModelRunner } from '../model/layers-fallback.ts';
import type { ModelRunner } from '../model/layers-model-runner.ts';
import type { MnistSet } from './idx.ts';
import { Random } from './random.ts';

/** Side of the element's drawing canvas in pixels. */
export const CANVAS_SIDE = 308;

/**
 * What is measured: a model being trained (tfjs-layers), or a saved one as the page and the
 * Lambda run it (src/model's runner, see evaluate.ts).
 */
export type EvaluatedModel = tfl.LayersModel | ModelRunner;

function asRunner(model: EvaluatedModel): ModelRunner {
  return 'runtime' in model ? model : layersModelRunner(model);
}

/** The model's output for `count` grids (784 values 0..1 each, back to back), one row per grid. */
export async function predictProbabilities(model: EvaluatedModel, grids: Float32Array, batchSize = 500): Promise<Float32Array> {
  const count = grids.length / GRID_CELLS;
  if (!Number.isInteger(count)) throw new RangeError(`grids hold ${grids.length} values, not a multiple of ${GRID_CELLS}`);
  const runner = asRunner(model);
  const classes = runner.outputShape[1]!;
  const out = new Float32Array(count * classes);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    out.set(await runner.predict(grids.subarray(start * GRID_CELLS, (start + n) * GRID_CELLS), n), start * classes);
  }
  return out;
}

/**
 * Classifies `count` grids; returns the digit each is read as: the most probable of the ten
 * digits, as the element's `digit` (a "not a digit" output is counted by `notDigitShare`).
 */
export async function predictLabels(model: EvaluatedModel, grids: Float32Array, batchSize = 500): Promise<Uint8Array> {
  const probabilities = await predictProbabilities(model, grids, batchSize);
  const classes = probabilities.length / (grids.length / GRID_CELLS);
  return Uint8Array.from({ length: grids.length / GRID_CELLS }, (_, n) => argmax(probabilities.subarray(n * classes, n * classes + DIGIT_COUNT)));
}

/** Share of grids whose "not a digit" probability (an 11th output) is the largest; 0 for a 10-output model. */
export async function notDigitShare(model: EvaluatedModel, grids: Float32Array): Promise<number> {
  const probabilities = await predictProbabilities(model, grids);
  const count = grids.length / GRID_CELLS;
  const classes = probabilities.length / count;
  if (classes <= DIGIT_COUNT) return 0;
  let refused = 0;
  for (let n = 0; n < count; n++) if (argmax(probabilities.subarray(n * classes, (n + 1) * classes)) === DIGIT_COUNT) refused++;
  return refused / count;
}

/** Fraction of `predicted` equal to `labels`. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length !== labels.length) throw new RangeError('predicted and true labels differ in length');
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}

/** The set's images as 0..1 floats, one 784-value grid after another. */
export function imagesToGrids(set: MnistSet): Float32Array {
  const grids = new Float32Array(set.images.pixels.length);
  for (let i = 0; i < grids.length; i++) grids[i] = set.images.pixels[i]! / 255;
  return grids;
}

/** MNIST test accuracy of `model` on `set`. */
export async function mnistAccuracy(model: EvaluatedModel, set: MnistSet): Promise<number> {
  return accuracy(await predictLabels(model, imagesToGrids(set)), set.labels);
}

/**
 * Draws every image of `set` onto the canvas (bilinear upscale to a random 40–100% of the side,
 * random position; the same layout for a given seed) and reduces it with `mode`.
 */
export function canvasGrids(set: MnistSet, mode: PixelGridMode, seed = 1234): Float32Array {
  const random = new Random(seed);
  const canvas = new Uint8ClampedArray(CANVAS_SIDE * CANVAS_SIDE);
  const image = { data: canvas, width: CANVAS_SIDE, height: CANVAS_SIDE, channels: 1 as const };
  const grids = new Float32Array(set.images.count * GRID_CELLS);
  for (let n = 0; n < set.images.count; n++) {
    const size = Math.round(random.uniform(0.4, 1) * CANVAS_SIDE);
    const left = random.int(CANVAS_SIDE - size + 1);
    const top = random.int(CANVAS_SIDE - size + 1);
    canvas.fill(0);
    drawUpscaled(set.images.pixels.subarray(n * 784, (n + 1) * 784), canvas, left, top, size);
    grids.set(reduceToGrid(image, mode), n * GRID_CELLS);
  }
  return grids;
}

/** Accuracy of `model` on the canvas-drawn test set in `mode`. */
export async function canvasAccuracy(model: EvaluatedModel, set: MnistSet, mode: PixelGridMode, seed = 1234): Promise<number> {
  return accuracy(await predictLabels(model, canvasGrids(set, mode, seed)), set.labels);
}

/** Bilinear upscale of a 28×28 byte image into a size×size square of the canvas. */
function drawUpscaled(digit: Uint8Array, canvas: Uint8ClampedArray, left: number, top: number, size: number): void {
  const ratio = 28 / size;
  for (let y = 0; y < size; y++) {
    const sy = (y + 0.5) * ratio - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < size; x++) {
      const sx = (x + 0.5) * ratio - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top0 = (1 - fx) * pixel(digit, x0, y0) + fx * pixel(digit, x0 + 1, y0);
      const bottom = (1 - fx) * pixel(digit, x0, y0 + 1) + fx * pixel(digit, x0 + 1, y0 + 1);
      canvas[(top + y) * CANVAS_SIDE + left + x] = (1 - fy) * top0 + fy * bottom;
    }
  }
}

function pixel(digit: Uint8Array, x: number, y: number): number {
  return x < 0 || y < 0 || x > 27 || y > 27 ? 0 : digit[y * 28 + x]!;
}
