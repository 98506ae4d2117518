/**
 * The slow-network part of the bench on its own: first pointer contact → first prediction with a
 * one-second stroke on Fast 3G and slow 4G, cold and warm HTTP cache, ours (by loading policy and
 * backend) beside the original stack in the same run (bench/browser/slow-network-bench.mjs).
 * Writes bench/slow-network.json and bench/slow-network.md (the README's table).
 *
 *   node bench/run-slow-network.mjs                 10 runs of each figure
 *   node bench/run-slow-network.mjs --runs 3        fewer (checks the harness)
 *   node bench/run-slow-network.mjs --skip-build    reuse its last build (.tmp/bench/slow-network-dist)
 *   node bench/run-slow-network.mjs --only repeat   only the repeat-visit figure (about a minute);
 *                                                   `--only first-touch` only the throttled rows
 *   node bench/run-slow-network.mjs --only repeat --stack ours   only our row of the repeat visit
 *   node bench/run-slow-network.mjs --only first-touch --cache warm   only the warm-cache rows
 *
 * A partial run writes its files under .tmp/bench/ unless --out says where, so it never replaces
 * the README's table with half of it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser/browser-bench.mjs';
import { buildDist } from './browser/build-pages.mjs';
import { benchFirstTouch, benchRepeatVisit, cacheControl, NETWORKS } from './browser/slow-network-bench.mjs';
import { describeMachine } from './lib/machine.mjs';
import { progress, progressDone } from './lib/progress.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = join(root, '.tmp/bench');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'skip-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    stack: { type: 'string' },
    cache: { type: 'string' },
    out: { type: 'string' },
  },
});
const runs = Number(args.runs);
const PARTS = ['first-touch', 'repeat'];
if (args.only !== undefined && !PARTS.includes(args.only)) throw new Error(`--only takes one of ${PARTS.join(', ')}, not ${args.only}`);
if (args.stack !== undefined && !['ours', 'original'].includes(args.stack)) throw new Error(`--stack takes ours or original, not ${args.stack}`);
if (args.cache !== undefined && !['cold', 'warm'].includes(args.cache)) throw new Error(`--cache takes cold or warm, not ${args.cache}`);
const partial = args.only !== undefined || args.stack !== undefined || args.cache !== undefined;
const outDir = args.out ?? (partial ? join(root, '.tmp/bench') : join(root, 'bench'));
const runsPart = (part) => args.only === undefined || args.only === part;
const keepsStack = ({ label }) => args.stack === undefined || (args.stack === 'original') === label.startsWith('original');

/** What is compared: our element by loading policy and backend, and the original stack. */
export const STACKS = [
  { label: 'ours, loading=lazy (first touch), backend auto (cpu, then wasm)', pagePath: '/pages/first-touch.html?loading=lazy' },
  { label: 'ours, loading=lazy, backend wasm', pagePath: '/pages/first-touch.html?loading=lazy&backend=wasm' },
  { label: 'ours, loading=eager (page load), backend auto', pagePath: '/pages/first-touch.html?loading=eager' },
  { label: 'original stack (tf.min.js + model at page load)', pagePath: '/pages/first-touch-original.html' },
];

/** Issue 17's repeat-visit figure: page load to the first answer from a warm HTTP cache on localhost. */
const REPEAT_VISITS = [
  { label: 'ours, backend auto', pagePath: '/pages/coldload-element.html' },
  { label: 'original stack', pagePath: '/pages/coldload-original.html' },
];

// The tree the build is made from (others may commit while the part runs).
const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8' });
const tree = { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommitted: git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).map((line) => line.slice(3)) };

mkdirSync(tmp, { recursive: true });
const distDir = join(tmp, 'slow-network-dist');
if (!args['skip-build'] || !existsSync(join(distDir, 'digit-canvas.js'))) {
  progress('build: dist/ (vite, the package build)');
  await buildDist(root, distDir);
}
const originalModelDir = join(tmp, 'original-model');
if (!existsSync(join(originalModelDir, 'weights.bin'))) {
  progress('build: mnist-node model files (umbrella tfjs in Node)');
  execFileSync(process.execPath, [join(root, 'bench/original/save-model.mjs'), originalModelDir], { stdio: 'pipe' });
}
const server = await startStaticServer(
  {
    '/pages/': join(root, 'bench/browser/pages'),
    '/dist/': distDir,
    '/tfjs/': join(root, 'node_modules/@tensorflow/tfjs/dist'),
    '/original-model/': originalModelDir,
  },
  undefined,
  { gzip: true, cacheControl },
);
const { browser, executablePath } = await launchBrowser();
const rows = [];
const repeatVisits = [];
const started = performance.now();
try {
  if (runsPart('first-touch')) {
    for (const network of Object.keys(NETWORKS)) {
      for (const cache of ['cold', 'warm'].filter((name) => args.cache === undefined || name === args.cache)) {
        for (const stack of STACKS.filter(keepsStack)) rows.push(await benchFirstTouch(browser, server.url, { ...stack, network, cache, runs }));
      }
    }
  }
  if (runsPart('repeat')) {
    for (const visit of REPEAT_VISITS.filter(keepsStack)) repeatVisits.push(await benchRepeatVisit(browser, server.url, { ...visit, runs }));
  }
} finally {
  await browser.close();
  await server.close();
}
progressDone();

const results = {
  date: new Date().toISOString(),
  command: `node bench/run-slow-network.mjs${runs !== 10 ? ` --runs ${runs}` : ''}${args.only ? ` --only ${args.only}` : ''}${args.stack ? ` --stack ${args.stack}` : ''}${args.cache ? ` --cache ${args.cache}` : ''}`,
  ...(args['skip-build'] ? { build: 'reused from an earlier run' } : tree),
  machine: describeMachine(executablePath),
  networks: NETWORKS,
  stroke: 'a "7" in 20 mouse moves over 1 s, from the moment the page says it is ready',
  seconds: Math.round((performance.now() - started) / 1000),
  rows,
  repeatVisits,
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const lines = [
  '| network | cache | stack | backend | classifier files (gzip) | over the network, whole page | first touch → prediction (p50) | after the stroke ends (p50) |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.network} | ${r.cache} | ${r.label} | ${r.backend} | ${kb(r.bytes.afterEntry)} | ${kb(r.bytes.transferred)} | ${fmt(r.ms.p50)} | ${fmt(r.afterStrokeMs.p50)} |`),
  '',
  'Repeat visit on localhost (warm HTTP cache, no throttling): page load → first answer, the page setting strokes and awaiting predict() as soon as the element exists.',
  '',
  '| stack | backend | over the network | page load → first answer (p50) | p95 |',
  '|---|---|---|---|---|',
  ...repeatVisits.map((r) => `| ${r.label} | ${r.backend} | ${kb(r.transferred)} | ${fmt(r.ms.p50)} | ${fmt(r.ms.p95)} |`),
];
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'slow-network.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, 'slow-network.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n\nslow-network bench: ${results.seconds} s, ${runs} runs each; wrote ${join(outDir, 'slow-network.json')} and slow-network.md\n`);
