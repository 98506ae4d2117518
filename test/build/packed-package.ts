/**
 * The package as users get it: `npm pack` (whose prepack runs `npm run build`) into
 * .test-results/package/, once per `npm test` run (scripts/test.mjs empties .test-results/) and
 * again whenever a file the build reads is newer than the tarball. Installed into a folder of its
 * own with npm, offline, from what the project's own `npm install` put in npm's cache.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './page-driver.ts';

const packDir = join(root, '.test-results/package');
const listing = join(packDir, 'pack.json');

/** What `npm pack --json` says about the tarball. */
export interface Packed {
  readonly tarball: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/** The newest modification time under `path`. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stat.mtimeMs);
}

const BUILD_INPUTS = ['src', 'model', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'custom-elements-manifest.config.mjs', 'package.json', 'README.md', 'LICENSE'];

/** Packs the package unless an up-to-date tarball is there. */
export function packedPackage(): Packed {
  if (existsSync(listing)) {
    const packed = JSON.parse(readFileSync(listing, 'utf8')) as Packed;
    const built = statSync(packed.tarball).mtimeMs;
    if (BUILD_INPUTS.every((input) => newest(join(root, input)) < built)) return packed;
  }
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const run = spawnSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `npm pack failed:\n${run.stderr.slice(-4000)}`);
  // prepack's build logs to stdout before the JSON.
  const [info] = JSON.parse(run.stdout.slice(run.stdout.indexOf('[\n'))) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const packed: Packed = {
    tarball: join(packDir, info!.filename),
    size: info!.size,
    unpackedSize: info!.unpackedSize,
    files: info!.files.map((file) => file.path).sort(),
  };
  writeFileSync(listing, JSON.stringify(packed, null, 2));
  return packed;
}

type LockEntry = { version: string; resolved?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> } & Record<string, unknown>;

/** Where `name`, required from the package at lock path `from`, is installed in the project (npm's nested lookup). */
function lockPath(packages: Record<string, LockEntry>, name: string, from: string): string {
  for (let at = from; ; at = at.includes('/node_modules/') ? at.slice(0, at.lastIndexOf('/node_modules/')) : '') {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    assert.ok(at, `${name} (needed by ${from || 'the app'}) is not in the project's package-lock.json`);
  }
}

/**
 * A fresh folder with the tarball and `extra` packages (for the apps that need them) installed by
 * `npm ci --offline`: what `npm install digit-canvas` gives an app, from npm's cache alone. The
 * app's lockfile is cut from the project's, so it names exactly the versions, tarballs and
 * integrities the project's own `npm install` put in the cache.
 */
export function installPackage(packed: Packed, folder: string, extra: readonly string[] = []): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const project = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const packages: Record<string, LockEntry> = {
    'node_modules/digit-canvas': { version: manifest.version, resolved: `file:${packed.tarball}`, dependencies: manifest.dependencies },
  };
  const wanted: [string, string][] = [...Object.keys(manifest.dependencies), ...extra].map((name) => [name, '']);
  for (let next = wanted.pop(); next; next = wanted.pop()) {
    const path = lockPath(project.packages, ...next);
    if (packages[path]) continue;
    const { dev, devOptional, peer, ...entry } = project.packages[path]!;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // The project's lockfile leaves out registry URLs; without one npm would ask the registry where the tarball is.
    packages[path] = { resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, ...entry };
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((peerName) => !entry.peerDependenciesMeta?.[peerName]?.optional);
    for (const dependency of [...Object.keys(entry.dependencies ?? {}), ...peers]) wanted.push([dependency, path]);
  }
  const dependencies = Object.fromEntries([['digit-canvas', `file:${packed.tarball}`], ...extra.map((name) => [name, project.packages[`node_modules/${name}`]!.version])]);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, type: 'module', dependencies }));
  writeFileSync(join(folder, 'package-lock.json'), JSON.stringify({ name: 'consumer-app', lockfileVersion: 3, requires: true, packages: { '': { name: 'consumer-app', dependencies }, ...packages } }));
  const run = spawnSync('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: folder, encoding: 'utf8' });
  assert.equal(run.status, 0, `npm ci of the app failed:\n${run.stderr.slice(-4000)}`);
  return folder;
}

/** Bytes under `path`, as `du` counts apparent sizes. */
export function folderBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + folderBytes(join(path, entry)), 0);
}
