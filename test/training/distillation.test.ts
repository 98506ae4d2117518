import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildDigitModel } from '../../src/model/digit-model.ts';
import { blendTargets, Teachers } from '../../src/training/distillation.ts';
import { readModelDir, saveModel } from '../../src/training/model-files.ts';
import { createModel, NUM_CLASSES } from '../../src/training/model.ts';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

let dir: string;
const random = new Random(9);
const grids = Float32Array.from({ length: 3 * 784 }, () => random.next());

before(async () => {
  await useWasmBackend();
  dir = mkdtempSync(join(tmpdir(), 'distillation-'));
  // An untrained student-shaped model (answers unlike the committed one's) and a 10-output one.
  const untrained = createModel(3);
  await saveModel(untrained, join(dir, 'untrained'), 'float32');
  untrained.dispose();
  const tenOutputs = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax' })] });
  await saveModel(tenOutputs, join(dir, 'ten'), 'float32');
  tenOutputs.dispose();
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function ownProbabilities(modelDir: string): Promise<Float32Array> {
  const runner = await buildDigitModel(await readModelDir(modelDir));
  const p = await runner.predict(grids, 3);
  runner.dispose();
  return p;
}

test("two teachers' probabilities are the mean of each one's, and leave no tensor behind", async () => {
  const [committed, untrained] = [await ownProbabilities('model'), await ownProbabilities(join(dir, 'untrained'))];
  const tensorsBefore = tf.memory().numTensors;
  const teachers = await Teachers.load(['model', join(dir, 'untrained')]);
  const mean = await teachers.probabilities(grids, 2);
  teachers.dispose();
  assert.equal(tf.memory().numTensors, tensorsBefore);
  assert.equal(mean.length, 2 * NUM_CLASSES);
  for (let i = 0; i < mean.length; i++) assert.ok(Math.abs(mean[i]! - (committed[i]! + untrained[i]!) / 2) < 1e-6, `value ${i}`);
  // The two really differ, so this is a mean and not one teacher's answer.
  assert.ok(committed.some((v, i) => Math.abs(v - untrained[i]!) > 0.05));
});

test('a teacher that does not answer the eleven classes is refused, naming it', async () => {
  const tensorsBefore = tf.memory().numTensors;
  await assert.rejects(Teachers.load(['model', join(dir, 'ten')]), (error: Error) => error.message.includes(join(dir, 'ten')) && /10 classes/.test(error.message));
  assert.equal(tf.memory().numTensors, tensorsBefore, 'the teachers loaded before it are disposed');
});

test("blending moves the weight of each target row onto the teachers' row and keeps it a distribution", () => {
  const y = new Float32Array(3 * NUM_CLASSES);
  y[4] = 1;
  y[NUM_CLASSES + 10] = 1;
  y[2 * NUM_CLASSES + 1] = 1; // beyond n: untouched
  const teacher = new Float32Array(2 * NUM_CLASSES);
  teacher[9] = 0.8;
  teacher[4] = 0.2;
  teacher[NUM_CLASSES + 10] = 1;
  blendTargets(y, teacher, 2, 0.25);
  assert.ok(Math.abs(y[4]! - (0.75 + 0.25 * 0.2)) < 1e-6);
  assert.ok(Math.abs(y[9]! - 0.25 * 0.8) < 1e-6);
  assert.equal(y[NUM_CLASSES + 10], 1);
  assert.equal(y[2 * NUM_CLASSES + 1], 1);
  for (let row = 0; row < 2; row++) assert.ok(Math.abs(y.subarray(row * NUM_CLASSES, (row + 1) * NUM_CLASSES).reduce((a, b) => a + b, 0) - 1) < 1e-6);
});
