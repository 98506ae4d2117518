import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { invokeBundle } from './bundle-process.ts';
import { httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';
import { writeLayersOnlyModel } from './tiny-model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundleDir = join(root, '.lambda');

let scratch: string;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'digit-canvas-bundle-'));
  const run = spawnSync('npm', ['run', 'build:lambda'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `npm run build:lambda failed:\n${run.stdout}\n${run.stderr}`);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled handler (npm run build:lambda) in a fresh process', () => {
  const { grid, label } = mnistDigit(0);

  it('loads the model at init on the wasm binary next to it and answers', () => {
    const { logs, responses, initMs } = invokeBundle(join(bundleDir, 'handler.mjs'), [
      { event: restEvent({ body: predictBody(grid) }) },
      { event: httpApiEvent({ body: predictBody(grid), base64: true }) },
    ]);
    const loaded = logs.find((line) => line.msg === 'model loaded');
    assert.deepEqual([loaded?.backend, loaded?.runtime], ['wasm', 'lean'], 'the bundle runs the model on the page’s runner, on wasm');
    for (const response of responses) {
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(JSON.parse(response.body).digit, label);
    }
    console.log(`# cold start (import + model load + warm-up): ${initMs.toFixed(0)} ms`);
  });

  it('holds no tfjs-layers and no full kernel set, and only the simd wasm binary', () => {
    const files = readdirSync(bundleDir, { recursive: true }).map(String);
    assert.deepEqual(files.filter((file) => file.endsWith('.wasm')), ['tfjs-backend-wasm-simd.wasm']);
    assert.deepEqual(files.filter((file) => /layers-fallback|register_all_kernels/.test(file)), []);
    const code = files.filter((file) => file.endsWith('.mjs')).map((file) => readFileSync(join(bundleDir, file), 'utf8')).join('\n');
    // Layer class names tfjs-layers registers (strings, so they survive minification).
    for (const name of ['GlobalAveragePooling2D', 'LSTMCell']) assert.ok(!code.includes(name), `the bundle contains ${name}`);
  });

  it('refuses a model the runner does not implement with a 503 and a log line naming LAMBDA_TFJS_LAYERS; that build runs it through tfjs-layers', async () => {
    const modelDir = join(scratch, 'layers-only');
    await writeLayersOnlyModel(modelDir); // on the cpu backend, in this process
    const env = { MODEL_URL: pathToFileURL(join(modelDir, 'model.json')).href };
    const event = restEvent({ body: predictBody(grid) });

    const lean = invokeBundle(join(bundleDir, 'handler.mjs'), [{ event }], { env });
    assert.match(String(lean.logs.find((line) => line.msg === 'model not loaded at init')?.error), /leaves tfjs-layers out; build it with LAMBDA_TFJS_LAYERS=1/);
    assert.equal(lean.responses[0]!.statusCode, 503);
    assert.equal(JSON.parse(lean.responses[0]!.body).error, 'model unavailable; try again later');

    const withLayers = join(scratch, 'with-tfjs-layers');
    const build = spawnSync(process.execPath, [join(root, 'scripts/build-lambda.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LAMBDA_TFJS_LAYERS: '1', LAMBDA_OUT_DIR: withLayers },
    });
    assert.equal(build.status, 0, `LAMBDA_TFJS_LAYERS=1 build failed:\n${build.stdout}\n${build.stderr}`);
    const full = invokeBundle(join(withLayers, 'handler.mjs'), [{ event }], { env });
    assert.deepEqual(full.logs.find((line) => line.msg === 'model loaded')?.runtime, 'tfjs-layers');
    assert.equal(full.responses[0]!.statusCode, 200, full.responses[0]!.body);
    assert.equal(JSON.parse(full.responses[0]!.body).result.length, 10);
  });

  it('falls back to the cpu backend when the wasm binary is missing', () => {
    const copy = join(scratch, 'no-wasm');
    cpSync(bundleDir, copy, { recursive: true, filter: (source) => !source.endsWith('.wasm') });
    const { logs, responses } = invokeBundle(join(copy, 'handler.mjs'), [{ event: restEvent({ body: predictBody(grid) }) }]);
    assert.ok(logs.some((line) => line.msg === 'wasm backend unavailable, using cpu'));
    assert.equal(logs.find((line) => line.msg === 'model loaded')?.backend, 'cpu');
    assert.equal(responses[0]!.statusCode, 200);
    assert.equal(JSON.parse(responses[0]!.body).digit, label);
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
      { env: { MODEL_URL: pathToFileURL(join(modelDir, 'model.json')).href } },
    );
    const initFailure = logs.find((line) => line.msg === 'model not loaded at init');
    assert.equal(initFailure?.error, 'model.json not found');
    assert.equal(responses[0]!.statusCode, 503);
    assert.equal(JSON.parse(responses[0]!.body).error, 'model unavailable; try again later');
    assert.equal(logs.find((line) => line.msg === 'request' && line.status === 503)?.error, 'model.json not found', 'the reason is logged, not answered');
    assert.equal(responses[1]!.statusCode, 200);
    assert.equal(JSON.parse(responses[1]!.body).digit, label);
  });
});
