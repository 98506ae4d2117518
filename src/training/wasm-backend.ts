/**
 * Puts TensorFlow.js on the wasm backend in Node, ready to train. Node cannot fetch the .wasm
 * binaries by URL, so their directory in node_modules is given as a plain path (with a trailing
 * slash: the backend appends the file name). Multithreading needs Workers and COOP, so the
 * single-threaded SIMD binary is used.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-layers' Node bundle registers every gradient of tfjs-core (core's own registration module
// cannot be imported from Node: its ESM uses extensionless and directory imports).
import '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { registerWasmTrainingKernels } from './wasm-training-kernels.ts';

let pathsSet = false;

/** Directory holding tfjs-backend-wasm's .wasm binaries, with a trailing slash. */
export function wasmBinaryDir(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;
}

/** Makes wasm the active backend (with the training kernel registered); idempotent. */
export async function useWasmBackend(): Promise<void> {
  registerWasmTrainingKernels();
  if (!pathsSet) {
    setWasmPaths(wasmBinaryDir());
    pathsSet = true;
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to initialise');
  await tf.ready();
}
