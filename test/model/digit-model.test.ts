/**
 * buildDigitModel is how the page, the Lambda and training get a model: the lean runner where it
 * can, tfjs-layers (imported only then) where it cannot, and the one check of a digit model's
 * shapes. Node, cpu backend.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildDigitModel, checkDigitShapes } from '../../src/model/digit-model.ts';
import { ModelLoadError } from '../../src/model/model-artifacts.ts';
import { savedArtifacts } from './saved-artifacts.ts';

before(async () => {
  await tf.setBackend('cpu');
});

const artifactsOf = (model: tfl.LayersModel) => savedArtifacts(model, { dispose: true });

function dense(inputShape: number[], units: number): tfl.LayersModel {
  return tfl.sequential({ layers: [tfl.layers.flatten({ inputShape }), tfl.layers.dense({ units, activation: 'softmax' })] });
}

const grid = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);

test('a model the lean runner implements runs on it, with 10 or 11 outputs, and tfjs-layers is never readied', async () => {
  for (const outputs of [10, 11]) {
    let prepared = 0;
    const runner = await buildDigitModel(await artifactsOf(dense([28, 28, 1], outputs)), { prepareTfjsLayers: async () => void prepared++ });
    assert.equal(runner.runtime, 'lean');
    assert.deepEqual(runner.outputShape, [null, outputs]);
    assert.equal((await runner.predict(grid)).length, outputs);
    runner.dispose();
    assert.equal(prepared, 0);
  }
});

test('a model only tfjs-layers can run goes through it, readied first, answering as tfjs-layers does', async () => {
  const make = () =>
    tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
        tfl.layers.globalAveragePooling2d({}),
        tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }),
      ],
    });
  const reference = make();
  const expected = tf.tidy(() => (reference.predict(tf.tensor4d(grid, [1, 28, 28, 1])) as tf.Tensor).dataSync());
  let prepared = 0;
  const tensors = tf.memory().numTensors;
  const runner = await buildDigitModel(await artifactsOf(reference), { prepareTfjsLayers: async () => void prepared++ });
  assert.equal(runner.runtime, 'tfjs-layers');
  assert.equal(prepared, 1);
  const actual = await runner.predict(grid);
  expected.forEach((p, i) => assert.ok(Math.abs(actual[i]! - p) < 1e-6, `output ${i}`));
  runner.dispose();
  assert.ok(tf.memory().numTensors <= tensors, 'disposing the runner frees the model');
});

test('refuses a model that does not read a 28×28 grid or gives neither 10 nor 11 outputs, keeping no tensors', async () => {
  const cases: [number[], number, string][] = [
    [[7, 7, 1], 10, 'model input is [null,7,7,1]; expected one 28×28 grid per example ([null,28,28,1])'],
    [[28, 28, 1], 12, 'model output is [null,12]; expected the ten digit probabilities ([null,10]) or those and not-a-digit last ([null,11])'],
  ];
  for (const [inputShape, outputs, message] of cases) {
    const artifacts = await artifactsOf(dense(inputShape, outputs));
    const tensors = tf.memory().numTensors;
    await assert.rejects(buildDigitModel(artifacts), (error: unknown) => error instanceof ModelLoadError && error.code === 'model-shape' && error.message === message);
    assert.equal(tf.memory().numTensors, tensors, 'the refused model was disposed');
  }
  assert.throws(() => checkDigitShapes({ inputShape: [28, 28, 1], outputShape: [null, 10] }), /model input is \[28,28,1\]/, 'the batch dimension must be free');
});

test('a topology that is not a valid layers model is a model-format ModelLoadError', async () => {
  const artifacts = await artifactsOf(dense([28, 28, 1], 10));
  await assert.rejects(buildDigitModel({ ...artifacts, weightSpecs: [] }), (error: unknown) => error instanceof ModelLoadError && error.code === 'model-format' && /not a valid layers model/.test(error.message));
});
