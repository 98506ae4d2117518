import { expect } from '@open-wc/testing';
import { RemoteClassifier } from '../../src/inference/remote-classifier.ts';
import { FallbackClassifier } from '../../src/inference/fallback-classifier.ts';
import type { Classifier, ClassifyOptions } from '../../src/inference/classifier.ts';
import { mnistTestDigits } from './model-fixtures.ts';
import { rejection } from './rejection.ts';

// Served by scripts/test-endpoints.mjs (web-test-runner middleware): `predict` is the real Lambda
// handler running the bundled model; the others misbehave in one way each.
const endpoint = (route: string) => new URL(`/test-endpoints/${route}`, location.href).href;
/** Nothing listens on the discard port. */
const UNREACHABLE = 'http://127.0.0.1:9/predict';

describe('RemoteClassifier', () => {
  let digits: { label: number; grid: Float32Array }[];
  before(async () => {
    digits = await mnistTestDigits();
  });

  it('classifies real MNIST test digits through the real handler', async () => {
    const classifier = new RemoteClassifier({ endpoint: endpoint('predict') });
    let correct = 0;
    for (const { label, grid } of digits.slice(0, 10)) {
      const prediction = await classifier.classify(grid);
      expect(prediction.source).to.equal('remote');
      expect(prediction.probabilities).to.have.length(10);
      expect(prediction.latencyMs).to.be.a('number').and.to.be.at.least(0);
      if (prediction.digit === label) correct++;
    }
    expect(correct).to.be.at.least(9);
  });

  it('accepts a result keyed "0".."9" as the original API sent it, with the same probabilities', async () => {
    const { grid } = digits[0]!;
    const asArray = await new RemoteClassifier({ endpoint: endpoint('predict') }).classify(grid);
    const asObject = await new RemoteClassifier({ endpoint: endpoint('object-result') }).classify(grid);
    expect(asObject.probabilities).to.deep.equal(asArray.probabilities);
    expect(asObject.digit).to.equal(asArray.digit);
  });

  // The verdict with the element's own min-confidence is judged by the element's controller
  // (test/element/remote-mode.browser.test.ts); the classifier judges at the default.
  it('reports confident: false below the default min-confidence', async () => {
    const { grid } = digits[0]!;
    const prediction = await new RemoteClassifier({ endpoint: endpoint('not-digit') }).classify(grid);
    expect(prediction.confidence).to.equal(0.12);
    expect(prediction.confident).to.equal(false);
  });

  it('reads notDigit when the endpoint sends it, and judges the verdict itself', async () => {
    const { grid } = digits[0]!;
    const refused = await new RemoteClassifier({ endpoint: endpoint('not-digit?value=0.8') }).classify(grid);
    expect([refused.notDigit, refused.verdict, refused.confident, refused.digit]).to.deep.equal([0.8, 'not-a-digit', false, 7]);
    expect(refused.probabilities).to.have.length(10);
    // The endpoint said not-a-digit; with notDigit below the best digit the client's own judgement stands.
    const low = await new RemoteClassifier({ endpoint: endpoint('not-digit?value=0.1') }).classify(grid);
    expect([low.notDigit, low.verdict, low.confident]).to.deep.equal([0.1, 'unsure', false]);
  });

  it('an answer without notDigit (the original API) reads as notDigit 0', async () => {
    const { grid } = digits[0]!;
    const original = await new RemoteClassifier({ endpoint: endpoint('not-digit') }).classify(grid);
    expect([original.notDigit, original.verdict, original.confident]).to.deep.equal([0, 'unsure', false]);
    const real = await new RemoteClassifier({ endpoint: endpoint('predict') }).classify(grid);
    expect(real.notDigit).to.be.at.least(0).and.at.most(1);
  });

  it('a notDigit that is not a probability rejects with stage response naming it', async () => {
    for (const [value, named] of [['1.5', '1.5'], ['"x"', 'the string "x"'], ['null', 'null'], ['-1', '-1']] as const) {
      const error = await rejection(new RemoteClassifier({ endpoint: endpoint(`not-digit?value=${encodeURIComponent(value)}`) }).classify(digits[0]!.grid));
      expect([error.stage, error.code, error.status]).to.deep.equal(['response', 'invalid-result', 200]);
      expect(error.message).to.include(`with an invalid result: "notDigit" must be a finite number in 0..1, got ${named}`);
    }
  });

  it('a blank grid is answered 422 by the real handler and rejects with its message', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('predict') }).classify(new Float32Array(784)));
    expect([error.stage, error.code, error.status]).to.deep.equal(['response', 'http-status', 422]);
    expect(error.message).to.include('the grid is blank');
  });

  it('a 500 with {"error"} rejects with stage response carrying the status and the server message', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('status/500') }).classify(digits[0]!.grid));
    expect(error.stage).to.equal('response');
    expect(error.status).to.equal(500);
    expect(error.message).to.include('500').and.to.include('test endpoint failing with 500 on purpose');
  });

  it('a 4xx rejects with stage response and its status', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('status/400') }).classify(digits[0]!.grid));
    expect(error.stage).to.equal('response');
    expect(error.status).to.equal(400);
  });

  it('a body that is not JSON rejects with stage response and quotes it', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('garbage') }).classify(digits[0]!.grid));
    expect(error.stage).to.equal('response');
    expect(error.code).to.equal('invalid-json');
    expect(error.message).to.include('this is {not json');
  });

  it('an HTML page rejects with stage response', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('html') }).classify(digits[0]!.grid));
    expect(error.stage).to.equal('response');
    expect(error.code).to.equal('invalid-json');
    expect(error.message).to.include('<!doctype html>');
  });

  it('nine probabilities reject with stage response saying how many came', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('nine') }).classify(digits[0]!.grid));
    expect(error.stage).to.equal('response');
    expect(error.code).to.equal('invalid-result');
    expect(error.message).to.include('expected 10 probabilities, got an array of 9');
  });

  it('JSON without "result" rejects with stage response', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: endpoint('no-result') }).classify(digits[0]!.grid));
    expect(error.code).to.equal('invalid-result');
    expect(error.message).to.include('without a "result"');
  });

  it('an unreachable host rejects with stage network', async () => {
    const error = await rejection(new RemoteClassifier({ endpoint: UNREACHABLE }).classify(digits[0]!.grid));
    expect(error.stage).to.equal('network');
    expect(error.code).to.equal('unreachable');
    expect(error.message).to.include(UNREACHABLE);
  });

  it('a slow endpoint rejects with stage network after the timeout, and says it timed out', async () => {
    const classifier = new RemoteClassifier({ endpoint: `${endpoint('slow')}?ms=5000&id=timeout`, timeout: 300 });
    const error = await rejection(classifier.classify(digits[0]!.grid));
    expect(error.stage).to.equal('network');
    expect(error.code).to.equal('timeout');
    expect(error.message).to.include('within 300 ms');
  });

  it('the caller\'s signal cancels the request in flight (the server sees the connection close), reported as aborted, not a timeout', async () => {
    const controller = new AbortController();
    const classifier = new RemoteClassifier({ endpoint: `${endpoint('slow')}?ms=5000&id=aborted`, timeout: 10_000 });
    const pending = rejection(classifier.classify(digits[0]!.grid, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    const error = await pending;
    expect(error.stage).to.equal('input', 'the one aborted error (abortedError), whichever layer saw the abort');
    expect(error.code).to.equal('aborted');
    expect(error.message).to.include('aborted');
    let log: { id: string; outcome: string }[] = [];
    for (let i = 0; i < 50 && !log.some((e) => e.id === 'aborted' && e.outcome === 'closed'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = await (await fetch(endpoint('slow-log'))).json();
    }
    expect(log.find((e) => e.id === 'aborted')?.outcome).to.equal('closed');
  });
});

/** A real classifier that records what it was asked, to tell whether the fallback ran. */
class CountingClassifier implements Classifier {
  calls = 0;
  constructor(private readonly inner: Classifier) {}
  classify(grid: Float32Array, options?: ClassifyOptions) {
    this.calls++;
    return this.inner.classify(grid, options);
  }
  classifyBatch(grids: readonly Float32Array[], options?: ClassifyOptions) {
    this.calls++;
    return this.inner.classifyBatch(grids, options);
  }
  dispose() {
    this.inner.dispose();
  }
}

describe('FallbackClassifier (fallback="local")', () => {
  let grid: Float32Array;
  let label: number;
  before(async () => {
    ({ grid, label } = (await mnistTestDigits())[0]!);
  });

  async function withFallback(route: string, timeout?: number) {
    const { LocalClassifier } = await import('../../src/inference/local-classifier.ts');
    const local = new CountingClassifier(new LocalClassifier({ backend: 'cpu' }));
    const classifier = new FallbackClassifier(new RemoteClassifier({ endpoint: route, ...(timeout ? { timeout } : {}) }), () => local);
    return { classifier, local };
  }

  it('recovers from an unreachable endpoint locally and says why', async () => {
    const { classifier, local } = await withFallback(UNREACHABLE);
    const prediction = await classifier.classify(grid);
    expect(local.calls).to.equal(1);
    expect(prediction.source).to.equal('local');
    expect(prediction.backend).to.equal('cpu');
    expect(prediction.digit).to.equal(label);
    expect(prediction.fallback?.from).to.equal('remote');
    expect(prediction.fallback?.code).to.equal('unreachable');
    expect(prediction.fallback?.reason).to.include(UNREACHABLE);
  });

  it('recovers from a 5xx, keeping the status', async () => {
    const { classifier } = await withFallback(endpoint('status/503'));
    const prediction = await classifier.classify(grid);
    expect(prediction.source).to.equal('local');
    expect(prediction.fallback?.status).to.equal(503);
  });

  it('recovers from a timeout', async () => {
    const { classifier } = await withFallback(`${endpoint('slow')}?ms=3000`, 200);
    const prediction = await classifier.classify(grid);
    expect(prediction.fallback?.code).to.equal('timeout');
  });

  it('does not fall back on a 4xx or a malformed answer: those are reported', async () => {
    for (const route of ['status/400', 'garbage', 'nine']) {
      const { classifier, local } = await withFallback(endpoint(route));
      const error = await rejection(classifier.classify(grid));
      expect(error.stage, route).to.equal('response');
      expect(local.calls, route).to.equal(0);
    }
  });

  it('does not fall back when the caller aborted the request', async () => {
    const { classifier, local } = await withFallback(`${endpoint('slow')}?ms=3000`);
    const controller = new AbortController();
    const pending = rejection(classifier.classify(grid, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    expect((await pending).code).to.equal('aborted');
    expect(local.calls).to.equal(0);
  });

  it('answers from the endpoint when it works, never creating the local classifier', async () => {
    let created = 0;
    const classifier = new FallbackClassifier(new RemoteClassifier({ endpoint: endpoint('predict') }), () => {
      created++;
      throw new Error('must not be needed');
    });
    const prediction = await classifier.classify(grid);
    expect(prediction.source).to.equal('remote');
    expect(prediction.fallback).to.equal(undefined);
    expect(created).to.equal(0);
  });
});
