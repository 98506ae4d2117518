/** The check every classifier runs on its input before doing any work. */
import { GRID_CELLS } from '../core/preprocess.ts';
import { abortedError, ClassificationError } from './classification-error.ts';

/** Throws an `input` ClassificationError unless `grid` holds 784 finite values in 0..1. */
export function checkGrid(grid: unknown): asserts grid is Float32Array {
  if (!(grid instanceof Float32Array)) {
    throw new ClassificationError('input', `the grid must be a Float32Array of ${GRID_CELLS} values`, {
      code: 'invalid-grid',
    });
  }
  if (grid.length !== GRID_CELLS) {
    throw new ClassificationError('input', `the grid must hold ${GRID_CELLS} values (28×28), got ${grid.length}`, {
      code: 'invalid-grid',
    });
  }
  for (let i = 0; i < grid.length; i++) {
    const value = grid[i]!;
    if (!(value >= 0 && value <= 1)) {
      throw new ClassificationError('input', `grid[${i}] must be a number in 0..1, got ${value}`, {
        code: 'invalid-grid',
      });
    }
  }
}

/** Throws `abortedError` when the caller's signal has fired (a newer request or a clear superseded this one). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal.reason);
}
