/**
 * Writes the untrained mnist-node model (float32, as the original saved it) to a folder as
 * model.json + weights.bin, with the umbrella @tensorflow/tfjs in Node.
 * Usage: node save-model.mjs <dir>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createMnistNodeModel } from './mnist-node-model.mjs';

const dir = process.argv[2];
mkdirSync(dir, { recursive: true });
const model = createMnistNodeModel(tf);
await model.save(
  tf.io.withSaveHandler(async (artifacts) => {
    writeFileSync(join(dir, 'weights.bin'), Buffer.from(artifacts.weightData));
    const json = {
      format: 'layers-model',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }),
);
console.log(JSON.stringify({ params: model.countParams() }));
