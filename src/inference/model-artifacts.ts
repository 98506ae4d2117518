/**
 * Fetches a TF.js layers model (model.json and its weight shards) as plain data, with an error
 * for each way it can be wrong that names the URL and the problem, instead of tfjs's generic
 * messages. Artifacts hold no tensors, so one download per model URL serves every backend.
 */
import type { io } from '@tensorflow/tfjs-core';
import { ClassificationError, type ClassificationErrorCode } from './classification-error.ts';

const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

function modelError(url: string, code: ClassificationErrorCode, problem: string, cause?: unknown): ClassificationError {
  return new ClassificationError('model', `Could not load the model from ${url}: ${problem}`, { code, url, cause });
}

const cache = new Map<string, Promise<io.ModelArtifacts>>();

/**
 * The artifacts of the model at `url`, downloaded once per page; a failed download is forgotten
 * so the next call tries again.
 */
export function fetchModelArtifacts(url: string): Promise<io.ModelArtifacts> {
  let artifacts = cache.get(url);
  if (!artifacts) {
    artifacts = download(url);
    cache.set(url, artifacts);
    artifacts.catch(() => cache.delete(url));
  }
  return artifacts;
}

async function download(url: string): Promise<io.ModelArtifacts> {
  const json = await fetchModelJson(url);
  const manifest = json.weightsManifest as io.WeightsManifestConfig;
  const weightSpecs = manifest.flatMap((group) => group.weights);
  const paths = manifest.flatMap((group) => group.paths);
  const shards = await Promise.all(paths.map((path) => fetchShard(url, path)));
  const received = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
  const expected = weightSpecs.reduce((sum, spec) => sum + specBytes(url, spec), 0);
  if (received !== expected) {
    throw modelError(
      url,
      'model-weights',
      `the weight files hold ${received} bytes but the weights manifest describes ${expected}`,
    );
  }
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs,
    weightData: shards,
    ...(json.trainingConfig === undefined ? {} : { trainingConfig: json.trainingConfig }),
    ...(json.userDefinedMetadata === undefined ? {} : { userDefinedMetadata: json.userDefinedMetadata }),
  };
}

async function fetchModelJson(url: string): Promise<io.ModelJSON> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw modelError(url, 'model-fetch', `the request failed (${(error as Error).message})`, error);
  }
  if (!response.ok) {
    throw modelError(url, 'model-http', `the server answered ${response.status}${statusText(response)}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw modelError(url, 'model-json', `the file is not valid JSON (${(error as Error).message})`, error);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw modelError(url, 'model-format', 'the file is not a JSON object');
  }
  const record = json as Record<string, unknown>;
  if (typeof record.modelTopology !== 'object' || record.modelTopology === null) {
    throw modelError(url, 'model-format', 'model.json has no "modelTopology" (is it a TF.js layers model?)');
  }
  if (!isWeightsManifest(record.weightsManifest)) {
    throw modelError(url, 'model-format', 'model.json has no valid "weightsManifest" (a list of {paths, weights})');
  }
  return json as io.ModelJSON;
}

type WeightsGroup = io.WeightsManifestConfig[number];

function isWeightsManifest(value: unknown): value is io.WeightsManifestConfig {
  return (
    Array.isArray(value) &&
    value.every((group: unknown) => {
      const candidate = group as Partial<WeightsGroup> | null;
      return (
        typeof candidate === 'object' &&
        candidate !== null &&
        Array.isArray(candidate.paths) &&
        candidate.paths.every((path: unknown) => typeof path === 'string') &&
        Array.isArray(candidate.weights)
      );
    })
  );
}

async function fetchShard(modelUrl: string, path: string): Promise<ArrayBuffer> {
  const shardUrl = new URL(path, modelUrl).href;
  let response: Response;
  try {
    response = await fetch(shardUrl, { credentials: 'same-origin' });
  } catch (error) {
    throw modelError(modelUrl, 'model-weights', `weight file ${shardUrl} could not be fetched (${(error as Error).message})`, error);
  }
  if (!response.ok) {
    throw modelError(modelUrl, 'model-weights', `weight file ${shardUrl} answered ${response.status}${statusText(response)}`);
  }
  return response.arrayBuffer();
}

function specBytes(url: string, spec: io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = BYTES_PER_ELEMENT[dtype];
  if (bytes === undefined || !Array.isArray(spec.shape)) {
    throw modelError(url, 'model-format', `weight "${spec.name}" has an unsupported dtype or shape`);
  }
  return spec.shape.reduce((product, size) => product * size, 1) * bytes;
}

function statusText(response: Response): string {
  return response.statusText ? ` ${response.statusText}` : '';
}
