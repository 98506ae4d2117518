/**
 * A LocalClassifier that is downloaded on first use. The element holds one of these, so a page
 * that classifies through an endpoint never downloads the local classifier, its model runner or
 * any tfjs code; a page that classifies locally starts the download when the person first
 * touches the element (`load()`).
 */
import type { BackendName } from './backend-preference.ts';
import { ClassificationError } from './classification-error.ts';
import type { Classifier, ClassifyOptions } from './classifier.ts';
import { checkGrid, checkGrids, throwIfAborted } from './grid-input.ts';
import type { LocalClassifier, LocalClassifierOptions } from './local-classifier.ts';
import type { Prediction } from '../core/prediction.ts';
import { onceUntilFailure } from '../model/promise-cache.ts';

export class DeferredLocalClassifier implements Classifier {
  readonly #options: LocalClassifierOptions;
  /** The classifier's code downloaded once; a failed download is tried again on the next call. */
  readonly #get = onceUntilFailure(() => this.#download());
  #loaded: LocalClassifier | undefined;
  #disposed = false;

  /** The LocalClassifier resolves `modelUrl` (the bundled model's URL lives in its chunk, not the page's entry). */
  constructor(options: LocalClassifierOptions = {}) {
    this.#options = options;
  }

  /** The backend the last prediction ran on (undefined before the model is loaded). */
  get backend(): BackendName | undefined {
    return this.#loaded?.backend;
  }

  /** Downloads the classifier code, tfjs and the model and warms it up; resolves with the backend chosen. */
  async load(): Promise<BackendName> {
    return (await this.#get()).load();
  }

  async classify(grid: Float32Array, options: ClassifyOptions = {}): Promise<Prediction> {
    // Bad input and cancelled requests are answered before anything is downloaded.
    checkGrid(grid);
    throwIfAborted(options.signal);
    return (await this.#get()).classify(grid, options);
  }

  async classifyBatch(grids: readonly Float32Array[], options: ClassifyOptions = {}): Promise<Prediction[]> {
    checkGrids(grids);
    throwIfAborted(options.signal);
    return (await this.#get()).classifyBatch(grids, options);
  }

  dispose(): void {
    this.#disposed = true;
    this.#loaded?.dispose();
  }

  #download(): Promise<LocalClassifier> {
    return import('./local-classifier.ts').then(
      ({ LocalClassifier }) => {
        const classifier = new LocalClassifier(this.#options);
        this.#loaded = classifier;
        // Disposed while the code was downloading: the classifier answers with its disposed error.
        if (this.#disposed) classifier.dispose();
        return classifier;
      },
      (error: unknown) => {
        throw new ClassificationError('model', `Could not load the local classifier: ${(error as Error).message}`, {
          code: 'backend',
          ...(this.#options.modelUrl ? { url: String(this.#options.modelUrl) } : {}),
          cause: error,
        });
      },
    );
  }
}
