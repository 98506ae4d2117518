// Its own page, so the wasm binary is not in the HTTP cache until these tests fetch it: `auto`
// starts on cpu on a first visit and on wasm once the binary is cached.
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { runExclusive } from '../../src/inference/inference-queue.ts';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import { mnistTestDigits } from './model-fixtures.ts';

describe('LocalClassifier on backend auto', () => {
  let grid: Float32Array;
  before(async () => {
    grid = (await mnistTestDigits())[0]!.grid;
  });

  it('stays on cpu when the person asked to save data (Save-Data)', async () => {
    const own = Object.getOwnPropertyDescriptor(navigator, 'connection');
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
    try {
      const classifier = new LocalClassifier();
      const backends = new Set<string | undefined>();
      // Long enough for the move, which takes a fraction of this on localhost (the next test).
      for (let i = 0; i < 40; i++) {
        backends.add((await classifier.classify(grid)).backend);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect([...backends]).to.deep.equal(['cpu']);
      classifier.dispose();
    } finally {
      if (own) Object.defineProperty(navigator, 'connection', own);
      else delete (navigator as { connection?: unknown }).connection;
    }
  });

  it('answers first on cpu (no wasm binary to wait for), then moves to wasm in the background, freeing the cpu model', async () => {
    await runExclusive(async () => undefined); // the model of the test before released
    const baseline = tf.memory().numTensors;
    const classifier = new LocalClassifier();
    const first = await classifier.classify(grid);
    expect(first.backend).to.equal('cpu');
    let later = first;
    for (let tries = 0; later.backend !== 'wasm' && tries < 600; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      later = await classifier.classify(grid);
    }
    expect(later.backend, 'moved to wasm').to.equal('wasm');
    later.probabilities.forEach((p, d) => expect(p).to.be.closeTo(first.probabilities[d]!, 1e-3));
    classifier.dispose();
    await runExclusive(async () => undefined);
    expect(tf.memory().numTensors, 'both models disposed').to.equal(baseline);
  });

  it('starts on wasm once its binary is in the HTTP cache (a repeat visit)', async () => {
    const classifier = new LocalClassifier();
    expect((await classifier.classify(grid)).backend).to.equal('wasm');
    classifier.dispose();
  });
});
