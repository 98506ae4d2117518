/**
 * Classification through a `/predict` endpoint (see docs/architecture.md, wire format). Imports no
 * tfjs, so a page that only classifies remotely never downloads it.
 */
import { DEFAULT_MIN_CONFIDENCE, parseNotDigit, parseProbabilities, toPrediction, type Prediction } from '../core/prediction.ts';
import { abortedError, ClassificationError } from './classification-error.ts';
import type { Classifier, ClassifyOptions } from './classifier.ts';
import { checkGrid, throwIfAborted } from './grid-input.ts';

export interface RemoteClassifierOptions {
  /** URL of the endpoint (POST); relative URLs resolve against the document. */
  readonly endpoint: string | URL;
  /** Milliseconds to wait for the whole answer before giving up (default 10000). */
  readonly timeout?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Decimal places sent per cell: the grid's float32 values would print with up to 17 digits
 * (about 15 KB per request); 5 places keep it near 5 KB and change no prediction.
 */
const SENT_DECIMALS = 5;

export class RemoteClassifier implements Classifier {
  readonly endpoint: string;
  readonly timeout: number;

  constructor(options: RemoteClassifierOptions) {
    this.endpoint = new URL(String(options.endpoint), globalThis.document?.baseURI).href;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  }

  async classify(grid: Float32Array, options: ClassifyOptions = {}): Promise<Prediction> {
    const started = performance.now();
    checkGrid(grid);
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
          body: JSON.stringify({ data: roundGrid(grid) }),
          signal: controller.signal,
          credentials: 'omit',
        });
        text = await response.text();
      } catch (error) {
        throw this.#networkError(error, timedOut, signal);
      }
      const { status } = response;
      if (!response.ok) {
        throw new ClassificationError('response', `${this.endpoint} answered ${status}${statusText(response)}: ${serverMessage(text)}`, {
          code: 'http-status',
          status,
          url: this.endpoint,
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new ClassificationError('response', `${this.endpoint} answered ${status} with a body that is not JSON: ${snippet(text)}`, {
          code: 'invalid-json',
          status,
          url: this.endpoint,
          cause: error,
        });
      }
      if (typeof body !== 'object' || body === null || !('result' in body)) {
        throw new ClassificationError('response', `${this.endpoint} answered ${status} without a "result": ${snippet(text)}`, {
          code: 'invalid-result',
          status,
          url: this.endpoint,
        });
      }
      let probabilities: number[];
      try {
        probabilities = parseProbabilities((body as { result: unknown }).result);
      } catch (error) {
        throw new ClassificationError('response', `${this.endpoint} answered ${status} with an invalid "result": ${(error as Error).message}`, {
          code: 'invalid-result',
          status,
          url: this.endpoint,
          cause: error,
        });
      }
      let notDigit: number;
      try {
        notDigit = parseNotDigit((body as { notDigit?: unknown }).notDigit);
      } catch (error) {
        throw new ClassificationError('response', `${this.endpoint} answered ${status} with an invalid result: ${(error as Error).message}`, {
          code: 'invalid-result',
          status,
          url: this.endpoint,
          cause: error,
        });
      }
      // The ten digits and not-a-digit are the answer of an 11-output model; an endpoint without
      // `notDigit` (the original API) answers as a 10-output model does, with not-a-digit 0.
      return toPrediction([...probabilities, notDigit], {
        minConfidence: DEFAULT_MIN_CONFIDENCE,
        source: 'remote',
        latencyMs: performance.now() - started,
      });
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

function roundGrid(grid: Float32Array): number[] {
  const scale = 10 ** SENT_DECIMALS;
  return Array.from(grid, (value) => Math.round(value * scale) / scale);
}

/** The server's own words: `{"error": "..."}` when it sent one, else the start of the body. */
function serverMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string') {
      return (body as { error: string }).error;
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.trim() === '' ? 'no message' : snippet(text);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}

function statusText(response: Response): string {
  return response.statusText ? ` ${response.statusText}` : '';
}
