/**
 * The page's wasm backend: the lean one (src/model/wasm-backend.ts) with its binaries fetched from
 * where wasm-binaries.ts says. Imported by tfjs-runtime.ts the first time wasm is tried.
 */
import { env } from '@tensorflow/tfjs-core';
import { registerWasmKernels, setWasmPaths } from '../model/wasm-backend.ts';
import { wasmBinaryName, wasmFiles } from './wasm-binaries.ts';

/** The URL of the binary tfjs picks here (by its own feature tests). */
export async function chosenWasmBinaryUrl(): Promise<string> {
  const [simd, threads] = await Promise.all([env().getAsync('WASM_HAS_SIMD_SUPPORT'), env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')]);
  return wasmFiles()[wasmBinaryName(simd === true, threads === true)];
}

/**
 * Fetches the binary tfjs will pick here into the HTTP cache, so the backend's initialisation,
 * which holds every tfjs step, does not wait on the network.
 */
export async function prefetchWasmBinary(): Promise<void> {
  const response = await fetch(await chosenWasmBinaryUrl(), { credentials: 'same-origin' });
  await response.arrayBuffer();
}

registerWasmKernels();
setWasmPaths(wasmFiles());
