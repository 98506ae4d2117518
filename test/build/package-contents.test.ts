// What `npm pack` publishes: the built package and its licence, never sources, training data,
// tests or source maps (the maps were 14.5 of the tarball's 17 MB unpacked).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const UNPACKED_BUDGET = 3 * 1024 * 1024;

function packList(dir: string): { unpackedSize: number; paths: string[] } {
  const run = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [pack] = JSON.parse(run.stdout) as { unpackedSize: number; files: { path: string }[] }[];
  return { unpackedSize: pack!.unpackedSize, paths: pack!.files.map((f) => f.path).sort() };
}

test("package.json's files rules keep dist and drop its source maps, sources, data and tests", () => {
  // The rules applied to a tree that has one of everything, whether or not dist/ was built here.
  const dir = mkdtempSync(join(tmpdir(), 'digit-canvas-pack-'));
  for (const file of ['package.json', 'LICENSE', 'README.md']) copyFileSync(join(root, file), join(dir, file));
  for (const file of ['dist/digit-canvas.js', 'dist/digit-canvas.js.map', 'dist/chunks/a.js', 'dist/chunks/a.js.map', 'dist/model/model.json', 'custom-elements.json', 'src/index.ts', 'data/unipen/digits.json.gz', 'test/x.test.ts', 'model/model.json']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), 'x');
  }
  assert.deepEqual(packList(dir).paths, ['LICENSE', 'README.md', 'custom-elements.json', 'dist/chunks/a.js', 'dist/digit-canvas.js', 'dist/model/model.json', 'package.json']);
});

test('the package as it stands here carries LICENSE and fits the unpacked budget', () => {
  const { paths, unpackedSize } = packList(root);
  assert.ok(paths.includes('LICENSE'));
  assert.deepEqual(paths.filter((p) => p.endsWith('.map')), []);
  assert.ok(unpackedSize <= UNPACKED_BUDGET, `unpacked ${unpackedSize} bytes, budget ${UNPACKED_BUDGET}`);
});
