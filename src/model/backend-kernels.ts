/**
 * Kernel registration for the lean runtime of the page and the Lambda. Each backend module
 * (wasm-backend.ts and cpu-backend.ts here, src/inference/webgl-backend.ts) registers only the
 * kernels the layers-model runner calls — the custom-bundle pattern tfjs documents — so a page
 * downloads, and the Lambda bundles, a few kernels instead of a backend's hundreds. A model the
 * runner cannot run goes through tfjs-layers, which needs every kernel: `registerAllKernels` adds them.
 */
import { engine, getKernel, getKernelsForBackend, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';

/** Kernels this module registered, per backend, so the full set can replace them without warnings. */
const registeredHere = new Map<string, Set<string>>();

/**
 * Registers `configs` with tfjs, skipping any kernel already registered (a page that imported a
 * whole backend package has them all; tfjs warns on duplicates).
 */
export function registerKernels(configs: readonly KernelConfig[]): void {
  for (const config of configs) {
    if (getKernel(config.kernelName, config.backendName)) continue;
    registerKernel(config);
    let names = registeredHere.get(config.backendName);
    if (!names) registeredHere.set(config.backendName, (names = new Set()));
    names.add(config.kernelName);
  }
}

/**
 * Registers every kernel of `backend` (for models only tfjs-layers can run): `importAll` imports
 * the backend's register_all_kernels module, which each backend module names, so only the
 * backends in use are bundled.
 */
export async function registerAllKernels(backend: string, importAll: () => Promise<unknown>): Promise<void> {
  for (const name of registeredHere.get(backend) ?? []) unregisterKernel(name, backend);
  registeredHere.delete(backend);
  await importAll();
  // tfjs runs a kernel's setup (the wasm kernels bind their wasm functions there) only when the
  // backend initialises; kernels registered after that need it run now.
  const instance = engine().registry[backend];
  if (instance) for (const kernel of getKernelsForBackend(backend)) kernel.setupFunc?.(instance);
}
