// Its own page, importing nothing that uses tfjs: remote classification (with fallback="local"
// configured but not needed) must not download a single tfjs module.
import { expect } from '@open-wc/testing';
import { createClassifier } from '../../src/inference/create-classifier.ts';

const tfjsRequests = () =>
  performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/@tensorflow/') || entry.name.includes('local-classifier'));

describe('remote classification without tfjs', () => {
  it('createClassifier with an endpoint (and fallback="local") classifies remotely and never requests tfjs or the local classifier', async () => {
    // Every module this page loaded so far is still in the resource-timing buffer (default 250).
    expect(performance.getEntriesByType('resource').length).to.be.below(250);
    performance.setResourceTimingBufferSize(100_000);
    const classifier = await createClassifier({ endpoint: '/test-endpoints/predict', fallback: 'local' });
    const grid = new Float32Array(784);
    for (let y = 4; y < 24; y++) grid[y * 28 + 14] = 1; // a "1"
    const prediction = await classifier.classify(grid);
    expect(prediction.source).to.equal('remote');
    expect(prediction.probabilities).to.have.length(10);
    expect(tfjsRequests().map((entry) => entry.name)).to.deep.equal([]);
  });
});
