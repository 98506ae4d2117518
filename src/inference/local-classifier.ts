/**
 * Classification in the page with TensorFlow.js. tfjs itself is imported on first use (see
 * tfjs-runtime.ts). Models are shared: one download per model URL, one model per (URL, backend),
 * reference-counted across every classifier (every element) on the page.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { toPrediction, type Prediction } from '../core/prediction.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { bundledModelUrl } from './asset-urls.ts';
import { ClassificationError } from './classification-error.ts';
import type { Classifier, ClassifyOptions } from './classifier.ts';
import { checkGrid, throwIfAborted } from './grid-input.ts';
import { runExclusive } from './inference-queue.ts';
import { fetchModelArtifacts } from './model-artifacts.ts';
import {
  activateBackend,
  backendOrder,
  isWebglContextLost,
  loadTfjs,
  resetWebglBackend,
  type BackendName,
  type BackendPreference,
  type Tfjs,
  type TfjsRuntime,
} from './tfjs-runtime.ts';

export interface LocalClassifierOptions {
  /** URL of a TF.js layers model.json; relative URLs resolve against the document. Default: the bundled model. */
  readonly modelUrl?: string | URL;
  /** `auto` (default) or the backend to try first; the others remain fallbacks. */
  readonly backend?: BackendPreference;
  /** Confidence below which a prediction is reported as not confident (default 0.5). */
  readonly minConfidence?: number;
}

/** A model built on one backend, shared by the classifiers that use it. */
interface SharedModel {
  readonly model: LayersModel;
  /** Input shape without the batch dimension, e.g. [28, 28, 1]. */
  readonly inputShape: number[];
  readonly users: Set<LocalClassifier>;
}

const models = new Map<string, Promise<SharedModel>>();

function modelKey(url: string, backend: BackendName): string {
  return `${backend} ${url}`;
}

/** Classifies grids with the model at `modelUrl` on the first backend that works here. */
export class LocalClassifier implements Classifier {
  readonly modelUrl: string;
  readonly preference: BackendPreference;
  readonly minConfidence: number;
  #backend: BackendName | undefined;
  /** Backends given up on: they failed to initialise, or broke again after a re-initialisation. */
  #broken = new Set<BackendName>();
  /** Backends that broke once and were re-initialised. */
  #recovered = new Set<BackendName>();
  /** What went wrong with each backend tried, for the error when none is left. */
  #failures: string[] = [];
  #disposed = false;

  constructor(options: LocalClassifierOptions = {}) {
    const base = globalThis.document?.baseURI;
    this.modelUrl = new URL(String(options.modelUrl ?? bundledModelUrl()), base).href;
    this.preference = options.backend ?? 'auto';
    this.minConfidence = options.minConfidence ?? 0.5;
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
      const runtime = await loadTfjs();
      return (await this.#ensureModel(runtime)).backend;
    });
  }

  async classify(grid: Float32Array, options: ClassifyOptions = {}): Promise<Prediction> {
    const started = performance.now();
    checkGrid(grid);
    this.#checkNotDisposed();
    throwIfAborted(options.signal, 'input', 'local classification');
    const { probabilities, backend } = await runExclusive(async () => {
      // A request superseded while it waited for the queue is dropped before it costs anything.
      throwIfAborted(options.signal, 'input', 'local classification');
      this.#checkNotDisposed();
      const runtime = await loadTfjs().catch((error: unknown) => {
        throw new ClassificationError('model', `Could not load TensorFlow.js: ${(error as Error).message}`, {
          code: 'backend',
          url: this.modelUrl,
          cause: error,
        });
      });
      return this.#predict(runtime, grid);
    });
    throwIfAborted(options.signal, 'input', 'local classification');
    return toPrediction(probabilities, {
      minConfidence: this.minConfidence,
      source: 'local',
      backend,
      latencyMs: performance.now() - started,
    });
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
   * Runs the model once. A backend that breaks mid-prediction (typically a lost WebGL context)
   * is thrown away and re-initialised once; if it breaks again the next backend takes over.
   */
  async #predict(runtime: TfjsRuntime, grid: Float32Array): Promise<{ probabilities: number[]; backend: BackendName }> {
    const { tf } = runtime;
    for (;;) {
      const { shared, backend } = await this.#ensureModel(runtime);
      try {
        if (!(await activateBackend(tf, backend)) || isWebglContextLost(tf)) {
          throw new Error(`the ${backend} backend stopped working`);
        }
        const probabilities = await runModel(tf, shared, grid);
        if (!probabilities.every(Number.isFinite)) throw new Error(`the ${backend} backend returned non-finite values`);
        // Reduced-precision GPU arithmetic can overshoot a softmax by a hair (1.0000002).
        return { probabilities: probabilities.map((p) => Math.min(1, Math.max(0, p))), backend };
      } catch (error) {
        await discardBackend(tf, backend);
        this.#backend = undefined;
        this.#failures.push(`${backend}: ${(error as Error).message}`);
        if (this.#recovered.has(backend)) this.#broken.add(backend);
        else this.#recovered.add(backend);
      }
    }
  }

  /** Picks the backend (the first that initialises, in preference order) and gets its shared model. */
  async #ensureModel(runtime: TfjsRuntime): Promise<{ shared: SharedModel; backend: BackendName }> {
    if (this.#backend) {
      const shared = await models.get(modelKey(this.modelUrl, this.#backend))?.catch(() => undefined);
      if (shared?.users.has(this)) return { shared, backend: this.#backend };
      this.#backend = undefined;
    }
    // Download first: a missing or broken model is the same on every backend.
    await fetchModelArtifacts(this.modelUrl);
    for (const backend of backendOrder(this.preference)) {
      if (this.#broken.has(backend)) continue;
      if (!(await activateBackend(runtime.tf, backend))) {
        this.#failures.push(`${backend}: could not be initialised`);
        this.#broken.add(backend);
        continue;
      }
      try {
        const shared = await acquireModel(runtime, this.modelUrl, backend, this);
        this.#backend = backend;
        return { shared, backend };
      } catch (error) {
        if (error instanceof ClassificationError) throw error;
        this.#failures.push(`${backend}: ${(error as Error).message}`);
        this.#broken.add(backend);
      }
    }
    throw new ClassificationError(
      'model',
      `No TensorFlow.js backend could run the model at ${this.modelUrl} (${this.#failures.join('; ')})`,
      { code: 'backend', url: this.modelUrl },
    );
  }

  #checkNotDisposed(): void {
    if (this.#disposed) {
      throw new ClassificationError('model', 'This classifier has been disposed', { code: 'backend', url: this.modelUrl });
    }
  }
}

/** Gets (building and warming once) the model for (url, backend) and records `user` on it. */
async function acquireModel(runtime: TfjsRuntime, url: string, backend: BackendName, user: LocalClassifier): Promise<SharedModel> {
  const key = modelKey(url, backend);
  let pending = models.get(key);
  if (!pending) {
    pending = buildModel(runtime, url);
    models.set(key, pending);
    pending.catch(() => {
      if (models.get(key) === pending) models.delete(key);
    });
  }
  const shared = await pending;
  shared.users.add(user);
  return shared;
}

async function buildModel({ tf, tfl }: TfjsRuntime, url: string): Promise<SharedModel> {
  const artifacts = await fetchModelArtifacts(url);
  let model: LayersModel;
  try {
    model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new ClassificationError('model', `Could not load the model from ${url}: it is not a valid layers model (${(error as Error).message})`, {
      code: 'model-format',
      url,
      cause: error,
    });
  }
  const inputShape = checkShapes(model, url);
  const shared: SharedModel = { model, inputShape, users: new Set() };
  try {
    // Warm-up: compiles shaders / allocates buffers so the first real prediction is fast.
    await runModel(tf, shared, new Float32Array(GRID_CELLS));
  } catch (error) {
    model.dispose();
    throw error;
  }
  return shared;
}

/** Checks the model reads one 784-value image and answers 10 classes; returns the input shape. */
function checkShapes(model: LayersModel, url: string): number[] {
  const input = model.inputs.length === 1 ? model.inputs[0]!.shape : undefined;
  const output = model.outputs.length === 1 ? model.outputs[0]!.shape : undefined;
  const dims = input?.slice(1) ?? [];
  const cells = dims.every((size) => typeof size === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : NaN;
  const classes = output?.[output.length - 1];
  if (!input || !output || cells !== GRID_CELLS || output.length !== 2 || classes !== 10) {
    model.dispose();
    const describe = (shapes: typeof model.inputs) => shapes.map((t) => JSON.stringify(t.shape)).join(', ');
    throw new ClassificationError(
      'model',
      `Could not use the model from ${url}: it takes ${describe(model.inputs)} and gives ${describe(model.outputs)}, ` +
        `but a digit model must take one 28×28 image ([null,28,28,1]) and give 10 probabilities ([null,10])`,
      { code: 'model-shape', url },
    );
  }
  return dims as number[];
}

/** One forward pass; every intermediate tensor is freed inside tidy, the output right after reading. */
async function runModel(tf: Tfjs, shared: SharedModel, grid: Float32Array): Promise<number[]> {
  const output = tf.tidy(() => {
    const input = tf.tensor(grid, [1, ...shared.inputShape], 'float32');
    return shared.model.predict(input) as import('@tensorflow/tfjs-core').Tensor;
  });
  try {
    return Array.from(await output.data());
  } finally {
    output.dispose();
  }
}

async function releaseModel(user: LocalClassifier, url: string, backend: BackendName): Promise<void> {
  const key = modelKey(url, backend);
  const pending = models.get(key);
  if (!pending) return;
  const shared = await pending.catch(() => undefined);
  if (!shared) return;
  shared.users.delete(user);
  if (shared.users.size === 0 && models.get(key) === pending) {
    models.delete(key);
    shared.model.dispose();
  }
}

/**
 * Drops every model on a backend that broke and, for webgl, replaces the backend so the next
 * attempt gets a new context. Other classifiers on that backend rebuild their model on next use.
 */
async function discardBackend(tf: Tfjs, backend: BackendName): Promise<void> {
  for (const [key, pending] of [...models]) {
    if (!key.startsWith(`${backend} `)) continue;
    models.delete(key);
    const shared = await pending.catch(() => undefined);
    try {
      shared?.model.dispose();
    } catch {
      // Its memory went with the lost context.
    }
  }
  if (backend === 'webgl') resetWebglBackend(tf);
}
