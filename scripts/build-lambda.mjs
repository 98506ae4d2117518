// `npm run build:lambda`: bundles the Lambda handler into one ESM file with only what it imports
// (tfjs core, src/model's runner and the cpu and wasm backends with its few kernels), then puts
// the wasm binary and the model next to it:
//   .lambda/handler.mjs, .lambda/tfjs-backend-wasm-simd.wasm, .lambda/model/*
// Code it shares with its dynamic imports goes to .lambda/chunks/, and so do tfjs-layers and the
// backends' full kernel sets, which only a model the runner does not implement loads.
// serverless.yml packages exactly this folder. The bundle targets the Lambda runtime's Node major
// (serverless.yml `runtime: nodejs24.x`): change both together.
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.lambda');
const wasmFile = 'tfjs-backend-wasm-simd.wasm';
// LAMBDA_MODEL_DIR packages another model folder (model.json + shards) instead of model/.
const modelDir = resolve(process.env.LAMBDA_MODEL_DIR || join(root, 'model'));

if (!existsSync(join(modelDir, 'model.json'))) {
  console.error(`build:lambda: ${join(modelDir, 'model.json')} is missing; train or restore the model first`);
  process.exit(1);
}

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
console.log(`build:lambda: ${files.filter((f) => statSync(join(out, f)).isFile()).length} files, ${(total / 1024).toFixed(0)} KiB in .lambda/`);
