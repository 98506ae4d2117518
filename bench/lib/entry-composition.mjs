/**
 * What the package entry (the endpoint-only page's whole JS) is made of, by source area: an
 * esbuild bundle of src/index.ts with the lazy imports split off, as vite does. Raw minified
 * bytes per area from esbuild's metafile; the gzip column shares the entry's gzip size pro rata.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

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
    logLevel: 'silent',
  });
  const [entryPath, entry] = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === 'src/index.ts');
  const file = result.outputFiles.find((f) => f.path.endsWith(entryPath.split('/').pop()));
  const gzip = gzipSync(file.contents).byteLength;
  const areas = {};
  for (const [input, { bytesInOutput }] of Object.entries(entry.inputs)) {
    const area = input.includes('node_modules/') ? input.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1').replace(/^(@lit\/reactive-element|lit-html|lit-element|lit)$/, 'lit') : input.split('/').slice(0, 3).join('/');
    areas[area] = (areas[area] ?? 0) + bytesInOutput;
  }
  const raw = entry.bytes;
  return {
    raw,
    gzip,
    areas: Object.entries(areas)
      .sort((a, b) => b[1] - a[1])
      .map(([area, bytes]) => ({ area, raw: bytes, gzipShare: Math.round((bytes / raw) * gzip) })),
  };
}
