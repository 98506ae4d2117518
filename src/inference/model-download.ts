/**
 * The page's side of loading a model: model.json and its weights fetched (same-origin
 * credentials) and checked by src/model, once per model URL per page — artifacts hold no
 * tensors, so every backend shares one download; a failed download is forgotten so the next call
 * tries again. Every model problem becomes a ClassificationError naming the URL.
 */
import type { io } from '@tensorflow/tfjs-core';
import { fetchModelFile, loadModelArtifacts, ModelLoadError } from '../model/model-artifacts.ts';
import { PromiseCache } from '../model/promise-cache.ts';
import { weightFileUrl } from './asset-urls.ts';
import { ClassificationError } from './classification-error.ts';

const downloads = new PromiseCache<string, io.ModelArtifacts>();

/** The artifacts of the model at `url` (absolute), downloaded once per page. */
export function fetchModelArtifacts(url: string): Promise<io.ModelArtifacts> {
  return downloads.get(url, async () => {
    // The page names whole URLs (a weight file may live anywhere); model.json is the URL in the message already.
    const describe = (file: URL) => (file.href === url ? 'model.json' : file.href);
    try {
      return await loadModelArtifacts({
        url: new URL(url),
        describe,
        weightUrl: (path) => weightFileUrl(url, path),
        read: (file) => fetchModelFile(file, { describe, init: { credentials: 'same-origin' } }),
      });
    } catch (error) {
      throw modelError(url, error);
    }
  });
}

/** A ModelLoadError as the `model`-stage ClassificationError the element reports; other errors unchanged. */
export function modelError(url: string, error: unknown): unknown {
  if (!(error instanceof ModelLoadError)) return error;
  return new ClassificationError('model', `Could not load the model from ${url}: ${error.message}`, { code: error.code, url, cause: error });
}
