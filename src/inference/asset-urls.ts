/**
 * Where the files that ship with the package (the model, the wasm binaries) live, found relative
 * to this module's own URL so the same code works from source and from the build:
 *
 * - From source (the vite dev server and @web/test-runner serve the repository root) this module
 *   is `<root>/src/inference/asset-urls.ts`; the model is `<root>/model/model.json` and the wasm
 *   binaries are in `<root>/node_modules/@tensorflow/tfjs-backend-wasm/dist/`.
 * - From the build, this module is bundled into a script at the top level of `dist/` (the entry or
 *   a lazy chunk beside it); the build copies the model to `dist/model/` and the three
 *   `tfjs-backend-wasm*.wasm` binaries to `dist/wasm/`.
 *
 * The relative paths are passed through variables on purpose: a literal
 * `new URL('…', import.meta.url)` would make vite emit model.json as a hashed (or inlined) asset
 * and separate it from its weight shards.
 */

const SOURCE_DIRECTORY = '/src/inference/';

interface AssetLayout {
  readonly model: string;
  readonly wasm: string;
}

const SOURCE_LAYOUT: AssetLayout = {
  model: '../../model/model.json',
  wasm: '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/',
};

const BUILD_LAYOUT: AssetLayout = {
  model: './model/model.json',
  wasm: './wasm/',
};

function layoutFor(moduleUrl: string): AssetLayout {
  return new URL(moduleUrl).pathname.includes(SOURCE_DIRECTORY) ? SOURCE_LAYOUT : BUILD_LAYOUT;
}

/** URL of the bundled model's model.json. */
export function bundledModelUrl(moduleUrl: string = import.meta.url): string {
  const path = layoutFor(moduleUrl).model;
  return new URL(path, moduleUrl).href;
}

/**
 * The absolute URL of a classifier's model: `modelUrl` resolved against the document, or the
 * bundled model. Resolved in the package entry's graph (this module is imported by the deferred
 * classifier), because the bundled model sits beside the entry, not beside the lazy chunks.
 */
export function resolveModelUrl(modelUrl?: string | URL): string {
  return new URL(String(modelUrl ?? bundledModelUrl()), globalThis.document?.baseURI).href;
}

/** URL of the directory holding the tfjs wasm binaries (ends with a slash, as setWasmPaths needs). */
export function bundledWasmDirectory(moduleUrl: string = import.meta.url): string {
  const path = layoutFor(moduleUrl).wasm;
  return new URL(path, moduleUrl).href;
}
