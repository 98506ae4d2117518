import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number;

before(async () => {
  await useWasmBackend();
});

function randomValues(size: number, random: Random): Float32Array {
  return Float32Array.from({ length: size }, () => random.uniform(-1, 1));
}

/** Both conv gradients of Σ conv(x, w)² on one backend. */
async function convGrads(backend: string, x: Float32Array, xShape: Shape4, w: Float32Array, wShape: Shape4, strides: number, pad: Pad) {
  await tf.setBackend(backend);
  const [dx, dw] = tf.tidy(() => {
    const grads = tf.grads((a: tf.Tensor, f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, strides, pad))));
    return grads([tf.tensor4d(x, xShape), tf.tensor4d(w, wShape)]);
  });
  const out = { dx: (await dx!.data()) as Float32Array, dw: (await dw!.data()) as Float32Array };
  tf.dispose([dx!, dw!]);
  return out;
}

function relativeError(expected: Float32Array, actual: Float32Array): number {
  assert.equal(actual.length, expected.length);
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    num += (expected[i]! - actual[i]!) ** 2;
    den += expected[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

const cases: Array<{ x: Shape4; w: Shape4; strides: number; pad: Pad }> = [
  { x: [4, 9, 9, 3], w: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { x: [4, 9, 9, 3], w: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { x: [2, 12, 10, 1], w: [5, 5, 1, 8], strides: 1, pad: 'valid' },
  { x: [3, 8, 8, 4], w: [4, 2, 4, 3], strides: 1, pad: 'same' },
  { x: [2, 7, 7, 6], w: [3, 3, 6, 2], strides: 1, pad: 1 },
  { x: [2, 10, 11, 2], w: [5, 5, 2, 4], strides: 2, pad: 'same' },
  { x: [2, 10, 11, 2], w: [3, 3, 2, 4], strides: 2, pad: 'valid' },
];

for (const c of cases) {
  test(`wasm conv gradients match the cpu backend: x ${c.x} w ${c.w} stride ${c.strides} pad ${c.pad}`, async () => {
    const random = new Random(c.x.reduce((a, b) => a * 31 + b, 7));
    const x = randomValues(c.x.reduce((a, b) => a * b), random);
    const w = randomValues(c.w.reduce((a, b) => a * b), random);
    const cpu = await convGrads('cpu', x, c.x, w, c.w, c.strides, c.pad);
    const wasm = await convGrads('wasm', x, c.x, w, c.w, c.strides, c.pad);
    assert.ok(relativeError(cpu.dw, wasm.dw) < 1e-4, `filter gradient error ${relativeError(cpu.dw, wasm.dw)}`);
    assert.ok(relativeError(cpu.dx, wasm.dx) < 1e-4, `input gradient error ${relativeError(cpu.dx, wasm.dx)}`);
  });
}

test('wasm Tile matches the cpu backend, including broadcasting a per-channel vector', async () => {
  const random = new Random(3);
  const specs: Array<{ shape: number[]; reps: number[] }> = [
    { shape: [1, 1, 1, 5], reps: [4, 3, 2, 1] },
    { shape: [2, 3, 4], reps: [3, 1, 2] },
    { shape: [3], reps: [4] },
    { shape: [2, 1, 3], reps: [1, 5, 1] },
  ];
  for (const { shape, reps } of specs) {
    const values = randomValues(shape.reduce((a, b) => a * b), random);
    const results: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const tiled = tf.tidy(() => tf.tile(tf.tensor(values, shape), reps));
      assert.deepEqual(tiled.shape, shape.map((d, i) => d * reps[i]!));
      results.push((await tiled.data()) as Float32Array);
      tiled.dispose();
    }
    assert.deepEqual(results[1], results[0], `tile ${shape} by ${reps}`);
  }
  await tf.setBackend('wasm');
  const ints = tf.tile(tf.tensor1d([1, 2], 'int32'), [3]);
  assert.deepEqual([...(await ints.data())], [1, 2, 1, 2, 1, 2]);
  ints.dispose();
});

test('the gradient kernels free every intermediate buffer they allocate', async () => {
  await tf.setBackend('wasm');
  const x = tf.randomUniform([2, 9, 9, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomUniform([3, 3, 3, 4], -1, 1, 'float32', 2) as tf.Tensor4D;
  const step = () => {
    const [dx, dw] = tf.grads((a: tf.Tensor, f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 'same'))))([x, w]);
    tf.dispose([dx!, dw!]);
  };
  step();
  const tensors = tf.memory().numTensors;
  const buffers = tf.engine().backend.numDataIds();
  for (let i = 0; i < 3; i++) step();
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(tf.engine().backend.numDataIds(), buffers);
  tf.dispose([x, w]);
});

test('NCHW data is refused with a clear error rather than computed wrongly', async () => {
  await tf.setBackend('wasm');
  const x = tf.zeros([1, 2, 6, 6]) as tf.Tensor4D;
  const dy = tf.zeros([1, 3, 4, 4]) as tf.Tensor4D;
  assert.throws(
    () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] }),
    /supports only NHWC/,
  );
  tf.dispose([x, dy]);
});

test('wasm MaxPoolGrad matches the cpu backend, ties and padding included', async () => {
  const random = new Random(11);
  const specs: Array<{ shape: Shape4; size: number; stride: number; pad: 'same' | 'valid' }> = [
    { shape: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
    { shape: [2, 7, 9, 2], size: 3, stride: 2, pad: 'same' },
    { shape: [1, 6, 6, 4], size: 3, stride: 1, pad: 'valid' },
  ];
  for (const { shape, size, stride, pad } of specs) {
    // Values on a coarse lattice so windows contain ties.
    const values = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => Math.round(random.uniform(-2, 2)));
    const results: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const dx = tf.tidy(() => {
        // Weighting each pooled value differently makes a misrouted gradient visible.
        const pooled = (x: tf.Tensor4D) => tf.maxPool(x, size, stride, pad);
        const probe = pooled(tf.tensor4d(values, shape));
        const weights = tf.reshape(tf.range(1, 1 + probe.size), probe.shape);
        return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(pooled(x as tf.Tensor4D), weights)))(tf.tensor4d(values, shape));
      });
      results.push((await dx.data()) as Float32Array);
      dx.dispose();
    }
    assert.deepEqual(results[1], results[0], `maxPool ${size}/${stride} ${pad} on ${shape}`);
  }
});
