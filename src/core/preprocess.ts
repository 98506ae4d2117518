/**
 * The 28×28 grid the model reads (784 numbers in 0..1, row-major): its size, MNIST's centring by
 * mass that every grid mode ends with, and what counts as blank. Pure functions over plain arrays,
 * so the browser, the Lambda, the training script and the tests all agree. The modes themselves:
 * vector-grid (from strokes, the default) and pixel-grid (from an image).
 */

/** Side of the model's input grid. */
export const GRID_SIZE = 28;
/** Number of cells in the model's input grid. */
export const GRID_CELLS = GRID_SIZE * GRID_SIZE;
/** Side of the box MNIST fits each digit into before centring it in the 28×28 grid. */
export const MNIST_BOX = 20;
/**
 * Places a small box (at most 28×28, values 0..1) into the 28×28 grid so that its centre of mass
 * lands on the grid's centre, shifted by whole cells as MNIST did, and kept inside the grid.
 */
export function centreByMass(box: ArrayLike<number>, boxWidth: number, boxHeight: number): Float32Array {
  if (boxWidth > GRID_SIZE || boxHeight > GRID_SIZE || box.length !== boxWidth * boxHeight) {
    throw new RangeError(`centreByMass needs a box of at most ${GRID_SIZE}×${GRID_SIZE} with width×height values`);
  }
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < boxHeight; y++) {
    for (let x = 0; x < boxWidth; x++) {
      const value = box[y * boxWidth + x]!;
      mass += value;
      sumX += value * (x + 0.5);
      sumY += value * (y + 0.5);
    }
  }
  const grid = new Float32Array(GRID_CELLS);
  if (mass === 0) return grid;
  const left = clamp(Math.round(GRID_SIZE / 2 - sumX / mass), 0, GRID_SIZE - boxWidth);
  const top = clamp(Math.round(GRID_SIZE / 2 - sumY / mass), 0, GRID_SIZE - boxHeight);
  for (let y = 0; y < boxHeight; y++) {
    for (let x = 0; x < boxWidth; x++) grid[(top + y) * GRID_SIZE + left + x] = box[y * boxWidth + x]!;
  }
  return grid;
}

/**
 * Cell value at or below which a cell holds no ink worth reading: 0.05, about 13/255, half of the
 * alpha `mnist` crops at (INK_THRESHOLD), the faint haze of anti-aliasing or a scanner.
 */
export const BLANK_CELL = 0.05;

/**
 * True when no cell of a grid holds more than `BLANK_CELL`: nothing to classify. The element
 * refuses such a grid (an empty canvas) and the endpoint answers it with a 422, because any model
 * still answers a blank grid with some digit.
 */
export function isBlankGrid(grid: ArrayLike<number>): boolean {
  // As float32, so a cell of exactly 0.05 in a Float32Array (0.0500000007) is still haze.
  const limit = Math.fround(BLANK_CELL);
  for (let i = 0; i < grid.length; i++) if (grid[i]! > limit) return false;
  return true;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
