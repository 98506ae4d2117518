/**
 * The data sets built from pen-drawn samples: what each training epoch mixes (MNIST, the training
 * writers' digits, "not a digit" letters and generated marks) and the fixed validation set of the
 * held-out writers, drawn as the element would see them. One place, so training, calibration and
 * `npm run evaluate` measure the same drawings.
 */
import { GRID_CELLS } from '../core/preprocess.ts';
import { VECTOR_PEN_WIDTH, vectorGrid, type VectorStroke } from '../core/vector-grid.ts';
import { augmentBatch, DEFAULT_AUGMENT, type AugmentOptions } from './augment.ts';
import type { MnistSet } from './idx.ts';
import { NUM_CLASSES, NOT_A_DIGIT_CLASS } from './model.ts';
import { NON_DIGIT_KINDS, nonDigitDrawing, type NonDigitKind } from './non-digits.ts';
import { loadPenDigits, loadPenLetters } from './pen-files.ts';
import { NON_DIGIT_LETTERS, splitByWriter, type PenSample } from './pen-data.ts';
import { AS_WRITTEN, penDrawing, TRAIN_PEN_AUGMENT } from './pen-render.ts';
import { Random } from './random.ts';

/** The pen-drawn samples, split by writer. */
export interface PenSets {
  readonly digits: { readonly train: PenSample[]; readonly validation: PenSample[] };
  /** Letters that resemble no digit (NON_DIGIT_LETTERS). */
  readonly letters: { readonly train: PenSample[]; readonly validation: PenSample[] };
}

export function loadPenSets(): PenSets {
  return {
    digits: splitByWriter(loadPenDigits()),
    letters: splitByWriter(loadPenLetters().filter((s) => NON_DIGIT_LETTERS.has(s.label))),
  };
}

/** How many of each source one epoch holds. */
export interface EpochMix {
  /** MNIST training images per epoch, drawn at random (augmented as before). */
  readonly mnist: number;
  /** Renders of each training writer's digit per epoch (each with fresh placement and slant). */
  readonly penRepeats: number;
  /** Renders of each "not a digit" letter per epoch. */
  readonly letterRepeats: number;
  /** Generated non-digit marks per epoch, spread evenly over the kinds. */
  readonly generated: number;
  /**
   * At most this many of one writer's digits in each repeat (a fresh random pick each time), so a
   * few prolific writers do not set the style; unset, every digit is in every repeat.
   */
  readonly writerCap?: number;
}

export const DEFAULT_MIX: EpochMix = { mnist: 36_000, penRepeats: 3, letterRepeats: 2, generated: 6_000 };

type Item = { readonly source: 'mnist' | 'pen' | 'letter'; readonly index: number } | { readonly source: 'generated'; readonly kind: NonDigitKind };

/** One epoch's training items in random order. */
export function epochItems(mix: EpochMix, mnistCount: number, sets: PenSets, random: Random): Item[] {
  const items: Item[] = [];
  const mnistOrder = random.shuffle(Uint32Array.from({ length: mnistCount }, (_, i) => i));
  for (let i = 0; i < Math.min(mix.mnist, mnistCount); i++) items.push({ source: 'mnist', index: mnistOrder[i]! });
  const byWriter = mix.writerCap === undefined ? undefined : indicesByWriter(sets.digits.train);
  for (let r = 0; r < mix.penRepeats; r++) {
    if (byWriter === undefined) sets.digits.train.forEach((_, index) => items.push({ source: 'pen', index }));
    else for (const indices of byWriter) for (const i of random.shuffle(indices.slice()).subarray(0, mix.writerCap)) items.push({ source: 'pen', index: i });
  }
  for (let r = 0; r < mix.letterRepeats; r++) sets.letters.train.forEach((_, index) => items.push({ source: 'letter', index }));
  for (let i = 0; i < mix.generated; i++) items.push({ source: 'generated', kind: NON_DIGIT_KINDS[i % NON_DIGIT_KINDS.length]! });
  const order = random.shuffle(Uint32Array.from({ length: items.length }, (_, i) => i));
  return Array.from(order, (i) => items[i]!);
}

/** The indices of `samples`, grouped by writer (in order of first appearance). */
function indicesByWriter(samples: readonly PenSample[]): Uint32Array[] {
  const groups = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const group = groups.get(s.writerId);
    if (group) group.push(i);
    else groups.set(s.writerId, [i]);
  });
  return Array.from(groups.values(), (g) => Uint32Array.from(g));
}

/**
 * Label smoothing: moves `epsilon` of each of the first `n` one-hot rows of `y` evenly over all
 * classes, so the network is not pushed to ever-larger logits on ambiguous drawings.
 */
export function smoothLabels(y: Float32Array, n: number, epsilon: number): void {
  if (epsilon === 0) return;
  for (let i = 0; i < n * NUM_CLASSES; i++) y[i] = y[i]! * (1 - epsilon) + epsilon / NUM_CLASSES;
}

/**
 * Distillation: moves `weight` of each of the first `n` target rows of `y` onto the teachers'
 * probabilities for the same drawings, y ← (1−w)·y + w·teacher (model-ensemble.ts).
 */
export function blendTargets(y: Float32Array, teacher: Float32Array, n: number, weight: number): void {
  for (let i = 0; i < n * NUM_CLASSES; i++) y[i] = (1 - weight) * y[i]! + weight * teacher[i]!;
}

/** How `fillBatch` draws: MNIST images' augmentation, and the pen width pen drawings are reduced with. */
export interface BatchOptions {
  readonly mnistAugment?: AugmentOptions;
  /** Grid cells; the element's VECTOR_PEN_WIDTH unless an experiment asks for another. */
  readonly penWidth?: number;
}

/**
 * Writes the grids (n × 784) and one-hot labels (n × NUM_CLASSES) of `items` into `x` and `y`.
 * MNIST images get `mnistAugment` (DEFAULT_AUGMENT); pen samples and marks get TRAIN_PEN_AUGMENT.
 */
export function fillBatch(
  items: readonly Item[],
  mnist: MnistSet,
  sets: PenSets,
  x: Float32Array,
  y: Float32Array,
  random: Random,
  { mnistAugment = DEFAULT_AUGMENT, penWidth = VECTOR_PEN_WIDTH }: BatchOptions = {},
): void {
  const grid = (drawing: VectorStroke[]) => vectorGrid(drawing, { penWidth });
  y.fill(0, 0, items.length * NUM_CLASSES);
  const one = new Uint32Array(1);
  items.forEach((item, n) => {
    const target = x.subarray(n * GRID_CELLS, (n + 1) * GRID_CELLS);
    let label: number;
    switch (item.source) {
      case 'mnist':
        one[0] = item.index;
        augmentBatch(mnist.images.pixels, one, target, random, mnistAugment);
        label = mnist.labels[item.index]!;
        break;
      case 'pen': {
        const sample = sets.digits.train[item.index]!;
        target.set(grid(penDrawing(sample.strokes, random, TRAIN_PEN_AUGMENT)));
        label = Number(sample.label);
        break;
      }
      case 'letter':
        target.set(grid(penDrawing(sets.letters.train[item.index]!.strokes, random, TRAIN_PEN_AUGMENT)));
        label = NOT_A_DIGIT_CLASS;
        break;
      case 'generated': {
        const crossed = item.kind === 'crossed-out' ? sets.digits.train[random.int(sets.digits.train.length)]!.strokes : undefined;
        target.set(grid(nonDigitDrawing(item.kind, random, TRAIN_PEN_AUGMENT, crossed)));
        label = NOT_A_DIGIT_CLASS;
        break;
      }
    }
    y[n * NUM_CLASSES + label] = 1;
  });
}

/** A validation drawing: the strokes as the element keeps them, its grid, and what it is. */
export interface ValidationDrawing {
  readonly drawing: VectorStroke[];
  readonly grid: Float32Array;
  /** 0..9, or NOT_A_DIGIT_CLASS. */
  readonly label: number;
  /** 'digit', 'letter' or the generated kind, for per-kind figures. */
  readonly kind: string;
  /** The writer of a pen sample (none for generated marks). */
  readonly writerId?: string;
}

/** Generated marks of each kind in the validation set. */
export const VALIDATION_MARKS_PER_KIND = 60;

/**
 * The held-out writers' digits and "not a digit" letters drawn as written (only sized and
 * placed), plus generated marks (their own seed, crossed-out marks over held-out digits). Fixed
 * by `seed`, so every run measures the same drawings; `penWidth` changes only how they are
 * reduced to grids, never where they are placed.
 */
export function validationSet(sets: PenSets, { seed = 20261201, penWidth = VECTOR_PEN_WIDTH }: { seed?: number; penWidth?: number } = {}): ValidationDrawing[] {
  const random = new Random(seed);
  const make = (drawing: VectorStroke[], label: number, kind: string, writerId?: string): ValidationDrawing => ({
    drawing,
    grid: vectorGrid(drawing, { penWidth }),
    label,
    kind,
    ...(writerId === undefined ? {} : { writerId }),
  });
  const out: ValidationDrawing[] = [];
  for (const s of sets.digits.validation) out.push(make(penDrawing(s.strokes, random, AS_WRITTEN), Number(s.label), 'digit', s.writerId));
  for (const s of sets.letters.validation) out.push(make(penDrawing(s.strokes, random, AS_WRITTEN), NOT_A_DIGIT_CLASS, 'letter', s.writerId));
  for (const kind of NON_DIGIT_KINDS) {
    for (let i = 0; i < VALIDATION_MARKS_PER_KIND; i++) {
      const crossed = kind === 'crossed-out' ? sets.digits.validation[random.int(sets.digits.validation.length)]!.strokes : undefined;
      out.push(make(nonDigitDrawing(kind, random, AS_WRITTEN, crossed), NOT_A_DIGIT_CLASS, kind));
    }
  }
  return out;
}

/** Grids back to back, as `predictProbabilities` takes them. */
export function concatGrids(grids: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(grids.length * GRID_CELLS);
  grids.forEach((grid, i) => out.set(grid, i * GRID_CELLS));
  return out;
}
