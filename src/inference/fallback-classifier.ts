/**
 * `fallback="local"`: classify remotely, and when the endpoint cannot answer (a network error or
 * a 5xx) classify the same grid (or batch) locally instead, saying so in the prediction. Bad answers that a
 * retry elsewhere would not fix for the endpoint (4xx, invalid JSON, wrong shape) and requests the
 * caller aborted are not retried.
 */
import type { Prediction } from '../core/prediction.ts';
import { onceUntilFailure } from '../model/promise-cache.ts';
import { ClassificationError, isAbortError } from './classification-error.ts';
import type { Classifier, ClassifyOptions } from './classifier.ts';

/** Why a prediction came from the fallback: the primary classifier's error, in plain data. */
export interface PredictionFallback {
  readonly from: 'remote';
  readonly reason: string;
  readonly stage: ClassificationError['stage'];
  readonly code: ClassificationError['code'];
  readonly status?: number;
}

/** A prediction that may have come from the fallback (then `source` is 'local' and `fallback` says why). */
export type FallbackPrediction = Prediction & { readonly fallback?: PredictionFallback };

/** True for the failures that `fallback="local"` recovers from. */
export function shouldFallBack(error: unknown): boolean {
  if (!(error instanceof ClassificationError) || isAbortError(error)) return false;
  if (error.stage === 'network') return true;
  return error.stage === 'response' && error.code === 'http-status' && (error.status ?? 0) >= 500;
}

export class FallbackClassifier implements Classifier {
  readonly #primary: Classifier;
  /** The fallback made on first need; if making it fails, the next fallback tries again. */
  readonly #getFallback: () => Promise<Classifier>;
  /** The last fallback handed out, for dispose(). */
  #fallback: Promise<Classifier> | undefined;

  /**
   * @param primary the remote classifier
   * @param createFallback makes the local classifier on first need, so a page whose endpoint
   *   works never loads tfjs (the element passes a DeferredLocalClassifier).
   */
  constructor(primary: Classifier, createFallback: () => Classifier | Promise<Classifier>) {
    this.#primary = primary;
    const getFallback = onceUntilFailure(async () => createFallback());
    this.#getFallback = () => (this.#fallback = getFallback());
  }

  async classify(grid: Float32Array, options: ClassifyOptions = {}): Promise<FallbackPrediction> {
    return (await this.#run((classifier) => classifier.classify(grid, options).then((p) => [p])))[0]!;
  }

  async classifyBatch(grids: readonly Float32Array[], options: ClassifyOptions = {}): Promise<FallbackPrediction[]> {
    return this.#run((classifier) => classifier.classifyBatch(grids, options));
  }

  /** Runs `classify` on the primary, and on the fallback when the primary fails in a way it can recover from. */
  async #run(classify: (classifier: Classifier) => Promise<Prediction[]>): Promise<FallbackPrediction[]> {
    try {
      return await classify(this.#primary);
    } catch (error) {
      if (!shouldFallBack(error)) throw error;
      const cause = error as ClassificationError;
      const fallback = await this.#getFallback();
      let predictions: Prediction[];
      try {
        predictions = await classify(fallback);
      } catch (localError) {
        if (!(localError instanceof ClassificationError) || isAbortError(localError)) throw localError;
        throw new ClassificationError(localError.stage, `${cause.message}; the local fallback failed too: ${localError.message}`, {
          code: localError.code,
          ...(localError.url === undefined ? {} : { url: localError.url }),
          cause: localError,
        });
      }
      const why: PredictionFallback = {
        from: 'remote',
        reason: cause.message,
        stage: cause.stage,
        code: cause.code,
        ...(cause.status === undefined ? {} : { status: cause.status }),
      };
      return predictions.map((prediction) => ({ ...prediction, fallback: why }));
    }
  }

  dispose(): void {
    this.#primary.dispose();
    void this.#fallback?.then((classifier) => classifier.dispose(), () => undefined);
  }
}
