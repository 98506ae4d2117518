/**
 * Models the lean runner does not implement (other layer types, functional models) still run,
 * through tfjs-layers, behind the same ModelRunner interface. Imported only for such a model
 * (digit-model.ts imports it dynamically), so neither the page nor the Lambda loads tfjs-layers
 * for the bundled model. The caller readies the backend first: tfjs-layers needs every kernel of
 * it, where the lean runner needs a few (the page registers them in src/inference).
 */
import { io, type Tensor } from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { runBatch, type ModelRunner } from './layers-model-runner.ts';

/** Loads `artifacts` with tfjs-layers on the active backend. */
export async function loadWithTfjsLayers(artifacts: io.ModelArtifacts): Promise<ModelRunner> {
  return layersModelRunner(await loadLayersModel(io.fromMemory(artifacts)));
}

/** `model` behind the runner interface; disposing the runner disposes the model. */
export function layersModelRunner(model: LayersModel): ModelRunner {
  const single = (shapes: (number | null)[][]) => (shapes.length === 1 ? shapes[0]! : []);
  const inputShape = single(model.inputs.map((input) => input.shape));
  const outputShape = single(model.outputs.map((output) => output.shape));
  return {
    runtime: 'tfjs-layers',
    inputShape,
    outputShape,
    predict: (inputs, count = 1) => runBatch(inputShape, inputs, count, (x) => model.predict(x) as Tensor),
    dispose: () => model.dispose(),
  };
}
