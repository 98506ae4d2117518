/**
 * Kernel registration for the lean local runtime. Each backend module (wasm-backend.ts,
 * cpu-backend.ts, webgl-backend.ts) registers only the kernels the layers-model runner calls —
 * the custom-bundle pattern tfjs documents — so a page downloads a few kernels instead of a
 * backend's hundreds. A model the runner cannot run goes through tfjs-layers, which needs every
 * kernel: `registerAllKernels` adds them.
 */
import { engine, getKernel, getKernelsForBackend, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import type { BackendName } from './backend-preference.ts';

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

/** Registers every kernel of `backend` (for models only tfjs-layers can run); imported once per backend. */
export async function registerAllKernels(backend: BackendName): Promise<void> {
  for (const name of registeredHere.get(backend) ?? []) unregisterKernel(name, backend);
  registeredHere.delete(backend);
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu/dist/register_all_kernels');
  else if (backend === 'webgl') await import('@tensorflow/tfjs-backend-webgl/dist/register_all_kernels');
  else await import('@tensorflow/tfjs-backend-wasm/dist/register_all_kernels');
  // tfjs runs a kernel's setup (the wasm kernels bind their wasm functions there) only when the
  // backend initialises; kernels registered after that need it run now.
  const instance = engine().registry[backend];
  if (instance) for (const kernel of getKernelsForBackend(backend)) kernel.setupFunc?.(instance);
}
