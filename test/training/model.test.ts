import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { augmentBatch } from '../../src/training/augment.ts';
import { loadMnist } from '../../src/training/idx.ts';
import { createModel, NUM_CLASSES } from '../../src/training/model.ts';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

before(async () => {
  await useWasmBackend();
});

/** Weights after two seeded training steps on augmented MNIST, as in the training CLI. */
async function trainTwoSteps(seed: number): Promise<Float32Array[]> {
  const set = loadMnist('t10k');
  const random = new Random(seed);
  const model = createModel(seed);
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy' });
  const x = new Float32Array(32 * 784);
  for (let step = 0; step < 2; step++) {
    const indices = Uint32Array.from({ length: 32 }, () => random.int(set.images.count));
    augmentBatch(set.images.pixels, indices, x, random);
    const xs = tf.tensor4d(x, [32, 28, 28, 1]);
    const ys = tf.oneHot(tf.tensor1d(Array.from(indices, (i) => set.labels[i]!), 'int32'), NUM_CLASSES);
    await model.trainOnBatch(xs, ys);
    tf.dispose([xs, ys]);
  }
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return weights;
}

test('the model maps the 28×28 grid to 10 probabilities and fits the size budget as float16', () => {
  const model = createModel(1);
  assert.deepEqual(model.inputs[0]!.shape, [null, 28, 28, 1]);
  assert.deepEqual(model.outputs[0]!.shape, [null, NUM_CLASSES]);
  assert.ok(model.countParams() * 2 < 190 * 1024, `${model.countParams()} parameters`);
  const p = tf.tidy(() => tf.sum(model.predict(tf.ones([2, 28, 28, 1])) as tf.Tensor, 1).dataSync());
  for (const sum of p) assert.ok(Math.abs(sum - 1) < 1e-5);
  model.dispose();
});

test('training is reproducible: the same seed gives bit-identical weights, another seed does not', async () => {
  const a = await trainTwoSteps(42);
  const b = await trainTwoSteps(42);
  const c = await trainTwoSteps(43);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});
