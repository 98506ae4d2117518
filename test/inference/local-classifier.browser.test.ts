import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import { weightFileUrl } from '../../src/inference/asset-urls.ts';
import { runExclusive } from '../../src/inference/inference-queue.ts';
import type { Prediction } from '../../src/core/prediction.ts';
import type { BackendName } from '../../src/inference/backend-preference.ts';
import { wasmFiles } from '../../src/inference/wasm-binaries.ts';
import { WASM_MEMORY_KEY } from '../../src/inference/wasm-memory.ts';
import { bundledModelWithNotDigit, mnistTestDigits, randomModelUrl, revokeFixtureUrls } from './model-fixtures.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/core/prediction.ts';

const BACKENDS: BackendName[] = ['wasm', 'webgl', 'cpu'];

/** Waits (remembering is asynchronous) until the origin remembers one of this page's wasm binaries, and returns what it remembers. */
async function rememberedWasmBinary(): Promise<string | null> {
  const current = Object.values(wasmFiles());
  for (let tries = 0; tries < 200 && !current.includes(localStorage.getItem(WASM_MEMORY_KEY) ?? ''); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return localStorage.getItem(WASM_MEMORY_KEY);
}

/** Runs `work` with `localStorage` replaced by a getter that throws, as in a sandboxed iframe. */
async function withThrowingStorage<T>(work: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(window, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
    },
  });
  try {
    return await work();
  } finally {
    if (own) Object.defineProperty(window, 'localStorage', own);
    else delete (window as { localStorage?: unknown }).localStorage;
  }
}

/**
 * Classifies `grid` every 20 ms until `auto`'s background move to wasm shows in an answer (or
 * about 12 s pass); returns the last answer.
 */
async function classifyUntilWasm(classifier: LocalClassifier, grid: Float32Array): Promise<Prediction> {
  let answer = await classifier.classify(grid);
  for (let tries = 0; answer.backend !== 'wasm' && tries < 600; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer = await classifier.classify(grid);
  }
  return answer;
}

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
        expect(prediction.probabilities.reduce((a, b) => a + b, 0) + prediction.notDigit, 'softmax of the ten digits and not-a-digit').to.be.closeTo(1, 1e-3);
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
    expect(fetchCount(weightFileUrl(url, 'weights.bin').href)).to.equal(1);
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

  it('on auto answers first on cpu (no wasm binary to wait for), then moves to wasm in the background, freeing the cpu model', async () => {
    await runExclusive(async () => undefined); // models of earlier tests released
    // A first visit: nothing remembered (earlier tests ran wasm in this origin).
    localStorage.removeItem(WASM_MEMORY_KEY);
    const baseline = tf.memory().numTensors;
    const classifier = new LocalClassifier();
    const first = await classifier.classify(digits[0]!.grid);
    expect(first.backend).to.equal('cpu');
    const later = await classifyUntilWasm(classifier, digits[0]!.grid);
    expect(later.backend, 'moved to wasm').to.equal('wasm');
    later.probabilities.forEach((p, d) => expect(p).to.be.closeTo(first.probabilities[d]!, 1e-3));
    expect(Object.values(wasmFiles()), 'the origin remembers the binary wasm ran on').to.include(await rememberedWasmBinary());
    classifier.dispose();
    await runExclusive(async () => undefined);
    expect(tf.memory().numTensors, 'both models disposed').to.equal(baseline);
  });

  it('warms a model up only when nothing waits: preloaded it runs once ahead, a first prediction runs it once', async () => {
    // Conv kernels run while `work` goes on: one per conv layer for each run of the model.
    const convRuns = async (work: () => Promise<unknown>) => (await tf.profile(async () => void (await work()))).kernels.filter((kernel) => /Conv2D/.test(kernel.name)).length;
    await runExclusive(async () => undefined); // models of earlier tests released
    const baseline = tf.memory().numTensors;
    // Models are shared per URL and backend: each of these is built here, by the call measured.
    const predicted = new LocalClassifier({ modelUrl: await randomModelUrl(21), backend: 'cpu' });
    const cold = await convRuns(() => predicted.classify(digits[0]!.grid));
    const warm = await convRuns(() => predicted.classify(digits[0]!.grid));
    expect(warm).to.be.greaterThan(0);
    expect(cold, 'no warm-up run before the first prediction').to.equal(warm);
    const preloaded = new LocalClassifier({ modelUrl: await randomModelUrl(22), backend: 'cpu' });
    expect(await convRuns(() => preloaded.load()), 'load() warms up').to.equal(warm);
    expect(await convRuns(() => preloaded.classify(digits[0]!.grid))).to.equal(warm);
    // A prediction queued while the model loads: the warm-up gives way to it.
    const racing = new LocalClassifier({ modelUrl: await randomModelUrl(23), backend: 'cpu' });
    expect(await convRuns(() => Promise.all([racing.load(), racing.classify(digits[0]!.grid)]))).to.equal(warm);
    for (const classifier of [predicted, preloaded, racing]) classifier.dispose();
    await runExclusive(async () => undefined);
    expect(tf.memory().numTensors, 'the three models disposed').to.equal(baseline);
  });

  it('on auto starts on wasm once the origin has run wasm with the same binary (a repeat visit), and never builds a cpu model', async () => {
    await runExclusive(async () => undefined);
    localStorage.removeItem(WASM_MEMORY_KEY);
    const baseline = tf.memory().numTensors;
    // An earlier visit (or element) ran the model on wasm: the binary is remembered.
    const earlier = new LocalClassifier({ backend: 'wasm' });
    expect((await earlier.classify(digits[0]!.grid)).backend).to.equal('wasm');
    const binary = await rememberedWasmBinary();
    expect(Object.values(wasmFiles())).to.include(binary);
    earlier.dispose();
    await runExclusive(async () => undefined);
    expect(tf.memory().numTensors, 'the earlier model disposed').to.equal(baseline);
    // A model of its own, so this test sees its first run here rather than the earlier one's.
    const classifier = new LocalClassifier({ modelUrl: await randomModelUrl(31) });
    expect((await classifier.classify(digits[0]!.grid)).backend, 'the first answer').to.equal('wasm');
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await classifier.classify(digits[0]!.grid)).backend).to.equal('wasm');
    }
    expect(tf.getBackend(), 'no move to cpu or anywhere').to.equal('wasm');
    classifier.dispose();
    await runExclusive(async () => undefined);
    expect(tf.memory().numTensors, 'its model disposed').to.equal(baseline);
  });

  it('on auto starts on cpu when the remembered binary is not one this page fetches (a new release renamed it)', async () => {
    await runExclusive(async () => undefined);
    const current = wasmFiles()['tfjs-backend-wasm-simd.wasm'];
    localStorage.setItem(WASM_MEMORY_KEY, current.replace(/(\.wasm)(\?|$)/, '-0ld4ash$1$2'));
    expect(localStorage.getItem(WASM_MEMORY_KEY)).not.to.equal(current);
    const baseline = tf.memory().numTensors;
    const classifier = new LocalClassifier({ modelUrl: await randomModelUrl(32) });
    expect((await classifier.classify(digits[0]!.grid)).backend).to.equal('cpu');
    expect((await classifyUntilWasm(classifier, digits[0]!.grid)).backend, 'moved to wasm').to.equal('wasm');
    expect(Object.values(wasmFiles()), 'the new binary remembered instead').to.include(await rememberedWasmBinary());
    classifier.dispose();
    await runExclusive(async () => undefined);
    expect(tf.memory().numTensors, 'both models disposed').to.equal(baseline);
  });

  it('on auto works where storage throws on every access (a sandboxed iframe): cpu first, then wasm', async () => {
    await runExclusive(async () => undefined);
    const baseline = tf.memory().numTensors;
    await withThrowingStorage(async () => {
      expect(() => window.localStorage).to.throw();
      const classifier = new LocalClassifier({ modelUrl: await randomModelUrl(33) });
      expect((await classifier.classify(digits[0]!.grid)).backend).to.equal('cpu');
      expect((await classifyUntilWasm(classifier, digits[0]!.grid)).backend, 'moved to wasm').to.equal('wasm');
      // Remembering (after the move) meets the throwing storage too, and must not reject anywhere.
      await new Promise((resolve) => setTimeout(resolve, 50));
      classifier.dispose();
      await runExclusive(async () => undefined);
    });
    expect(tf.memory().numTensors, 'both models disposed').to.equal(baseline);
  });

  it('on auto stays on cpu when the person asked to save data (Save-Data), even where wasm ran before', async () => {
    localStorage.setItem(WASM_MEMORY_KEY, wasmFiles()['tfjs-backend-wasm-simd.wasm']);
    const own = Object.getOwnPropertyDescriptor(navigator, 'connection');
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
    try {
      const classifier = new LocalClassifier();
      const backends = new Set<string | undefined>();
      // Long enough for the move, which takes a fraction of this on localhost (the test above).
      for (let i = 0; i < 40; i++) {
        backends.add((await classifier.classify(digits[0]!.grid)).backend);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect([...backends]).to.deep.equal(['cpu']);
      classifier.dispose();
    } finally {
      if (own) Object.defineProperty(navigator, 'connection', own);
      else delete (navigator as { connection?: unknown }).connection;
    }
  });
});

describe('LocalClassifier with an 11-output model (ten digits, then not a digit)', () => {
  let digits: { label: number; grid: Float32Array }[];
  before(async () => {
    digits = await mnistTestDigits();
  });
  after(revokeFixtureUrls);

  it('reads the ten digit probabilities as given and notDigit from output 10, judging the verdict', async () => {
    const classifier = new LocalClassifier({ modelUrl: await randomModelUrl(3, 11), backend: 'cpu' });
    const prediction = await classifier.classify(digits[0]!.grid);
    expect(prediction.probabilities).to.have.length(10);
    expect(prediction.notDigit).to.be.above(0).and.below(1);
    expect(prediction.probabilities.reduce((a, b) => a + b, 0) + prediction.notDigit).to.be.closeTo(1, 1e-5);
    const expected = prediction.notDigit >= prediction.confidence ? 'not-a-digit' : prediction.confidence < DEFAULT_MIN_CONFIDENCE ? 'unsure' : 'digit';
    expect(prediction.verdict).to.equal(expected);
    expect(prediction.confident).to.equal(expected === 'digit');
    classifier.dispose();
  });

  it('with not-a-digit forced high every answer is not-a-digit; forced low the digits read as before', async () => {
    const refusing = new LocalClassifier({ modelUrl: await bundledModelWithNotDigit(30), backend: 'wasm' });
    const reading = new LocalClassifier({ modelUrl: await bundledModelWithNotDigit(-30), backend: 'wasm' });
    const before = tf.memory().numTensors;
    let correct = 0;
    for (const { label, grid } of digits.slice(0, 10)) {
      const refused = await refusing.classify(grid);
      expect([refused.verdict, refused.confident]).to.deep.equal(['not-a-digit', false]);
      expect(refused.notDigit).to.be.above(0.99);
      const read = await reading.classify(grid);
      expect(read.notDigit).to.be.below(1e-6);
      if (read.digit === label && read.verdict === 'digit') correct++;
    }
    expect(correct).to.be.at.least(9);
    refusing.dispose();
    reading.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tf.memory().numTensors, 'predictions and released models keep no tensors').to.be.at.most(before);
  });
});
