/**
 * The lean runtime prototype (bench/lean/, figures in bench/RESULTS.md) must answer as
 * tfjs-layers does, or its latency and bytes would compare unlike things: the committed model on
 * MNIST test digits, Node's cpu backend, with batch norm folded into the fused convolutions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { leanModelFromArtifacts } from '../../bench/lean/lean-model.ts';

const root = new URL('../../', import.meta.url);

function readCommittedModel(): { json: tf.io.ModelJSON; weightData: ArrayBuffer } {
  const json = JSON.parse(readFileSync(new URL('model/model.json', root), 'utf8')) as tf.io.ModelJSON;
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((path) => Uint8Array.from(readFileSync(new URL(`model/${path}`, root))).buffer));
  return { json, weightData: tf.io.concatenateArrayBuffers(shards) };
}

test('the lean model gives tfjs-layers’ probabilities for the committed model, and leaks no tensors', async () => {
  await tf.setBackend('cpu');
  const { json, weightData } = readCommittedModel();
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const reference = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
  const lean = leanModelFromArtifacts(json, weightData);
  const fixture = JSON.parse(readFileSync(new URL('test/fixtures/mnist-test-digits.json', root), 'utf8')) as { digits: { pixels: number[] }[] };
  const tensorsBefore = tf.memory().numTensors;
  let largest = 0;
  for (const { pixels } of fixture.digits.slice(0, 20)) {
    const grid = Float32Array.from(pixels, (p) => p / 255);
    const output = tf.tidy(() => reference.predict(tf.tensor4d(grid, [1, 28, 28, 1])) as tf.Tensor);
    const expected = output.dataSync();
    output.dispose();
    const actual = await lean.predict(grid);
    assert.equal(actual.length, 10);
    for (let i = 0; i < 10; i++) largest = Math.max(largest, Math.abs(actual[i]! - expected[i]!));
  }
  assert.ok(largest < 1e-5, `largest probability difference ${largest}`);
  assert.equal(tf.memory().numTensors, tensorsBefore, 'predictions left tensors behind');
  lean.dispose();
  reference.dispose();
});

test('the lean model refuses a layer it cannot run, naming it', async () => {
  await tf.setBackend('cpu');
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, name: 'conv' }),
      tfl.layers.globalAveragePooling2d({ name: 'gap' }),
      tfl.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
    ],
  });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (saved) => ((artifacts = saved), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  model.dispose();
  const json = { modelTopology: artifacts!.modelTopology, weightsManifest: [{ paths: [], weights: artifacts!.weightSpecs! }] } as tf.io.ModelJSON;
  assert.throws(() => leanModelFromArtifacts(json, artifacts!.weightData as ArrayBuffer), /gap: layer type GlobalAveragePooling2D is not supported/);
});
