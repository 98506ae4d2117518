/**
 * The Lambda's model service runs models the way the page does: the committed model on the lean
 * runner (src/model), and a model the runner does not implement through tfjs-layers, imported
 * only then, with every kernel of the backend registered for it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { modelFiles, toModelUrl } from '../../src/lambda/model-files.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { loadModelArtifacts } from '../../src/model/model-artifacts.ts';
import { mnistDigit } from './events.ts';
import { writeLayersOnlyModel } from './tiny-model.ts';

const COMMITTED = fileURLToPath(new URL('../../model/model.json', import.meta.url));
let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'digit-canvas-service-'));
});

after(() => rm(root, { recursive: true, force: true }));

describe('the Lambda model service', () => {
  it('runs the committed model on the lean runner, on wasm', async () => {
    const model = await createModelService(COMMITTED, 'wasm').get();
    assert.deepEqual([model.backend, model.runtime], ['wasm', 'lean']);
  });

  it('runs a model the lean runner does not implement through tfjs-layers, answering as tfjs-layers does, without leaking tensors', async () => {
    const dir = join(root, 'layers-only');
    await writeLayersOnlyModel(dir);
    const model = await createModelService(`${dir}/`, 'wasm').get();
    assert.deepEqual([model.backend, model.runtime], ['wasm', 'tfjs-layers']);
    const grid = Float32Array.from(mnistDigit(0).grid);
    const tensors = tf.memory().numTensors;
    const answer = await model.predict(grid);
    assert.equal(tf.memory().numTensors, tensors, 'a prediction leaves no tensors');

    // The reference: tfjs-layers itself on the same files (every wasm kernel is registered by now).
    const reference = await tfl.loadLayersModel({ load: () => loadModelArtifacts(modelFiles(toModelUrl(`${dir}/`))) });
    const expected = tf.tidy(() => (reference.predict(tf.tensor4d(grid, [1, 28, 28, 1])) as tf.Tensor).dataSync());
    reference.dispose();
    assert.equal(answer.length, 10);
    expected.forEach((p, i) => assert.ok(Math.abs(answer[i]! - p) < 1e-6, `output ${i}: ${answer[i]} vs ${p}`));
  });
});
