/**
 * The element's one entry into inference: builds the classifier its attributes describe, loading
 * the tfjs side only when local classification can actually happen (no endpoint, or
 * fallback="local" after the endpoint failed).
 */
import type { Classifier } from './classifier.ts';
import { FallbackClassifier } from './fallback-classifier.ts';
import { RemoteClassifier } from './remote-classifier.ts';
import type { BackendPreference } from './tfjs-runtime.ts';

export interface ClassifierConfig {
  /** URL of a /predict endpoint; when set, classification is remote. */
  readonly endpoint?: string | URL | null;
  /** model.json for local classification (default: the bundled model). */
  readonly modelUrl?: string | URL | null;
  readonly backend?: BackendPreference;
  /** Endpoint timeout in ms (default 10000). */
  readonly timeout?: number;
  /** `local`: classify locally when the endpoint cannot answer (network error or 5xx). */
  readonly fallback?: 'local' | 'none';
  readonly minConfidence?: number;
}

/**
 * A classifier for `config`. Resolves at once for a remote one; for a local one, after the
 * local classifier's module (not tfjs, not the model: those load on first use or `load()`) is
 * imported. Dispose the previous classifier when the configuration changes.
 */
export async function createClassifier(config: ClassifierConfig): Promise<Classifier> {
  const local = async () => {
    const { LocalClassifier } = await import('./local-classifier.ts');
    return new LocalClassifier({
      ...(config.modelUrl ? { modelUrl: config.modelUrl } : {}),
      ...(config.backend ? { backend: config.backend } : {}),
      ...(config.minConfidence === undefined ? {} : { minConfidence: config.minConfidence }),
    });
  };
  if (!config.endpoint) return local();
  const remote = new RemoteClassifier({
    endpoint: config.endpoint,
    ...(config.timeout === undefined ? {} : { timeout: config.timeout }),
    ...(config.minConfidence === undefined ? {} : { minConfidence: config.minConfidence }),
  });
  return config.fallback === 'local' ? new FallbackClassifier(remote, local) : remote;
}
