// `npm run build:lambda`: bundles the Lambda handler into one ESM file with only what it imports
// (tfjs core, src/model's runner and the cpu and wasm backends with its few kernels), then puts
// the wasm binary and the model next to it:
//   .lambda/handler.mjs, .lambda/tfjs-backend-wasm-simd.wasm, .lambda/model/*
// The default bundle leaves out what only a model the runner does not implement needs
// (tfjs-layers, the backends' full kernel sets): src/lambda/tfjs-layers-left-out.ts stands in for
// them, so such a model fails to load with a message naming the switch. LAMBDA_TFJS_LAYERS=1
// bundles them, as lazy chunks in .lambda/chunks/ that only such a model loads.
// serverless.yml packages exactly this folder. The bundle targets the Lambda runtime's Node major
// (serverless.yml `runtime: nodejs24.x`): change both together.
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// LAMBDA_OUT_DIR builds elsewhere than .lambda/ (the tests build both variants side by side).
const out = resolve(process.env.LAMBDA_OUT_DIR || join(root, '.lambda'));
// The binary Node's wasm backend loads: Node always has SIMD, and tfjs never uses threads in
// Node (its WASM_HAS_MULTITHREAD_SUPPORT flag is false there), so neither of the other two.
const wasmFile = 'tfjs-backend-wasm-simd.wasm';
// LAMBDA_MODEL_DIR packages another model folder (model.json + shards) instead of model/.
const modelDir = resolve(process.env.LAMBDA_MODEL_DIR || join(root, 'model'));
const withTfjsLayers = process.env.LAMBDA_TFJS_LAYERS === '1';

if (!existsSync(join(modelDir, 'model.json'))) {
  console.error(`build:lambda: ${join(modelDir, 'model.json')} is missing; train or restore the model first`);
  process.exit(1);
}

/** Resolves the imports matching `filter` to `path` (a file) or to `contents` (a virtual module). */
function replace(name, filter, target) {
  return {
    name,
    setup(bundle) {
      bundle.onResolve({ filter }, (args) => (target.path ? { path: target.path } : { path: args.path, namespace: name }));
      bundle.onLoad({ filter: /.*/, namespace: name }, () => ({ contents: target.contents, resolveDir: root, loader: 'js' }));
    },
  };
}

const lean = [
  // tfjs-layers and every kernel of a backend: only a model the runner does not implement imports them.
  replace('tfjs-layers-left-out', /(\/layers-fallback\.ts|\/register_all_kernels)$/, {
    path: join(root, 'src/lambda/tfjs-layers-left-out.ts'),
  }),
  // tfjs-core without the optimizers its index registers on import: training's, and tfjs-layers'
  // (the page's build does the same, src/inference/tfjs-core-inference.ts).
  replace('tfjs-core-inference', /^@tensorflow\/tfjs-core$/, {
    contents: "import '@tensorflow/tfjs-core/dist/base_side_effects';\nexport * from '@tensorflow/tfjs-core/dist/base';",
  }),
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'src/lambda/handler.ts')],
  outdir: out,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // Prefer the packages' ES builds: they tree-shake, and tfjs-core's node build would pull in
  // node-fetch for a fetch that Node already has.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [
    ...(withTfjsLayers ? [] : lean),
    // The threaded wasm glue (about 35 KB of JS parsed at every cold start) runs only where tfjs
    // uses threads, which it never does in Node (see wasmFile).
    replace('no-wasm-threads', /\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/, {
      contents: "export default () => { throw new Error('tfjs wasm threads are not used in Node'); };\nexport const wasmWorkerContents = '';",
    }),
  ],
  // The emscripten glue inside the wasm backend calls require('fs') and reads __dirname; an ES
  // module has neither, so give it both.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { dirname as __pathDirname } from 'node:path';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join('\n'),
  },
  external: ['node-fetch'],
});

copyFileSync(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', wasmFile), join(out, wasmFile));
cpSync(modelDir, join(out, 'model'), {
  recursive: true,
  // Only what the handler loads: model.json and its weight shards, not the model card.
  filter: (source) => statSync(source).isDirectory() || /\.(json|bin)$/.test(source),
});

const files = readdirSync(out, { recursive: true }).map(String).sort();
let total = 0;
for (const file of files) {
  const stat = statSync(join(out, file));
  if (stat.isFile()) total += stat.size;
}
const variant = withTfjsLayers ? 'with tfjs-layers' : 'without tfjs-layers (LAMBDA_TFJS_LAYERS=1 adds it)';
console.log(`build:lambda: ${files.filter((f) => statSync(join(out, f)).isFile()).length} files, ${(total / 1024).toFixed(0)} KiB in ${out}, ${variant}`);
