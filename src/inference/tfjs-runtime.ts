/**
 * The tfjs backends for local classification: each backend's code is imported the first time it
 * is tried (*-backend.ts here and in src/model, with only the kernels the model needs), so a page on wasm
 * never downloads the webgl code. This module is itself part of the lazily loaded local
 * classifier; the element reaches it only through a dynamic import.
 */
import { engine, findBackendFactory, getBackend, registerBackend as registerBackendFactory, removeBackend, setBackend } from '@tensorflow/tfjs-core';
import { PromiseCache } from '../model/promise-cache.ts';
import type { BackendName } from './backend-preference.ts';

const registered = new PromiseCache<BackendName, void>();

/** Imports a backend's module, which registers the backend and its kernels with tfjs. */
function registerBackend(name: BackendName): Promise<void> {
  return registered.get(name, importBackend);
}

async function importBackend(name: BackendName): Promise<void> {
  if (name === 'cpu') (await import('../model/cpu-backend.ts')).registerCpuKernels();
  else if (name === 'webgl') await import('./webgl-backend.ts');
  else await import('./wasm-backend.ts');
}

/**
 * Downloads a backend ahead of use without initialising it: its code, and for wasm its binary
 * into the HTTP cache. Safe beside predictions, unlike initialising, during which tfjs refuses
 * every op; so `auto` downloads the fast backend here and initialises it later in the queue.
 */
export async function prefetchBackend(name: BackendName): Promise<void> {
  if (unavailable.has(name)) return;
  await registerBackend(name);
  if (name === 'wasm') await (await import('./wasm-backend.ts')).prefetchWasmBinary();
}

/** The URL of the wasm binary the wasm backend runs on here; undefined before wasm is imported. */
export async function wasmBinaryInUse(): Promise<string | undefined> {
  if (!registered.has('wasm')) return undefined;
  await registerBackend('wasm');
  return (await import('./wasm-backend.ts')).chosenWasmBinaryUrl();
}

/**
 * Makes `name` the active backend, initialising it on first use. Resolves false when it cannot
 * run here (no WebGL, wasm binaries missing, …); tfjs logs the cause as a warning.
 */
export async function activateBackend(name: BackendName): Promise<boolean> {
  if (getBackend() === name && !isWebglContextLost()) return true;
  // A backend that could not initialise will not later in the same page (the wasm backend even
  // refuses to retry); remembering it spares every classifier the failed downloads and warnings.
  if (unavailable.has(name)) return false;
  let ready = false;
  try {
    await registerBackend(name);
    ready = await setBackend(name);
  } catch {
    ready = false;
  }
  if (!ready && !initialisedBackend(name)) unavailable.add(name);
  return ready;
}

/**
 * The backend's instance if it has been initialised. (`findBackend` would start initialising
 * it as a side effect, which must never happen behind the queue's back.)
 */
function initialisedBackend(name: BackendName): unknown {
  return engine().registry[name];
}

const unavailable = new Set<BackendName>();

interface WebglBackendShape {
  gpgpu?: { gl?: { isContextLost?: () => boolean } };
}

/** True when the webgl backend is initialised and its WebGL context has been lost. */
export function isWebglContextLost(): boolean {
  if (!registered.has('webgl')) return false;
  const backend = initialisedBackend('webgl') as WebglBackendShape | undefined;
  return backend?.gpgpu?.gl?.isContextLost?.() === true;
}

/**
 * Throws away the webgl backend after its context was lost (or it failed mid-prediction) and
 * registers a fresh one, so the next `setBackend('webgl')` builds a new context instead of
 * running on a dead one. Tensors on the old backend must be disposed before calling this.
 */
export function resetWebglBackend(): void {
  const factory = findBackendFactory('webgl');
  if (!factory) return;
  try {
    removeBackend('webgl');
  } catch {
    // Disposing a backend on a lost context may throw; it is being replaced either way.
  }
  registerBackendFactory('webgl', factory, 2);
}
