/**
 * The wire contract of `POST /predict` (docs/architecture.md, wire format), in one place for both
 * ends: the request body `{"data": [784 numbers in 0..1]}`, or a number's digits as a batch
 * `{"data": [[784], [784], …]}` (1 to 16 grids; validated by the Lambda, which must answer every
 * bad body with a clear 4xx, never a 500; encoded by the client), the 200 answer (built by the
 * Lambda, parsed by the client, which also accepts the original API's answers; a batch answers
 * every field as an array, one entry per grid) and the `{"error": "..."}` body of every refusal.
 * Pure: no fetch, no HTTP, no Node APIs.
 */

import { describe } from './describe-value.ts';
import { MAX_DIGITS } from './number-layout.ts';
import { GRID_CELLS } from './preprocess.ts';
import { assess, checkProbability, DEFAULT_MIN_CONFIDENCE, DIGIT_COUNT, ProbabilitiesError, type Verdict } from './prediction.ts';

/** What a request body must be, for messages that tell a client how to fix its request. */
export const REQUEST_SHAPE = `{"data": [${GRID_CELLS} numbers in 0..1]}`;

/** What a batch request body must be. */
export const BATCH_REQUEST_SHAPE = `{"data": [[${GRID_CELLS} numbers in 0..1], …]} (1 to ${MAX_DIGITS} grids)`;

/**
 * Thrown for a body that is not a valid predict request; the message says what and where.
 * `tooMany`: a batch of more grids than one request may carry (the endpoint answers 413).
 */
export class PredictRequestError extends Error {
  override name = 'PredictRequestError';
  constructor(
    message: string,
    readonly tooMany = false,
  ) {
    super(message);
  }
}

/** A request's grids: one for `{"data": [784]}`, 1 to 16 for a batch (`batch` true, even for one). */
export interface PredictRequest {
  readonly grids: Float32Array[];
  readonly batch: boolean;
}

/**
 * Reads either request shape: a batch when `data`'s first entry is an array, else one grid as
 * `parsePredictRequest` reads it (so every single-grid body is refused exactly as before). A bad
 * batch names the grid and the cell (`data[2][41] must be …`).
 */
export function readPredictRequest(body: unknown): PredictRequest {
  const data = isRecord(body) && Object.hasOwn(body, 'data') ? body.data : undefined;
  if (!Array.isArray(data) || !Array.isArray(data[0])) return { grids: [parsePredictRequest(body)], batch: false };
  if (data.length > MAX_DIGITS) {
    throw new PredictRequestError(`"data" holds ${data.length} grids; a request carries at most ${MAX_DIGITS}: ${BATCH_REQUEST_SHAPE}`, true);
  }
  const grids = data.map((entry: unknown, g) => {
    if (!Array.isArray(entry)) throw new PredictRequestError(`data[${g}] must be an array of ${GRID_CELLS} numbers in 0..1, got ${describe(entry)}`);
    if (entry.length !== GRID_CELLS) {
      throw new PredictRequestError(`data[${g}] must hold exactly ${GRID_CELLS} numbers (a 28×28 grid), got ${entry.length}`);
    }
    return readCells(entry, `data[${g}]`);
  });
  return { grids, batch: true };
}

/**
 * Returns the request's grid as a Float32Array of 784 cells, or throws `PredictRequestError`
 * naming the first problem (for a bad cell, its index). Takes the already-parsed JSON value.
 */
export function parsePredictRequest(body: unknown): Float32Array {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PredictRequestError(`expected a JSON object ${REQUEST_SHAPE}, got ${describe(body)}`);
  }
  if (!Object.hasOwn(body, 'data')) {
    throw new PredictRequestError(`missing "data": expected ${REQUEST_SHAPE}`);
  }
  const data = (body as { data: unknown }).data;
  if (!Array.isArray(data)) {
    throw new PredictRequestError(
      `"data" must be an array of ${GRID_CELLS} numbers in 0..1, got ${describe(data)}`,
    );
  }
  if (data.length !== GRID_CELLS) {
    throw new PredictRequestError(
      `"data" must hold exactly ${GRID_CELLS} numbers (a 28×28 grid), got ${data.length}`,
    );
  }
  return readCells(data, 'data');
}

/** The 784 cells of `values` (its length already checked), each a finite number in 0..1, or an error naming `path[i]`. */
function readCells(values: readonly unknown[], path: string): Float32Array {
  const grid = new Float32Array(GRID_CELLS);
  for (let i = 0; i < GRID_CELLS; i++) {
    const value: unknown = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new PredictRequestError(`${path}[${i}] must be a finite number in 0..1, got ${describe(value)}`);
    }
    grid[i] = value;
  }
  return grid;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decimal places sent per cell: the grid's float32 values would print with up to 17 digits
 * (about 15 KB per request); 5 places keep it near 5 KB and change no prediction.
 */
export const SENT_DECIMALS = 5;

/** The request body for a grid (784 values in 0..1), as JSON text. */
export function encodePredictRequest(grid: ArrayLike<number>): string {
  return JSON.stringify({ data: rounded(grid) });
}

/** The batch request body for a number's grids, as JSON text. */
export function encodePredictBatch(grids: readonly ArrayLike<number>[]): string {
  return JSON.stringify({ data: grids.map(rounded) });
}

function rounded(grid: ArrayLike<number>): number[] {
  const scale = 10 ** SENT_DECIMALS;
  return Array.from(grid, (value) => Math.round(value * scale) / scale);
}

/**
 * The 200 answer: `result` stays a plain array of the ten digit probabilities so
 * `Object.keys(result)` clients of the original API keep working; `notDigit` and `verdict` are
 * extra fields they can ignore. `verdict` is judged at DEFAULT_MIN_CONFIDENCE; a client
 * with its own threshold judges `confidence` and `notDigit` itself.
 */
export interface PredictResponse {
  readonly result: number[];
  readonly digit: number;
  readonly confidence: number;
  /** Probability that the grid is not a digit; 0 from a 10-output model. */
  readonly notDigit: number;
  readonly verdict: Verdict;
}

/** The 200 answer for a model's output (ten probabilities, or eleven with not-a-digit last). */
export function buildPredictResponse(output: ArrayLike<number>): PredictResponse {
  const { probabilities, digit, confidence, notDigit, verdict } = assess(output, DEFAULT_MIN_CONFIDENCE);
  return { result: probabilities, digit, confidence, notDigit, verdict };
}

/** The 200 answer to a batch: each field of `PredictResponse` as an array, one entry per grid, and the digits read as `value`. */
export interface PredictBatchResponse {
  readonly result: number[][];
  readonly digit: number[];
  readonly confidence: number[];
  readonly notDigit: number[];
  readonly verdict: Verdict[];
  /** The digits, in the order of the grids (`"2026"`). */
  readonly value: string;
}

/** The 200 answer for a batch's model outputs, in the order of the grids. */
export function buildPredictBatchResponse(outputs: readonly ArrayLike<number>[]): PredictBatchResponse {
  const answers = outputs.map(buildPredictResponse);
  return {
    result: answers.map((answer) => answer.result),
    digit: answers.map((answer) => answer.digit),
    confidence: answers.map((answer) => answer.confidence),
    notDigit: answers.map((answer) => answer.notDigit),
    verdict: answers.map((answer) => answer.verdict),
    value: answers.map((answer) => answer.digit).join(''),
  };
}

/**
 * Reads ten probabilities from a response's `result`: either an array of ten numbers (this
 * project's endpoint) or an object keyed "0".."9" (the original API serialised a Float32Array that
 * way). Every value must be a finite number in 0..1.
 */
export function parseProbabilities(result: unknown): number[] {
  let values: unknown[];
  if (Array.isArray(result)) {
    if (result.length !== DIGIT_COUNT) {
      throw new ProbabilitiesError(
        `expected ${DIGIT_COUNT} probabilities, got an array of ${result.length}`,
      );
    }
    values = result;
  } else if (typeof result === 'object' && result !== null) {
    const record = result as Record<string, unknown>;
    const keys = Object.keys(record);
    const expected = Array.from({ length: DIGIT_COUNT }, (_, i) => String(i));
    const missing = expected.filter((key) => !Object.hasOwn(record, key));
    const extra = keys.filter((key) => !expected.includes(key));
    if (missing.length > 0 || extra.length > 0) {
      const problems = [
        missing.length > 0 ? `missing key(s) ${missing.map((k) => `"${k}"`).join(', ')}` : '',
        extra.length > 0 ? `unexpected key(s) ${extra.slice(0, 3).map((k) => JSON.stringify(k)).join(', ')}` : '',
      ].filter(Boolean);
      throw new ProbabilitiesError(
        `expected an object keyed "0".."9": ${problems.join('; ')}`,
      );
    }
    values = expected.map((key) => record[key]);
  } else {
    throw new ProbabilitiesError(
      `expected ${DIGIT_COUNT} probabilities as an array or an object keyed "0".."9", got ${describe(result)}`,
    );
  }
  return values.map((value, digit) => checkProbability(value, `probability of digit ${digit}`));
}

/**
 * Reads a `notDigit` from a response: absent (an endpoint of the original API, or one serving a
 * 10-output model) is 0; anything else must be a finite number in 0..1.
 */
export function parseNotDigit(value: unknown): number {
  return value === undefined ? 0 : checkProbability(value, '"notDigit"');
}

/** Why a 200 answer could not be read: the ClassificationError codes a client reports. */
export type PredictResponseProblem = 'invalid-json' | 'invalid-result';

/**
 * Thrown for a 200 answer that is not a valid prediction. The message is written to follow
 * "<endpoint> answered 200 " (e.g. `with a body that is not JSON: "…"`), quoting at most the start
 * of the body.
 */
export class PredictResponseError extends Error {
  override name = 'PredictResponseError';
  constructor(
    readonly code: PredictResponseProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What a 200 answer says: the ten digit probabilities and not-a-digit (0 when absent). */
export interface PredictAnswer {
  readonly probabilities: number[];
  readonly notDigit: number;
}

/**
 * Reads a 200 answer's text. Only `result` and `notDigit` are read: the client judges the verdict
 * with its own min-confidence, so the endpoint's `digit`, `confidence` and `verdict` are ignored.
 */
export function parsePredictResponse(text: string): PredictAnswer {
  const body = answerBody(text);
  if (!isRecord(body) || !('result' in body)) throw new PredictResponseError('invalid-result', `without a "result": ${snippet(text)}`);
  return readAnswer(body.result, body.notDigit, '"result"', 'result');
}

/**
 * Reads a 200 answer to a batch of `count` grids: `result` an array of `count` probability lists
 * (each as `parseProbabilities` reads one), `notDigit` absent (all 0) or an array of `count`.
 */
export function parsePredictBatchResponse(text: string, count: number): PredictAnswer[] {
  const body = answerBody(text);
  if (!isRecord(body) || !Array.isArray(body.result)) throw new PredictResponseError('invalid-result', `without a "result" array for a batch: ${snippet(text)}`);
  const { result, notDigit } = body;
  if (result.length !== count) throw new PredictResponseError('invalid-result', `with ${result.length} results for ${count} grids`);
  if (notDigit !== undefined && !(Array.isArray(notDigit) && notDigit.length === count)) {
    throw new PredictResponseError('invalid-result', `with a "notDigit" that is not an array of ${count}: ${describe(notDigit)}`);
  }
  return result.map((entry: unknown, i) => readAnswer(entry, (notDigit as unknown[] | undefined)?.[i], `result for grid ${i}`, `result for grid ${i}`));
}

/** A 200 answer's JSON. */
function answerBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PredictResponseError('invalid-json', `with a body that is not JSON: ${snippet(text)}`, { cause: error });
  }
}

/** One grid's answer; a bad part is named by its label (`with an invalid "result": …`). */
function readAnswer(result: unknown, notDigit: unknown, resultLabel: string, notDigitLabel: string): PredictAnswer {
  const read = <T>(parse: () => T, label: string): T => {
    try {
      return parse();
    } catch (error) {
      throw new PredictResponseError('invalid-result', `with an invalid ${label}: ${(error as Error).message}`, { cause: error });
    }
  };
  return { probabilities: read(() => parseProbabilities(result), resultLabel), notDigit: read(() => parseNotDigit(notDigit), notDigitLabel) };
}

/** The body of every refusal (4xx and 5xx). */
export interface ErrorResponse {
  readonly error: string;
}

export function errorResponse(message: string): ErrorResponse {
  return { error: message };
}

/** The server's own words from a refusal's text: its `{"error": "..."}` when it sent one, else the start of the body. */
export function readErrorMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string') {
      return (body as ErrorResponse).error;
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.trim() === '' ? 'no message' : snippet(text);
}

/** The start of an untrusted body, quoted and bounded, for an error message. */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}
