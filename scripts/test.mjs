// `npm test`: the node suite (pure modules, handler, training) and the browser suite (real
// Chromium through @web/test-runner), then one summary line for both: `N passed, N failed`.
import { readdirSync, readFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function testFiles(dir, suffix, exclude) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(suffix) && !(exclude && file.endsWith(exclude)))
    .map((file) => relative(root, join(dir, file)))
    .sort();
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, note: `no results in ${relative(root, file)} (the runner crashed)` };
  }
}

const totals = { passed: 0, failed: 0 };
const notes = [];
function add(name, counts, status) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (counts.note) notes.push(`${name}: ${counts.note}`);
  else if (status !== 0 && counts.failed === 0) {
    totals.failed += 1;
    notes.push(`${name}: runner exited with status ${status} without a failing test`);
  }
  console.log(`\n${name}: ${counts.passed} passed, ${counts.failed} failed\n`);
}

// Chromium first: browser tests need it, and so do Node tests that drive a built page
// (test/build/), so a fresh machine gets it installed before either suite starts.
const browserFiles = testFiles(join(root, 'test'), '.browser.test.ts');
let chromium;
try {
  chromium = findChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const env = { ...process.env, CHROME_PATH: chromium };

// Node suite.
const nodeFiles = testFiles(join(root, 'test'), '.test.ts', '.browser.test.ts');
if (nodeFiles.length > 0) {
  console.log(`Node suite: ${nodeFiles.length} files`);
  const nodeRun = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      `--test-reporter=${join(root, 'scripts/node-test-reporter.mjs')}`,
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts/node-test-counter.mjs')}`,
      `--test-reporter-destination=${join(results, 'node.json')}`,
      ...nodeFiles,
    ],
    { cwd: root, stdio: 'inherit', env },
  );
  add('node suite', readCounts(join(results, 'node.json')), nodeRun.status);
}

// Browser suite.
if (browserFiles.length > 0) {
  console.log(`Browser suite: ${browserFiles.length} files in ${chromium}`);
  const browserRun = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs'],
    { cwd: root, stdio: 'inherit', env },
  );
  add('browser suite', readCounts(join(results, 'browser.json')), browserRun.status);
}

for (const note of notes) console.log(note);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
