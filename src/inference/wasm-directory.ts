/**
 * Where the wasm backend fetches its binaries. Kept out of the lazily loaded tfjs code so a page
 * can set it before anything is downloaded (the binaries' own URLs are in that code). Held on the
 * global object, not in this module: the script-tag entry carries its own copy of this module
 * beside the one its lazy chunks import, and both must read the page's one setting.
 */
const DIRECTORY = Symbol.for('digit-canvas.wasm-directory');
const registry = globalThis as { [DIRECTORY]?: string };

/**
 * Where the wasm backend fetches its binaries: a directory holding `tfjs-backend-wasm.wasm`,
 * `tfjs-backend-wasm-simd.wasm` and `tfjs-backend-wasm-threaded-simd.wasm` of
 * @tensorflow/tfjs-backend-wasm 4.22.0 under those names (a CDN's copy of that package's `dist/`,
 * say). Defaults to the copies that ship with the package, which the page's bundler emits. Set it
 * before the first local classification: tfjs allows one setting per page.
 */
export function setWasmDirectory(url: string | URL): void {
  const href = new URL(String(url), globalThis.document?.baseURI).href;
  registry[DIRECTORY] = href.endsWith('/') ? href : `${href}/`;
}

/** The directory set by `setWasmDirectory`, if any (ends with a slash). */
export function wasmDirectory(): string | undefined {
  return registry[DIRECTORY];
}
