/**
 * Test models served from blob: URLs (real fetches, no server needed): a small random CNN with
 * the digit model's shapes, one with the wrong input shape, the bundled model with its
 * not-a-digit output forced, and broken model files.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { savedArtifacts } from '../model/saved-artifacts.ts';

const urls: string[] = [];

function blobUrl(body: BlobPart, type: string): string {
  const url = URL.createObjectURL(new Blob([body], { type }));
  urls.push(url);
  return url;
}

/** Revokes every blob URL made so far. */
export function revokeFixtureUrls(): void {
  for (const url of urls.splice(0)) URL.revokeObjectURL(url);
}

/** Saves a layers model as model.json + one weight file on blob URLs; returns the model.json URL. */
async function serve(model: tfl.LayersModel, weightsPath?: string): Promise<string> {
  const { modelTopology, weightSpecs, weightData } = await savedArtifacts(model, { dispose: true });
  const weights = blobUrl(weightData as ArrayBuffer, 'application/octet-stream');
  const json = {
    modelTopology,
    format: 'layers-model',
    weightsManifest: [{ paths: [weightsPath ?? weights], weights: weightSpecs }],
  };
  return blobUrl(JSON.stringify(json), 'application/json');
}

/**
 * A small random CNN with the digit model's shapes: [null,28,28,1] in, softmax [null,10] out
 * (or `outputs` out: 11 is the ten digits and not-a-digit).
 */
export function randomDigitModel(inputShape: number[] = [28, 28, 1], seed = 1, outputs = 10): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape, filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: outputs, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }));
  return model;
}

export async function randomModelUrl(seed = 1, outputs = 10): Promise<string> {
  return withCpu(async () => serve(randomDigitModel([28, 28, 1], seed, outputs)));
}

interface LayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

/**
 * The bundled model (model/model.json) as an 11-output model whose not-a-digit logit is `bias`
 * for every drawing: output 10 of the last Dense gets zero weights and that bias (appended to a
 * 10-output model, replacing an 11-output model's own). +30 makes every answer not-a-digit; −30
 * leaves not-a-digit near 0 and the digits as the bundled model reads them. Weights are written
 * back as float32.
 */
export async function bundledModelWithNotDigit(bias: number): Promise<string> {
  // A query of its own, so tests counting the bundled model's downloads do not count these.
  const base = new URL('/model/model.json?not-digit-fixture', location.href);
  const fixtureUrl = (path: string) => Object.assign(new URL(path, base), { search: base.search });
  const json = (await (await fetch(base)).json()) as { modelTopology: { config: { layers: LayerJson[] } | LayerJson[] }; weightsManifest: tf.io.WeightsManifestConfig };
  const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths).map(async (path) => new Uint8Array(await (await fetch(fixtureUrl(path))).arrayBuffer())));
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const values = await withCpu(async () => {
    const decoded = tf.io.decodeWeights(concat(shards), specs);
    const arrays = new Map<string, Float32Array>();
    for (const [name, tensor] of Object.entries(decoded)) {
      arrays.set(name, Float32Array.from(tensor.dataSync()));
      tensor.dispose();
    }
    return arrays;
  });
  const config = json.modelTopology.config;
  const layers = Array.isArray(config) ? config : config.layers;
  const dense = [...layers].reverse().find((layer) => layer.class_name === 'Dense')!;
  const name = String(dense.config['name']);
  const units = dense.config['units'] as number;
  const kernel = values.get(`${name}/kernel`)!;
  const inputs = kernel.length / units;
  const forced = new Float32Array(inputs * 11);
  for (let i = 0; i < inputs; i++) forced.set(kernel.subarray(i * units, i * units + 10), i * 11);
  const forcedBias = new Float32Array(11);
  forcedBias.set(values.get(`${name}/bias`)!.subarray(0, 10));
  forcedBias[10] = bias;
  values.set(`${name}/kernel`, forced);
  values.set(`${name}/bias`, forcedBias);
  dense.config['units'] = 11;
  const weights: tf.io.WeightsManifestEntry[] = specs.map((spec) => ({
    name: spec.name,
    dtype: 'float32',
    shape: spec.name === `${name}/kernel` ? [inputs, 11] : spec.name === `${name}/bias` ? [11] : spec.shape,
  }));
  const data = concat(weights.map((spec) => new Uint8Array(values.get(spec.name)!.buffer)));
  const url = blobUrl(data, 'application/octet-stream');
  return blobUrl(JSON.stringify({ modelTopology: json.modelTopology, format: 'layers-model', weightsManifest: [{ paths: [url], weights }] }), 'application/json');
}

function concat(parts: readonly Uint8Array[]): ArrayBuffer {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}

/**
 * A digit model the lean runner does not implement (global average pooling), so LocalClassifier
 * must run it through tfjs-layers. Returns its URL and the probabilities tfjs-layers gives for `grid`.
 */
export async function layersOnlyModel(grid: Float32Array): Promise<{ url: string; expected: Float32Array }> {
  return withCpu(async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 7 }) }),
        tfl.layers.globalAveragePooling2d({}),
        tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 8 }) }),
      ],
    });
    const output = tf.tidy(() => model.predict(tf.tensor4d(grid, [1, 28, 28, 1])) as tf.Tensor);
    const expected = (await output.data()) as Float32Array;
    output.dispose();
    return { url: await serve(model), expected };
  });
}

export async function wrongShapeModelUrl(): Promise<string> {
  return withCpu(async () => serve(randomDigitModel([32, 32, 3])));
}

/** A model.json whose weight file does not exist. */
export async function missingWeightsModelUrl(): Promise<string> {
  return withCpu(async () => serve(randomDigitModel(), new URL('/test/fixtures/no-such-weights.bin', location.href).href));
}

export function invalidJsonModelUrl(): string {
  return blobUrl('{"modelTopology": {"class_name": "Sequential", ', 'application/json');
}

/** Builds fixtures on cpu, then leaves the page with no active backend change visible to callers. */
async function withCpu<T>(build: () => Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend('cpu');
  try {
    return await build();
  } finally {
    if (previous && previous !== 'cpu') await tf.setBackend(previous);
  }
}

/** The MNIST test digits committed as a fixture, as grids in 0..1 with their labels. */
export async function mnistTestDigits(): Promise<{ label: number; grid: Float32Array }[]> {
  const response = await fetch(new URL('../fixtures/mnist-test-digits.json', import.meta.url));
  const fixture = (await response.json()) as { digits: { label: number; pixels: number[] }[] };
  return fixture.digits.map(({ label, pixels }) => ({ label, grid: Float32Array.from(pixels, (p) => p / 255) }));
}
