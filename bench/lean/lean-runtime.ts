/**
 * Prototype for the bench, loaded lazily: tfjs-core without its optional side effects (gradients,
 * optimizers, chained ops — the build aliases '@tensorflow/tfjs-core' to its dist/base) and the
 * wasm backend with only the kernels lean-model.ts runs, the custom-bundle pattern tfjs documents.
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';
import { registerKernel, setBackend, getBackend } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedConv2D';
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import { loadLeanModel, type LeanModel } from './lean-model.ts';

for (const config of [castConfig, fusedConv2DConfig, identityConfig, maxPoolConfig, reshapeConfig, softmaxConfig, _fusedMatMulConfig]) {
  registerKernel(config);
}

/** Starts the wasm backend (binaries from `wasmDirectory`) and loads the model at `modelUrl`. */
export async function startLean(wasmDirectory: string, modelUrl: string): Promise<{ model: LeanModel; backend: string }> {
  setWasmPaths(wasmDirectory);
  if (!(await setBackend('wasm'))) throw new Error('the wasm backend did not start');
  const model = await loadLeanModel(modelUrl);
  await model.predict(new Float32Array(784)); // warm-up, as LocalClassifier does
  return { model, backend: getBackend() };
}
