import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { FastBatchNormalization } from '../../src/training/fast-batch-norm.ts';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

before(async () => {
  await useWasmBackend();
});

function close(actual: Float32Array, expected: Float32Array, what: string): void {
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    num += (actual[i]! - expected[i]!) ** 2;
    den += expected[i]! ** 2;
  }
  assert.ok(Math.sqrt(num / den) < 1e-4, `${what}: relative error ${Math.sqrt(num / den)}`);
}

test('training step: same output, gradients and moving statistics as the stock layer', async () => {
  const random = new Random(9);
  const shape: [number, number, number, number] = [6, 5, 4, 3];
  const xValues = Float32Array.from({ length: 360 }, () => random.uniform(-2, 3));
  const probe = tf.tensor4d(Float32Array.from({ length: 360 }, () => random.uniform(-1, 1)), shape);
  const results: Array<Record<string, Float32Array>> = [];
  for (const layer of [tfl.layers.batchNormalization({ momentum: 0.8 }), new FastBatchNormalization({ momentum: 0.8 })]) {
    layer.build(shape);
    layer.setWeights([tf.tensor1d([0.5, 1.5, -1]), tf.tensor1d([0.1, -0.2, 0.3]), tf.tensor1d([0.2, 0.1, 0]), tf.tensor1d([1, 2, 3])]);
    const x = tf.tensor4d(xValues, shape);
    const gamma = layer.trainableWeights[0]!.read() as tf.Variable;
    const beta = layer.trainableWeights[1]!.read() as tf.Variable;
    const f = () => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, probe)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(f, [gamma, beta]);
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, probe)))(x);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const [movingMean, movingVariance] = layer.getWeights().slice(2);
    results.push({
      y: (await y.data()) as Float32Array,
      loss: (await value.data()) as Float32Array,
      dx: (await dx.data()) as Float32Array,
      dGamma: (await grads[gamma.name]!.data()) as Float32Array,
      dBeta: (await grads[beta.name]!.data()) as Float32Array,
      movingMean: (await movingMean!.data()) as Float32Array,
      movingVariance: (await movingVariance!.data()) as Float32Array,
    });
    tf.dispose([x, y, dx, value, ...Object.values(grads)]);

  }
  for (const key of Object.keys(results[0]!)) close(results[1]![key]!, results[0]![key]!, key);
  probe.dispose();
});

test('saves as a plain BatchNormalization and predicts like one', () => {
  const layer = new FastBatchNormalization({ momentum: 0.9 });
  assert.equal(layer.getClassName(), 'BatchNormalization');
  const model = tfl.sequential({ layers: [tfl.layers.inputLayer({ inputShape: [2, 2, 3] }), layer] });
  const topology = JSON.stringify(model.toJSON(null, false));
  assert.ok(topology.includes('"class_name":"BatchNormalization"'));
  const x = tf.ones([1, 2, 2, 3]);
  const y = model.predict(x) as tf.Tensor;
  const expected = tf.div(x, tf.sqrt(tf.scalar(1 + 1e-3)));
  close(y.dataSync() as Float32Array, expected.dataSync() as Float32Array, 'inference');
  tf.dispose([x, y, expected]);
  model.dispose();
});
