/**
 * The package as users get it: `npm pack` (whose prepack runs `npm run build`) into
 * .test-results/package/, once per `npm test` run (scripts/test.mjs empties .test-results/) and
 * again whenever a file the build reads is newer than the tarball. Installed into a folder of its
 * own the way an app installs it (`npm install <tarball>`), from npm's cache where it can (the
 * project's own `npm install` has put the packages there), else from the registry, as the
 * project's own install does.
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

/**
 * A fresh folder with the tarball (and `extra` packages, for the apps that need them) installed by
 * npm: what `npm install digit-canvas` gives an app. Resolves with the folder.
 */
export function installPackage(packed: Packed, folder: string, extra: readonly string[] = []): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }));
  const run = spawnSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', packed.tarball, ...extra],
    { cwd: folder, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, `npm install of the tarball failed:\n${run.stderr.slice(-4000)}`);
  return folder;
}

/** Bytes under `path`, as `du` counts apparent sizes. */
export function folderBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + folderBytes(join(path, entry)), 0);
}
