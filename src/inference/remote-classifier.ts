/**
 * Classification through a `/predict` endpoint: the transport (fetch, timeout, cancellation, the
 * status), with the body encoded and the answer read by core's wire format
 * (src/core/wire-format.ts, docs/architecture.md). Imports no tfjs, so a page that only classifies
 * remotely never downloads it.
 */
import { DEFAULT_MIN_CONFIDENCE, toPrediction, type Prediction } from '../core/prediction.ts';
import {
  encodePredictBatch,
  encodePredictRequest,
  parsePredictBatchResponse,
  parsePredictResponse,
  PredictResponseError,
  readErrorMessage,
  type PredictAnswer,
} from '../core/wire-format.ts';
import { abortedError, ClassificationError } from './classification-error.ts';
import type { Classifier, ClassifyOptions } from './classifier.ts';
import { checkGrid, checkGrids, throwIfAborted } from './grid-input.ts';

export interface RemoteClassifierOptions {
  /** URL of the endpoint (POST); relative URLs resolve against the document. */
  readonly endpoint: string | URL;
  /** Milliseconds to wait for the whole answer before giving up (default 10000). */
  readonly timeout?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export class RemoteClassifier implements Classifier {
  readonly endpoint: string;
  readonly timeout: number;

  constructor(options: RemoteClassifierOptions) {
    this.endpoint = new URL(String(options.endpoint), globalThis.document?.baseURI).href;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  }

  async classify(grid: Float32Array, options: ClassifyOptions = {}): Promise<Prediction> {
    checkGrid(grid);
    return (await this.#request(encodePredictRequest(grid), (text) => [parsePredictResponse(text)], options))[0]!;
  }

  /** One request `{"data": [[784], …]}` for the grids; the answer must hold one result per grid. */
  async classifyBatch(grids: readonly Float32Array[], options: ClassifyOptions = {}): Promise<Prediction[]> {
    checkGrids(grids);
    return this.#request(encodePredictBatch(grids), (text) => parsePredictBatchResponse(text, grids.length), options);
  }

  async #request(body: string, parse: (text: string) => PredictAnswer[], options: ClassifyOptions): Promise<Prediction[]> {
    const started = performance.now();
    const { signal } = options;
    throwIfAborted(signal);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeout);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let response: Response;
      let text: string;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body,
          signal: controller.signal,
          credentials: 'omit',
        });
        text = await response.text();
      } catch (error) {
        throw this.#networkError(error, timedOut, signal);
      }
      const { status } = response;
      if (!response.ok) {
        throw new ClassificationError('response', `${this.endpoint} answered ${status}${statusText(response)}: ${readErrorMessage(text)}`, {
          code: 'http-status',
          status,
          url: this.endpoint,
        });
      }
      let answers: PredictAnswer[];
      try {
        answers = parse(text);
      } catch (error) {
        if (!(error instanceof PredictResponseError)) throw error;
        throw new ClassificationError('response', `${this.endpoint} answered ${status} ${error.message}`, {
          code: error.code,
          status,
          url: this.endpoint,
          cause: error,
        });
      }
      const latencyMs = performance.now() - started;
      // The ten digits and not-a-digit are the answer of an 11-output model; an endpoint without
      // `notDigit` (the original API) answers as a 10-output model does, with not-a-digit 0.
      return answers.map((answer) =>
        toPrediction([...answer.probabilities, answer.notDigit], { minConfidence: DEFAULT_MIN_CONFIDENCE, source: 'remote', latencyMs }),
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  dispose(): void {
    // Nothing held between requests; in-flight ones are cancelled through their own signals.
  }

  #networkError(error: unknown, timedOut: boolean, signal: AbortSignal | undefined): ClassificationError {
    if (signal?.aborted) return abortedError(error);
    if (timedOut) {
      return new ClassificationError('network', `${this.endpoint} did not answer within ${this.timeout} ms`, {
        code: 'timeout',
        url: this.endpoint,
        cause: error,
      });
    }
    return new ClassificationError('network', `Could not reach ${this.endpoint} (${(error as Error).message})`, {
      code: 'unreachable',
      url: this.endpoint,
      cause: error,
    });
  }
}

function statusText(response: Response): string {
  return response.statusText ? ` ${response.statusText}` : '';
}
