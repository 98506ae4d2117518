/**
 * The lazily loaded tfjs: only tfjs-core and tfjs-layers, plus each backend package the first
 * time that backend is tried, so a page that classifies remotely downloads none of it and a page
 * on wasm never downloads the webgl kernels.
 */
import { bundledWasmDirectory } from './asset-urls.ts';

export type Tfjs = typeof import('@tensorflow/tfjs-core');
export type TfjsLayers = typeof import('@tensorflow/tfjs-layers');

/** The tfjs backends a local classifier can run on. */
export type BackendName = 'wasm' | 'webgl' | 'cpu';
/** The `backend` attribute: one backend first, or `auto`. */
export type BackendPreference = 'auto' | BackendName;

export const BACKEND_NAMES: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/**
 * The order `auto` tries, fastest first as measured for the digit CNN in Chromium (wasm well
 * under a millisecond, cpu a few, webgl slower for one small image because of the GPU round
 * trip, and much slower on software GL).
 */
export const AUTO_BACKEND_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl'];

/** The backends to try, in order: the preferred one first, then the rest of the auto order. */
export function backendOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'auto') return [...AUTO_BACKEND_ORDER];
  return [preference, ...AUTO_BACKEND_ORDER.filter((name) => name !== preference)];
}

export function isBackendPreference(value: unknown): value is BackendPreference {
  return value === 'auto' || BACKEND_NAMES.includes(value as BackendName);
}

export interface TfjsRuntime {
  readonly tf: Tfjs;
  readonly tfl: TfjsLayers;
}

let runtime: Promise<TfjsRuntime> | undefined;

/** Imports tfjs-core and tfjs-layers once; a failed import (say, offline) is retried next time. */
export function loadTfjs(): Promise<TfjsRuntime> {
  runtime ??= Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-layers')]).then(
    ([tf, tfl]) => ({ tf, tfl }),
    (error: unknown) => {
      runtime = undefined;
      throw error;
    },
  );
  return runtime;
}

let wasmDirectory: string | undefined;

/**
 * Where the wasm backend fetches its binaries (`tfjs-backend-wasm.wasm`, `-simd.wasm`,
 * `-threaded-simd.wasm`). Defaults to the copies that ship with the package (see asset-urls.ts);
 * a page that hosts them elsewhere sets this before the first local classification. Has no
 * effect once the wasm backend has been initialised (tfjs allows one setting per page).
 */
export function setWasmDirectory(url: string | URL): void {
  const href = new URL(String(url), globalThis.document?.baseURI).href;
  wasmDirectory = href.endsWith('/') ? href : `${href}/`;
}

const registered = new Map<BackendName, Promise<void>>();

/** Imports a backend's package, which registers it with tfjs. */
function registerBackend(name: BackendName): Promise<void> {
  let done = registered.get(name);
  if (!done) {
    done = importBackend(name);
    registered.set(name, done);
    done.catch(() => registered.delete(name));
  }
  return done;
}

async function importBackend(name: BackendName): Promise<void> {
  if (name === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else if (name === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
  } else {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmDirectory ?? bundledWasmDirectory());
  }
}

/**
 * Makes `name` the active backend, initialising it on first use. Resolves false when it cannot
 * run here (no WebGL, wasm binaries missing, …); tfjs logs the cause as a warning.
 */
export async function activateBackend(tf: Tfjs, name: BackendName): Promise<boolean> {
  if (tf.getBackend() === name && !isWebglContextLost(tf)) return true;
  // A backend that could not initialise will not later in the same page (the wasm backend even
  // refuses to retry); remembering it spares every classifier the failed downloads and warnings.
  if (unavailable.has(name)) return false;
  let ready = false;
  try {
    await registerBackend(name);
    ready = await tf.setBackend(name);
  } catch {
    ready = false;
  }
  if (!ready && !initialisedBackend(tf, name)) unavailable.add(name);
  return ready;
}

/**
 * The backend's instance if it has been initialised. (`tf.findBackend` would start initialising
 * it as a side effect, which must never happen behind the queue's back.)
 */
function initialisedBackend(tf: Tfjs, name: BackendName): unknown {
  return tf.engine().registry[name];
}

const unavailable = new Set<BackendName>();

interface WebglBackendShape {
  gpgpu?: { gl?: { isContextLost?: () => boolean } };
}

/** True when the webgl backend is initialised and its WebGL context has been lost. */
export function isWebglContextLost(tf: Tfjs): boolean {
  if (!registered.has('webgl')) return false;
  const backend = initialisedBackend(tf, 'webgl') as WebglBackendShape | undefined;
  return backend?.gpgpu?.gl?.isContextLost?.() === true;
}

/**
 * Throws away the webgl backend after its context was lost (or it failed mid-prediction) and
 * registers a fresh one, so the next `setBackend('webgl')` builds a new context instead of
 * running on a dead one. Tensors on the old backend must be disposed before calling this.
 */
export function resetWebglBackend(tf: Tfjs): void {
  const factory = tf.findBackendFactory('webgl');
  if (!factory) return;
  try {
    tf.removeBackend('webgl');
  } catch {
    // Disposing a backend on a lost context may throw; it is being replaced either way.
  }
  tf.registerBackend('webgl', factory, 2);
}
