import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { configFromEnv } from '../../src/lambda/config.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler, type PredictHandler } from '../../src/lambda/predict-handler.ts';
import { httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';
import { startOfflineApi, type OfflineApi } from './offline-api.ts';

/**
 * `npm run api` answers what the handler answers: the same request, sent to the running local API
 * and given to the handler itself (same configuration, same model), gets the same status, the
 * same headers and the same body. The local API may add only what a gateway adds in transit.
 */

const MODEL = new URL('../../model/model.json', import.meta.url);
const listed = 'http://allowed.test';
const stranger = 'http://elsewhere.test';
/** What a gateway adds in transit; everything else must be the handler's. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The two configurations the issue is about: any origin, and listed origins with credentials. */
const CONFIGS = {
  'ALLOWED_ORIGINS=* (the default)': {},
  [`ALLOWED_ORIGINS=${listed} ALLOW_CREDENTIALS=true`]: { ALLOWED_ORIGINS: listed, ALLOW_CREDENTIALS: 'true' },
} satisfies Record<string, Record<string, string>>;

interface Request {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

const models = createModelService(fileURLToPath(MODEL), 'wasm');
const { grid, label } = mnistDigit(3);
/** A number's digits as number mode sends them: one batch. */
const number = [3, 4, 5].map((index) => mnistDigit(index));
const batchBody = (grids: readonly (readonly number[])[]) => JSON.stringify({ data: grids });

const REQUESTS: Record<string, Request> = {
  'a digit from the listed origin': { method: 'POST', headers: { Origin: listed, 'Content-Type': 'application/json' }, body: predictBody(grid) },
  'a digit from another origin': { method: 'POST', headers: { Origin: stranger, 'Content-Type': 'application/json' }, body: predictBody(grid) },
  'a digit with no Origin (curl, a server)': { method: 'POST', body: predictBody(grid) },
  'a bad grid': { method: 'POST', headers: { Origin: listed }, body: JSON.stringify({ data: [0.5] }) },
  "a number's digits as one batch": { method: 'POST', headers: { Origin: listed, 'Content-Type': 'application/json' }, body: batchBody(number.map((d) => d.grid)) },
  'a batch of 17 grids': { method: 'POST', headers: { Origin: listed }, body: batchBody(Array.from({ length: 17 }, () => grid)) },
  'a batch with a bad cell': { method: 'POST', headers: { Origin: stranger }, body: batchBody([grid, grid.map((v, i) => (i === 41 ? 2 : v))]) },
  'a body that is not JSON': { method: 'POST', headers: { Origin: stranger }, body: '{"data": [' },
  'a preflight from the listed origin': {
    method: 'OPTIONS',
    headers: { Origin: listed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  },
  'a preflight from another origin': {
    method: 'OPTIONS',
    headers: { Origin: stranger, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  },
  'a GET': { method: 'GET', headers: { Origin: listed } },
};

const ROUTES = [
  { api: 'HTTP API', path: '/predict', event: (request: Request) => httpApiEvent({ method: request.method, headers: request.headers ?? {}, body: request.body ?? null }) },
  { api: 'REST API', path: '/dev/predict', event: (request: Request) => restEvent({ method: request.method, headers: request.headers ?? {}, body: request.body ?? null }) },
];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function fromHandler(response: APIGatewayProxyResult): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
  return { status: response.statusCode, headers, body: response.body };
}

async function fromApi(url: string, request: Request): Promise<Answer> {
  const response = await fetch(url, { method: request.method, headers: request.headers ?? {}, ...(request.body === undefined ? {} : { body: request.body }) });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSPORT.has(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

/** The handler's probabilities come from the same model on the same wasm: equal to 1e-6. */
function assertSameBody(local: string, direct: string, what: string): void {
  if (local === direct) return;
  const [a, b] = [JSON.parse(local), JSON.parse(direct)];
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), what);
  assert.deepEqual(a.digit, b.digit, what);
  // A batch's result is one list of ten per grid.
  const [local10, direct10] = [a.result.flat(), b.result.flat()] as number[][];
  local10!.forEach((p, i) => assert.ok(Math.abs(p - direct10![i]!) < 1e-6, `${what}: result[${i}] ${p} vs ${direct10![i]}`));
}

for (const [name, env] of Object.entries(CONFIGS)) {
  describe(`npm run api with ${name}: every answer is the handler's`, () => {
    let api: OfflineApi;
    let handler: PredictHandler;

    before(async () => {
      api = await startOfflineApi(env);
      handler = createPredictHandler({ config: configFromEnv(env, MODEL), models, log: () => {} });
    });

    after(async () => {
      const base = api?.base;
      await api?.stop();
      if (base) await assert.rejects(fetch(`${base}/predict`, { method: 'POST' }), 'the port is closed once it stopped');
    });

    for (const route of ROUTES) {
      for (const [what, request] of Object.entries(REQUESTS)) {
        it(`${route.api} ${route.path}: ${what}`, async () => {
          const local = await fromApi(`${api.base}${route.path}`, request);
          const direct = fromHandler(await handler(route.event(request), { awsRequestId: 'offline-test' }));
          assert.equal(local.status, direct.status, `status (handler: ${direct.body})`);
          // A gateway gives a handler's answer without a Content-Type one: serverless-offline's is
          // application/json, as a REST API's is.
          if (direct.headers['content-type'] === undefined && local.headers['content-type'] === 'application/json') delete local.headers['content-type'];
          assert.deepEqual(local.headers, direct.headers);
          assertSameBody(local.body, direct.body, what);
        });
      }
    }

    it('classifies real MNIST digits through both routes, one at a time and as a batch', async () => {
      for (const route of ROUTES) {
        const response = await fetch(`${api.base}${route.path}`, { method: 'POST', body: predictBody(grid) });
        assert.equal(response.status, 200);
        assert.equal(((await response.json()) as { digit: number }).digit, label);
        const batch = await fetch(`${api.base}${route.path}`, { method: 'POST', body: batchBody(number.map((d) => d.grid)) });
        assert.equal(batch.status, 200);
        assert.equal(((await batch.json()) as { value: string }).value, number.map((d) => d.label).join(''));
      }
    });
  });
}
