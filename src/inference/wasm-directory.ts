/**
 * Where the wasm backend fetches its binaries. Kept out of the lazily loaded tfjs code so a page
 * can set it before anything is downloaded.
 */
import { BUNDLED_WASM_URLS } from './asset-urls.ts';

let directory: string | undefined;

/**
 * Where the wasm backend fetches its binaries: a directory holding `tfjs-backend-wasm.wasm`,
 * `tfjs-backend-wasm-simd.wasm` and `tfjs-backend-wasm-threaded-simd.wasm` of
 * @tensorflow/tfjs-backend-wasm 4.22.0 under those names (a CDN's copy of that package's `dist/`,
 * say). Defaults to the copies that ship with the package, which the page's bundler emits. Set it
 * before the first local classification: tfjs allows one setting per page.
 */
export function setWasmDirectory(url: string | URL): void {
  const href = new URL(String(url), globalThis.document?.baseURI).href;
  directory = href.endsWith('/') ? href : `${href}/`;
}

type WasmFiles = Record<keyof typeof BUNDLED_WASM_URLS, string>;

/** The binaries by tfjs's name for them, as tfjs's `setWasmPaths` takes them. */
export function wasmFiles(): WasmFiles {
  if (!directory) return BUNDLED_WASM_URLS;
  const at = directory;
  return Object.fromEntries(Object.keys(BUNDLED_WASM_URLS).map((name) => [name, `${at}${name}`])) as WasmFiles;
}
