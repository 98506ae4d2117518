/**
 * What tfjs-layers needs that the page's lean runtime leaves out: every kernel of the backend,
 * tfjs's chained ops and the optimizers. Imported only for a model the lean runner does not
 * implement (src/model/digit-model.ts then imports tfjs-layers itself), so the bundled model never
 * downloads any of it.
 */
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { registerOptimizers } from '@tensorflow/tfjs-core/dist/optimizers/register_optimizers';
import type { BackendName } from './backend-preference.ts';
import { registerAllKernels } from './backend-kernels.ts';

/** Readies `backend` (the active one) for tfjs-layers. */
export async function prepareTfjsLayers(backend: BackendName): Promise<void> {
  // The browser build leaves these out of tfjs-core (tfjs-core-inference.ts); tfjs-layers
  // deserialises a model's training config with them.
  registerOptimizers();
  await registerAllKernels(backend);
}
