/**
 * Training throughput on one backend, in its own process (run with `node --import tsx`):
 * src/training's model (createModel) compiled as train.ts compiles it, trainOnBatch on real MNIST
 * training images (no augmentation, so only the backend is timed). Prints one JSON line:
 * { backend, batchSize, times: ms per batch }.
 * Usage: node --import tsx throughput-child.mjs <wasm|cpu> <batchSize> <warmup> <runs>
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadMnist } from '../../src/training/idx.ts';
import { createModel, NUM_CLASSES } from '../../src/training/model.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

const [backend, batchArg, warmupArg, runsArg] = process.argv.slice(2);
const batchSize = Number(batchArg);
const warmup = Number(warmupArg);
const runs = Number(runsArg);

// Registers the wasm training kernels and the cpu backend either way; then picks the backend.
await useWasmBackend();
if (backend === 'cpu' && !(await tf.setBackend('cpu'))) throw new Error('cpu backend failed');
if (tf.getBackend() !== backend) throw new Error(`asked for ${backend}, running on ${tf.getBackend()}`);

const train = loadMnist('train');
const model = createModel(42);
model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const x = new Float32Array(batchSize * 784);
const y = new Float32Array(batchSize * NUM_CLASSES);
const times = [];
for (let step = 0; step < warmup + runs; step++) {
  const offset = (step * batchSize) % (train.images.count - batchSize);
  for (let i = 0; i < batchSize * 784; i++) x[i] = train.images.pixels[offset * 784 + i] / 255;
  y.fill(0);
  for (let i = 0; i < batchSize; i++) y[i * NUM_CLASSES + train.labels[offset + i]] = 1;
  const xs = tf.tensor4d(x, [batchSize, 28, 28, 1]);
  const ys = tf.tensor2d(y, [batchSize, NUM_CLASSES]);
  const started = performance.now();
  await model.trainOnBatch(xs, ys);
  const ms = performance.now() - started;
  tf.dispose([xs, ys]);
  if (step >= warmup) times.push(ms);
  process.stderr.write(`progress ${step + 1}/${warmup + runs}\n`);
}
model.dispose();
console.log(JSON.stringify({ backend, batchSize, times }));
