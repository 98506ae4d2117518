/**
 * gzip bytes of JS files after a full esbuild minification (whitespace included). Vite's library
 * mode leaves whitespace in ES output (to keep pure annotations for downstream bundlers); dist/
 * is also loaded directly by pages, so this shows what full minification would save.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';

export async function minifiedGzip(files) {
  let total = 0;
  for (const file of files) {
    const { code } = await transform(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2022', logLevel: 'silent' });
    total += gzipSync(code).byteLength;
  }
  return total;
}
