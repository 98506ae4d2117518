/**
 * The one error type every classifier rejects with, so the element can turn any failure into a
 * `prediction-error` event with its `stage` without knowing which classifier ran.
 */
import type { ModelLoadErrorCode } from '../model/model-artifacts.ts';

/** Where a classification failed (the `prediction-error` event's `stage`). */
export type ClassificationStage = 'model' | 'network' | 'response' | 'input';

/**
 * What exactly went wrong, for code that must react differently (e.g. `aborted` is a superseded
 * request, not a failure to show; `timeout` and `unreachable` justify a local fallback;
 * `too-small` is a drawing the person should redo bigger, not a fault; `too-many-digits` a
 * number with more digits than the element's `digits` allows; `disabled` is a
 * `predict()` on a disabled element).
 */
export type ClassificationErrorCode =
  | 'invalid-grid'
  | 'too-small'
  | 'too-many-digits'
  | 'disabled'
  | ModelLoadErrorCode
  | 'backend'
  | 'inference'
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  | 'http-status'
  | 'invalid-json'
  | 'invalid-result';

export interface ClassificationErrorOptions {
  readonly code: ClassificationErrorCode;
  /** HTTP status of the answer, for `response` errors that have one. */
  readonly status?: number;
  /** The model or endpoint URL involved. */
  readonly url?: string;
  readonly cause?: unknown;
}

/** Marks a ClassificationError made by any copy of this module (see `Symbol.hasInstance`). */
const BRAND = Symbol.for('digit-canvas.ClassificationError');

/** A failed classification; `message` is written for people and names the URL and the problem. */
export class ClassificationError extends Error {
  /**
   * `instanceof` holds for an error from any copy of this class: the script-tag entry carries one
   * and its lazy chunks (the local classifier) another, and a page may load the package twice.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;
  override name = 'ClassificationError';
  readonly stage: ClassificationStage;
  readonly code: ClassificationErrorCode;
  readonly status?: number;
  readonly url?: string;

  constructor(stage: ClassificationStage, message: string, options: ClassificationErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.stage = stage;
    this.code = options.code;
    if (options.status !== undefined) this.status = options.status;
    if (options.url !== undefined) this.url = options.url;
  }
}

/**
 * The one error for a request its caller cancelled (a newer prediction or `clear()` superseded
 * it), whichever layer notices first. Never shown and never an event, so its stage is fixed;
 * code reads `code` (`isAbortError`).
 */
export function abortedError(cause?: unknown): ClassificationError {
  return new ClassificationError('input', 'The prediction was aborted: a newer one superseded it, or it was cancelled', {
    code: 'aborted',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The element's own code for a feature (`what`) could not be downloaded: a network failure, worth retrying. */
export function codeDownloadError(what: string, cause: unknown): ClassificationError {
  return new ClassificationError('network', `Could not load ${what}: ${(cause as Error).message}`, { code: 'unreachable', cause });
}

/** True for the error a classifier rejects with when its caller's signal aborted the request. */
export function isAbortError(error: unknown): boolean {
  return error instanceof ClassificationError && error.code === 'aborted';
}
