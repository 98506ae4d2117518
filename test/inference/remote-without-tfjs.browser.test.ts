// Its own page: remote classification (with fallback="local" configured but not needed) must not
// download a single tfjs module, although the local classifier's own module is loaded (it imports
// tfjs lazily, on first use).
import { expect } from '@open-wc/testing';
import { FallbackClassifier } from '../../src/inference/fallback-classifier.ts';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import { RemoteClassifier } from '../../src/inference/remote-classifier.ts';

const tfjsRequests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/@tensorflow/'));

describe('remote classification without tfjs', () => {
  it('a remote classifier with a local fallback classifies remotely and never requests tfjs', async () => {
    // Every module this page loaded so far is still in the resource-timing buffer (default 250).
    expect(performance.getEntriesByType('resource').length).to.be.below(250);
    performance.setResourceTimingBufferSize(100_000);
    const classifier = new FallbackClassifier(new RemoteClassifier({ endpoint: '/test-endpoints/predict' }), () => new LocalClassifier());
    const grid = new Float32Array(784);
    for (let y = 4; y < 24; y++) grid[y * 28 + 14] = 1; // a "1"
    const prediction = await classifier.classify(grid);
    expect(prediction.source).to.equal('remote');
    expect(prediction.probabilities).to.have.length(10);
    expect(tfjsRequests().map((entry) => entry.name)).to.deep.equal([]);
  });
});
