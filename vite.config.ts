/**
 * Vite: `npm start` serves the demo (demo/index.html, importing the element from src/ with hot
 * reload); `npm run build` makes the library: dist/digit-canvas.js, one self-contained ES module
 * (Lit bundled in) that a static page loads with <script type="module">. Code split off later
 * (tfjs, loaded lazily) lands next to it in dist/chunks/ with readable names.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { minify } from 'terser';

/** `/` on the dev server goes to the demo, so the URL Vite prints is the page to open. */
function demoAtRoot(): Plugin {
  return {
    name: 'digit-canvas-demo-at-root',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url !== '/' && request.url !== '/index.html') return next();
        response.statusCode = 302;
        response.setHeader('Location', '/demo/');
        response.end();
      });
    },
  };
}

/**
 * The files the element loads at run time, beside the bundle where src/inference/asset-urls.ts
 * looks for them: the bundled model at dist/model/ (model.json and the weight files its manifest
 * names) and the tfjs wasm binaries at dist/wasm/.
 */
function runtimeAssets(): Plugin {
  const root = dirname(new URL(import.meta.url).pathname);
  return {
    name: 'digit-canvas-runtime-assets',
    apply: 'build',
    async writeBundle(options) {
      const outDir = resolve(root, options.dir ?? 'dist');
      const modelJson = join(root, 'model/model.json');
      const manifest = JSON.parse(await readFile(modelJson, 'utf8')) as { weightsManifest?: { paths: string[] }[] };
      const weights = (manifest.weightsManifest ?? []).flatMap((group) => group.paths);
      await mkdir(join(outDir, 'model'), { recursive: true });
      for (const file of ['model.json', ...weights]) await copyFile(join(root, 'model', file), join(outDir, 'model', file));
      const wasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
      await mkdir(join(outDir, 'wasm'), { recursive: true });
      for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
        await copyFile(join(wasmDir, file), join(outDir, 'wasm', file));
      }
    },
  };
}

/**
 * The element's stylesheet (the one css`` template in src/element/styles.ts) minified at build
 * time, so the source stays readable and dist carries no indentation or comments. The template
 * closes the file, so every line before it keeps its place and the source map stays as it is.
 */
function minifyElementCss(): Plugin {
  return {
    name: 'digit-canvas-minify-element-css',
    apply: 'build',
    async transform(code, id) {
      if (!id.endsWith('/src/element/styles.ts')) return undefined;
      const template = /css`([^`$]*)`;\s*$/.exec(code);
      if (!template) throw new Error(`${id}: expected one css\`…\` template without \${} at the end of the file`);
      const { code: minified } = await transform(template[1]!, { loader: 'css', minify: true });
      return { code: `${code.slice(0, template.index)}css\`${minified.trim()}\`;\n`, map: null };
    },
  };
}

/**
 * Pages load dist/ as it is, so every chunk is minified in full. Vite's own pass (esbuild) keeps
 * the whitespace and the pure annotations of an ES library for a later bundler that a plain
 * page never runs; terser after it takes those out and compresses a little better (the entry:
 * 24.9 KB gzip from Vite alone, 20.2 KB with `minify: 'terser'`, 19.9 KB this way). Rollup
 * chains the source maps.
 */
function minifyForPages(): Plugin {
  return {
    name: 'digit-canvas-minify-for-pages',
    apply: 'build',
    renderChunk: {
      order: 'post',
      async handler(code) {
        const result = await minify(code, { module: true, compress: { passes: 2 }, sourceMap: true });
        return { code: result.code ?? code, map: result.map as string | undefined };
      },
    },
  };
}

/**
 * Lazy chunks named after the module a dynamic import asks for (local-classifier-…, wasm-backend-…),
 * else after the one tfjs package they hold (tfjs-core-…), so a network panel reads plainly.
 */
function chunkFileName(chunk: { name: string; facadeModuleId: string | null; moduleIds: readonly string[] }): string {
  const packageOf = (id: string | null) => /@tensorflow\/(tfjs-[\w-]+)\//.exec(id ?? '')?.[1];
  const ownModule = chunk.moduleIds.some((id) => id.includes('/src/') && id.endsWith(`/${chunk.name}.ts`)) ? chunk.name : undefined;
  const packages = new Set(chunk.moduleIds.map(packageOf).filter(Boolean));
  const name = ownModule ?? packageOf(chunk.facadeModuleId) ?? (packages.size === 1 ? [...packages][0] : '[name]');
  return `chunks/${name}-[hash].js`;
}

// Open a browser tab only where there is a desktop to open it on.
const canOpen = !process.env.CI && (process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY));

/**
 * '@tensorflow/tfjs-core' without the optimizers it registers on import (see
 * src/inference/tfjs-core-inference.ts); only the exact specifier, so its own subpaths resolve as usual.
 */
export const tfjsCoreForInference = {
  find: /^@tensorflow\/tfjs-core$/,
  replacement: fileURLToPath(new URL('./src/inference/tfjs-core-inference.ts', import.meta.url)),
};

export default defineConfig({
  root: '.',
  plugins: [demoAtRoot(), runtimeAssets(), minifyElementCss(), minifyForPages()],
  resolve: { alias: [tfjsCoreForInference] },
  server: { open: canOpen ? '/demo/' : false },
  // Library consumers load dist/ directly, so nothing may be left for a bundler to replace.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'digit-canvas.js',
    },
    rollupOptions: {
      // The lazy local-classifier chunk imports shared code (errors, prediction, preprocessing)
      // from the entry; letting the entry export those bindings avoids a facade entry that
      // re-exports a second chunk, one more request before the element can start.
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: chunkFileName,
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
