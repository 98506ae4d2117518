/**
 * The Lambda's model: loaded once per container and reused by warm invocations. A failed load is
 * not cached, so the next invocation tries again (files restored, network back) instead of the
 * container answering 503 until it is recycled.
 */

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { DIGIT_COUNT, OUTPUTS_WITH_NOT_DIGIT } from '../core/prediction.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { ModelLoadError, modelFilesHandler, toModelUrl } from './model-files.ts';
import { initBackend, type LambdaBackend } from './tf-backend.ts';

/** A loaded, warmed model. */
export interface LoadedModel {
  /** The tfjs backend it runs on. */
  readonly backend: LambdaBackend;
  /**
   * The model's softmax for a 784-cell grid: the ten digits, then not-a-digit when the model
   * has that class (11 outputs, the bundled model).
   */
  predict(grid: Float32Array): Promise<Float32Array>;
}

/** Hands out the container's model, loading it on first use. */
export interface ModelService {
  get(): Promise<LoadedModel>;
}

/** `location` is model.json as a URL or file path (see `toModelUrl`). */
export function createModelService(location: string, backend: LambdaBackend = 'wasm'): ModelService {
  let pending: Promise<LoadedModel> | undefined;
  return {
    get() {
      pending ??= loadModel(location, backend).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
  };
}

async function loadModel(location: string, preferred: LambdaBackend): Promise<LoadedModel> {
  const modelUrl = toModelUrl(location);
  const backend = await initBackend(preferred);
  const model = await tfl.loadLayersModel(modelFilesHandler(modelUrl));
  const inputShape = checkShapes(model);
  const predict = async (grid: Float32Array): Promise<Float32Array> => {
    const output = tf.tidy(() => model.predict(tf.tensor(grid, inputShape)) as tf.Tensor);
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  };
  // The first run compiles kernels and allocates; pay it during load, not in a request. Its answer
  // also vets the weights: a shard of the right size can still hold garbage (NaN), and such a model
  // must fail the load (503, retried next time) instead of being kept and failing every request.
  const warmUp = await predict(new Float32Array(GRID_CELLS));
  if (!warmUp.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)) {
    model.dispose();
    throw new ModelLoadError('model answers a blank grid with values that are not finite probabilities; its weight files are corrupt');
  }
  return { backend, predict };
}

/**
 * Checks the model reads one 784-cell grid and answers the ten digits, or the ten digits and
 * not-a-digit; returns its input shape.
 */
function checkShapes(model: tfl.LayersModel): number[] {
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  const inputShape = input.map((size) => size ?? 1);
  const cells = inputShape.reduce((product, size) => product * size, 1);
  if (model.inputs.length !== 1 || input[0] !== null || cells !== GRID_CELLS) {
    model.dispose();
    throw new ModelLoadError(`model input is ${shapeText(input)}; expected one 28×28 grid per example`);
  }
  if (model.outputs.length !== 1 || output.length !== 2 || (output[1] !== DIGIT_COUNT && output[1] !== OUTPUTS_WITH_NOT_DIGIT)) {
    model.dispose();
    throw new ModelLoadError(
      `model output is ${shapeText(output)}; expected [null,${DIGIT_COUNT}] or [null,${OUTPUTS_WITH_NOT_DIGIT}] (not-a-digit last)`,
    );
  }
  return inputShape;
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((size) => size ?? 'null').join(',')}]`;
}
