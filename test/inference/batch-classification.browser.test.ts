import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { Prediction } from '../../src/core/prediction.ts';
import { DeferredLocalClassifier } from '../../src/inference/deferred-local-classifier.ts';
import { FallbackClassifier } from '../../src/inference/fallback-classifier.ts';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import { RemoteClassifier } from '../../src/inference/remote-classifier.ts';
import { mnistTestDigits } from './model-fixtures.ts';
import { rejection } from './rejection.ts';

// `predict` is the real Lambda handler with the bundled model (scripts/test-endpoints.mjs).
const endpoint = (route: string) => new URL(`/test-endpoints/${route}`, location.href).href;

/** The same answers to within float noise (a batch and a single run may sum in another order). */
function expectSameAnswers(batch: Prediction[], alone: Prediction[]): void {
  expect(batch.map((p) => p.digit)).to.deep.equal(alone.map((p) => p.digit));
  batch.forEach((p, i) => {
    p.probabilities.forEach((value, d) => expect(value, `grid ${i}, digit ${d}`).to.be.closeTo(alone[i]!.probabilities[d]!, 1e-4));
    expect(p.notDigit).to.be.closeTo(alone[i]!.notDigit, 1e-4);
    expect(p.verdict).to.equal(alone[i]!.verdict);
  });
}

describe('classifyBatch: a number’s digits in one run', () => {
  let grids: Float32Array[];
  let labels: number[];
  before(async () => {
    const digits = (await mnistTestDigits()).slice(0, 6);
    grids = digits.map((d) => d.grid);
    labels = digits.map((d) => d.label);
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`locally on ${backend}: one [k,28,28,1] run through the shared runner, each answer as classify gives it, no tensor left`, async () => {
      const classifier = new LocalClassifier({ backend });
      const alone = [];
      for (const grid of grids) alone.push(await classifier.classify(grid));
      const tensors = tf.memory().numTensors;
      const batch = await classifier.classifyBatch(grids);
      expect(tf.memory().numTensors).to.equal(tensors);
      expectSameAnswers(batch, alone);
      expect(batch.map((p) => p.digit)).to.deep.equal(labels);
      expect(new Set(batch.map((p) => p.latencyMs)).size, 'one latency for the one run').to.equal(1);
      expect(batch.every((p) => p.source === 'local' && p.backend === backend)).to.equal(true);
      classifier.dispose();
    });
  }

  it('locally before the code is loaded (DeferredLocalClassifier)', async () => {
    const classifier = new DeferredLocalClassifier({ backend: 'cpu' });
    expect((await classifier.classifyBatch(grids)).map((p) => p.digit)).to.deep.equal(labels);
    classifier.dispose();
  });

  it('remotely: one request to the real handler, each answer as classify gives it', async () => {
    const classifier = new RemoteClassifier({ endpoint: endpoint('predict') });
    const alone = [];
    for (const grid of grids) alone.push(await classifier.classify(grid));
    const original = window.fetch;
    const bodies: string[] = [];
    window.fetch = (input, init) => (bodies.push(String(init?.body)), original(input, init));
    let batch: Prediction[];
    try {
      batch = await classifier.classifyBatch(grids);
    } finally {
      window.fetch = original;
    }
    expect(bodies, 'one request').to.have.length(1);
    expect((JSON.parse(bodies[0]!) as { data: number[][] }).data).to.have.length(grids.length);
    expectSameAnswers(batch, alone);
    expect(batch.every((p) => p.source === 'remote')).to.equal(true);
  });

  it('with fallback="local": an endpoint that cannot answer is replaced for the whole batch, saying why', async () => {
    const classifier = new FallbackClassifier(new RemoteClassifier({ endpoint: endpoint('status/503') }), () => new LocalClassifier({ backend: 'cpu' }));
    const batch = await classifier.classifyBatch(grids);
    expect(batch.map((p) => p.digit)).to.deep.equal(labels);
    expect(batch.every((p) => p.source === 'local' && p.fallback?.status === 503)).to.equal(true);
    classifier.dispose();
  });

  it('refuses a bad batch before any work, naming the grid and the cell', async () => {
    const bad = grids[1]!.slice();
    bad[41] = 2;
    for (const classifier of [new RemoteClassifier({ endpoint: endpoint('predict') }), new DeferredLocalClassifier({ backend: 'cpu' })]) {
      const error = await rejection(classifier.classifyBatch([grids[0]!, bad]));
      expect([error.stage, error.code]).to.deep.equal(['input', 'invalid-grid']);
      expect(error.message).to.equal('grids[1][41] must be a number in 0..1, got 2');
      const empty = await rejection(classifier.classifyBatch([]));
      expect(empty.message).to.equal('a batch must be an array of 1 to 16 grids, got 0');
      const many = await rejection(classifier.classifyBatch(Array.from({ length: 17 }, () => grids[0]!)));
      expect(many.message).to.equal('a batch must be an array of 1 to 16 grids, got 17');
    }
  });

  it('an endpoint whose answer holds the wrong number of results is a response error, not a silent mismatch', async () => {
    // `predict` answers a single grid as before: a plain result, not one per grid.
    const original = window.fetch;
    window.fetch = (input, init) => original(input, { ...init, body: JSON.stringify({ data: Array.from(grids[0]!) }) });
    try {
      const error = await rejection(new RemoteClassifier({ endpoint: endpoint('predict') }).classifyBatch(grids.slice(0, 2)));
      expect([error.stage, error.code]).to.deep.equal(['response', 'invalid-result']);
      expect(error.message).to.match(/answered 200 with 10 results for 2 grids$/);
    } finally {
      window.fetch = original;
    }
  });
});
