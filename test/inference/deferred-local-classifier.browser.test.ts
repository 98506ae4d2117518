// Its own page, so the local classifier's code is first requested by this test.
import { expect } from '@open-wc/testing';
import { weightFileUrl } from '../../src/inference/asset-urls.ts';
import { DeferredLocalClassifier } from '../../src/inference/deferred-local-classifier.ts';

const requests = (url: string) => performance.getEntriesByName(url) as PerformanceResourceTiming[];

describe('DeferredLocalClassifier', () => {
  it('requests the model and its weights when loading starts, beside the classifier code, and downloads each once', async () => {
    performance.setResourceTimingBufferSize(100_000);
    const classifier = new DeferredLocalClassifier({ backend: 'cpu' });
    const model = classifier.modelUrl;
    const weights = weightFileUrl(model, 'weights.bin').href;
    expect(requests(model)).to.have.length(0);
    await classifier.load();
    expect(requests(model), 'model.json').to.have.length(1);
    expect(requests(weights), 'weights.bin').to.have.length(1);
    const code = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/src/inference/local-classifier.ts'));
    expect(code, 'the classifier code came as its own request').to.not.equal(undefined);
    expect(requests(weights)[0]!.startTime, 'weights requested before the classifier code had arrived').to.be.below((code as PerformanceResourceTiming).responseEnd);

    // A second element on the page reuses the page's one download.
    const second = new DeferredLocalClassifier({ backend: 'cpu' });
    await second.load();
    expect([requests(model).length, requests(weights).length]).to.deep.equal([1, 1]);
    classifier.dispose();
    second.dispose();
  });
});
