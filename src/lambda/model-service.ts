/**
 * The Lambda's model: loaded once per container and reused by warm invocations. It runs through
 * src/model exactly as the page does (the lean runner; tfjs-layers, imported on demand, only for
 * a model the runner does not implement). A failed load is not cached, so the next invocation
 * tries again (files restored, network back) instead of the container answering 503 until it is
 * recycled.
 */

import { GRID_CELLS } from '../core/preprocess.ts';
import { buildDigitModel } from '../model/digit-model.ts';
import type { ModelRunner } from '../model/layers-model-runner.ts';
import { loadModelArtifacts, ModelLoadError } from '../model/model-artifacts.ts';
import { onceUntilFailure } from '../model/promise-cache.ts';
import { modelFiles, toModelUrl } from './model-files.ts';
import { initBackend, registerEveryKernel, type LambdaBackend } from './tf-backend.ts';

/** A loaded, warmed model. */
export interface LoadedModel {
  /** The tfjs backend it runs on. */
  readonly backend: LambdaBackend;
  /** The code that runs it: the page's lean runner, or tfjs-layers for a model the runner does not implement. */
  readonly runtime: ModelRunner['runtime'];
  /**
   * The model's softmax for `count` 784-cell grids back to back (default one), run as one batch:
   * per grid the ten digits, then not-a-digit when the model has that class (11 outputs, the
   * bundled model), back to back.
   */
  predict(grids: Float32Array, count?: number): Promise<Float32Array>;
}

/** Hands out the container's model, loading it on first use. */
export interface ModelService {
  get(): Promise<LoadedModel>;
}

/** `location` is model.json as a URL or file path (see `toModelUrl`). */
export function createModelService(location: string, backend: LambdaBackend = 'wasm'): ModelService {
  return { get: onceUntilFailure(() => loadModel(location, backend)) };
}

async function loadModel(location: string, preferred: LambdaBackend): Promise<LoadedModel> {
  const modelUrl = toModelUrl(location);
  const backend = await initBackend(preferred);
  const runner = await buildDigitModel(await loadModelArtifacts(modelFiles(modelUrl)), {
    prepareTfjsLayers: () => registerEveryKernel(backend),
  });
  // The first run compiles kernels and allocates; pay it during load, not in a request. Its answer
  // also vets the weights: a shard of the right size can still hold garbage (NaN), and such a model
  // must fail the load (503, retried next time) instead of being kept and failing every request.
  const warmUp = await runner.predict(new Float32Array(GRID_CELLS));
  if (!warmUp.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)) {
    runner.dispose();
    throw new ModelLoadError('model-weights', 'model answers a blank grid with values that are not finite probabilities; its weight files are corrupt');
  }
  return { backend, runtime: runner.runtime, predict: (grids, count) => runner.predict(grids, count) };
}
