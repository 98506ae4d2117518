import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import type { BackendName } from '../../src/inference/backend-preference.ts';
import { mnistTestDigits, revokeFixtureUrls } from './model-fixtures.ts';

const BACKENDS: BackendName[] = ['wasm', 'webgl', 'cpu'];

/** Resource-timing entries for a URL: how many times the page fetched it. */
function fetchCount(url: string): number {
  return performance.getEntriesByName(url).length;
}

describe('LocalClassifier with the bundled model', () => {
  let digits: { label: number; grid: Float32Array }[];
  const results = new Map<BackendName, number[][]>();

  before(async () => {
    // Resource timing counts the model downloads; the default buffer (250) is full of modules.
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(100_000);
    digits = await mnistTestDigits();
  });
  after(revokeFixtureUrls);

  for (const backend of BACKENDS) {
    it(`classifies real MNIST test digits on ${backend}`, async () => {
      const classifier = new LocalClassifier({ backend });
      const probabilities: number[][] = [];
      let correct = 0;
      for (const { label, grid } of digits) {
        const prediction = await classifier.classify(grid);
        expect(prediction.backend).to.equal(backend);
        expect(prediction.source).to.equal('local');
        expect(prediction.probabilities.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-3);
        if (prediction.digit === label) correct++;
        probabilities.push(prediction.probabilities);
      }
      results.set(backend, probabilities);
      // The first three test images of each digit; a trained CNN gets them all, one miss is allowed.
      expect(correct).to.be.at.least(digits.length - 1);
      classifier.dispose();
    });
  }

  it('gives the same probabilities on every backend (within 1e-3)', () => {
    const reference = results.get('cpu')!;
    expect(reference, 'the cpu run').to.have.length(digits.length);
    for (const backend of ['wasm', 'webgl'] as const) {
      const other = results.get(backend)!;
      expect(other, `the ${backend} run`).to.have.length(digits.length);
      other.forEach((row, i) => row.forEach((p, d) => expect(Math.abs(p - reference[i]![d]!), `${backend} image ${i} digit ${d}`).to.be.below(1e-3)));
    }
  });

  it('does not leak tensors over 200 predictions', async () => {
    const classifier = new LocalClassifier({ backend: 'wasm' });
    await classifier.classify(digits[0]!.grid); // model loaded and warmed before counting
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) await classifier.classify(digits[i % digits.length]!.grid);
    expect(tf.memory().numTensors).to.equal(before);
    classifier.dispose();
  });

  it('downloads a model URL once for every classifier and backend on the page', async () => {
    const url = new LocalClassifier().modelUrl;
    const a = new LocalClassifier({ backend: 'cpu' });
    const b = new LocalClassifier({ backend: 'wasm' });
    await Promise.all([a.classify(digits[0]!.grid), b.classify(digits[1]!.grid)]);
    // Every classifier so far in this file (three backends, several instances) shared one download.
    expect(fetchCount(url)).to.equal(1);
    expect(fetchCount(new URL('weights.bin', url).href)).to.equal(1);
    a.dispose();
    b.dispose();
  });

  it('serves classifiers on different backends at once, each getting its own backend and the right answers', async () => {
    const onWasm = new LocalClassifier({ backend: 'wasm' });
    const onCpu = new LocalClassifier({ backend: 'cpu' });
    const onWebgl = new LocalClassifier({ backend: 'webgl' });
    const runs = digits.slice(0, 10).flatMap(({ grid }, i) =>
      [onWasm, onCpu, onWebgl].map(async (classifier) => ({ i, prediction: await classifier.classify(grid) })),
    );
    for (const { i, prediction } of await Promise.all(runs)) {
      const expected = results.get(prediction.backend as BackendName)![i]!;
      prediction.probabilities.forEach((p, d) => expect(p).to.be.closeTo(expected[d]!, 1e-5));
    }
    expect(new Set((await Promise.all(runs)).map((r) => r.prediction.backend))).to.deep.equal(new Set(BACKENDS));
    for (const classifier of [onWasm, onCpu, onWebgl]) classifier.dispose();
  });

  it('survives a lost WebGL context: the next prediction re-initialises webgl and is still right', async () => {
    const classifier = new LocalClassifier({ backend: 'webgl' });
    const first = await classifier.classify(digits[0]!.grid);
    expect(first.backend).to.equal('webgl');
    const backend = tf.findBackend('webgl') as unknown as { gpgpu: { gl: WebGLRenderingContext } };
    const gl = backend.gpgpu.gl;
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    expect(gl.isContextLost()).to.equal(true);
    const after = await classifier.classify(digits[0]!.grid);
    expect(after.backend).to.equal('webgl');
    after.probabilities.forEach((p, d) => expect(p).to.be.closeTo(first.probabilities[d]!, 1e-3));
    expect(after.digit).to.equal(digits[0]!.label);
    classifier.dispose();
  });
});
