import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mnistDigit, predictBody } from './events.ts';
import { startOfflineApi, type OfflineApi } from './offline-api.ts';

const allowed = 'http://allowed.test';

let api: OfflineApi;
let base: string;

before(async () => {
  api = await startOfflineApi({ ALLOWED_ORIGINS: allowed });
  base = api.base;
});

after(async () => {
  await api?.stop();
  await assert.rejects(fetch(`${base}/predict`, { method: 'POST' }), 'the port is closed once it stopped');
});

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('npm run api (serverless-offline with the bundled handler)', () => {
  for (const [api, path] of [['HTTP API', '/predict'], ['REST API', '/dev/predict']] as const) {
    it(`classifies real MNIST grids through the ${api} route (${path})`, async () => {
      for (const index of [0, 1, 2, 3, 4]) {
        const { grid, label } = mnistDigit(index);
        const response = await post(path, predictBody(grid), { Origin: allowed });
        assert.equal(response.status, 200);
        const answer = (await response.json()) as { result: number[]; digit: number; confidence: number };
        assert.equal(answer.result.length, 10);
        assert.equal(answer.digit, label);
        assert.equal(response.headers.get('access-control-allow-origin'), allowed);
        assert.match(response.headers.get('vary') ?? '', /Origin/i);
      }
    });
  }

  it('passes preflights to the handler, which answers from ALLOWED_ORIGINS', async () => {
    const response = await fetch(`${base}/predict`, {
      method: 'OPTIONS',
      headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    // serverless-offline rewrites a preflight's status to 200 (API Gateway keeps the 204); the
    // headers are the handler's.
    assert.ok(response.ok);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
    assert.equal(response.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
  });

  it('answers bad input and other methods with the handler’s 4xx JSON errors', async () => {
    const bad = await post('/predict', JSON.stringify({ data: [0.5] }));
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: '"data" must hold exactly 784 numbers (a 28×28 grid), got 1' });
    const get = await fetch(`${base}/predict`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
    assert.deepEqual(await get.json(), { error: 'method GET not allowed; use POST' });
  });
});
