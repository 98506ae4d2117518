/**
 * What tfjs-layers needs that the page's lean runtime leaves out: every kernel of the backend,
 * tfjs's chained ops and the optimizers. Imported only for a model the lean runner does not
 * implement (src/model/digit-model.ts then imports tfjs-layers itself), so the bundled model never
 * downloads any of it.
 */
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { registerOptimizers } from '@tensorflow/tfjs-core/dist/optimizers/register_optimizers';
import type { BackendName } from './backend-preference.ts';

/** Readies `backend` (the active one) for tfjs-layers. */
export async function prepareTfjsLayers(backend: BackendName): Promise<void> {
  // The browser build leaves these out of tfjs-core (tfjs-core-inference.ts); tfjs-layers
  // deserialises a model's training config with them.
  registerOptimizers();
  // The backend's module is already loaded (tfjs-runtime.ts imported it to activate it).
  if (backend === 'cpu') await (await import('../model/cpu-backend.ts')).registerEveryCpuKernel();
  else if (backend === 'webgl') await (await import('./webgl-backend.ts')).registerEveryWebglKernel();
  else await (await import('../model/wasm-backend.ts')).registerEveryWasmKernel();
}
