import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { accuracy, canvasGrids, notDigitShare, predictLabels } from '../../src/training/evaluation.ts';
import { loadMnist, pairMnist } from '../../src/training/idx.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

const full = loadMnist('t10k');
const few = pairMnist({ ...full.images, count: 20, pixels: full.images.pixels.subarray(0, 20 * 784) }, full.labels.subarray(0, 20));

before(async () => {
  await useWasmBackend();
});

function centreOfMass(grid: Float32Array): [number, number] {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < 784; i++) {
    mass += grid[i]!;
    sx += grid[i]! * ((i % 28) + 0.5);
    sy += grid[i]! * (Math.floor(i / 28) + 0.5);
  }
  return [sx / mass, sy / mass];
}

test('canvas digits reduced in mnist mode come back centred; in grid mode they land where drawn', () => {
  const mnist = canvasGrids(few, 'mnist', 5);
  const grid = canvasGrids(few, 'grid', 5);
  let offCentre = 0;
  for (let n = 0; n < 20; n++) {
    const [x, y] = centreOfMass(mnist.subarray(n * 784, (n + 1) * 784));
    assert.ok(Math.abs(x - 14) <= 1 && Math.abs(y - 14) <= 1, `digit ${n} centred at ${x},${y}`);
    const [gx, gy] = centreOfMass(grid.subarray(n * 784, (n + 1) * 784));
    if (Math.hypot(gx - 14, gy - 14) > 2) offCentre++;
  }
  assert.ok(offCentre > 5, 'random placement shows in grid mode');
  assert.deepEqual(canvasGrids(few, 'mnist', 5), mnist, 'the same seed draws the same canvases');
});

test('predictLabels classifies in batches and frees its tensors', async () => {
  // A fixed linear model whose argmax is known: class = which third of the rows holds the most ink.
  const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, useBias: false })] });
  const kernel = new Float32Array(784 * 10);
  for (let i = 0; i < 784; i++) kernel[i * 10 + Math.min(2, Math.floor(Math.floor(i / 28) / 10))] = 1;
  model.layers[1]!.setWeights([tf.tensor2d(kernel, [784, 10])]);
  const grids = new Float32Array(7 * 784);
  const expected = [0, 1, 2, 2, 1, 0, 1];
  expected.forEach((label, n) => grids.fill(1, n * 784 + label * 280, n * 784 + label * 280 + 28));
  const before = tf.memory().numTensors;
  const labels = await predictLabels(model, grids, 3);
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual([...labels], expected);
  assert.equal(accuracy(labels, expected), 1);
  assert.equal(accuracy([0, 0], [0, 1]), 0.5);
  model.dispose();
});

test('a grid read as "not a digit" keeps its most probable digit as its label, and notDigitShare counts it', async () => {
  const model = tfl.sequential({
    layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 11, activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' })],
  });
  const bias = new Float32Array(11);
  bias[3] = 2;
  bias[10] = 4;
  const [kernel] = model.layers[1]!.getWeights();
  const biasTensor = tf.tensor1d(bias);
  model.layers[1]!.setWeights([kernel!, biasTensor]);
  biasTensor.dispose();
  const grids = new Float32Array(2 * 784);
  assert.deepEqual(Array.from(await predictLabels(model, grids)), [3, 3]);
  assert.equal(await notDigitShare(model, grids), 1);
  model.dispose();
});
