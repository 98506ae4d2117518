/**
 * The element's classification lifecycle, kept out of the element: which classifier runs (local,
 * remote, remote with local fallback), swapping it when its settings change, loading the local
 * model in the background, and making a newer request supersede an older one so results never
 * arrive out of order.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { judge } from '../core/prediction.ts';
import { abortedError, ClassificationError, isAbortError } from '../inference/classification-error.ts';
import type { Classifier } from '../inference/classifier.ts';
import { FallbackClassifier, type FallbackPrediction } from '../inference/fallback-classifier.ts';
import { DeferredLocalClassifier } from '../inference/deferred-local-classifier.ts';
import { RemoteClassifier } from '../inference/remote-classifier.ts';
import type { BackendPreference } from '../inference/backend-preference.ts';

/** What decides which classifier runs; read from the element's attributes on every use. */
export interface ClassificationSettings {
  /** Set: classify through this endpoint. Unset or empty: classify locally. */
  readonly endpoint: string | undefined;
  readonly modelUrl: string | undefined;
  readonly backend: BackendPreference;
  readonly timeout: number;
  readonly fallback: 'local' | 'none';
  readonly minConfidence: number;
}

/** Where the local model stands: the Predict button shows `loading`. */
export type ModelState = 'unloaded' | 'loading' | 'ready';

interface ActiveClassifier {
  readonly key: string;
  readonly classifier: Classifier;
  /** The local classifier to preload: the classifier itself in local mode, none in remote mode. */
  readonly local: DeferredLocalClassifier | undefined;
}

export class ClassificationController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #settings: () => ClassificationSettings;
  #active: ActiveClassifier | undefined;
  #request: AbortController | undefined;
  #modelState: ModelState = 'unloaded';
  #pending = 0;

  constructor(host: ReactiveControllerHost, settings: () => ClassificationSettings) {
    this.#host = host;
    this.#settings = settings;
    host.addController(this);
  }

  /** The local model is being downloaded and warmed up. */
  get modelState(): ModelState {
    return this.#modelState;
  }

  /** A classification is in flight (superseded ones do not count). */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** An element that leaves the page cancels its request and lets go of its model (shared models stay for other elements). */
  hostDisconnected(): void {
    this.dispose();
  }

  /**
   * Starts loading the local model in the background (local mode only; a no-op when it is loaded
   * or loading). A failure is not reported here: the next `classify` tries again and reports it.
   */
  preload(): void {
    const { local, key } = this.#current();
    if (!local || this.#modelState !== 'unloaded') return;
    this.#setModelState('loading');
    local.load().then(
      () => this.#active?.key === key && this.#setModelState('ready'),
      () => this.#active?.key === key && this.#setModelState('unloaded'),
    );
  }

  /**
   * Classifies a grid, superseding any request in flight. Resolves with the prediction (its
   * `verdict` and `confident` judged against the current `minConfidence`, which may have changed
   * since the classifier was made); rejects with a ClassificationError,
   * whose code is `aborted` when a newer request or `abort()` superseded this one. A superseded
   * request never resolves, so callers never see results out of order.
   */
  async classify(grid: Float32Array): Promise<FallbackPrediction> {
    return (await this.#run((classifier, signal) => classifier.classify(grid, { signal }).then((p) => [p])))[0]!;
  }

  /** As `classify`, for a number's grids in one batch (one model run, one request); one prediction per grid. */
  classifyBatch(grids: readonly Float32Array[]): Promise<FallbackPrediction[]> {
    return this.#run((classifier, signal) => classifier.classifyBatch(grids, { signal }));
  }

  async #run(classify: (classifier: Classifier, signal: AbortSignal) => Promise<FallbackPrediction[]>): Promise<FallbackPrediction[]> {
    this.abort();
    // Settings may have changed: get (or swap) the classifier before this request exists.
    const { classifier, local } = this.#current();
    const request = new AbortController();
    this.#request = request;
    if (local && this.#modelState === 'unloaded') this.#setModelState('loading');
    this.#pending++;
    this.#host.requestUpdate();
    try {
      const predictions = await classify(classifier, request.signal);
      if (request.signal.aborted) throw abortedError();
      if (local) this.#setModelState('ready');
      const { minConfidence } = this.#settings();
      return predictions.map((prediction) => ({ ...prediction, ...judge(prediction.confidence, prediction.notDigit, minConfidence) }));
    } catch (error) {
      if (local && !request.signal.aborted && this.#active?.classifier === local && this.#modelState === 'loading') this.#setModelState('unloaded');
      if (request.signal.aborted && !isAbortError(error)) throw abortedError(error);
      throw asClassificationError(error);
    } finally {
      if (this.#request === request) this.#request = undefined;
      this.#pending--;
      this.#host.requestUpdate();
    }
  }

  /** Cancels the request in flight, if any (its promise rejects with code `aborted`). */
  abort(): void {
    this.#request?.abort();
    this.#request = undefined;
  }

  /**
   * The element's settings changed: let go of the classifier (cancelling its request) unless a
   * request made since then already swapped in the classifier for the new settings — that request
   * is the newest and must not be cancelled by the update that follows it.
   */
  settingsChanged(): void {
    if (this.#active && this.#active.key !== settingsKey(this.#settings())) this.dispose();
  }

  /** Lets go of the classifier (the element calls this when it leaves the page for good or its settings change). */
  dispose(): void {
    this.abort();
    this.#active?.classifier.dispose();
    this.#active = undefined;
    this.#setModelState('unloaded');
  }

  /** The classifier for the current settings; a change of settings disposes the old one. */
  #current(): ActiveClassifier {
    const settings = this.#settings();
    const key = settingsKey(settings);
    if (this.#active?.key === key) return this.#active;
    this.dispose();
    this.#active = { key, ...createClassifier(settings) };
    return this.#active;
  }

  #setModelState(state: ModelState): void {
    if (this.#modelState === state) return;
    this.#modelState = state;
    this.#host.requestUpdate();
  }
}

/** The settings that pick a classifier; `minConfidence` is applied per answer and is not one. */
function settingsKey(settings: ClassificationSettings): string {
  return JSON.stringify([settings.endpoint, settings.modelUrl, settings.backend, settings.timeout, settings.fallback]);
}

function createClassifier(settings: ClassificationSettings): Omit<ActiveClassifier, 'key'> {
  const { endpoint, modelUrl, backend, timeout, fallback } = settings;
  const makeLocal = () => new DeferredLocalClassifier({ backend, ...(modelUrl ? { modelUrl } : {}) });
  if (!endpoint) {
    const local = makeLocal();
    return { classifier: local, local };
  }
  const remote = new RemoteClassifier({ endpoint, timeout });
  if (fallback !== 'local') return { classifier: remote, local: undefined };
  return { classifier: new FallbackClassifier(remote, makeLocal), local: undefined };
}

/** Classifiers reject with ClassificationError; anything else is a bug reported as a model failure. */
function asClassificationError(error: unknown): ClassificationError {
  if (error instanceof ClassificationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ClassificationError('model', `Classification failed: ${message}`, { code: 'inference', cause: error });
}
