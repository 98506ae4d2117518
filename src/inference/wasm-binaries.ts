/**
 * Where the wasm backend's binaries are: the package's copies (named here as asset-urls.ts
 * explains) or wherever the page said (wasm-directory.ts). Part of the local classifier's code:
 * the wasm backend module hands them to tfjs, and `auto` asks whether one is already cached.
 */
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

/** tfjs's names for its binaries. */
export type WasmBinaryName = keyof typeof BUNDLED_WASM_URLS;

/** The binaries by tfjs's name for them, as tfjs's `setWasmPaths` takes them. */
export function wasmFiles(): Record<WasmBinaryName, string> {
  const directory = wasmDirectory();
  if (!directory) return BUNDLED_WASM_URLS;
  const names = Object.keys(BUNDLED_WASM_URLS) as WasmBinaryName[];
  return Object.fromEntries(names.map((name) => [name, `${directory}${name}`])) as Record<WasmBinaryName, string>;
}

/** The binary tfjs picks for the features it finds (the same rule as tfjs-backend-wasm's). */
export function wasmBinaryName(simd: boolean, threads: boolean): WasmBinaryName {
  return !simd ? 'tfjs-backend-wasm.wasm' : threads ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm';
}

/**
 * True when the binary this page most likely runs (SIMD; threaded when cross-origin isolated)
 * is in the HTTP cache already: a repeat visit, where wasm starts as quickly as cpu. Asked with
 * `only-if-cached`, so nothing is downloaded; that works only for a same-origin binary, so one
 * on another origin (a CDN) counts as not cached.
 */
export async function wasmBinaryCached(): Promise<boolean> {
  const url = new URL(wasmFiles()[wasmBinaryName(true, globalThis.crossOriginIsolated === true)], globalThis.document?.baseURI);
  if (url.origin !== globalThis.location?.origin) return false;
  try {
    const response = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin', credentials: 'same-origin' });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
