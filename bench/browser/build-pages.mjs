/**
 * Builds the bench-only library (classify-entry.ts) with the project's vite config into
 * .tmp/bench/classify/, with the model and the wasm binaries laid out as in dist/
 * (./model/, ./wasm/ next to the entry; see src/inference/asset-urls.ts).
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
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
  copyRuntimeAssets(root, outDir);
  return outDir;
}

/** model/ and the wasm binaries where asset-urls.ts looks in a build (vite.config's plugin may already have). */
function copyRuntimeAssets(root, outDir) {
  cpSync(join(root, 'model'), join(outDir, 'model'), { recursive: true, filter: (s) => !s.endsWith('.md') });
  const wasmSource = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  for (const file of readdirSync(wasmSource).filter((f) => f.endsWith('.wasm'))) {
    cpSync(join(wasmSource, file), join(outDir, 'wasm', file));
  }
}

/** The package build itself (vite.config.ts, entry src/index.ts) into `outDir`, model and wasm included. */
export async function buildDist(root, outDir) {
  await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  copyRuntimeAssets(root, outDir);
  return outDir;
}
