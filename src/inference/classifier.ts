/**
 * What the element needs from any way of classifying a grid: local (tfjs in the page) and remote
 * (the /predict endpoint) implement the same two methods.
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
  /** Releases what this classifier holds; shared models stay loaded for other classifiers. */
  dispose(): void;
}
