import { expect } from '@open-wc/testing';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import {
  invalidJsonModelUrl,
  missingWeightsModelUrl,
  randomModelUrl,
  revokeFixtureUrls,
  wrongShapeModelUrl,
} from './model-fixtures.ts';
import { rejection } from './rejection.ts';

const grid = () => new Float32Array(784).fill(0.1);

describe('LocalClassifier model errors', () => {
  after(revokeFixtureUrls);

  it('a model URL that answers 404 rejects with stage model, naming the URL and the status', async () => {
    const url = new URL('/test/fixtures/no-such-model/model.json', location.href).href;
    const error = await rejection(new LocalClassifier({ modelUrl: url, backend: 'cpu' }).classify(grid()));
    expect(error.stage).to.equal('model');
    expect(error.code).to.equal('model-http');
    expect(error.message).to.include(url).and.to.include('404');
  });

  it('a model.json that is not JSON rejects with stage model and says so', async () => {
    const url = invalidJsonModelUrl();
    const error = await rejection(new LocalClassifier({ modelUrl: url, backend: 'cpu' }).classify(grid()));
    expect(error.stage).to.equal('model');
    expect(error.code).to.equal('model-json');
    expect(error.message).to.include(url).and.to.include('not valid JSON');
  });

  it('missing weight files reject with stage model naming the weight file', async () => {
    const url = await missingWeightsModelUrl();
    const error = await rejection(new LocalClassifier({ modelUrl: url, backend: 'cpu' }).classify(grid()));
    expect(error.stage).to.equal('model');
    expect(error.code).to.equal('model-weights');
    expect(error.message).to.include(url).and.to.include('no-such-weights.bin').and.to.include('404');
  });

  it('a model with the wrong input shape rejects with stage model describing both shapes', async () => {
    const url = await wrongShapeModelUrl();
    const error = await rejection(new LocalClassifier({ modelUrl: url, backend: 'cpu' }).classify(grid()));
    expect(error.stage).to.equal('model');
    expect(error.code).to.equal('model-shape');
    expect(error.message).to.include(url).and.to.include('[null,32,32,3]').and.to.include('[null,28,28,1]');
  });

  it('a model with neither 10 nor 11 outputs rejects with stage model naming both accepted shapes', async () => {
    const url = await randomModelUrl(1, 12);
    const error = await rejection(new LocalClassifier({ modelUrl: url, backend: 'cpu' }).classify(grid()));
    expect([error.stage, error.code]).to.deep.equal(['model', 'model-shape']);
    expect(error.message).to.include('[null,12]').and.to.include('([null,10])').and.to.include('([null,11])');
  });

  it('a grid of the wrong length or with values outside 0..1 rejects with stage input', async () => {
    const classifier = new LocalClassifier({ modelUrl: await randomModelUrl(), backend: 'cpu' });
    const short = await rejection(classifier.classify(new Float32Array(783)));
    expect(short.stage).to.equal('input');
    expect(short.message).to.include('784');
    const bad = grid();
    bad[100] = Number.NaN;
    const nan = await rejection(classifier.classify(bad));
    expect(nan.stage).to.equal('input');
    expect(nan.message).to.include('grid[100]');
  });

  it('does not cache a failed download: the next classify fetches the model again', async () => {
    // Served by scripts/test-endpoints.mjs, which counts the requests.
    const route = 'not-found/retry-model';
    const url = new URL(`/test-endpoints/${route}`, location.href).href;
    const classifier = new LocalClassifier({ modelUrl: url, backend: 'cpu' });
    expect((await rejection(classifier.classify(grid()))).stage).to.equal('model');
    expect((await rejection(classifier.classify(grid()))).stage).to.equal('model');
    const hits = await (await fetch(`/test-endpoints/hits?route=${encodeURIComponent(route)}`)).json();
    expect(hits).to.equal(2);
  });

  it('an already aborted signal rejects with code aborted before doing any work', async () => {
    const controller = new AbortController();
    controller.abort();
    const classifier = new LocalClassifier({ modelUrl: await randomModelUrl(), backend: 'cpu' });
    const error = await rejection(classifier.classify(grid(), { signal: controller.signal }));
    expect(error.code).to.equal('aborted');
  });
});
