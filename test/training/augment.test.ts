import assert from 'node:assert/strict';
import { test } from 'node:test';
import { augmentBatch, DEFAULT_AUGMENT, thicken, warp } from '../../src/training/augment.ts';
import { loadMnist } from '../../src/training/idx.ts';
import { Random } from '../../src/training/random.ts';

const set = loadMnist('t10k');
const indices = Uint32Array.from({ length: 64 }, (_, i) => i);

function ink(image: Float32Array): number {
  return image.reduce((a, b) => a + b, 0);
}

test('the same seed gives the same augmented batch; another seed a different one', () => {
  const a = new Float32Array(64 * 784);
  const b = new Float32Array(64 * 784);
  const c = new Float32Array(64 * 784);
  augmentBatch(set.images.pixels, indices, a, new Random(1));
  augmentBatch(set.images.pixels, indices, b, new Random(1));
  augmentBatch(set.images.pixels, indices, c, new Random(2));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('with probability 0 the batch is the images scaled to 0..1', () => {
  const out = new Float32Array(64 * 784);
  augmentBatch(set.images.pixels, indices, out, new Random(1), { ...DEFAULT_AUGMENT, probability: 0 });
  for (let i = 0; i < out.length; i++) assert.equal(out[i], Math.fround(set.images.pixels[i]! / 255));
});

test('augmented images stay in 0..1, keep most of their ink and differ from the originals', () => {
  const out = new Float32Array(64 * 784);
  augmentBatch(set.images.pixels, indices, out, new Random(3), { ...DEFAULT_AUGMENT, probability: 1 });
  let changed = 0;
  for (let n = 0; n < 64; n++) {
    const image = out.subarray(n * 784, (n + 1) * 784);
    const original = Float32Array.from(set.images.pixels.subarray(n * 784, (n + 1) * 784), (v) => v / 255);
    assert.ok(image.every((v) => v >= 0 && v <= 1 + 1e-6));
    assert.ok(ink(image) > 0.4 * ink(original), `image ${n} lost its ink`);
    if (image.some((v, i) => Math.abs(v - original[i]!) > 0.01)) changed++;
  }
  assert.equal(changed, 64);
});

test('the identity warp reproduces the image; a shift moves it', () => {
  const source = Float32Array.from(set.images.pixels.subarray(0, 784), (v) => v / 255);
  const same = new Float32Array(784);
  warp(source, same, { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0 });
  for (let i = 0; i < 784; i++) assert.ok(Math.abs(same[i]! - source[i]!) < 1e-6);
  const shifted = new Float32Array(784);
  warp(source, shifted, { a: 1, b: 0, c: 0, d: 1, tx: 2, ty: 0 });
  for (let y = 0; y < 28; y++) for (let x = 2; x < 28; x++) assert.ok(Math.abs(shifted[y * 28 + x]! - source[y * 28 + x - 2]!) < 1e-6);
});

test('dilation adds ink and erosion removes it', () => {
  const source = Float32Array.from(set.images.pixels.subarray(0, 784), (v) => v / 255);
  const thick = source.slice();
  thicken(thick, new Float32Array(784), 'dilate', 1);
  const thin = source.slice();
  thicken(thin, new Float32Array(784), 'erode', 0.3);
  assert.ok(ink(thick) > ink(source) * 1.2);
  assert.ok(ink(thin) < ink(source));
});
