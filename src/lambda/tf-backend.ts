/**
 * The tfjs backend for the Lambda: wasm (fast, no native addon) with cpu as the fallback when the
 * wasm binary cannot be found or instantiated — the page's backends with the page's few kernels
 * (src/model/*-backend.ts). Backends are process-wide in tfjs, so this is decided once per container.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { onceUntilFailure } from '../model/promise-cache.ts';
import { log } from './log.ts';
import { registerEveryWasmKernel, registerWasmKernels, setWasmPaths } from '../model/wasm-backend.ts';

/** Backends the Lambda can run on. */
export type LambdaBackend = 'wasm' | 'cpu';

/**
 * The wasm binary that Node uses (it always has SIMD). The build copies it next to the bundled
 * handler; when running from source the package finds it in node_modules by itself.
 */
export const WASM_FILE = 'tfjs-backend-wasm-simd.wasm';

let chosen: (() => Promise<LambdaBackend>) | undefined;

/** Registers every kernel of `backend`, which tfjs-layers needs for a model the lean runner does not implement. */
export async function registerEveryKernel(backend: LambdaBackend): Promise<void> {
  return backend === 'cpu' ? (await import('../model/cpu-backend.ts')).registerEveryCpuKernel() : registerEveryWasmKernel();
}

/**
 * Initialises `preferred` (falling back from wasm to cpu) and resolves to the backend in use.
 * Later calls return the first successful call's answer; after a failure the next call tries again.
 */
export function initBackend(preferred: LambdaBackend = 'wasm'): Promise<LambdaBackend> {
  chosen ??= onceUntilFailure(() => choose(preferred));
  return chosen();
}

async function choose(preferred: LambdaBackend): Promise<LambdaBackend> {
  if (preferred === 'wasm') {
    registerWasmKernels();
    const bundled = new URL(`./${WASM_FILE}`, import.meta.url);
    if (bundled.protocol === 'file:' && existsSync(fileURLToPath(bundled))) {
      setWasmPaths(fileURLToPath(new URL('./', bundled)));
    }
    try {
      if (await tf.setBackend('wasm')) return 'wasm';
    } catch {
      // Reported below as a fallback; tfjs already warned with the cause.
    }
    log('warn', 'wasm backend unavailable, using cpu');
  }
  // Imported only now: the cpu backend's code would otherwise be parsed at every cold start.
  (await import('../model/cpu-backend.ts')).registerCpuKernels();
  if (!(await tf.setBackend('cpu'))) throw new Error('no tfjs backend could be initialised');
  return 'cpu';
}
