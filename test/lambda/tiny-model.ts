/**
 * Test fixture: a tiny, untrained (random) layers model with the real model's interface ([null,28,28,1] in,
 * softmax [null,10] or [null,11] out), written to a directory in the TF.js files format. Used only to exercise
 * the loader's fault handling (missing and mismatched files) and which runtime runs a model; answers come from
 * the real model.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { savedArtifacts } from '../model/saved-artifacts.ts';

export const TINY_WEIGHTS_FILE = 'tiny.weights.bin';

/**
 * Writes model.json + one weights file into `dir`; returns the weights' byte length. `inputShape`
 * other than the default, or `outputs` other than 10 or 11 (ten digits and not-a-digit), makes a
 * model the Lambda must refuse.
 */
export async function writeTinyModel(dir: string, inputShape: number[] = [28, 28, 1], outputs = 10): Promise<number> {
  await tf.ready();
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape }),
      tfl.layers.dense({ units: outputs, activation: 'softmax' }),
    ],
  });
  return writeModel(dir, model);
}

/**
 * A small random digit model the lean runner does not implement (global average pooling), so
 * the Lambda must run it through tfjs-layers; written to `dir`.
 */
export async function writeLayersOnlyModel(dir: string): Promise<void> {
  await tf.ready();
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) }),
      tfl.layers.globalAveragePooling2d({}),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 6 }) }),
    ],
  });
  await writeModel(dir, model);
}

/** Writes `model` into `dir` as model.json + TINY_WEIGHTS_FILE and disposes it; returns the weights' byte length. */
async function writeModel(dir: string, model: tfl.LayersModel): Promise<number> {
  await mkdir(dir, { recursive: true });
  const { modelTopology, weightSpecs, weightData } = await savedArtifacts(model, { dispose: true });
  const weights = new Uint8Array(weightData as ArrayBuffer);
  const modelJson = { format: 'layers-model', modelTopology, weightsManifest: [{ paths: [TINY_WEIGHTS_FILE], weights: weightSpecs }] };
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(dir, TINY_WEIGHTS_FILE), weights);
  return weights.byteLength;
}
