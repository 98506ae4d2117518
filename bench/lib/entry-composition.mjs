/**
 * What the package entry (the endpoint-only page's whole JS) is made of, by source area: an
 * esbuild bundle of src/index.ts with the lazy imports split off, as vite does. esbuild moves
 * code the entry shares with a lazy chunk into chunks the entry imports statically, where vite
 * keeps it in the entry, so the entry here is its output plus those chunks. Raw minified bytes
 * per area from esbuild's metafile; the gzip column shares their gzip size pro rata.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The alias vite.config.ts applies (`tfjsCoreForInference`, not importable from plain Node: the
 * config is TypeScript): the bare '@tensorflow/tfjs-core' goes to src/inference/tfjs-core-inference.ts,
 * its subpaths resolve as usual. esbuild's own `alias` would rewrite the subpaths too.
 */
function tfjsCoreForInference(root) {
  return {
    name: 'tfjs-core-for-inference',
    setup(build) {
      build.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, () => ({ path: join(root, 'src/inference/tfjs-core-inference.ts') }));
    },
  };
}

export async function entryComposition(root) {
  const result = await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    outdir: join(root, '.tmp/bench/entry-composition'),
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [tfjsCoreForInference(root)],
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const [entryPath] = Object.entries(outputs).find(([, output]) => output.entryPoint === 'src/index.ts');
  const paths = new Set([entryPath]);
  for (const path of paths) {
    for (const { path: imported, kind } of outputs[path].imports) if (kind === 'import-statement' && outputs[imported]) paths.add(imported);
  }
  const contents = [...paths].map((path) => result.outputFiles.find((f) => f.path.endsWith(path.split('/').pop())).contents);
  const gzip = gzipSync(Buffer.concat(contents)).byteLength;
  const areas = {};
  for (const path of paths) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
      const area = input.includes('node_modules/') ? input.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1').replace(/^(@lit\/reactive-element|lit-html|lit-element|lit)$/, 'lit') : input.split('/').slice(0, 3).join('/');
      areas[area] = (areas[area] ?? 0) + bytesInOutput;
    }
  }
  const raw = [...paths].reduce((sum, path) => sum + outputs[path].bytes, 0);
  return {
    raw,
    gzip,
    areas: Object.entries(areas)
      .sort((a, b) => b[1] - a[1])
      .map(([area, bytes]) => ({ area, raw: bytes, gzipShare: Math.round((bytes / raw) * gzip) })),
  };
}
