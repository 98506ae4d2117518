/**
 * The pixel grid modes: an image's alpha channel reduced to the 28×28 grid, `mnist` (MNIST's own
 * recipe) or `grid` (the original project's max-pooling). Pure functions over plain arrays. Apart
 * from preprocess.ts so the element downloads them only when its `preprocess` names one (its
 * default, `vector`, reads the strokes).
 */
import { centreByMass, GRID_CELLS, GRID_SIZE, MNIST_BOX } from './preprocess.ts';

/** Alpha (0..255) above which a pixel counts as ink when finding the drawing's bounding box. */
export const INK_THRESHOLD = 26;

/**
 * An image's alpha channel: a canvas `ImageData` (RGBA, `channels` 4, the default) or a bare alpha
 * plane (`channels` 1). Only alpha is read, so ink and paper colours never change the grid.
 */
export interface AlphaImage {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
  readonly channels?: 1 | 4;
}

/** Grid modes that work from pixels alone (`vector` works from strokes; see vector-grid). */
export type PixelGridMode = 'grid' | 'mnist';

/** Reduces an image to the 28×28 grid with the given pixel mode. */
export function reduceToGrid(image: AlphaImage, mode: PixelGridMode): Float32Array {
  return mode === 'grid' ? maxPoolGrid(image) : mnistGrid(image);
}

/**
 * The original project's reduction: the image is cut into 28×28 blocks (11×11 pixels on the
 * 308×308 canvas) and each cell is its block's maximum alpha / 255. Kept for wire compatibility
 * and comparison; it neither centres nor rescales, which is why it is not the default.
 */
export function maxPoolGrid(image: AlphaImage): Float32Array {
  const { width, height } = checkImage(image);
  const { data } = image;
  const channels = image.channels ?? 4;
  const grid = new Float32Array(GRID_CELLS);
  for (let row = 0; row < GRID_SIZE; row++) {
    const y0 = Math.floor((row * height) / GRID_SIZE);
    const y1 = Math.floor(((row + 1) * height) / GRID_SIZE);
    for (let col = 0; col < GRID_SIZE; col++) {
      const x0 = Math.floor((col * width) / GRID_SIZE);
      const x1 = Math.floor(((col + 1) * width) / GRID_SIZE);
      let max = 0;
      for (let y = y0; y < y1; y++) {
        let index = (y * width + x0) * channels + channels - 1;
        for (let x = x0; x < x1; x++, index += channels) {
          const alpha = data[index]!;
          if (alpha > max) max = alpha;
        }
      }
      grid[row * GRID_SIZE + col] = max / 255;
    }
  }
  return grid;
}

/**
 * MNIST's own recipe: crop to the ink's bounding box, scale it (aspect kept, area-averaged so thin
 * strokes stay grey instead of vanishing) to fit a 20×20 box, then place that box in the 28×28
 * grid so its centre of mass sits at the centre. The same digit drawn anywhere, at any size,
 * gives (nearly) the same grid. An empty image gives all zeros.
 */
export function mnistGrid(image: AlphaImage): Float32Array {
  const { width, height } = checkImage(image);
  const channels = image.channels ?? 4;
  const box = inkBounds(image.data, width, height, channels);
  if (!box) return new Float32Array(GRID_CELLS);

  const scale = MNIST_BOX / Math.max(box.width, box.height);
  const outWidth = Math.max(1, Math.min(MNIST_BOX, Math.round(box.width * scale)));
  const outHeight = Math.max(1, Math.min(MNIST_BOX, Math.round(box.height * scale)));

  // Separable area averaging: rows first (only the cropped columns), then columns.
  const columns = areaWeights(box.width, outWidth);
  const rows = areaWeights(box.height, outHeight);
  const horizontal = new Float32Array(box.height * outWidth);
  for (let y = 0; y < box.height; y++) {
    const rowStart = ((box.top + y) * width + box.left) * channels + channels - 1;
    for (let ox = 0; ox < outWidth; ox++) {
      const { first, weights } = columns[ox]!;
      let sum = 0;
      for (let k = 0; k < weights.length; k++) {
        sum += image.data[rowStart + (first + k) * channels]! * weights[k]!;
      }
      horizontal[y * outWidth + ox] = sum / 255;
    }
  }
  const scaled = new Float32Array(outWidth * outHeight);
  for (let oy = 0; oy < outHeight; oy++) {
    const { first, weights } = rows[oy]!;
    for (let ox = 0; ox < outWidth; ox++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += horizontal[(first + k) * outWidth + ox]! * weights[k]!;
      scaled[oy * outWidth + ox] = Math.min(1, sum);
    }
  }
  return centreByMass(scaled, outWidth, outHeight);
}

interface Bounds {
  left: number;
  top: number;
  width: number;
  height: number;
}

function inkBounds(data: ArrayLike<number>, width: number, height: number, channels: number): Bounds | undefined {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    let index = y * width * channels + channels - 1;
    for (let x = 0; x < width; x++, index += channels) {
      if (data[index]! > INK_THRESHOLD) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  if (right < 0) return undefined;
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

interface AreaWeights {
  first: number;
  weights: Float64Array;
}

/**
 * For each of `outLength` output cells, the source cells it covers and the fraction of the output
 * cell each one fills (weights sum to 1). Handles both shrinking and enlarging.
 */
function areaWeights(inLength: number, outLength: number): AreaWeights[] {
  const span = inLength / outLength;
  const result: AreaWeights[] = [];
  for (let o = 0; o < outLength; o++) {
    const start = o * span;
    const end = start + span;
    const first = Math.floor(start);
    const last = Math.min(inLength - 1, Math.ceil(end) - 1);
    const weights = new Float64Array(last - first + 1);
    for (let i = first; i <= last; i++) {
      weights[i - first] = (Math.min(end, i + 1) - Math.max(start, i)) / span;
    }
    result.push({ first, weights });
  }
  return result;
}

function checkImage(image: AlphaImage): { width: number; height: number } {
  const { width, height } = image;
  const channels = image.channels ?? 4;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < GRID_SIZE || height < GRID_SIZE) {
    throw new RangeError(`image must be at least ${GRID_SIZE}×${GRID_SIZE} whole pixels, got ${width}×${height}`);
  }
  if (image.data.length < width * height * channels) {
    throw new RangeError(
      `image data holds ${image.data.length} values, ${width}×${height}×${channels} = ${width * height * channels} needed`,
    );
  }
  return { width, height };
}
