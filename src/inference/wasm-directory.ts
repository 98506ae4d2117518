/**
 * Where the wasm backend fetches its binaries. Kept out of the lazily loaded tfjs code so a page
 * can set it before anything is downloaded (the binaries' own URLs are in that code).
 */
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

/** The directory set by `setWasmDirectory`, if any (ends with a slash). */
export function wasmDirectory(): string | undefined {
  return directory;
}
