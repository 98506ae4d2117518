/**
 * Where the wasm backend fetches its binaries. Kept out of the lazily loaded tfjs code so a page
 * can set it before anything is downloaded, and so the default is computed from the package entry's
 * own URL (lazy chunks live one folder further down, in dist/chunks/).
 */
import { bundledWasmDirectory } from './asset-urls.ts';

let directory: string | undefined;

/**
 * Where the wasm backend fetches its binaries (`tfjs-backend-wasm.wasm`, `-simd.wasm`,
 * `-threaded-simd.wasm`). Defaults to the copies that ship with the package (see asset-urls.ts);
 * a page that hosts them elsewhere sets this before the first local classification. Has no
 * effect once the wasm backend has been initialised (tfjs allows one setting per page).
 */
export function setWasmDirectory(url: string | URL): void {
  const href = new URL(String(url), globalThis.document?.baseURI).href;
  directory = href.endsWith('/') ? href : `${href}/`;
}

/** The directory set by `setWasmDirectory`, else the package's own copies. */
export function wasmDirectory(): string {
  return directory ?? bundledWasmDirectory();
}
