/**
 * The files that ship with the package — here the model; the tfjs wasm binaries in
 * wasm-backend.ts, the lazy code that needs them — each named by a literal
 * `new URL('…', import.meta.url)`, the form Vite (build and dev) and webpack 5 understand
 * with no configuration (Rollup with a plugin): our build emits the files into `dist/chunks/` under hashed names and
 * rewrites these lines to point there, and an app's bundler does the same again with the files of
 * `dist/`. From source (the dev server and the tests serve the repository root) they point at
 * `model/` and the tfjs-backend-wasm package.
 *
 * `?no-inline` keeps Vite's library mode from inlining them as data: URLs, which a strict CSP
 * would not let the page fetch; the build drops the query.
 */

/**
 * Vite's dev server serves a dependency bundled into node_modules/.vite/deps/, where the files
 * next to its `new URL()`s are not; they are still in the installed package, beside the chunk
 * that names them.
 */
export function inPackage(url: URL): string {
  return url.href.replace(/\/node_modules\/\.vite\/deps\/(?=[^/]+$)/, '/node_modules/digit-canvas/dist/chunks/');
}

/** The bundled model's model.json. */
export const BUNDLED_MODEL_URL = inPackage(new URL('../../model/model.json?no-inline', import.meta.url));

/**
 * The bundled model's weight files, by the path its manifest names: bundlers rename them, so they
 * are not where model.json says (beside it, under that name).
 */
export const BUNDLED_WEIGHT_URLS: Readonly<Record<string, string>> = {
  'weights.bin': inPackage(new URL('../../model/weights.bin?no-inline', import.meta.url)),
};

/**
 * The absolute URL of a classifier's model: `modelUrl` resolved against the document, or the
 * bundled model.
 */
export function resolveModelUrl(modelUrl?: string | URL): string {
  return new URL(String(modelUrl ?? BUNDLED_MODEL_URL), globalThis.document?.baseURI).href;
}

/** Where a weight path named in the manifest of the model at `modelUrl` lives. */
export function weightFileUrl(modelUrl: string, path: string): URL {
  const bundled = modelUrl === BUNDLED_MODEL_URL ? BUNDLED_WEIGHT_URLS[path] : undefined;
  return new URL(bundled ?? path, modelUrl);
}
