/**
 * Builds the bench-only library (classify-entry.ts) with the project's vite config into
 * .tmp/bench/classify/; the build emits the model and the wasm binaries into chunks/ as it does
 * for dist/ (see src/inference/asset-urls.ts).
 */
import { join } from 'node:path';
import { build } from 'vite';

export async function buildClassifyPage(root, outDir) {
  await build({
    configFile: join(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      lib: { entry: join(root, 'bench/browser/classify-entry.ts'), formats: ['es'], fileName: () => 'bench-classify.js' },
    },
  });
  return outDir;
}

/** The package build itself (vite.config.ts, both entries) into `outDir`, model and wasm included. */
export async function buildDist(root, outDir) {
  await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  return outDir;
}
