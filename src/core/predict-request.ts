/**
 * The endpoint's request body, `{"data": [784 numbers in 0..1]}`: validation shared by the Lambda
 * (which must answer every bad body with a clear 400, never a 500) and any client that wants to
 * check a grid before sending it. Pure: it takes the already-parsed JSON value.
 */

import { describe } from './describe-value.ts';
import { GRID_CELLS } from './preprocess.ts';

/** Thrown for a body that is not a valid predict request; the message says what and where. */
export class PredictRequestError extends Error {
  override name = 'PredictRequestError';
}

/**
 * Returns the request's grid as a Float32Array of 784 cells, or throws `PredictRequestError`
 * naming the first problem (for a bad cell, its index).
 */
export function parsePredictRequest(body: unknown): Float32Array {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PredictRequestError(
      `expected a JSON object {"data": [${GRID_CELLS} numbers in 0..1]}, got ${describe(body)}`,
    );
  }
  if (!Object.hasOwn(body, 'data')) {
    throw new PredictRequestError(`missing "data": expected {"data": [${GRID_CELLS} numbers in 0..1]}`);
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
  const grid = new Float32Array(GRID_CELLS);
  for (let i = 0; i < GRID_CELLS; i++) {
    const value: unknown = data[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new PredictRequestError(`data[${i}] must be a finite number in 0..1, got ${describe(value)}`);
    }
    grid[i] = value;
  }
  return grid;
}
