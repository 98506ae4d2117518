import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../src/inference/backend-preference.ts';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import { layersOnlyModel, mnistTestDigits, revokeFixtureUrls } from './model-fixtures.ts';

describe('LocalClassifier with a model the lean runner does not implement', () => {
  after(revokeFixtureUrls);

  for (const backend of ['wasm', 'cpu'] as BackendName[]) {
    it(`runs it through tfjs-layers on ${backend} and answers as tfjs-layers does, without leaking tensors`, async () => {
      const [{ grid }] = await mnistTestDigits();
      const { url, expected } = await layersOnlyModel(grid!);
      const classifier = new LocalClassifier({ modelUrl: url, backend });
      const first = await classifier.classify(grid!);
      expect(classifier.backend).to.equal(backend);
      first.probabilities.forEach((p, digit) => expect(p).to.be.closeTo(expected[digit]!, 1e-4));
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) await classifier.classify(grid!);
      expect(tf.memory().numTensors).to.equal(tensors);
      classifier.dispose();
    });
  }
});
