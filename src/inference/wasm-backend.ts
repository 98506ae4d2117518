/**
 * The page's wasm backend: the lean one (src/model/wasm-backend.ts) with its binaries fetched from
 * the package's copies (named here as asset-urls.ts explains) or wherever the page said
 * (wasm-directory.ts). Imported by tfjs-runtime.ts the first time wasm is tried.
 */
import { env } from '@tensorflow/tfjs-core';
import { registerWasmKernels, setWasmPaths } from '../model/wasm-backend.ts';
import { inPackage } from './asset-urls.ts';
import { wasmDirectory } from './wasm-directory.ts';

/** Plain, SIMD, and threaded SIMD (which tfjs picks only on a cross-origin-isolated page). */
const BUNDLED_WASM_URLS = {
  'tfjs-backend-wasm.wasm': inPackage(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?no-inline', import.meta.url)),
  'tfjs-backend-wasm-simd.wasm': inPackage(
    new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?no-inline', import.meta.url),
  ),
  'tfjs-backend-wasm-threaded-simd.wasm': inPackage(
    new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?no-inline', import.meta.url),
  ),
};

/** The binaries by tfjs's name for them, as tfjs's `setWasmPaths` takes them. */
function wasmFiles(): Record<string, string> {
  const directory = wasmDirectory();
  if (!directory) return BUNDLED_WASM_URLS;
  return Object.fromEntries(Object.keys(BUNDLED_WASM_URLS).map((name) => [name, `${directory}${name}`]));
}

/**
 * Fetches the binary tfjs will pick here (by the same feature tests) into the HTTP cache, so the
 * backend's initialisation, which holds every tfjs step, does not wait on the network.
 */
export async function prefetchWasmBinary(): Promise<void> {
  const [simd, threads] = await Promise.all([env().getAsync('WASM_HAS_SIMD_SUPPORT'), env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')]);
  const name = !simd ? 'tfjs-backend-wasm.wasm' : threads ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm';
  const response = await fetch(wasmFiles()[name]!, { credentials: 'same-origin' });
  await response.arrayBuffer();
}

registerWasmKernels();
setWasmPaths(wasmFiles());
