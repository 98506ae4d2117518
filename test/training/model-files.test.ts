import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fromFloat16, loadModelFromDir, MODEL_JSON, saveModel, toFloat16, WEIGHTS_BIN } from '../../src/training/model-files.ts';
import { createModel, NUM_CLASSES } from '../../src/training/model.ts';
import { Random } from '../../src/training/random.ts';
import { useWasmBackend } from '../../src/training/wasm-backend.ts';

let dir: string;
let model: tfl.Sequential;
let input: tf.Tensor4D;

before(async () => {
  await useWasmBackend();
  dir = mkdtempSync(join(tmpdir(), 'model-files-'));
  model = createModel(7);
  // Give batch norm non-trivial statistics so they take part in the round trip.
  const random = new Random(5);
  for (const layer of model.layers) {
    if (layer.getClassName() === 'BatchNormalization') {
      layer.setWeights(layer.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => random.uniform(0.5, 1.5)), w.shape)));
    }
  }
  input = tf.tensor4d(Float32Array.from({ length: 4 * 784 }, () => random.next()), [4, 28, 28, 1]);
});

after(() => {
  tf.dispose(input);
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function predictions(m: tfl.LayersModel): Promise<Float32Array> {
  const out = m.predict(input) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

test('float32 files load back into a model with identical predictions', async () => {
  const target = join(dir, 'f32');
  const info = await saveModel(model, target, 'float32');
  assert.equal(info.weightBytes, model.countParams() * 4);
  assert.equal(statSync(join(target, WEIGHTS_BIN)).size, info.weightBytes);
  const loaded = await loadModelFromDir(target);
  assert.deepEqual(await predictions(loaded), await predictions(model));
  assert.deepEqual(loaded.inputs[0]!.shape, [null, 28, 28, 1]);
  assert.deepEqual(loaded.outputs[0]!.shape, [null, NUM_CLASSES]);
  loaded.dispose();
});

test('float16 files halve the weights and load back within half-precision rounding', async () => {
  const target = join(dir, 'f16');
  const info = await saveModel(model, target, 'float16');
  assert.equal(info.weightBytes, model.countParams() * 2);
  const manifest = JSON.parse(readFileSync(join(target, MODEL_JSON), 'utf8')).weightsManifest[0];
  assert.ok(manifest.weights.every((w: tf.io.WeightsManifestEntry) => w.quantization?.dtype === 'float16'));
  const loaded = await loadModelFromDir(target);
  const original = model.getWeights();
  const restored = loaded.getWeights();
  for (let i = 0; i < original.length; i++) {
    const values = (await original[i]!.data()) as Float32Array;
    const back = (await restored[i]!.data()) as Float32Array;
    for (let j = 0; j < values.length; j++) {
      assert.ok(Math.abs(back[j]! - values[j]!) <= Math.abs(values[j]!) * 2 ** -11 + 2 ** -24, `weight ${i}[${j}]`);
    }
  }
  const a = await predictions(model);
  const b = await predictions(loaded);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 2e-3);
  loaded.dispose();
});

test('uint8 files load and predict close to the float model', async () => {
  const target = join(dir, 'u8');
  const info = await saveModel(model, target, 'uint8');
  assert.equal(info.weightBytes, model.countParams());
  const loaded = await loadModelFromDir(target);
  const a = await predictions(model);
  const b = await predictions(loaded);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 0.05);
  loaded.dispose();
});

test('uint8 files written at the end of training are byte for byte its float16 files re-encoded', async () => {
  await saveModel(model, join(dir, 'u8-direct'), 'uint8');
  await saveModel(model, join(dir, 'f16-then'), 'float16');
  const halves = await loadModelFromDir(join(dir, 'f16-then'));
  await saveModel(halves, join(dir, 'u8-reencoded'), 'uint8');
  halves.dispose();
  for (const file of [WEIGHTS_BIN, MODEL_JSON]) {
    assert.ok(readFileSync(join(dir, 'u8-direct', file)).equals(readFileSync(join(dir, 'u8-reencoded', file))), file);
  }
});

test('fromFloat16 reads back exactly what toFloat16 kept', () => {
  const values = Float32Array.from([1, -2, 0.5, 65504, 2 ** -24, 1 + 2 ** -10, -0.333251953125, 0]);
  assert.deepEqual([...fromFloat16(toFloat16(values))], [...values]);
  const special = fromFloat16(Uint16Array.from([0x7c00, 0xfc00, 0x7e00]));
  assert.deepEqual([special[0], special[1]], [Infinity, -Infinity]);
  assert.ok(Number.isNaN(special[2]));
});

test('toFloat16 follows IEEE 754 half precision, rounding to nearest even', () => {
  const bits = toFloat16(Float32Array.from([1, -2, 0.5, 65504, 1e6, 2 ** -24, 2 ** -26, 1 + 2 ** -11, 1 + 3 * 2 ** -11, -0, Infinity, NaN]));
  assert.deepEqual(
    [...bits.slice(0, 11)],
    [0x3c00, 0xc000, 0x3800, 0x7bff, 0x7c00, 0x0001, 0x0000, 0x3c00, 0x3c02, 0x8000, 0x7c00],
  );
  assert.equal(bits[11]! & 0x7c00, 0x7c00);
  assert.ok((bits[11]! & 0x3ff) !== 0, 'NaN stays NaN');
});

test('a missing or foreign model.json fails with a message naming the file', async () => {
  await assert.rejects(loadModelFromDir(join(dir, 'nowhere')), /cannot read the model at .*nowhere.*model\.json/);
  const foreign = join(dir, 'foreign');
  await saveModel(model, foreign, 'float32');
  writeFileSync(join(foreign, MODEL_JSON), JSON.stringify({ hello: 'world' }));
  await assert.rejects(loadModelFromDir(foreign), /not a TF\.js layers model/);
});
