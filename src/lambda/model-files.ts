/**
 * Where the Lambda's model files are and how Node reads them: from the file system, or over
 * http(s) with a timeout. Parsing and checking them is src/model's job (model-artifacts.ts).
 */

import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fetchModelFile, fileName, ModelLoadError, type ModelFiles } from '../model/model-artifacts.ts';

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
      throw new ModelLoadError('model-fetch', `model location is not a valid URL: ${value}`);
    }
    if (!['file:', 'https:', 'http:'].includes(url.protocol)) {
      throw new ModelLoadError('model-fetch', `model location must be https:, http: or file:, got ${url.protocol}`);
    }
  } else {
    if (value === '') throw new ModelLoadError('model-fetch', 'model location is empty');
    const path = isAbsolute(value) ? value : resolve(cwd, value);
    url = pathToFileURL(path);
    if (value.endsWith('/')) url = new URL('./', url);
  }
  return url.pathname.endsWith('/') ? new URL('model.json', url) : url;
}

/** The model at `modelUrl` (see `toModelUrl`), for `loadModelArtifacts`; messages name files, never paths. */
export function modelFiles(modelUrl: URL): ModelFiles {
  return { url: modelUrl, read: readBytes };
}

async function readBytes(url: URL): Promise<ArrayBuffer | Uint8Array> {
  if (url.protocol !== 'file:') return fetchModelFile(url, { timeoutMs: FETCH_TIMEOUT_MS });
  try {
    return await readFile(fileURLToPath(url));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelLoadError(
      'model-fetch',
      code === 'ENOENT' ? `${fileName(url)} not found` : `${fileName(url)} could not be read (${code ?? error})`,
      { cause: error },
    );
  }
}
