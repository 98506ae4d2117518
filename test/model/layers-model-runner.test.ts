/**
 * The lean runner must answer as tfjs-layers does for every model it accepts (batch norm folded
 * into the weights, activations fused), refuse the rest with UnsupportedModelError so the
 * classifier can hand them to tfjs-layers, and leave no tensors behind. Node, cpu backend.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildLayersModelRunner, UnsupportedModelError } from '../../src/model/layers-model-runner.ts';
import { savedArtifacts as artifactsOf } from './saved-artifacts.ts';

const root = new URL('../../', import.meta.url);

before(async () => {
  await tf.setBackend('cpu');
});

function committedModel(): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(new URL('model/model.json', root), 'utf8')) as tf.io.ModelJSON;
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((path) => Uint8Array.from(readFileSync(new URL(`model/${path}`, root))).buffer));
  return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((group) => group.weights), weightData: shards };
}

function mnistGrids(count: number): Float32Array[] {
  const fixture = JSON.parse(readFileSync(new URL('test/fixtures/mnist-test-digits.json', root), 'utf8')) as { digits: { pixels: number[] }[] };
  return fixture.digits.slice(0, count).map(({ pixels }) => Float32Array.from(pixels, (p) => p / 255));
}

/**
 * Largest difference between the runner's and tfjs-layers' outputs over `inputs`. Fails when the
 * reference outputs barely vary (a model that answers the same for every input proves nothing).
 */
async function largestDifference(artifacts: tf.io.ModelArtifacts, inputs: Float32Array[]): Promise<number> {
  const reference = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  const runner = buildLayersModelRunner(artifacts);
  const shape = [1, ...(reference.inputs[0]!.shape.slice(1) as number[])];
  let largest = 0;
  const seen: number[] = [];
  for (const input of inputs) {
    const output = tf.tidy(() => reference.predict(tf.tensor(input, shape)) as tf.Tensor);
    const expected = output.dataSync();
    output.dispose();
    seen.push(...expected);
    const actual = await runner.predict(input);
    assert.equal(actual.length, expected.length);
    for (let i = 0; i < expected.length; i++) largest = Math.max(largest, Math.abs(actual[i]! - expected[i]!));
  }
  runner.dispose();
  reference.dispose();
  assert.ok(Math.max(...seen) - Math.min(...seen) > 0.01, 'the reference outputs hardly vary');
  return largest;
}

/**
 * Small random weights, and random batch-norm statistics (variances positive), so folding batch
 * norm is really exercised and the softmax does not saturate into the same one-hot either way.
 */
function randomiseWeights(model: tfl.LayersModel): void {
  const variables = model.weights.map((weight) => weight.originalName);
  model.setWeights(
    model.getWeights().map((weight, i) =>
      tf.tidy(() => (variables[i]!.endsWith('moving_variance') ? tf.randomUniform(weight.shape, 0.5, 2, 'float32', i + 1) : tf.randomUniform(weight.shape, -0.2, 0.2, 'float32', i + 1))),
    ),
  );
}

test('the committed model: tfjs-layers’ probabilities on MNIST test digits, its shapes, no tensors left', async () => {
  const tensorsBefore = tf.memory().numTensors;
  const largest = await largestDifference(committedModel(), mnistGrids(20));
  assert.ok(largest < 1e-5, `largest probability difference ${largest}`);
  const runner = buildLayersModelRunner(committedModel());
  assert.deepEqual(runner.inputShape, [null, 28, 28, 1]);
  assert.deepEqual(runner.outputShape, [null, 11]);
  runner.dispose();
  assert.equal(tf.memory().numTensors, tensorsBefore, 'the runner left tensors behind');
});

test('folds batch norm after a Dense and runs Dropout, Activation and Softmax layers and an MLP input as tfjs-layers does', async () => {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [784], units: 16, useBias: false, name: 'hidden' }),
      tfl.layers.batchNormalization({ name: 'norm', epsilon: 0.01 }),
      tfl.layers.activation({ activation: 'relu', name: 'relu' }),
      tfl.layers.dropout({ rate: 0.5, name: 'drop' }),
      tfl.layers.dense({ units: 10, name: 'logits' }),
      tfl.layers.softmax({ name: 'probabilities' }),
    ],
  });
  randomiseWeights(model);
  const largest = await largestDifference(await artifactsOf(model), mnistGrids(5));
  model.dispose();
  assert.ok(largest < 1e-5, `largest difference ${largest}`);
});

test('runs convolutions with strides, same padding, relu activations and batch norm without scale or centre', async () => {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 3, kernelSize: [3, 5], strides: 2, padding: 'same', name: 'c1' }),
      tfl.layers.batchNormalization({ name: 'b1', scale: false, center: false }),
      tfl.layers.reLU({ name: 'r1' }),
      tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'p1' }),
      tfl.layers.conv2d({ filters: 4, kernelSize: 2, name: 'c2' }),
      tfl.layers.flatten({ name: 'f' }),
      // Logits, not probabilities: a near-uniform softmax would hide small errors.
      tfl.layers.dense({ units: 10, name: 'out' }),
    ],
  });
  randomiseWeights(model);
  const largest = await largestDifference(await artifactsOf(model), mnistGrids(5));
  model.dispose();
  assert.ok(largest < 1e-5, `largest difference ${largest}`);
});

test('refuses what it does not implement with UnsupportedModelError naming the layer, and leaves no tensors', async () => {
  const tensorsBefore = tf.memory().numTensors;
  const cases: [string, () => tfl.LayersModel, RegExp][] = [
    [
      'an unknown layer type',
      () =>
        tfl.sequential({
          layers: [
            tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, name: 'conv' }),
            tfl.layers.globalAveragePooling2d({ name: 'gap' }),
            tfl.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
          ],
        }),
      /gap: layer type GlobalAveragePooling2D/,
    ],
    [
      'an activation it does not fuse',
      () => tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [784], units: 10, activation: 'tanh', name: 'out' })] }),
      /out: activation tanh/,
    ],
    [
      'batch norm after the activation',
      () =>
        tfl.sequential({
          layers: [
            tfl.layers.dense({ inputShape: [784], units: 10, activation: 'relu', name: 'd' }),
            tfl.layers.batchNormalization({ name: 'late' }),
          ],
        }),
      /late: batch norm not right after/,
    ],
    [
      'a functional model',
      () => {
        const input = tfl.input({ shape: [784] });
        return tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 10 }).apply(input) as tfl.SymbolicTensor });
      },
      /a Model model|a Functional model/,
    ],
  ];
  for (const [what, make, message] of cases) {
    const model = make();
    const artifacts = await artifactsOf(model);
    model.dispose();
    assert.throws(() => buildLayersModelRunner(artifacts), (error: unknown) => error instanceof UnsupportedModelError && message.test(error.message), what);
  }
  assert.equal(tf.memory().numTensors, tensorsBefore, 'a refused model left tensors behind');
});

test('runs a batch in one call, each row as the same input run alone, and leaves no tensors', async () => {
  const tensorsBefore = tf.memory().numTensors;
  const runner = buildLayersModelRunner(committedModel());
  const grids = mnistGrids(4);
  const batch = new Float32Array(4 * 784);
  grids.forEach((grid, n) => batch.set(grid, n * 784));
  const together = await runner.predict(batch, 4);
  const classes = runner.outputShape[1]!;
  assert.equal(together.length, 4 * classes);
  for (const [n, grid] of grids.entries()) {
    const alone = await runner.predict(grid);
    alone.forEach((p, i) => assert.ok(Math.abs(together[n * classes + i]! - p) < 1e-6, `grid ${n}, output ${i}`));
  }
  runner.dispose();
  assert.equal(tf.memory().numTensors, tensorsBefore);
});

test('reads float32, float16, uint8 and uint16 weights exactly as tfjs decodes them', async () => {
  const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax' })] });
  randomiseWeights(model);
  const { modelTopology, weightSpecs, weightData } = await artifactsOf(model, { dispose: true });
  const values = Object.values(tf.io.decodeWeights(weightData!, weightSpecs!)).map((tensor) => tensor.dataSync() as Float32Array);
  const float16 = (globalThis as { Float16Array?: new (values: Float32Array) => Uint16Array }).Float16Array;
  const stored: Record<string, (v: Float32Array) => { bytes: ArrayBuffer; quantization?: tf.io.WeightsManifestEntry['quantization'] }> = {
    float32: (v) => ({ bytes: Float32Array.from(v).buffer }),
    ...(float16 ? { float16: (v: Float32Array) => ({ bytes: new float16(v).buffer as ArrayBuffer, quantization: { dtype: 'float16' as const } }) } : {}),
    uint8: (v) => quantize(v, Uint8Array, 255, 'uint8'),
    uint16: (v) => quantize(v, Uint16Array, 65535, 'uint16'),
  };
  const grid = mnistGrids(1)[0]!;
  for (const [name, store] of Object.entries(stored)) {
    const parts = values.map(store);
    const specs = weightSpecs!.map((spec, i) => ({ ...spec, ...(parts[i]!.quantization ? { quantization: parts[i]!.quantization } : {}) }));
    const joined = tf.io.concatenateArrayBuffers(parts.map((part) => part.bytes));
    // One buffer: the runner reads the bytes itself; a list of shards: it hands them to io.decodeWeights.
    const direct = buildLayersModelRunner({ modelTopology, weightSpecs: specs, weightData: joined });
    const viaTfjs = buildLayersModelRunner({ modelTopology, weightSpecs: specs, weightData: [joined] });
    assert.deepEqual(await direct.predict(grid), await viaTfjs.predict(grid), name);
    direct.dispose();
    viaTfjs.dispose();
  }
});

function quantize(values: Float32Array, Stored: typeof Uint8Array | typeof Uint16Array, levels: number, dtype: 'uint8' | 'uint16') {
  const min = Math.min(...values);
  const scale = (Math.max(...values) - min) / levels;
  return { bytes: Stored.from(Array.from(values, (v) => Math.round((v - min) / scale))).buffer as ArrayBuffer, quantization: { dtype, min, scale } };
}
