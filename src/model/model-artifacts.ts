/**
 * Reads a TF.js layers model — model.json and the weight files its manifest names — into tfjs
 * ModelArtifacts, checking everything that tfjs would otherwise turn into a generic error or, worse,
 * a model that answers nonsense: JSON, topology and manifest, each weight's dtype and shape, and
 * each weight group's byte count. The caller supplies how files are read (fetch in the page, the
 * file system or fetch in Node), so the page, the Lambda and training load through this one module.
 */
import { io } from '@tensorflow/tfjs-core';

/** What went wrong, for callers that react differently (the page maps these onto its error codes). */
export type ModelLoadErrorCode = 'model-fetch' | 'model-http' | 'model-json' | 'model-format' | 'model-weights' | 'model-shape';

/** The model files cannot be read, do not agree with their manifest, or are not a digit model. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
  readonly code: ModelLoadErrorCode;

  constructor(code: ModelLoadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Where a model's files are and how to read them. */
export interface ModelFiles {
  /** model.json; weight paths resolve against it unless `weightUrl` says otherwise. */
  readonly url: URL;
  /** Where a weight path named in the manifest lives, for files a bundler has renamed. */
  weightUrl?(path: string): URL;
  /** The bytes of one file; throws a ModelLoadError that names it (with `describe`) when it cannot. */
  read(url: URL): Promise<ArrayBuffer | Uint8Array>;
  /**
   * How messages name a file. Default: the file name only, as the Lambda needs (its errors reach
   * clients and logs, which need no paths or signed queries); the page names whole URLs.
   */
  describe?(url: URL): string;
}

/** Bytes per stored element of each dtype a weight (or its quantization) may have. */
const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  float16: 2,
  uint16: 2,
  uint8: 1,
  bool: 1,
};

/** The file name of `url`, the default way messages name files. */
export function fileName(url: URL): string {
  return decodeURIComponent(url.pathname.split('/').pop() || url.pathname);
}

/** Reads and checks model.json and its weights. */
export async function loadModelArtifacts(files: ModelFiles): Promise<io.ModelArtifacts> {
  const describe = (url: URL) => (files.describe ?? fileName)(url);
  const json = parseModelJson(await files.read(files.url), describe(files.url));
  return io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs: io.WeightsManifestEntry[] = [];
    const parts: Uint8Array[] = [];
    for (const [index, group] of manifest.entries()) {
      const urls = group.paths.map((path) => files.weightUrl?.(path) ?? new URL(path, files.url));
      const shards = await Promise.all(urls.map((url) => readWeights(files, url)));
      const found = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
      const expected = group.weights.reduce((sum, spec) => sum + storedBytes(spec), 0);
      if (found !== expected) {
        throw new ModelLoadError(
          'model-weights',
          `weights group ${index} (${urls.map(describe).join(', ')}) holds ${found} bytes but its manifest ` +
            `describes ${expected}; the model files are truncated or do not belong together`,
        );
      }
      specs.push(...group.weights);
      parts.push(...shards);
    }
    return [specs, concatBytes(parts).buffer as ArrayBuffer];
  });
}

/** A weight file's bytes; any failure to read it is a `model-weights` error. */
async function readWeights(files: ModelFiles, url: URL): Promise<Uint8Array> {
  try {
    return asBytes(await files.read(url));
  } catch (error) {
    if (error instanceof ModelLoadError) throw new ModelLoadError('model-weights', error.message, { cause: error });
    throw error;
  }
}

function parseModelJson(bytes: ArrayBuffer | Uint8Array, name: string): io.ModelJSON {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelLoadError('model-json', `${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ModelLoadError('model-format', `${name} is not a JSON object`);
  }
  const record = json as Record<string, unknown>;
  if (typeof record.modelTopology !== 'object' || record.modelTopology === null) {
    throw new ModelLoadError('model-format', `${name} has no modelTopology, so it is not a TF.js layers model`);
  }
  if (!isWeightsManifest(record.weightsManifest)) {
    throw new ModelLoadError('model-format', `${name} has no valid "weightsManifest" (a list of {paths, weights})`);
  }
  return json as io.ModelJSON;
}

function isWeightsManifest(value: unknown): value is io.WeightsManifestConfig {
  return (
    Array.isArray(value) &&
    value.every((group: unknown) => {
      const candidate = group as Partial<io.WeightsManifestConfig[number]> | null;
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

/** The number of values `spec` holds. */
export function elementCount(spec: io.WeightsManifestEntry): number {
  if (!Array.isArray(spec.shape) || !spec.shape.every((size) => Number.isInteger(size) && size >= 0)) {
    throw new ModelLoadError('model-format', `weight ${spec.name} has no valid shape`);
  }
  return spec.shape.reduce((product, size) => product * size, 1);
}

/** Bytes one weight occupies in its file, taking quantization into account. */
function storedBytes(spec: io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = BYTES_PER_ELEMENT[dtype];
  if (bytes === undefined) throw new ModelLoadError('model-format', `weight ${spec.name} has dtype ${dtype}, which cannot be loaded`);
  return elementCount(spec) * bytes;
}

/** The number of values the model's weights hold (tfjs-layers' `countParams()`). */
export function parameterCount(artifacts: io.ModelArtifacts): number {
  return (artifacts.weightSpecs ?? []).reduce((sum, spec) => sum + elementCount(spec), 0);
}

/** `parts` joined into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

function asBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** How one file is fetched over http(s), blob: or data: (the page, and the Lambda's http(s) MODEL_URL). */
export interface FetchOptions {
  /** Names the file in messages (default: its file name). */
  readonly describe?: (url: URL) => string;
  readonly init?: RequestInit;
  /** Gives up after this long, so a stalled download fails rather than hangs. */
  readonly timeoutMs?: number;
}

/** Fetches one model file; a failed request or a non-2xx answer is a ModelLoadError naming the file. */
export async function fetchModelFile(url: URL, options: FetchOptions = {}): Promise<ArrayBuffer> {
  const name = (options.describe ?? fileName)(url);
  let response: Response;
  try {
    const signal = options.timeoutMs === undefined ? null : AbortSignal.timeout(options.timeoutMs);
    response = await fetch(url, { ...options.init, ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new ModelLoadError('model-fetch', `${name} could not be downloaded (${(error as Error).message})`, { cause: error });
  }
  if (!response.ok) {
    const status = response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
    throw new ModelLoadError('model-http', `${name} could not be downloaded: HTTP ${status}`);
  }
  return response.arrayBuffer();
}
