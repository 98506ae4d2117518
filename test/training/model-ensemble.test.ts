import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildDigitModel } from '../../src/model/digit-model.ts';
import { ModelEnsemble } from '../../src/training/model-ensemble.ts';
import { readModelDir, saveModel } from '../../src/training/model-files.ts';
import { createModel, NUM_CLASSES } from '../../src/training/model.ts';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

let dir: string;
const random = new Random(9);
const grids = Float32Array.from({ length: 3 * 784 }, () => random.next());

before(async () => {
  await useWasmBackend();
  dir = mkdtempSync(join(tmpdir(), 'model-ensemble-'));
  // An untrained model of the shipped shape (answers unlike the committed one's) and a 10-output one.
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

test("an ensemble answers the mean of its models' probabilities and leaves no tensor behind", async () => {
  const [committed, untrained] = [await ownProbabilities('model'), await ownProbabilities(join(dir, 'untrained'))];
  const tensorsBefore = tf.memory().numTensors;
  const ensemble = await ModelEnsemble.load(['model', join(dir, 'untrained')]);
  assert.deepEqual(ensemble.outputShape, [null, NUM_CLASSES]);
  const mean = await ensemble.predict(grids, 2);
  ensemble.dispose();
  assert.equal(tf.memory().numTensors, tensorsBefore);
  assert.equal(mean.length, 2 * NUM_CLASSES);
  for (let i = 0; i < mean.length; i++) assert.ok(Math.abs(mean[i]! - (committed[i]! + untrained[i]!) / 2) < 1e-6, `value ${i}`);
  // The two really differ, so this is a mean and not one model's answer.
  assert.ok(committed.some((v, i) => Math.abs(v - untrained[i]!) > 0.05));
});

test('models that answer different numbers of classes are refused, naming them, and nothing is left loaded', async () => {
  const tensorsBefore = tf.memory().numTensors;
  await assert.rejects(
    ModelEnsemble.load(['model', join(dir, 'ten')]),
    (error: Error) => error.message.includes(join(dir, 'ten')) && error.message.includes('10 classes') && error.message.includes('model 11'),
  );
  assert.equal(tf.memory().numTensors, tensorsBefore);
  await assert.rejects(ModelEnsemble.load([]), /at least one model/);
});
