/**
 * The deployed Lambda entry point (`handler.handler`, ESM, nodejs24.x): configuration from the
 * environment, the model deployed next to this file unless `MODEL_URL` says otherwise.
 */

import { configFromEnv } from './config.ts';
import { createModelService } from './model-service.ts';
import { createPredictHandler } from './predict-handler.ts';

const config = configFromEnv(process.env, new URL('./model/model.json', import.meta.url));
const models = createModelService(config.modelLocation, config.backend);

export const handler = createPredictHandler({ config, models });

// Load during the init phase, which runs before the first request is timed. A failure here is
// not fatal: the first request retries the load and answers 503 with the reason if it fails again.
const initStarted = performance.now();
try {
  const model = await models.get();
  const ms = Math.round(performance.now() - initStarted);
  // `runtime` says which code runs the model: `lean` (the page's runner) or `tfjs-layers`.
  console.log(JSON.stringify({ level: 'info', msg: 'model loaded', backend: model.backend, runtime: model.runtime, ms }));
} catch (error) {
  console.warn(JSON.stringify({ level: 'warn', msg: 'model not loaded at init', error: (error as Error).message }));
}
