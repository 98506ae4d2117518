/**
 * The number-mode figure of the bench on its own: `predict()` for a 6-digit number on wasm, p50
 * over 200 timed calls after 20 warm-up ones (bench/browser/browser-bench.mjs, benchNumberPredict;
 * `npm run bench` measures the same in its browser section). Prints the figure as a row of the
 * README's table; writes nothing.
 *
 *   node bench/run-number.mjs               build dist/ into .tmp/bench/number-dist, then measure
 *   node bench/run-number.mjs --runs 20     fewer timed calls (checks the harness)
 *   node bench/run-number.mjs --skip-build  reuse that build
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchNumberPredict, launchBrowser } from './browser/browser-bench.mjs';
import { buildDist } from './browser/build-pages.mjs';
import { progress, progressDone } from './lib/progress.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '200' }, 'skip-build': { type: 'boolean', default: false } } });
const runs = Number(args.runs);
const distDir = join(root, '.tmp/bench/number-dist');
if (!args['skip-build'] || !existsSync(join(distDir, 'digit-canvas.js'))) {
  progress('build: dist/ (vite, the package build)');
  await buildDist(root, distDir);
}
const server = await startStaticServer({ '/pages/': join(root, 'bench/browser/pages'), '/dist/': distDir });
const { browser } = await launchBrowser();
let result;
try {
  result = await benchNumberPredict(browser, server.url, { runs, warmup: Math.min(20, runs) });
} finally {
  await browser.close();
  await server.close();
}
progressDone();
process.stdout.write(`| \`predict()\` for a 6-digit number, wasm, p50 | ${result.ms.p50} ms | — |  |\n\np95 ${result.ms.p95} ms, min ${result.ms.min} ms, ${result.ms.runs} runs; read "${result.value}" on ${result.backend}\n`);
