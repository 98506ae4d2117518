import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mnistAccuracy } from '../../src/training/evaluation.ts';
import { loadMnist } from '../../src/training/idx.ts';
import { loadModelFromDir, MODEL_JSON } from '../../src/training/model-files.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

const modelDir = fileURLToPath(new URL('../../model', import.meta.url));
const SIZE_BUDGET = 200 * 1024;

before(async () => {
  await useWasmBackend();
});

test('the committed model reaches ≥ 99.4% on the full 10k MNIST test set, leaking no tensors', async () => {
  const before = tf.memory().numTensors;
  const model = await loadModelFromDir(modelDir);
  assert.deepEqual(model.inputs[0]!.shape, [null, 28, 28, 1]);
  assert.deepEqual(model.outputs[0]!.shape, [null, 10]);
  const accuracy = await mnistAccuracy(model, loadMnist('t10k'));
  model.dispose();
  assert.equal(tf.memory().numTensors, before, 'every tensor is disposed');
  assert.ok(accuracy >= 0.994, `MNIST test accuracy ${(accuracy * 100).toFixed(2)}% is below 99.4%`);
});

test('the committed model files fit the 200 KB budget', () => {
  const manifest = JSON.parse(readFileSync(join(modelDir, MODEL_JSON), 'utf8')).weightsManifest as Array<{ paths: string[] }>;
  const files = [MODEL_JSON, ...manifest.flatMap((group) => group.paths)];
  const total = files.reduce((sum, file) => sum + statSync(join(modelDir, file)).size, 0);
  assert.ok(total <= SIZE_BUDGET, `model files take ${total} bytes, budget ${SIZE_BUDGET}`);
});
