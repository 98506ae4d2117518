/**
 * The page's wasm backend: the lean one (src/model/wasm-backend.ts) with its binaries fetched from
 * the package's copies or wherever the page said (wasm-directory.ts). Imported by tfjs-runtime.ts
 * the first time wasm is tried.
 */
import { registerWasmKernels, setWasmPaths } from '../model/wasm-backend.ts';
import { wasmFiles } from './wasm-directory.ts';

registerWasmKernels();
setWasmPaths(wasmFiles());
