/**
 * Lambda figures, ours beside the original way: cold start (a fresh Node process imports the
 * handler, loads the model and answers one request), warm invocation latency and the zip's bytes.
 *
 * Ours: `npm run build:lambda`'s bundle, copied out of .lambda/ (other work rebuilds that folder)
 * into .tmp/bench/lambda-ours/. Original: bench/lambda/original-handler.mjs with the umbrella
 * @tensorflow/tfjs and its dependencies copied from node_modules, the model over HTTP.
 * Both zips are made here the same way (zip -9); the serverless-packaged zip is reported too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { progress } from '../lib/progress.mjs';
import { summarize } from '../lib/stats.mjs';
import { tsImport } from 'tsx/esm/api';

/** Builds our bundle and copies it to `dir`. */
export function prepareOurs(root, dir) {
  execFileSync(process.execPath, [join(root, 'scripts/build-lambda.mjs')], { cwd: root, stdio: 'pipe' });
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, '.lambda'), dir, { recursive: true });
  return join(dir, 'handler.mjs');
}

/** The original-style function folder: handler + @tensorflow/tfjs and its dependency closure. */
export function prepareOriginal(root, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'bench/lambda/original-handler.mjs'), join(dir, 'handler.mjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', dependencies: { '@tensorflow/tfjs': '4.22.0' } }));
  const seen = new Set();
  const copy = (name, from) => {
    if (seen.has(name)) return;
    seen.add(name);
    const require = createRequire(join(from, 'package.json'));
    let manifestPath;
    try {
      manifestPath = require.resolve(`${name}/package.json`);
    } catch {
      manifestPath = findManifest(root, name);
    }
    const packageDir = dirname(manifestPath);
    cpSync(packageDir, join(dir, 'node_modules', name), { recursive: true });
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) copy(dep, packageDir);
  };
  copy('@tensorflow/tfjs', root);
  return { handler: join(dir, 'handler.mjs'), packages: seen.size };
}

function findManifest(root, name) {
  const path = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(path)) throw new Error(`cannot find ${name} in node_modules`);
  return path;
}

/** zip -9 of a folder's contents; returns the zip's bytes. */
export function zipFolder(dir, zipPath) {
  rmSync(zipPath, { force: true });
  execFileSync('zip', ['-9', '-q', '-r', '-X', zipPath, '.'], { cwd: dir, stdio: 'pipe' });
  return statSync(zipPath).size;
}

/** A REST (payload v1) POST /predict event carrying one MNIST test digit, made by the tests' events.ts. */
export async function writeEvent(root, path) {
  const { restEvent, predictBody } = await tsImport('../../test/lambda/events.ts', import.meta.url);
  const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/mnist-test-digits.json'), 'utf8'));
  const digit = fixture.digits[0];
  writeFileSync(path, JSON.stringify(restEvent({ body: predictBody(digit.pixels.map((p) => p / 255)) })));
  return { path, label: digit.label };
}

function invoke(root, handler, eventPath, warm, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bench/lambda/invoke-child.mjs'), handler, eventPath, String(warm)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const processMs = performance.now() - started;
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`${handler} exited ${code}: ${err.slice(-2000)}`));
      resolve({ ...JSON.parse(line), processMs });
    });
  });
}

/**
 * `runs` cold starts (fresh processes), then one process answering `warmRuns` warm requests
 * after `warmup` untimed ones.
 */
export async function benchHandler(root, label, handler, eventPath, { runs, warmup, warmRuns, env = {} }) {
  const cold = [];
  let firstResult;
  for (let i = 0; i < runs; i++) {
    progress(`lambda ${label}: cold starts`, `${i + 1}/${runs}`);
    const result = await invoke(root, handler, eventPath, 0, env);
    if (result.status !== 200) throw new Error(`${label} answered ${result.status}`);
    firstResult ??= result;
    cold.push(result);
  }
  progress(`lambda ${label}: warm invocations`, `${warmup} warm-up + ${warmRuns}`);
  const warmResult = await invoke(root, handler, eventPath, warmup + warmRuns, env);
  return {
    coldMs: summarize(cold.map((r) => r.coldMs)),
    coldCpuMs: summarize(cold.map((r) => r.coldCpuMs)),
    coldImportMs: summarize(cold.map((r) => r.importMs)),
    coldFirstRequestMs: summarize(cold.map((r) => r.firstMs)),
    coldProcessMs: summarize(cold.map((r) => r.processMs)),
    warmMs: summarize(warmResult.warm.slice(warmup)),
    digit: firstResult.digit,
  };
}
