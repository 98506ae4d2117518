/**
 * The Lambda part of `npm run bench` on its own (a minute or two instead of ten): our bundle's zip,
 * cold starts and warm requests beside the original way's, with the same harness, runs and
 * figures as bench/run.mjs's Lambda section. Prints a table and the figures as JSON; writes no
 * results file (`npm run bench` writes those).
 *
 *   node bench/lambda/run-lambda.mjs                 ours and the original
 *   node bench/lambda/run-lambda.mjs --before REV    and the bundle built from commit REV, in the same run
 *   node bench/lambda/run-lambda.mjs --quick         a few runs (checks the harness, numbers meaningless)
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchHandler, prepareOriginal, prepareOurs, writeEvent, zipFolder } from './lambda-bench.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = join(root, '.tmp/bench');
const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, before: { type: 'string' } },
});
const n = (full, fast) => (args.quick ? fast : full);
// bench/run.mjs's RUNS.lambdaOurs and RUNS.lambdaOriginal.
const oursRuns = { runs: n(30, 2), warmup: n(50, 2), warmRuns: n(300, 5) };
const originalRuns = { runs: n(10, 2), warmup: n(10, 1), warmRuns: n(60, 3) };
console.log = () => {}; // the in-process helpers' handlers log a JSON line per request
const print = (line) => process.stdout.write(`${line}\n`);

mkdirSync(tmp, { recursive: true });
const event = await writeEvent(root, join(tmp, 'event.json'));
const rows = [];

const oursDir = join(tmp, 'lambda-ours');
const oursHandler = prepareOurs(root, oursDir);
rows.push({ label: 'ours', zip: zipFolder(oursDir, join(tmp, 'lambda-ours.zip')), ...(await benchHandler(root, 'ours', oursHandler, event.path, oursRuns)) });

if (args.before) {
  // The commit's sources, built by its own scripts/build-lambda.mjs against this node_modules.
  const tree = join(tmp, 'lambda-before-tree');
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  execSync(`git archive ${JSON.stringify(args.before)} src scripts model package.json tsconfig.json | tar -x -C ${JSON.stringify(tree)}`, { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  const beforeDir = join(tmp, 'lambda-before');
  const handler = prepareOurs(tree, beforeDir);
  rows.push({ label: `before (${args.before})`, zip: zipFolder(beforeDir, join(tmp, 'lambda-before.zip')), ...(await benchHandler(root, 'before', handler, event.path, oursRuns)) });
}

// The original way, as bench/run.mjs builds it (reusing its folder and zip when up to date).
const originalDir = join(tmp, 'lambda-original');
const originalZip = join(tmp, 'lambda-original.zip');
const newest = Math.max(...['bench/lambda/original-handler.mjs', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs));
if (!existsSync(originalZip) || !existsSync(join(originalDir, 'handler.mjs')) || statSync(originalZip).mtimeMs < newest) {
  prepareOriginal(root, originalDir);
  zipFolder(originalDir, originalZip);
}
const modelDir = join(tmp, 'original-model');
if (!existsSync(join(modelDir, 'weights.bin'))) execFileSync(process.execPath, [join(root, 'bench/original/save-model.mjs'), modelDir], { stdio: 'pipe' });
const modelServer = await (await import('../lib/static-server.mjs')).startStaticServer({ '/original-model/': modelDir });
try {
  const env = { MODEL_URL: `${modelServer.url}/original-model/model.json` };
  rows.push({ label: 'original', zip: statSync(originalZip).size, ...(await benchHandler(root, 'original', join(originalDir, 'handler.mjs'), event.path, { ...originalRuns, env })) });
} finally {
  await modelServer.close();
}

process.stderr.write('\n');
print(`Lambda, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, MNIST test digit (a ${event.label}):`);
print('| build | zip | cold start p50 (p95) | of which import | warm request p50 | ours ÷ this, cold |');
print('|---|---|---|---|---|---|');
const ours = rows[0];
for (const row of rows) {
  const ratio = (ours.coldMs.p50 / row.coldMs.p50).toFixed(2);
  print(`| ${row.label} | ${(row.zip / 1024).toFixed(1)} KB | ${row.coldMs.p50} ms (${row.coldMs.p95}) | ${row.coldImportMs.p50} ms | ${row.warmMs.p50} ms | ${ratio}× |`);
}
print(JSON.stringify(rows));
