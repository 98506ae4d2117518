/**
 * Classification in the page with TensorFlow.js. This module and the tfjs code under it are
 * loaded on first use (the element reaches it through deferred-local-classifier.ts). Models are
 * shared: one download per model URL, one model per (URL, backend), reference-counted across
 * every classifier (every element) on the page.
 */
import { DEFAULT_MIN_CONFIDENCE, toPrediction, type Prediction } from '../core/prediction.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { buildDigitModel } from '../model/digit-model.ts';
import type { ModelRunner } from '../model/layers-model-runner.ts';
import { PromiseCache } from '../model/promise-cache.ts';
import { resolveModelUrl } from './asset-urls.ts';
import { AUTO_FAST_BACKEND, backendOrder, type BackendName, type BackendPreference } from './backend-preference.ts';
import { ClassificationError } from './classification-error.ts';
import type { Classifier, ClassifyOptions } from './classifier.ts';
import { checkGrid, checkGrids, throwIfAborted } from './grid-input.ts';
import { runExclusive } from './inference-queue.ts';
import { fetchModelArtifacts, modelError } from './model-download.ts';
import { activateBackend, isWebglContextLost, prefetchBackend, resetWebglBackend, wasmBinaryInUse } from './tfjs-runtime.ts';
import { forgetWasmBinary, rememberWasmBinary, wasmBinaryRemembered } from './wasm-memory.ts';

export interface LocalClassifierOptions {
  /** URL of a TF.js layers model.json; relative URLs resolve against the document. Default: the bundled model. */
  readonly modelUrl?: string | URL;
  /** `auto` (default) or the backend to try first; the others remain fallbacks. */
  readonly backend?: BackendPreference;
}

/** A model built on one backend, shared by the classifiers that use it. */
interface SharedModel {
  readonly runner: ModelRunner;
  readonly users: Set<LocalClassifier>;
}

const models = new PromiseCache<string, SharedModel>();

function modelKey(url: string, backend: BackendName): string {
  return `${backend} ${url}`;
}

/** Classifies grids with the model at `modelUrl` on the first backend that works here. */
export class LocalClassifier implements Classifier {
  readonly modelUrl: string;
  readonly preference: BackendPreference;
  #backend: BackendName | undefined;
  /** Backends given up on: they failed to initialise, or broke again after a re-initialisation. */
  #broken = new Set<BackendName>();
  /** Backends that broke once and were re-initialised. */
  #recovered = new Set<BackendName>();
  /** What went wrong with each backend tried, for the error when none is left. */
  #failures: string[] = [];
  /** `auto` has started moving to its fast backend (once per classifier). */
  #moving = false;
  /** The origin has been told that this classifier ran on wasm (wasm-memory.ts; once per classifier). */
  #wasmRemembered = false;
  #disposed = false;

  constructor(options: LocalClassifierOptions = {}) {
    this.modelUrl = resolveModelUrl(options.modelUrl);
    this.preference = options.backend ?? 'auto';
  }

  /** The backend the last prediction ran on (undefined before the model is loaded). */
  get backend(): BackendName | undefined {
    return this.#backend;
  }

  /**
   * Downloads tfjs and the model and warms it up, without classifying anything; resolves with
   * the backend chosen. The element calls it on first interaction so Predict is instant later.
   */
  load(): Promise<BackendName> {
    return runExclusive(async () => {
      this.#checkNotDisposed();
      return (await this.#ensureModel(true)).backend;
    });
  }

  async classify(grid: Float32Array, options: ClassifyOptions = {}): Promise<Prediction> {
    checkGrid(grid);
    return (await this.#classify([grid], options))[0]!;
  }

  async classifyBatch(grids: readonly Float32Array[], options: ClassifyOptions = {}): Promise<Prediction[]> {
    checkGrids(grids);
    return this.#classify(grids, options);
  }

  /** Runs checked grids as one batch through the shared model and judges each output. */
  async #classify(grids: readonly Float32Array[], options: ClassifyOptions): Promise<Prediction[]> {
    const started = performance.now();
    this.#checkNotDisposed();
    throwIfAborted(options.signal);
    const inputs = new Float32Array(grids.length * GRID_CELLS);
    grids.forEach((grid, i) => inputs.set(grid, i * GRID_CELLS));
    predictionsWaiting++;
    const { output, backend } = await runExclusive(async () => {
      predictionsWaiting--;
      // A request superseded while it waited for the queue is dropped before it costs anything.
      throwIfAborted(options.signal);
      this.#checkNotDisposed();
      return this.#predict(inputs, grids.length);
    });
    throwIfAborted(options.signal);
    this.#moveToFastBackend(backend);
    const latencyMs = performance.now() - started;
    const width = output.length / grids.length;
    return grids.map((_, i) =>
      toPrediction(output.slice(i * width, (i + 1) * width), { minConfidence: DEFAULT_MIN_CONFIDENCE, source: 'local', backend, latencyMs }),
    );
  }

  /** Lets go of the shared model; the last classifier to let go of a model disposes it. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const backend = this.#backend;
    this.#backend = undefined;
    if (backend) void runExclusive(() => releaseModel(this, this.modelUrl, backend));
  }

  /**
   * Runs the model once on `count` grids back to back. A backend that breaks mid-prediction
   * (typically a lost WebGL context) is thrown away and re-initialised once; if it breaks again
   * the next backend takes over.
   */
  async #predict(inputs: Float32Array, count: number): Promise<{ output: number[]; backend: BackendName }> {
    for (;;) {
      // No warm-up: this prediction is the model's first run; nobody should wait for two.
      const { shared, backend } = await this.#ensureModel(false);
      try {
        if (!(await activateBackend(backend)) || isWebglContextLost()) {
          throw new Error(`the ${backend} backend stopped working`);
        }
        const output = Array.from(await shared.runner.predict(inputs, count));
        if (!output.every(Number.isFinite)) throw new Error(`the ${backend} backend returned non-finite values`);
        if (backend === 'wasm') this.#rememberWasm();
        // Reduced-precision GPU arithmetic can overshoot a softmax by a hair (1.0000002).
        return { output: output.map((p) => Math.min(1, Math.max(0, p))), backend };
      } catch (error) {
        if (backend === 'wasm') forgetWasmBinary();
        await discardBackend(backend);
        this.#backend = undefined;
        this.#failures.push(`${backend}: ${(error as Error).message}`);
        if (this.#recovered.has(backend)) this.#broken.add(backend);
        else this.#recovered.add(backend);
      }
    }
  }

  /**
   * Picks the backend (the first that initialises, in preference order) and gets its shared model;
   * `warmUp`: a model built here runs once on a blank grid first, unless a prediction waits.
   */
  async #ensureModel(warmUp: boolean): Promise<{ shared: SharedModel; backend: BackendName }> {
    if (this.#backend) {
      const shared = await models.peek(modelKey(this.modelUrl, this.#backend))?.catch(() => undefined);
      if (shared?.users.has(this)) return { shared, backend: this.#backend };
      this.#backend = undefined;
    }
    // The model and the first backend (its code, its wasm binary) download side by side; a
    // missing or broken model is reported as such, the same on every backend. `auto` starts on
    // wasm where this origin ran it before with the same binary (a repeat visit: the binary is in
    // the HTTP cache, and wasm's first run is far quicker than cpu's), unless data is to be saved.
    const wasmCached = this.preference === 'auto' && !savesData() && wasmBinaryRemembered();
    const candidates = backendOrder(this.preference, wasmCached).filter((backend) => !this.#broken.has(backend));
    const artifacts = fetchModelArtifacts(this.modelUrl);
    const firstActivated = candidates.length > 0 ? activateBackend(candidates[0]!) : Promise.resolve(false);
    await Promise.allSettled([artifacts, firstActivated]);
    await artifacts;
    for (const [i, backend] of candidates.entries()) {
      if (!(await (i === 0 ? firstActivated : activateBackend(backend)))) {
        this.#failures.push(`${backend}: could not be initialised`);
        this.#broken.add(backend);
        if (backend === 'wasm') forgetWasmBinary();
        continue;
      }
      try {
        const shared = await acquireModel(this.modelUrl, backend, this, warmUp);
        this.#backend = backend;
        return { shared, backend };
      } catch (error) {
        if (error instanceof ClassificationError) throw error;
        this.#failures.push(`${backend}: ${(error as Error).message}`);
        this.#broken.add(backend);
        if (backend === 'wasm') forgetWasmBinary();
      }
    }
    throw new ClassificationError(
      'model',
      `No TensorFlow.js backend could run the model at ${this.modelUrl} (${this.#failures.join('; ')})`,
      { code: 'backend', url: this.modelUrl },
    );
  }

  /**
   * `auto` answered on its first backend (cpu, the quick download): download the fast one in the
   * background, then, between predictions, build the model there and move to it. If that fails
   * the classifier simply stays where it is; so it does when the person asked for less data.
   */
  #moveToFastBackend(answeredOn: BackendName): void {
    if (this.preference !== 'auto' || answeredOn === AUTO_FAST_BACKEND || this.#moving || this.#broken.has(AUTO_FAST_BACKEND) || savesData()) return;
    this.#moving = true;
    const fast = AUTO_FAST_BACKEND;
    void prefetchBackend(fast)
      .then(() =>
        runExclusive(async () => {
          const from = this.#backend;
          if (this.#disposed || !from || from === fast || !(await activateBackend(fast))) return;
          await acquireModel(this.modelUrl, fast, this, true);
          this.#rememberWasm();
          if (this.#disposed) return releaseModel(this, this.modelUrl, fast);
          this.#backend = fast;
          return releaseModel(this, this.modelUrl, from);
        }),
      )
      .catch(() => undefined);
  }

  /**
   * The model ran (or, moving, was built and warmed up) on wasm: the origin remembers the binary,
   * so a later visit starts there (wasm-memory.ts).
   */
  #rememberWasm(): void {
    if (this.#wasmRemembered) return;
    this.#wasmRemembered = true;
    void wasmBinaryInUse()
      .then((url) => url && rememberWasmBinary(url))
      .catch(() => undefined);
  }

  #checkNotDisposed(): void {
    if (this.#disposed) {
      throw new ClassificationError('model', 'This classifier has been disposed', { code: 'backend', url: this.modelUrl });
    }
  }
}

/** Save-Data (Chrome's data saver, `navigator.connection.saveData`): no download that only makes answers a few milliseconds faster. */
function savesData(): boolean {
  return (globalThis.navigator as { connection?: { saveData?: boolean } } | undefined)?.connection?.saveData === true;
}

/** Predictions of every classifier on the page queued behind the task that runs (buildModel's warm-up gives way to them). */
let predictionsWaiting = 0;

/** Gets (building once; see buildModel for `warmUp`) the model for (url, backend) and records `user` on it. */
async function acquireModel(url: string, backend: BackendName, user: LocalClassifier, warmUp: boolean): Promise<SharedModel> {
  const shared = await models.get(modelKey(url, backend), () => buildModel(url, backend, warmUp));
  shared.users.add(user);
  return shared;
}

/**
 * Builds the model on `backend` (the active one) through src/model: the lean runner, or tfjs-layers
 * for models it does not implement. `warmUp` runs it once on a blank grid, so the first real
 * prediction finds the shaders compiled and the buffers allocated: worth it while the person is
 * still drawing (preload, the move to wasm), a second run for nothing when a prediction already
 * waits in the queue by then, so it is skipped.
 */
async function buildModel(url: string, backend: BackendName, warmUp: boolean): Promise<SharedModel> {
  const artifacts = await fetchModelArtifacts(url);
  let runner: ModelRunner;
  try {
    runner = await buildDigitModel(artifacts, {
      prepareTfjsLayers: async () => (await import('./layers-prerequisites.ts')).prepareTfjsLayers(backend),
    });
  } catch (error) {
    const reported = modelError(url, error);
    if (reported !== error) throw reported;
    throw new ClassificationError('model', `Could not load tfjs-layers to run the model from ${url}: ${(error as Error).message}`, {
      code: 'backend',
      url,
      cause: error,
    });
  }
  try {
    if (warmUp && predictionsWaiting === 0) await runner.predict(new Float32Array(GRID_CELLS));
  } catch (error) {
    runner.dispose();
    throw error;
  }
  return { runner, users: new Set() };
}

async function releaseModel(user: LocalClassifier, url: string, backend: BackendName): Promise<void> {
  const key = modelKey(url, backend);
  const pending = models.peek(key);
  if (!pending) return;
  const shared = await pending.catch(() => undefined);
  if (!shared) return;
  shared.users.delete(user);
  if (shared.users.size === 0 && models.peek(key) === pending) {
    models.delete(key);
    shared.runner.dispose();
  }
}

/**
 * Drops every model on a backend that broke and, for webgl, replaces the backend so the next
 * attempt gets a new context. Other classifiers on that backend rebuild their model on next use.
 */
async function discardBackend(backend: BackendName): Promise<void> {
  for (const [key, pending] of models.entries()) {
    if (!key.startsWith(`${backend} `)) continue;
    models.delete(key);
    const shared = await pending.catch(() => undefined);
    try {
      shared?.runner.dispose();
    } catch {
      // Its memory went with the lost context.
    }
  }
  if (backend === 'webgl') resetWebglBackend();
}
