/**
 * A tfjs IOHandler that reads a layers model (`model.json` + weight shards) from the file system
 * or over http(s), for Node where tfjs's browser loaders do not apply. Every weight group's byte
 * count is checked against its manifest before tfjs sees it, so a truncated or mismatched shard
 * fails loudly with the file named instead of producing a model that answers nonsense.
 */

import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

/** Thrown when the model files cannot be read or do not agree with their manifest. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/**
 * How long one http(s) download of a model file may take: well inside Lambda's 10 s init phase
 * and the function's 10 s timeout, so a stalled download ends in a 503 rather than a timeout.
 */
const FETCH_TIMEOUT_MS = 5_000;

/**
 * Parses a model location: an `https:`, `http:` or `file:` URL, or a file path (relative to
 * `cwd`). A directory-like value (ending in `/`) means its `model.json`.
 */
export function toModelUrl(location: string, cwd = process.cwd()): URL {
  const value = location.trim();
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    try {
      url = new URL(value);
    } catch {
      throw new ModelLoadError(`model location is not a valid URL: ${value}`);
    }
    if (!['file:', 'https:', 'http:'].includes(url.protocol)) {
      throw new ModelLoadError(`model location must be https:, http: or file:, got ${url.protocol}`);
    }
  } else {
    if (value === '') throw new ModelLoadError('model location is empty');
    const path = isAbsolute(value) ? value : resolve(cwd, value);
    url = pathToFileURL(path);
    if (value.endsWith('/')) url = new URL('./', url);
  }
  return url.pathname.endsWith('/') ? new URL('model.json', url) : url;
}

/** The IOHandler for `tf.loadLayersModel`. */
export function modelFilesHandler(modelUrl: URL): tf.io.IOHandler {
  return { load: () => loadModelArtifacts(modelUrl) };
}

/** Reads and checks model.json and its weights. */
export async function loadModelArtifacts(modelUrl: URL): Promise<tf.io.ModelArtifacts> {
  const jsonBytes = await readBytes(modelUrl);
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(jsonBytes)) as tf.io.ModelJSON;
  } catch (error) {
    throw new ModelLoadError(`${fileName(modelUrl)} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof modelJson !== 'object' || modelJson === null || modelJson.modelTopology == null) {
    throw new ModelLoadError(`${fileName(modelUrl)} has no modelTopology; is it a TF.js layers model?`);
  }
  if (!Array.isArray(modelJson.weightsManifest)) {
    throw new ModelLoadError(`${fileName(modelUrl)} has no weightsManifest`);
  }
  return tf.io.getModelArtifactsForJSON(modelJson, (manifest) => loadWeights(manifest, modelUrl));
}

async function loadWeights(
  manifest: tf.io.WeightsManifestConfig,
  modelUrl: URL,
): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const [index, group] of manifest.entries()) {
    const urls = group.paths.map((path) => new URL(path, modelUrl));
    const shards = await Promise.all(urls.map(readBytes));
    const found = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
    const expected = group.weights.reduce((sum, spec) => sum + byteLength(spec), 0);
    if (found !== expected) {
      throw new ModelLoadError(
        `weights group ${index} (${urls.map(fileName).join(', ')}) holds ${found} bytes but its manifest ` +
          `describes ${expected}; the model files are truncated or do not belong together`,
      );
    }
    specs.push(...group.weights);
    parts.push(...shards);
  }
  return [specs, concatenate(parts)];
}

/** Bytes one weight occupies in its shard, taking quantization into account. */
function byteLength(spec: tf.io.WeightsManifestEntry): number {
  const elements = spec.shape.reduce((product, size) => product * size, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  switch (dtype) {
    case 'float32':
    case 'int32':
      return elements * 4;
    case 'float16':
    case 'uint16':
      return elements * 2;
    case 'uint8':
    case 'bool':
      return elements;
    default:
      throw new ModelLoadError(`weight ${spec.name} has dtype ${dtype}, which the Lambda cannot load`);
  }
}

async function readBytes(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    try {
      return await readFile(fileURLToPath(url));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ModelLoadError(
        code === 'ENOENT' ? `${fileName(url)} not found` : `${fileName(url)} could not be read (${code ?? error})`,
      );
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new ModelLoadError(`${fileName(url)} could not be downloaded: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new ModelLoadError(`${fileName(url)} could not be downloaded: HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function concatenate(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}

/** The file name only: errors may reach clients and logs, which need no paths or signed queries. */
function fileName(url: URL): string {
  return decodeURIComponent(url.pathname.split('/').pop() || url.pathname);
}
