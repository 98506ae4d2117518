/**
 * The deployed Lambda entry point (`handler.handler`, ESM, nodejs24.x): configuration from the
 * environment, the model deployed next to this file unless `MODEL_URL` says otherwise.
 */

import { configFromEnv } from './config.ts';
import { createModelService } from './model-service.ts';
import { log } from './log.ts';
import { createPredictHandler } from './predict-handler.ts';

const config = configFromEnv(process.env, new URL('./model/model.json', import.meta.url));
const models = createModelService(config.modelLocation, config.backend);

export const handler = createPredictHandler({ config, models });

// Load during the init phase, which runs before the first request is timed. A failure here is
// not fatal: the first request retries the load and answers 503 (the reason goes to the log) if it fails again.
const initStarted = performance.now();
try {
  const model = await models.get();
  const ms = Math.round(performance.now() - initStarted);
  // `runtime` says which code runs the model: `lean` (the page's runner) or `tfjs-layers`.
  log('info', 'model loaded', { backend: model.backend, runtime: model.runtime, ms });
} catch (error) {
  log('warn', 'model not loaded at init', { error: (error as Error).message });
}
