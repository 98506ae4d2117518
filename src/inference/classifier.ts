/**
 * What the element needs from any way of classifying a grid: local (tfjs in the page) and remote
 * (the /predict endpoint) implement the same methods; number mode classifies its digits' grids
 * in one batch (one model run, one request).
 */
import type { Prediction } from '../core/prediction.ts';

export interface ClassifyOptions {
  /**
   * Cancels the request: a newer prediction or `clear()` aborts the older one. The promise then
   * rejects with a ClassificationError whose code is `aborted`.
   */
  readonly signal?: AbortSignal;
}

export interface Classifier {
  /**
   * Classifies a 28×28 grid (784 values in 0..1, row-major). Rejects with ClassificationError.
   * The verdict is judged (`judge`) at the default min-confidence, 0.5; a caller with its own
   * threshold judges the answer again (the element's classification controller does, per answer,
   * so a changed `min-confidence` needs no new classifier).
   */
  classify(grid: Float32Array, options?: ClassifyOptions): Promise<Prediction>;
  /**
   * Classifies 1 to 16 grids (a number's digits, left to right) as one batch: locally one
   * `[k, 28, 28, 1]` run, remotely one request. Resolves with one prediction per grid, in order,
   * each judged as `classify` judges; their `latencyMs` is the whole batch's.
   */
  classifyBatch(grids: readonly Float32Array[], options?: ClassifyOptions): Promise<Prediction[]>;
  /** Releases what this classifier holds; shared models stay loaded for other classifiers. */
  dispose(): void;
}
