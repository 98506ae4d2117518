import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerlessOffline, type OfflineApi } from './offline-api.ts';

/**
 * When the function fails (throws, or runs past its timeout) the local API answers as API Gateway
 * does — REST API 502 `{"message": "Internal server error"}`, HTTP API 500
 * `{"message":"Internal Server Error"}` — not serverless-offline's own answer (a 200 carrying the
 * error and its stack trace on the HTTP API). A fixture service, with functions that fail, runs
 * under the project's osls and serverless-offline with the same verbatim plugin `npm run api`
 * uses (the project's own handler never fails like this, so it cannot show it).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const service = join(root, '.tmp/offline-failures');

let api: OfflineApi;

before(async () => {
  rmSync(service, { recursive: true, force: true });
  mkdirSync(service, { recursive: true });
  writeFileSync(
    join(service, 'serverless.yml'),
    `service: offline-failures
frameworkVersion: '4'
plugins:
  - serverless-offline
  - ./verbatim.mjs
provider:
  name: aws
  runtime: nodejs24.x
  timeout: 1
functions:
  slow:
    handler: handler.slow
    events:
      - httpApi: { method: GET, path: /slow }
      - http: { method: get, path: slow }
  broken:
    handler: handler.broken
    events:
      - httpApi: { method: GET, path: /broken }
      - http: { method: get, path: broken }
`,
  );
  // A local plugin must lie inside the service folder: this one is the project's.
  writeFileSync(join(service, 'verbatim.mjs'), "export { default } from '../../scripts/serverless-offline-verbatim.mjs';\n");
  writeFileSync(
    join(service, 'handler.mjs'),
    [
      "export const slow = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'too late' }), 3000));",
      "export const broken = async () => { throw new Error('broken in /work/secret/path'); };",
    ].join('\n'),
  );
  api = await startServerlessOffline(service);
});

after(async () => {
  await api?.stop();
  rmSync(service, { recursive: true, force: true });
});

describe('a function that fails, behind the local API', () => {
  const cases = [
    { what: 'runs past its timeout', path: 'slow' },
    { what: 'throws', path: 'broken' },
  ];
  for (const { what, path } of cases) {
    it(`${what}: the HTTP API answers 500 {"message":"Internal Server Error"}`, async () => {
      const response = await fetch(`${api.base}/${path}`, { headers: { Origin: 'http://page.test' } });
      assert.equal(response.status, 500);
      assert.equal(await response.text(), '{"message":"Internal Server Error"}');
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
    });

    it(`${what}: the REST API answers 502 {"message": "Internal server error"}`, async () => {
      const response = await fetch(`${api.base}/dev/${path}`, { headers: { Origin: 'http://page.test' } });
      assert.equal(response.status, 502);
      assert.deepEqual(await response.json(), { message: 'Internal server error' });
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });
  }
});
