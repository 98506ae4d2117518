import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { VectorStroke } from '../../src/core/vector-grid.ts';
import { fitTemperature, foldTemperature, handwritingFigures, pairDigits, thresholdFigures, withTemperature, writerBootstrap } from '../../src/training/handwriting-evaluation.ts';
import type { ValidationDrawing } from '../../src/training/handwriting-sets.ts';
import { NOT_A_DIGIT_CLASS, NUM_CLASSES } from '../../src/training/model.ts';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

before(async () => {
  await useWasmBackend();
});

test('the fitted temperature undoes a known overconfidence', () => {
  // Calibrated probabilities q; the "model" reports q² renormalised, i.e. temperature 1/2.
  const random = new Random(1);
  const n = 4000;
  const reported = new Float32Array(n * NUM_CLASSES);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const logits = Array.from({ length: NUM_CLASSES }, () => random.uniform(-2, 2));
    logits[i % NUM_CLASSES]! += 2.5;
    const q = softmax(logits);
    let u = random.next();
    let label = 0;
    while (label < NUM_CLASSES - 1 && (u -= q[label]!) > 0) label++;
    labels.push(label);
    reported.set(softmax(logits.map((l) => 2 * l)), i * NUM_CLASSES);
  }
  const t = fitTemperature(reported, labels);
  assert.ok(Math.abs(t - 2) < 0.2, `fitted ${t}, expected about 2`);
  assert.deepEqual(Array.from(withTemperature(reported, 1).subarray(0, NUM_CLASSES)).map((v) => v.toFixed(5)), Array.from(reported.subarray(0, NUM_CLASSES)).map((v) => v.toFixed(5)));
});

test('folding the temperature into the last layer gives the probabilities of withTemperature', () => {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: NUM_CLASSES, activation: 'softmax', kernelInitializer: tfl.initializers.randomNormal({ seed: 3, stddev: 2 }) })] });
  const x = tf.tensor2d([[1, -2, 0.5, 3], [0, 1, 1, -1]]);
  const before = tf.memory().numTensors;
  const original = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  foldTemperature(model, 1.7);
  const folded = (model.predict(x) as tf.Tensor).dataSync();
  const expected = withTemperature(original, 1.7);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(folded[i]! - expected[i]!) < 1e-5, `value ${i}`);
  tf.dispose(x);
  model.dispose();
  assert.ok(tf.memory().numTensors <= before - 1, 'no tensor left behind');
});

/** Six judged drawings: each line's comment says how the element judges it at min-confidence 0.5. */
const stroke = (height: number): VectorStroke[] => [{ points: [{ x: 100, y: 100 }, { x: 100, y: 100 + height }] }];
const row = (digit: number, p: number, notDigit = 0) => {
  const values = new Array(NUM_CLASSES).fill((1 - p - notDigit) / (NUM_CLASSES - 2));
  values[digit] = p;
  values[NOT_A_DIGIT_CLASS] = notDigit;
  return values;
};
const items: [ValidationDrawing, number[]][] = [
  [{ drawing: stroke(80), grid: new Float32Array(784), label: 3, kind: 'digit' }, row(3, 0.9)], // right, confident
  [{ drawing: stroke(80), grid: new Float32Array(784), label: 3, kind: 'digit' }, row(5, 0.9)], // wrong, confident
  [{ drawing: stroke(80), grid: new Float32Array(784), label: 4, kind: 'digit' }, row(4, 0.4)], // right, unsure
  [{ drawing: stroke(80), grid: new Float32Array(784), label: 10, kind: 'letter' }, row(1, 0.3, 0.6)], // refused
  [{ drawing: stroke(80), grid: new Float32Array(784), label: 10, kind: 'letter' }, row(1, 0.8, 0.1)], // taken for a 1
  [{ drawing: stroke(3), grid: new Float32Array(784), label: 10, kind: 'tap' }, row(1, 0.99)], // too small: refused
];
const probabilities = Float32Array.from(items.flatMap(([, p]) => p));
const drawings = items.map(([v]) => v);

test('figures: top-1, coverage, confident-but-wrong, calibration error and refusals are counted as the element judges', () => {
  const f = handwritingFigures(probabilities, drawings, 0.5);
  assert.equal(f.digits.count, 3);
  assert.ok(Math.abs(f.digits.top1 - 2 / 3) < 1e-9);
  assert.ok(Math.abs(f.digits.coverage - 2 / 3) < 1e-9);
  assert.ok(Math.abs(f.digits.confidentWrong - 1 / 3) < 1e-9);
  assert.deepEqual(f.digits.confusions, [{ from: 3, to: '5', count: 1 }]);
  // Bins: 0.9 (one right, one wrong: |0.5 − 0.9|) and 0.4 (right: |1 − 0.4|), weighted 2/3 and 1/3.
  assert.ok(Math.abs(f.digits.ece - ((2 / 3) * 0.4 + (1 / 3) * 0.6)) < 1e-6, `ece ${f.digits.ece}`);
  // The true digit's probability: 0.9, the 3 of the row read as 5 ((1 − 0.9) / 9), and 0.4.
  assert.ok(Math.abs(f.digits.logLoss - -(Math.log(0.9) + Math.log(0.1 / 9) + Math.log(0.4)) / 3) < 1e-6, `log-loss ${f.digits.logLoss}`);
  assert.equal(f.nonDigits.count, 3);
  assert.ok(Math.abs(f.nonDigits.refused - 2 / 3) < 1e-9);
  assert.deepEqual(f.nonDigits.perKind, [{ kind: 'letter', count: 2, refused: 0.5 }, { kind: 'tap', count: 1, refused: 1 }]);
});

test('the min-confidence trade-off: a higher threshold turns the confident mistake and the taken letter into refusals', () => {
  const rows = thresholdFigures(probabilities, drawings, [0.5, 0.85, 0.95]);
  assert.deepEqual(
    rows.map((r) => [r.minConfidence, r.coverage, r.confidentWrong, r.nonDigitsRefused]),
    [
      [0.5, 2 / 3, 1 / 3, 2 / 3],
      [0.85, 2 / 3, 1 / 3, 1],
      [0.95, 0, 0, 1],
    ],
  );
});

test('the writer bootstrap resamples whole writers: one flawless and one hopeless writer span 0..100%', () => {
  const digit = (writerId: string): ValidationDrawing => ({ drawing: stroke(80), grid: new Float32Array(784), label: 3, kind: 'digit', writerId });
  const set = [...Array.from({ length: 10 }, () => digit('a')), ...Array.from({ length: 30 }, () => digit('b')), { ...digit('x'), label: NOT_A_DIGIT_CLASS, kind: 'letter' }];
  const probabilities = Float32Array.from([
    ...Array.from({ length: 10 }, () => row(3, 0.95)), // writer a: all right, confident
    ...Array.from({ length: 30 }, () => row(5, 0.95)), // writer b: all wrong, confident
    ...row(1, 0.1, 0.9),
  ].flat());
  const spread = writerBootstrap(probabilities, set, 0.8, 400, 7);
  assert.equal(spread.writers, 2, 'the letter is not a writer of digits');
  // Per writer 100% and 0%, averaged; the pooled top-1 would be 25%.
  assert.equal(spread.meanWriterTop1, 0.5);
  assert.deepEqual(spread.top1, [0, 1]);
  assert.deepEqual(spread.confidentWrong, [0, 1]);
  assert.deepEqual(spread.coverage, [1, 1]);
  const alone = writerBootstrap(probabilities.slice(0, 10 * NUM_CLASSES), set.slice(0, 10), 0.8, 50);
  assert.deepEqual([alone.writers, alone.top1, alone.confidentWrong], [1, [1, 1], [0, 0]], 'one writer has no spread');
});

test('pairing two models counts, digit by digit, which of them reads it right', () => {
  // The fixture's digits read 3 → 3, 3 → 5, 4 → 4; the second model fixes the 5 and misses the 4.
  const second = Float32Array.from([row(3, 0.9), row(3, 0.6), row(7, 0.5), row(1, 0.3, 0.6), row(1, 0.8, 0.1), row(1, 0.99)].flat());
  assert.deepEqual(pairDigits(probabilities, second, drawings), { bothRight: 1, onlyFirst: 1, onlySecond: 1, bothWrong: 0 });
  assert.deepEqual(pairDigits(probabilities, probabilities, drawings), { bothRight: 2, onlyFirst: 0, onlySecond: 0, bothWrong: 1 });
});

function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
