// Its own test file, so its own page: the wasm backend here is broken for good (its binaries are
// pointed at a directory that does not exist, a real initialisation failure, as on a host that
// forgot to deploy them), which must not affect the other test files.
import { expect } from '@open-wc/testing';
import { LocalClassifier } from '../../src/inference/local-classifier.ts';
import { wasmFiles } from '../../src/inference/wasm-binaries.ts';
import { setWasmDirectory } from '../../src/inference/wasm-directory.ts';
import { WASM_MEMORY_KEY } from '../../src/inference/wasm-memory.ts';
import { randomModelUrl, revokeFixtureUrls } from './model-fixtures.ts';

describe('LocalClassifier backend fallback', () => {
  let modelUrl: string;
  before(async () => {
    setWasmDirectory('/test/fixtures/no-wasm-binaries-here/');
    modelUrl = await randomModelUrl();
  });
  after(revokeFixtureUrls);

  it('falls back to the next backend when the requested one fails to initialise, and reports it', async () => {
    const classifier = new LocalClassifier({ modelUrl, backend: 'wasm' });
    const prediction = await classifier.classify(new Float32Array(784).fill(0.2));
    expect(prediction.backend).to.equal('cpu');
    expect(classifier.backend).to.equal('cpu');
    classifier.dispose();
  });

  it('auto, told wasm ran here before, still answers when wasm fails now, and forgets it for the next visit', async () => {
    // A page whose binaries were cached once and are gone now (this page's are missing for good).
    localStorage.setItem(WASM_MEMORY_KEY, wasmFiles()['tfjs-backend-wasm-simd.wasm']);
    try {
      const classifier = new LocalClassifier({ modelUrl });
      const prediction = await classifier.classify(new Float32Array(784).fill(0.2));
      expect(prediction.backend).to.equal('cpu');
      expect(localStorage.getItem(WASM_MEMORY_KEY), 'forgotten').to.equal(null);
      classifier.dispose();
    } finally {
      localStorage.removeItem(WASM_MEMORY_KEY);
    }
  });

  it('auto skips a backend that fails to initialise', async () => {
    const classifier = new LocalClassifier({ modelUrl });
    expect(await classifier.load()).to.equal('cpu');
    const prediction = await classifier.classify(new Float32Array(784).fill(0.2));
    expect(prediction.backend).to.equal('cpu');
    classifier.dispose();
  });

  it('the fallback gives the same answer as choosing that backend directly', async () => {
    const grid = Float32Array.from({ length: 784 }, (_, i) => (i % 29) / 28);
    const viaFallback = await new LocalClassifier({ modelUrl, backend: 'wasm' }).classify(grid);
    const direct = await new LocalClassifier({ modelUrl, backend: 'cpu' }).classify(grid);
    expect(viaFallback.probabilities).to.deep.equal(direct.probabilities);
  });
});
