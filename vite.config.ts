/**
 * Vite: `npm start` serves the demo (demo/index.html, importing the element from src/ with hot
 * reload); `npm run build` makes the library, two entries over one set of files:
 * - dist/index.js, the npm entry: imports Lit (a dependency, shared with an app that uses Lit)
 *   and nothing else a bundler must find; tfjs is bundled into the lazy chunks;
 * - dist/digit-canvas.js, the same with Lit and the shared chunk bundled in, for a plain
 *   <script type="module">;
 * - dist/chunks/: the code both share and what loads later (with readable names), and the
 *   model and the wasm binaries, all with hashed names so they can be cached for good.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { build, transform, type Plugin as EsbuildPlugin } from 'esbuild';
import { minify } from 'terser';
import ts from 'typescript';
import { idiomaticDecoratorsTransformer } from '@lit/ts-transformers';

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
 * tfjs-core registers a Node platform on import whose constructor calls `require('util')`; the
 * page never runs it (tfjs picks it only in Node), but a bundler that meets the call (esbuild, in
 * an app that bundles the package for the browser) stops at "Could not resolve util". Nothing in
 * dist/ runs in Node: the Lambda is bundled from source (scripts/build-lambda.mjs).
 */
function withoutNodePlatform(): Plugin {
  const empty = '\0digit-canvas-no-node-platform';
  return {
    name: 'digit-canvas-without-node-platform',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './platforms/platform_node' && importer?.includes('/@tensorflow/tfjs-core/')) return empty;
      return undefined;
    },
    load(id) {
      return id === empty ? 'export {};' : undefined;
    },
  };
}

/**
 * The source declares each attribute once, with Lit's `@property` decorator and its doc; dist/
 * carries what Lit's own transformer (@lit/ts-transformers) turns that into: `static properties`
 * and plain constructor assignments, without the decorator runtime or the per-field decorator
 * calls, so every page downloads less (the dev server keeps the decorators). TypeScript compiles
 * the files that use them, with a program for the type checker the transformer asks for.
 */
function litDecoratorsAsStaticProperties(): Plugin {
  const usesDecorators = (code: string) => /from 'lit\/decorators\.js'/.test(code);
  let options: ts.CompilerOptions | undefined;
  return {
    name: 'digit-canvas-lit-decorators-as-static-properties',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/src/') || !id.endsWith('.ts') || !usesDecorators(code)) return undefined;
      options ??= {
        ...ts.parseJsonConfigFileContent(ts.readConfigFile('tsconfig.json', ts.sys.readFile).config, ts.sys, process.cwd()).options,
        noEmit: false,
        allowImportingTsExtensions: false,
        declaration: false,
        sourceMap: true,
        inlineSources: true,
      };
      // The program reads this module as Vite hands it over, the modules it imports from disk.
      const host = ts.createCompilerHost(options);
      const readSourceFile = host.getSourceFile;
      host.getSourceFile = (name, language, ...rest) => (name === id ? ts.createSourceFile(name, code, language) : readSourceFile(name, language, ...rest));
      const program = ts.createProgram([id], options, host);
      let output = '';
      let map: string | undefined;
      program.emit(
        program.getSourceFile(id),
        (name, text) => {
          if (name.endsWith('.map')) map = text;
          else output = text.replace(/\n\/\/# sourceMappingURL=.*$/, '');
        },
        undefined,
        false,
        { before: [idiomaticDecoratorsTransformer(program)] },
      );
      if (!output || usesDecorators(output) || /__decorate/.test(output)) throw new Error(`${id}: Lit's decorators were not compiled away`);
      return { code: output, map };
    },
  };
}

/** How terser minifies everything in dist/ (see minifyForPages). */
const TERSER_OPTIONS = { module: true, compress: { passes: 2 } } as const;

/** Lit and its helpers: dependencies of the npm build, bundled only into the self-contained one. */
const LIT = /^(lit|lit-html|lit-element|@lit\/[\w-]+|@lit-labs\/[\w-]+)(\/.*)?$/;

/**
 * The second build, for script tags and CDNs: dist/digit-canvas.js is dist/index.js with Lit and
 * the `shared` chunk bundled in, so an endpoint-only page loads one file. It imports the same lazy
 * chunks and assets (relative to the same folder), so both entries share everything below them and
 * the package carries tfjs, the model and the wasm once. Those chunks import `shared` themselves:
 * a page that classifies locally holds two copies of it, which is why nothing in it keeps state of
 * its own (wasm-directory.ts, ClassificationError's `instanceof`) or names a file relative to itself.
 */
function selfContainedEntry(): Plugin {
  return {
    name: 'digit-canvas-self-contained-entry',
    apply: 'build',
    async writeBundle(options, bundle) {
      // Only the package's own build (the bench builds other entries with this config).
      if (!bundle['index.js']) return;
      const outDir = options.dir ?? 'dist';
      const bundled = await build({
        entryPoints: [join(outDir, 'index.js')],
        outfile: join(outDir, 'digit-canvas.js'),
        bundle: true,
        format: 'esm',
        target: 'es2022',
        platform: 'browser',
        plugins: [withSharedChunkInside(outDir)],
        // Lit from this project, wherever --outDir puts the build.
        nodePaths: [fileURLToPath(new URL('./node_modules', import.meta.url))],
        legalComments: 'none',
        write: false,
        logLevel: 'warning',
      });
      const result = await minify(withSharedChunkAlongside(bundled.outputFiles[0]!.text, bundle), TERSER_OPTIONS);
      await writeFile(join(outDir, 'digit-canvas.js'), result.code!);
    },
  };
}

/** esbuild: the shared chunk is bundled in; every other chunk stays an import of the page's copy. */
function withSharedChunkInside(outDir: string): EsbuildPlugin {
  return {
    name: 'shared-chunk-inside',
    setup(build) {
      build.onResolve({ filter: /^\.\/chunks\// }, ({ path }) => (SHARED_CHUNK.test(path) ? undefined : { path, external: true }));
      build.onLoad({ filter: SHARED_CHUNK }, async ({ path }) => {
        const contents = await readFile(path, 'utf8');
        // Moved one folder up, a relative import or `new URL()` in it would point at the wrong file.
        if (/\bimport\s*\(|\bfrom\s*["']|import\.meta/.test(contents)) throw new Error(`${path} (in ${outDir}) imports or names files relative to itself; it cannot be bundled into the entry`);
        return { contents, loader: 'js' };
      });
    },
  };
}

const SHARED_CHUNK = /\/shared-[\w-]+\.js$/;

/**
 * The lazy chunks import the shared chunk, which this entry no longer loads: each dynamic import
 * fetches it alongside the chunk, so its round trip does not come after the chunk's (on a slow
 * network, before the first local answer). The module map fetches and runs it once.
 */
function withSharedChunkAlongside(code: string, bundle: Record<string, unknown>): string {
  const shared = Object.keys(bundle).find((fileName) => SHARED_CHUNK.test(`/${fileName}`));
  if (!shared) return code;
  return code.replace(/\bimport\(\s*"(\.\/chunks\/[^"]+\.js)"\s*\)/g, (_, chunk: string) => `Promise.all([import("./${shared}"), import("${chunk}")]).then((modules) => modules[1])`);
}

/**
 * The element's stylesheets (the css`` template of src/element/styles.ts, number mode's template
 * string in number-styles.ts) minified at build time, so the source stays readable and dist
 * carries no indentation or comments. The template closes the file, so every line before it
 * keeps its place and the source map stays as it is.
 */
function minifyElementCss(): Plugin {
  return {
    name: 'digit-canvas-minify-element-css',
    apply: 'build',
    async transform(code, id) {
      if (!/\/src\/element\/(number-)?styles\.ts$/.test(id)) return undefined;
      const template = /(css)?`([^`$]*)`;\s*$/.exec(code);
      if (!template) throw new Error(`${id}: expected one \`…\` template without \${} at the end of the file`);
      const { code: minified } = await transform(template[2]!, { loader: 'css', minify: true });
      return { code: `${code.slice(0, template.index)}${template[1] ?? ''}\`${minified.trim()}\`;\n`, map: null };
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
        const result = await minify(code, { ...TERSER_OPTIONS, sourceMap: true });
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

/**
 * The code the page loads up front (what src/index.ts imports statically) and that the lazy
 * chunks use too goes to one `shared` chunk; the rest stays in the entry. Left to itself, Rollup
 * would move the whole entry into that chunk, leaving the entry a facade and the self-contained
 * entry with nothing to bundle Lit into.
 */
interface ChunkingInfo {
  getModuleInfo(id: string): { importers: readonly string[]; dynamicImporters: readonly string[]; isEntry: boolean } | null;
}
function sharedChunk(id: string, { getModuleInfo }: ChunkingInfo): string | undefined {
  const upward = (from: string, found: (id: string) => boolean): boolean => {
    const seen = new Set<string>();
    const walk = (module: string): boolean => {
      if (seen.has(module)) return false;
      seen.add(module);
      return found(module) || (getModuleInfo(module)?.importers ?? []).some(walk);
    };
    return walk(from);
  };
  const loadedUpFront = (module: string) => upward(module, (m) => Boolean(getModuleInfo(m)?.isEntry));
  const lazyRoot = (module: string) => (getModuleInfo(module)?.dynamicImporters.length ?? 0) > 0 && !loadedUpFront(module);
  if (getModuleInfo(id)?.isEntry || !loadedUpFront(id)) return undefined;
  return upward(id, lazyRoot) ? 'shared' : undefined;
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
  // Asset URLs relative to the module that names them (see renderBuiltUrl), never to a page.
  base: './',
  plugins: [demoAtRoot(), withoutNodePlatform(), litDecoratorsAsStaticProperties(), minifyElementCss(), minifyForPages(), selfContainedEntry()],
  resolve: { alias: [tfjsCoreForInference] },
  server: { open: canOpen ? '/demo/' : false },
  // Library consumers load dist/ directly, so nothing may be left for a bundler to replace.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  experimental: {
    // `new URL('./assets/…', import.meta.url)` relative to the chunk, written as a plain literal so an
    // app's bundler sees it (Vite's own form wraps it in a second `new URL` that webpack does not follow).
    renderBuiltUrl(fileName, { hostId, hostType }) {
      if (hostType !== 'js') return { relative: true };
      const path = posix.relative(posix.dirname(hostId), fileName);
      return path.startsWith('../') ? path : `./${path}`;
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'index.js',
    },
    rollupOptions: {
      external: (id) => LIT.test(id),
      // The entry exports only the public API: code it shares with the lazy chunks goes into a
      // chunk of its own, so that both entries (one with Lit inside) can share the chunks.
      preserveEntrySignatures: 'strict',
      output: {
        chunkFileNames: chunkFileName,
        manualChunks: sharedChunk,
        // Beside the code that names them, so a bundler that leaves `new URL()` alone (esbuild) needs
        // only one folder copied next to its output.
        assetFileNames: 'chunks/[name]-[hash][extname]',
      },
    },
  },
});
