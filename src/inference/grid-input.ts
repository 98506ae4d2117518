/** The check every classifier runs on its input before doing any work. */
import { MAX_DIGITS } from '../core/number-layout.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { abortedError, ClassificationError } from './classification-error.ts';

/** Throws an `input` ClassificationError unless `grid` holds 784 finite values in 0..1 (`name` names it in the message). */
export function checkGrid(grid: unknown, name = 'grid'): asserts grid is Float32Array {
  const what = name === 'grid' ? 'the grid' : name;
  if (!(grid instanceof Float32Array)) {
    throw new ClassificationError('input', `${what} must be a Float32Array of ${GRID_CELLS} values`, {
      code: 'invalid-grid',
    });
  }
  if (grid.length !== GRID_CELLS) {
    throw new ClassificationError('input', `${what} must hold ${GRID_CELLS} values (28×28), got ${grid.length}`, {
      code: 'invalid-grid',
    });
  }
  for (let i = 0; i < grid.length; i++) {
    const value = grid[i]!;
    if (!(value >= 0 && value <= 1)) {
      throw new ClassificationError('input', `${name}[${i}] must be a number in 0..1, got ${value}`, {
        code: 'invalid-grid',
      });
    }
  }
}

/** Throws an `input` ClassificationError unless `grids` is 1 to 16 valid grids; a bad one is named `grids[g]`. */
export function checkGrids(grids: unknown): asserts grids is readonly Float32Array[] {
  if (!Array.isArray(grids) || grids.length < 1 || grids.length > MAX_DIGITS) {
    const got = Array.isArray(grids) ? `${grids.length}` : typeof grids;
    throw new ClassificationError('input', `a batch must be an array of 1 to ${MAX_DIGITS} grids, got ${got}`, { code: 'invalid-grid' });
  }
  grids.forEach((grid, g) => checkGrid(grid, `grids[${g}]`));
}

/** Throws `abortedError` when the caller's signal has fired (a newer request or a clear superseded this one). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal.reason);
}
