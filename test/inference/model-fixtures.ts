/**
 * Test models served from blob: URLs (real fetches, no server needed): a small random CNN with
 * the digit model's shapes, one with the wrong input shape, and broken model files.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

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
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  const { modelTopology, weightSpecs, weightData } = artifacts!;
  const weights = blobUrl(weightData as ArrayBuffer, 'application/octet-stream');
  const json = {
    modelTopology,
    format: 'layers-model',
    weightsManifest: [{ paths: [weightsPath ?? weights], weights: weightSpecs }],
  };
  return blobUrl(JSON.stringify(json), 'application/json');
}

/** A small random CNN with the digit model's shapes: [null,28,28,1] in, softmax [null,10] out. */
export function randomDigitModel(inputShape: number[] = [28, 28, 1], seed = 1): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape, filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }));
  return model;
}

export async function randomModelUrl(seed = 1): Promise<string> {
  return withCpu(async () => serve(randomDigitModel([28, 28, 1], seed)));
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
