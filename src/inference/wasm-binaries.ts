/**
 * The wasm backend's binaries, by tfjs's name for them: the package's copies (named here as
 * asset-urls.ts explains) or the page's directory (wasm-directory.ts). Apart from the wasm
 * backend's code so the local classifier can tell, before importing it, whether a binary it
 * remembers running is still one of these (wasm-memory.ts).
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

export type WasmBinaryName = keyof typeof BUNDLED_WASM_URLS;

/** The binaries by tfjs's name for them, as tfjs's `setWasmPaths` takes them. */
export function wasmFiles(): Record<WasmBinaryName, string> {
  const directory = wasmDirectory();
  if (!directory) return BUNDLED_WASM_URLS;
  return { 'tfjs-backend-wasm.wasm': `${directory}tfjs-backend-wasm.wasm`, 'tfjs-backend-wasm-simd.wasm': `${directory}tfjs-backend-wasm-simd.wasm`, 'tfjs-backend-wasm-threaded-simd.wasm': `${directory}tfjs-backend-wasm-threaded-simd.wasm` };
}

/** The binary tfjs picks for these features (the same tests as tfjs's). */
export function wasmBinaryName(simd: boolean, threads: boolean): WasmBinaryName {
  return !simd ? 'tfjs-backend-wasm.wasm' : threads ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm';
}
