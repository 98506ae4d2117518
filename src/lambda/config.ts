/**
 * The handler's configuration, read from the Lambda environment once per container:
 * `MODEL_URL` (where model.json is; default: the model deployed next to the handler),
 * `ALLOWED_ORIGINS` and `ALLOW_CREDENTIALS` (CORS), `TFJS_BACKEND` (`wasm`, the default, or `cpu`).
 */

import { parseCorsPolicy, type CorsPolicy } from './cors.ts';
import { log } from './log.ts';
import type { LambdaBackend } from './tf-backend.ts';

export interface HandlerConfig {
  /** model.json as a URL or path; parsed when the model loads, so a bad value answers 503. */
  readonly modelLocation: string;
  readonly cors: CorsPolicy;
  readonly backend: LambdaBackend;
}

export function configFromEnv(env: NodeJS.ProcessEnv, defaultModel: URL): HandlerConfig {
  const backend = env.TFJS_BACKEND?.trim().toLowerCase() || 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') {
    log('warn', `TFJS_BACKEND=${backend} is not wasm or cpu; using wasm`);
  }
  return {
    modelLocation: env.MODEL_URL?.trim() || defaultModel.href,
    cors: parseCorsPolicy(env.ALLOWED_ORIGINS, env.ALLOW_CREDENTIALS),
    backend: backend === 'cpu' ? 'cpu' : 'wasm',
  };
}
