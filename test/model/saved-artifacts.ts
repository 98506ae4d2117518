/**
 * Test helper: a tfjs-layers model as the artifacts `model.save` produces, in memory, for tests
 * that hand a model to the runner or write it out as files (Node and the browser alike).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** `model`'s artifacts (topology, weight specs and data); `dispose` disposes the model afterwards. */
export async function savedArtifacts(model: tfl.LayersModel, { dispose = false } = {}): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (dispose) model.dispose();
  return artifacts!;
}
