import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';
import { listZip } from './zip-listing.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundleDir = join(root, '.lambda');
const zipPath = join(root, '.serverless/digit-canvas.zip');
const ZIP_BUDGET = 5 * 1024 * 1024;
const WASM = 'tfjs-backend-wasm-simd.wasm';

let scratch: string;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'digit-canvas-bundle-'));
  const run = spawnSync('npm', ['run', 'package:lambda'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `npm run package:lambda failed:\n${run.stdout}\n${run.stderr}`);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the bundled handler at `handlerPath` in a fresh process through the given steps. */
function invokeBundle(handlerPath: string, steps: unknown[], env: Record<string, string> = {}) {
  const stepsFile = join(scratch, `steps-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(stepsFile, JSON.stringify(steps));
  const run = spawnSync(process.execPath, [fileURLToPath(new URL('./invoke-bundle.mjs', import.meta.url)), handlerPath, stepsFile], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  // Lambda sends stdout and stderr (console.warn) alike to CloudWatch; read both.
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  return {
    logs: lines.filter((line) => line.msg !== undefined),
    responses: lines.filter((line) => line.step === 'response').map((line) => line.response),
    initMs: lines.find((line) => line.step === 'init')?.ms as number,
  };
}

describe('npm run package:lambda', () => {
  it(`makes a zip of at most 5 MB with the handler, the wasm binary and the model`, () => {
    const zipBytes = statSync(zipPath).size;
    assert.ok(zipBytes <= ZIP_BUDGET, `zip is ${zipBytes} bytes`);
    const entries = listZip(zipPath);
    const names = entries.map((entry) => entry.name);
    const modelJson = JSON.parse(readFileSync(join(bundleDir, 'model/model.json'), 'utf8'));
    const shards: string[] = modelJson.weightsManifest.flatMap((group: { paths: string[] }) => group.paths);
    for (const name of ['.lambda/handler.mjs', `.lambda/${WASM}`, '.lambda/model/model.json', ...shards.map((shard) => `.lambda/model/${shard}`)]) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
    }
    assert.ok(!names.some((name) => name.includes('node_modules')), 'nothing from node_modules: the bundle holds what it needs');
    for (const entry of entries) {
      assert.equal(entry.size, statSync(join(root, entry.name)).size, `${entry.name} is packaged whole`);
    }
    console.log(`# zip ${(zipBytes / 1024).toFixed(0)} KiB, ${entries.length} files`);
  });
});

describe('the bundled handler in a fresh process', () => {
  const { grid, label } = mnistDigit(0);

  it('loads the model at init on the wasm binary next to it and answers', () => {
    const { logs, responses, initMs } = invokeBundle(join(bundleDir, 'handler.mjs'), [
      { event: restEvent({ body: predictBody(grid) }) },
      { event: httpApiEvent({ body: predictBody(grid), base64: true }) },
    ]);
    assert.equal(logs.find((line) => line.msg === 'model loaded')?.backend, 'wasm');
    for (const response of responses) {
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(JSON.parse(response.body).digit, label);
    }
    console.log(`# cold start (import + model load + warm-up): ${initMs.toFixed(0)} ms`);
  });

  it('falls back to the cpu backend when the wasm binary is missing', () => {
    const copy = join(scratch, 'no-wasm');
    cpSync(bundleDir, copy, { recursive: true, filter: (source) => !source.endsWith('.wasm') });
    const { logs, responses } = invokeBundle(join(copy, 'handler.mjs'), [{ event: restEvent({ body: predictBody(grid) }) }]);
    assert.ok(logs.some((line) => line.msg === 'wasm backend unavailable, using cpu'));
    assert.equal(logs.find((line) => line.msg === 'model loaded').backend, 'cpu');
    assert.equal(responses[0].statusCode, 200);
    assert.equal(JSON.parse(responses[0].body).digit, label);
  });

  it('answers 503 while MODEL_URL has no model and recovers once the files appear', () => {
    const modelDir = join(scratch, 'late-model');
    const { logs, responses } = invokeBundle(
      join(bundleDir, 'handler.mjs'),
      [
        { event: restEvent({ body: predictBody(grid) }) },
        { copy: [join(bundleDir, 'model'), modelDir] },
        { event: restEvent({ body: predictBody(grid) }) },
      ],
      { MODEL_URL: pathToFileURL(join(modelDir, 'model.json')).href },
    );
    const initFailure = logs.find((line) => line.msg === 'model not loaded at init');
    assert.equal(initFailure?.error, 'model.json not found');
    assert.equal(responses[0].statusCode, 503);
    assert.equal(JSON.parse(responses[0].body).error, 'model unavailable: model.json not found; try again later');
    assert.equal(responses[1].statusCode, 200);
    assert.equal(JSON.parse(responses[1].body).digit, label);
  });
});
