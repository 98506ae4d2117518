/**
 * Models the lean runner does not implement (other layer types, functional models) still run:
 * through tfjs-layers, with every kernel of the backend and tfjs's chained ops registered.
 * Imported only for such a model, so the bundled model never downloads tfjs-layers.
 */
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { io, tidy, tensor, type Tensor } from '@tensorflow/tfjs-core';
import { registerOptimizers } from '@tensorflow/tfjs-core/dist/optimizers/register_optimizers';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import type { BackendName } from './backend-preference.ts';
import { registerAllKernels } from './backend-kernels.ts';
import type { ModelRunner } from '../model/layers-model-runner.ts';

/** Loads `artifacts` with tfjs-layers on `backend` (the active one). */
export async function loadWithTfjsLayers(artifacts: io.ModelArtifacts, backend: BackendName): Promise<ModelRunner> {
  // The browser build leaves these out of tfjs-core (tfjs-core-inference.ts); tfjs-layers
  // deserialises a model's training config with them.
  registerOptimizers();
  await registerAllKernels(backend);
  const model = await loadLayersModel(io.fromMemory(artifacts));
  const single = (shapes: (number | null)[][]) => (shapes.length === 1 ? shapes[0]! : []);
  const inputShape = single(model.inputs.map((input) => input.shape));
  const outputShape = single(model.outputs.map((output) => output.shape));
  return {
    inputShape,
    outputShape,
    async predict(input) {
      const output = tidy(() => model.predict(tensor(input, [1, ...(inputShape.slice(1) as number[])], 'float32')) as Tensor);
      try {
        return (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
