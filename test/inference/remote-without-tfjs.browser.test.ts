// Its own page: remote classification with fallback="local" configured but not needed, set up as
// the element does it (the local classifier deferred), must not download the local classifier's
// code or a single tfjs module.
import { expect } from '@open-wc/testing';
import { DeferredLocalClassifier } from '../../src/inference/deferred-local-classifier.ts';
import { FallbackClassifier } from '../../src/inference/fallback-classifier.ts';
import { RemoteClassifier } from '../../src/inference/remote-classifier.ts';
import { rejection } from './rejection.ts';

const localRequests = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/@tensorflow/') || /\/src\/inference\/(local-classifier|tfjs-runtime)\.ts|\/src\/model\/(?!promise-cache\.ts)/.test(name));

describe('remote classification without tfjs', () => {
  it('a remote classifier with a deferred local fallback classifies remotely and never requests the local code or tfjs', async () => {
    // Every module this page loaded so far is still in the resource-timing buffer (default 250).
    expect(performance.getEntriesByType('resource').length).to.be.below(250);
    performance.setResourceTimingBufferSize(100_000);
    expect(localRequests()).to.deep.equal([]);
    const classifier = new FallbackClassifier(new RemoteClassifier({ endpoint: '/test-endpoints/predict' }), () => new DeferredLocalClassifier());
    const grid = new Float32Array(784);
    for (let y = 4; y < 24; y++) grid[y * 28 + 14] = 1; // a "1"
    const prediction = await classifier.classify(grid);
    expect(prediction.source).to.equal('remote');
    expect(prediction.probabilities).to.have.length(10);
    expect(localRequests()).to.deep.equal([]);
  });

  it('the deferred classifier answers a bad grid or a cancelled request without downloading anything', async () => {
    const classifier = new DeferredLocalClassifier({ backend: 'cpu' });
    const short = await rejection(classifier.classify(new Float32Array(10)));
    expect([short.stage, short.code]).to.deep.equal(['input', 'invalid-grid']);
    const cancelled = new AbortController();
    cancelled.abort();
    const aborted = await rejection(classifier.classify(new Float32Array(784), { signal: cancelled.signal }));
    expect(aborted.code).to.equal('aborted');
    expect(localRequests()).to.deep.equal([]);
  });

  it('a deferred classifier disposed before its code arrived rejects as disposed, and loads nothing more', async () => {
    const classifier = new DeferredLocalClassifier({ backend: 'cpu' });
    const pending = classifier.classify(new Float32Array(784).fill(0.5));
    classifier.dispose();
    const error = await rejection(pending);
    expect([error.stage, error.message]).to.deep.equal(['model', 'This classifier has been disposed']);
    expect(classifier.backend).to.equal(undefined);
  });

  it('the deferred classifier downloads the local code and tfjs when it is first used, and classifies', async () => {
    const classifier = new DeferredLocalClassifier({ backend: 'cpu' });
    expect(classifier.backend).to.equal(undefined);
    const grid = new Float32Array(784);
    for (let y = 4; y < 24; y++) grid[y * 28 + 14] = 1;
    const prediction = await classifier.classify(grid);
    expect(prediction.source).to.equal('local');
    expect(classifier.backend).to.equal('cpu');
    expect(localRequests().some((name) => name.includes('/src/inference/local-classifier.ts'))).to.equal(true);
    classifier.dispose();
  });
});
