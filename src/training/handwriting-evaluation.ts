/**
 * Figures on real handwriting, from a model's probabilities over a validation set: top-1 accuracy
 * per digit and the confusions, coverage and "confident but wrong" at a `min-confidence`, the
 * expected calibration error, and how many "not a digit" drawings are refused. Drawings are judged
 * exactly as the element judges them: core's too-small rule on the strokes, then core's `judge`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { isTooSmallToRead } from '../core/drawing-size.ts';
import { argmax, DEFAULT_MIN_CONFIDENCE, DIGIT_COUNT, judge } from '../core/prediction.ts';
import type { ValidationDrawing } from './handwriting-sets.ts';
import { NOT_A_DIGIT_CLASS, NUM_CLASSES } from './model.ts';
import { Random } from './random.ts';

/** Bins of the expected calibration error. */
export const ECE_BINS = 15;

/** Probabilities with the temperature applied: p ∝ p^(1/T), the softmax of logits / T. */
export function withTemperature(probabilities: Float32Array, temperature: number, classes = NUM_CLASSES): Float32Array {
  const out = new Float32Array(probabilities.length);
  for (let n = 0; n < probabilities.length / classes; n++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += out[n * classes + c] = Math.pow(Math.max(probabilities[n * classes + c]!, 1e-30), 1 / temperature);
    for (let c = 0; c < classes; c++) out[n * classes + c]! /= sum;
  }
  return out;
}

/** −log p, floored so a probability of exactly 0 costs a large but finite amount. */
function surprise(p: number): number {
  return -Math.log(Math.max(p, 1e-30));
}

/** Mean negative log-likelihood of the labels. */
export function negativeLogLikelihood(probabilities: Float32Array, labels: ArrayLike<number>, classes = NUM_CLASSES): number {
  let sum = 0;
  for (let n = 0; n < labels.length; n++) sum += surprise(probabilities[n * classes + labels[n]!]!);
  return sum / labels.length;
}

/** The temperature (0.25..5, to 0.01) that minimises the labels' negative log-likelihood. */
export function fitTemperature(probabilities: Float32Array, labels: ArrayLike<number>): number {
  const loss = (t: number) => negativeLogLikelihood(withTemperature(probabilities, t), labels);
  const scan = (from: number, to: number, step: number, start: number) => {
    let best = start;
    let bestLoss = loss(start);
    for (let t = from; t <= to + 1e-9; t += step) {
      const l = loss(t);
      if (l < bestLoss) [best, bestLoss] = [t, l];
    }
    return best;
  };
  // Coarse, then fine around the best: the loss is smooth and unimodal in T.
  const coarse = scan(0.25, 5, 0.05, 1);
  return Math.round(scan(Math.max(0.25, coarse - 0.05), coarse + 0.05, 0.01, coarse) * 100) / 100;
}

/**
 * Folds a temperature into the final Dense layer (kernel and bias divided by T), so the saved
 * model's softmax is the calibrated one and no runtime has to know about it.
 */
export function foldTemperature(model: tfl.LayersModel, temperature: number): void {
  const last = model.layers.at(-1)!;
  const scaled = tf.tidy(() => last.getWeights().map((w) => tf.div(w, temperature)));
  last.setWeights(scaled);
  tf.dispose(scaled);
}

export interface DigitFigures {
  readonly count: number;
  /** Share whose most probable digit is right (the "not a digit" class aside). */
  readonly top1: number;
  readonly perDigit: { digit: number; count: number; top1: number }[];
  /** Most frequent mistakes, most first. */
  readonly confusions: { from: number; to: string; count: number }[];
  /** Writers with mistakes, most first: how concentrated the errors are. */
  readonly errorsByWriter: { writer: string; errors: number; digits: number }[];
  /** Share that comes back `confident: true`. */
  readonly coverage: number;
  /** Share of all digits that come back `confident: true` and wrong. */
  readonly confidentWrong: number;
  /** Expected calibration error of the top digit's probability. */
  readonly ece: number;
  /**
   * Mean negative log-probability of the true digit: a proper score that moves with every
   * drawing's probability, so it tells close models apart where their top-1 ties.
   */
  readonly logLoss: number;
}

export interface NonDigitFigures {
  readonly count: number;
  /** Share refused: too small to read, or not `confident`. */
  readonly refused: number;
  readonly perKind: { kind: string; count: number; refused: number }[];
}

export interface HandwritingFigures {
  readonly minConfidence: number;
  readonly digits: DigitFigures;
  readonly nonDigits: NonDigitFigures;
}

/** The figures for `probabilities` (n × NUM_CLASSES) of `set`. */
export function handwritingFigures(probabilities: Float32Array, set: readonly ValidationDrawing[], minConfidence = DEFAULT_MIN_CONFIDENCE): HandwritingFigures {
  const classes = probabilities.length / set.length;
  const digitStats = Array.from({ length: DIGIT_COUNT }, () => ({ count: 0, right: 0 }));
  const confusions = new Map<string, number>();
  const bins = Array.from({ length: ECE_BINS }, () => ({ count: 0, confidence: 0, right: 0 }));
  const kinds = new Map<string, { count: number; refused: number }>();
  const writers = new Map<string, { errors: number; digits: number }>();
  let digits = 0;
  let right = 0;
  let confident = 0;
  let confidentWrong = 0;
  let logLossSum = 0;
  set.forEach((item, n) => {
    const p = probabilities.subarray(n * classes, (n + 1) * classes);
    const digit = argmax(p.subarray(0, DIGIT_COUNT));
    const confidence = p[digit]!;
    const notDigit = classes > DIGIT_COUNT ? p[NOT_A_DIGIT_CLASS]! : 0;
    const tooSmall = isTooSmallToRead(item.drawing);
    const verdict = judge(confidence, notDigit, minConfidence);
    if (item.label === NOT_A_DIGIT_CLASS) {
      const stats = kinds.get(item.kind) ?? { count: 0, refused: 0 };
      stats.count++;
      if (tooSmall || !verdict.confident) stats.refused++;
      kinds.set(item.kind, stats);
      return;
    }
    digits++;
    logLossSum += surprise(p[item.label]!);
    const ok = digit === item.label;
    const writer = writers.get(item.writerId ?? '?') ?? { errors: 0, digits: 0 };
    writer.digits++;
    if (!ok) writer.errors++;
    writers.set(item.writerId ?? '?', writer);
    digitStats[item.label]!.count++;
    if (ok) {
      right++;
      digitStats[item.label]!.right++;
    } else {
      const key = `${item.label}→${digit}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (!tooSmall && verdict.confident) {
      confident++;
      if (!ok) confidentWrong++;
    }
    const bin = bins[Math.min(ECE_BINS - 1, Math.floor(confidence * ECE_BINS))]!;
    bin.count++;
    bin.confidence += confidence;
    if (ok) bin.right++;
  });
  const ece = bins.reduce((sum, b) => sum + (b.count === 0 ? 0 : (b.count / digits) * Math.abs(b.right / b.count - b.confidence / b.count)), 0);
  const nonDigitCount = [...kinds.values()].reduce((s, k) => s + k.count, 0);
  const refused = [...kinds.values()].reduce((s, k) => s + k.refused, 0);
  return {
    minConfidence,
    digits: {
      count: digits,
      top1: right / digits,
      perDigit: digitStats.map((s, digit) => ({ digit, count: s.count, top1: s.right / s.count })),
      confusions: [...confusions].map(([key, count]) => ({ from: Number(key[0]), to: key.slice(2), count })).sort((a, b) => b.count - a.count),
      errorsByWriter: [...writers]
        .filter(([, w]) => w.errors > 0)
        .map(([writer, w]) => ({ writer, ...w }))
        .sort((a, b) => b.errors - a.errors),
      coverage: confident / digits,
      confidentWrong: confidentWrong / digits,
      ece,
      logLoss: logLossSum / digits,
    },
    nonDigits: {
      count: nonDigitCount,
      refused: refused / Math.max(1, nonDigitCount),
      perKind: [...kinds].map(([kind, s]) => ({ kind, count: s.count, refused: s.refused / s.count })),
    },
  };
}

/** A 95% interval, low and high. */
export type Interval = readonly [number, number];

/** How much the digit figures depend on which writers were held out (see `writerBootstrap`). */
export interface WriterSpread {
  readonly writers: number;
  /** Top-1 of each writer, averaged: every writer counts once, however much they wrote. */
  readonly meanWriterTop1: number;
  readonly resamples: number;
  readonly top1: Interval;
  readonly coverage: Interval;
  readonly confidentWrong: Interval;
  readonly ece: Interval;
}

/**
 * A bootstrap over whole writers: the held-out writers are drawn again with replacement and the
 * figures recomputed, so the 95% intervals say how far another group of writers like these could
 * land. Samples of one writer are alike, so resampling digits would understate the spread.
 */
export function writerBootstrap(
  probabilities: Float32Array,
  set: readonly ValidationDrawing[],
  minConfidence = DEFAULT_MIN_CONFIDENCE,
  resamples = 1000,
  seed = 1,
): WriterSpread {
  const classes = probabilities.length / set.length;
  const groups = new Map<string, { drawings: ValidationDrawing[]; probabilities: number[] }>();
  set.forEach((item, n) => {
    if (item.label === NOT_A_DIGIT_CLASS || item.writerId === undefined) return;
    const group = groups.get(item.writerId) ?? { drawings: [], probabilities: [] };
    group.drawings.push(item);
    group.probabilities.push(...probabilities.subarray(n * classes, (n + 1) * classes));
    groups.set(item.writerId, group);
  });
  const writers = [...groups.values()];
  if (writers.length === 0) throw new RangeError('writerBootstrap needs digits with a writer');
  const figures = (chosen: readonly (typeof writers)[number][]) =>
    handwritingFigures(
      Float32Array.from(chosen.flatMap((w) => w.probabilities)),
      chosen.flatMap((w) => w.drawings),
      minConfidence,
    ).digits;
  const meanWriterTop1 = writers.reduce((sum, w) => sum + figures([w]).top1, 0) / writers.length;
  const random = new Random(seed);
  const samples = Array.from({ length: resamples }, () => figures(Array.from(writers, () => writers[random.int(writers.length)]!)));
  const interval = (pick: (f: DigitFigures) => number): Interval => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    return [sorted[Math.floor(0.025 * (resamples - 1))]!, sorted[Math.ceil(0.975 * (resamples - 1))]!];
  };
  return {
    writers: writers.length,
    meanWriterTop1,
    resamples,
    top1: interval((f) => f.top1),
    coverage: interval((f) => f.coverage),
    confidentWrong: interval((f) => f.confidentWrong),
    ece: interval((f) => f.ece),
  };
}

/** Two models on the same digits: how many each reads right where the other does not. */
export interface DigitPairing {
  readonly bothRight: number;
  readonly onlyFirst: number;
  readonly onlySecond: number;
  readonly bothWrong: number;
}

/** Counts the digits of `set` (not-a-digit drawings aside) by which of two models reads them right. */
export function pairDigits(first: Float32Array, second: Float32Array, set: readonly ValidationDrawing[]): DigitPairing {
  const classes = first.length / set.length;
  if (second.length !== first.length) throw new RangeError(`the two models gave ${first.length} and ${second.length} probabilities`);
  const counts = { bothRight: 0, onlyFirst: 0, onlySecond: 0, bothWrong: 0 };
  set.forEach((item, n) => {
    if (item.label === NOT_A_DIGIT_CLASS) return;
    const right = (p: Float32Array) => argmax(p.subarray(n * classes, n * classes + DIGIT_COUNT)) === item.label;
    const [a, b] = [right(first), right(second)];
    counts[a && b ? 'bothRight' : a ? 'onlyFirst' : b ? 'onlySecond' : 'bothWrong']++;
  });
  return counts;
}

/** The `min-confidence` values the trade-off is reported at, for choosing one. */
export const MIN_CONFIDENCE_STEPS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;

export interface ThresholdFigures {
  readonly minConfidence: number;
  readonly coverage: number;
  readonly confidentWrong: number;
  readonly nonDigitsRefused: number;
}

/** What each `min-confidence` step trades: coverage against confident-but-wrong and refusals. */
export function thresholdFigures(probabilities: Float32Array, set: readonly ValidationDrawing[], steps: readonly number[] = MIN_CONFIDENCE_STEPS): ThresholdFigures[] {
  return steps.map((minConfidence) => {
    const { digits, nonDigits } = handwritingFigures(probabilities, set, minConfidence);
    return { minConfidence, coverage: digits.coverage, confidentWrong: digits.confidentWrong, nonDigitsRefused: nonDigits.refused };
  });
}

const pct = (v: number, digits = 2) => `${(v * 100).toFixed(digits)}%`;

/** Human-readable lines of the trade-off, one per step. */
export function describeThresholds(rows: readonly ThresholdFigures[]): string[] {
  return [
    'min-confidence  coverage  confident but wrong  not-a-digit refused',
    ...rows.map((r) => `${String(r.minConfidence).padEnd(14)}  ${pct(r.coverage).padStart(8)}  ${pct(r.confidentWrong).padStart(19)}  ${pct(r.nonDigitsRefused).padStart(19)}`),
  ];
}

/** Human-readable lines for logs and `npm run evaluate`. */
export function describeFigures(f: HandwritingFigures): string[] {
  const d = f.digits;
  return [
    `validation writers' digits (${d.count}): top-1 ${pct(d.top1)}, coverage ${pct(d.coverage)}, confident but wrong ${pct(d.confidentWrong)}, ECE ${pct(d.ece)}, log-loss ${d.logLoss.toFixed(4)} (min-confidence ${f.minConfidence})`,
    `  per digit: ${d.perDigit.map((p) => `${p.digit} ${pct(p.top1, 1)}`).join(', ')}`,
    `  confusions: ${d.confusions.slice(0, 10).map((c) => `${c.from}→${c.to} ${c.count}`).join(', ') || 'none'}`,
    `  errors by writer: ${d.errorsByWriter.map((w) => `${w.writer} ${w.errors} of ${w.digits}`).join(', ') || 'none'}`,
    `not-a-digit drawings (${f.nonDigits.count}): refused ${pct(f.nonDigits.refused)}`,
    `  per kind: ${f.nonDigits.perKind.map((k) => `${k.kind} ${pct(k.refused, 1)}`).join(', ')}`,
  ];
}

/** One line of `writerBootstrap`'s figures. */
export function describeWriterSpread(s: WriterSpread): string {
  const range = ([low, high]: Interval) => `${pct(low)}–${pct(high)}`;
  return (
    `  ${s.writers} writers: mean of their top-1 ${pct(s.meanWriterTop1)}; 95% interval over writers (${s.resamples} resamples): ` +
    `top-1 ${range(s.top1)}, coverage ${range(s.coverage)}, confident but wrong ${range(s.confidentWrong)}, ECE ${range(s.ece)}`
  );
}

/** One line of `pairDigits`' counts, the second model named `other`. */
export function describePairing(p: DigitPairing, other: string): string {
  return `  against ${other}: only this model right on ${p.onlyFirst} digit${p.onlyFirst === 1 ? '' : 's'}, only ${other} on ${p.onlySecond}; both right ${p.bothRight}, both wrong ${p.bothWrong}`;
}
