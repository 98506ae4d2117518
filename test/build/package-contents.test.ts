// What `npm pack` publishes: the built package and its licence, never sources, training data,
// tests or source maps (the maps were 14.5 of the tarball's 17 MB unpacked); and every path the
// package's manifests name is in it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packedPackage } from './packed-package.ts';

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
  for (const file of ['dist/index.js', 'dist/index.js.map', 'dist/digit-canvas.js', 'dist/chunks/a.js', 'dist/chunks/a.js.map', 'dist/chunks/model-a.json', 'custom-elements.json', 'src/index.ts', 'data/unipen/digits.json.gz', 'test/x.test.ts', 'model/model.json']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), 'x');
  }
  assert.deepEqual(packList(dir).paths, ['LICENSE', 'README.md', 'custom-elements.json', 'dist/chunks/a.js', 'dist/chunks/model-a.json', 'dist/digit-canvas.js', 'dist/index.js', 'package.json']);
});

test('the packed package: its licence, no source maps, within the unpacked budget, and every path its manifests name', () => {
  const { files, unpackedSize } = packedPackage();
  assert.ok(files.includes('LICENSE'));
  assert.deepEqual(files.filter((path) => path.endsWith('.map')), []);
  assert.deepEqual(files.filter((path) => !/^(dist\/(index\.js|digit-canvas\.js|chunks\/[^/]+|types\/.+\.d\.ts)|LICENSE|README\.md|package\.json|custom-elements\.json)$/.test(path)), []);
  assert.ok(unpackedSize <= UNPACKED_BUDGET, `unpacked ${unpackedSize} bytes, budget ${UNPACKED_BUDGET}`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const exported = Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  const named = [pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements, ...exported].map((path) => String(path).replace(/^\.\//, ''));
  const manifest = readFileSync(join(root, 'custom-elements.json'), 'utf8');
  const manifestPaths = [...manifest.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((match) => match[1]!);
  assert.ok(manifestPaths.length > 0);
  for (const path of new Set([...named, ...manifestPaths])) assert.ok(files.includes(path), `${path} is named but not in the package`);
});
