import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { configFromEnv, type HandlerConfig } from '../../src/lambda/config.ts';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler, MAX_BODY_BYTES, type PredictHandler } from '../../src/lambda/predict-handler.ts';
import { vectorGrid } from '../../src/core/vector-grid.ts';
import { MARKS, sampled, zigzag, type Point } from '../fixtures/non-digit-marks.ts';
import { functionUrlEvent, httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/core/prediction.ts';

/** The committed model, the one the Lambda deploys. */
const MODEL = fileURLToPath(new URL('../../model/model.json', import.meta.url));

const logs: string[] = [];
const models = createModelService(MODEL, 'wasm');

function handlerWith(cors = parseCorsPolicy(undefined)): PredictHandler {
  const config: HandlerConfig = { modelLocation: MODEL, cors, backend: 'wasm' };
  return createPredictHandler({ config, models, log: (line) => logs.push(line) });
}

const handler = handlerWith();

function body(response: APIGatewayProxyResult): Record<string, unknown> {
  assert.equal(response.headers?.['Content-Type'], 'application/json; charset=utf-8');
  return JSON.parse(response.body) as Record<string, unknown>;
}

function assertAnswer(response: APIGatewayProxyResult, label: number): void {
  assert.equal(response.statusCode, 200, response.body);
  const answer = body(response) as { result: number[]; digit: number; confidence: number };
  assert.ok(Array.isArray(answer.result), 'result is a plain array');
  assert.equal(answer.result.length, 10);
  assert.ok(answer.result.every((p) => Number.isFinite(p) && p >= 0 && p <= 1));
  // The committed model may have ten outputs (notDigit 0) or eleven; the verdict follows the one rule at the default min-confidence.
  const { notDigit, verdict } = answer as unknown as { notDigit: number; verdict: string };
  assert.ok(Number.isFinite(notDigit) && notDigit >= 0 && notDigit <= 1, `notDigit ${notDigit}`);
  assert.ok(Math.abs(answer.result.reduce((a, b) => a + b, 0) + notDigit - 1) < 1e-3, 'softmax sums to 1 (the ten digits and notDigit)');
  assert.equal(answer.digit, label);
  assert.equal(answer.confidence, answer.result[label]);
  assert.equal(verdict, notDigit >= answer.confidence ? 'not-a-digit' : answer.confidence < DEFAULT_MIN_CONFIDENCE ? 'unsure' : 'digit');
}

async function refused(event: unknown, status: number, message: string | RegExp): Promise<APIGatewayProxyResult> {
  const response = await handler(event);
  assert.equal(response.statusCode, status, response.body);
  const { error } = body(response);
  assert.equal(typeof error, 'string');
  if (typeof message === 'string') assert.equal(error, message);
  else assert.match(error as string, message);
  return response;
}

before(async () => {
  await models.get();
});

describe('handler: events and answers', () => {
  const digit = mnistDigit(0);

  it('answers an API Gateway REST (v1) event', async () => {
    assertAnswer(await handler(restEvent({ body: predictBody(digit.grid) })), digit.label);
  });

  it('answers an HTTP API (v2) event, with the route key or a staged raw path', async () => {
    assertAnswer(await handler(httpApiEvent({ body: predictBody(digit.grid) })), digit.label);
    const staged = httpApiEvent({ body: predictBody(digit.grid), routeKey: '$default', path: '/prod/predict', stage: 'prod' });
    assertAnswer(await handler(staged), digit.label);
  });

  it('answers a function URL event with a base64 body', async () => {
    assertAnswer(await handler(functionUrlEvent({ body: predictBody(digit.grid), base64: true })), digit.label);
    assertAnswer(await handler(restEvent({ body: predictBody(digit.grid), base64: true })), digit.label);
  });

  it('classifies real MNIST test digits correctly', async () => {
    const wrong: string[] = [];
    const count = 200;
    for (let index = 0; index < count; index++) {
      const { grid, label } = mnistDigit(index);
      const response = await handler(httpApiEvent({ body: predictBody(grid) }));
      assert.equal(response.statusCode, 200, response.body);
      const { digit } = body(response);
      if (digit !== label) wrong.push(`#${index}: ${label} read as ${digit}`);
    }
    assert.ok(wrong.length <= count * 0.02, `more than 2% wrong: ${wrong.join(', ')}`);
  });

  it('keeps working for a client that reads Object.keys(result) and keeps the largest', async () => {
    for (const index of [1, 2, 3]) {
      const { grid, label } = mnistDigit(index);
      const { result } = body(await handler(restEvent({ body: predictBody(grid) }))) as { result: Record<string, number> };
      // The original web client's loop, verbatim in spirit: keys are "0".."9".
      let best = '0';
      for (const key of Object.keys(result)) if (result[key]! > result[best]!) best = key;
      assert.equal(Number(best), label);
    }
  });

  it('frees every tensor it creates', async () => {
    const before = tf.memory().numTensors;
    for (let index = 0; index < 10; index++) await handler(restEvent({ body: predictBody(mnistDigit(index).grid) }));
    assert.equal(tf.memory().numTensors, before);
  });
});

describe('handler: a scribbled grid is answered as no confident digit (needs the 11-output model)', () => {
  const asGrid = (strokes: readonly (readonly Point[])[]) => Array.from(vectorGrid(strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) }))));
  const drawings: [string, readonly (readonly Point[])[]][] = [
    ['a zigzag scribble', [zigzag(1)]],
    ['another zigzag scribble', [zigzag(2)]],
    ['a "#"', MARKS['#']!.map(sampled)],
  ];
  for (const [name, strokes] of drawings) {
    it(`${name}: verdict is not "digit"`, async () => {
      const response = await handler(httpApiEvent({ body: predictBody(asGrid(strokes)) }));
      assert.equal(response.statusCode, 200, response.body);
      const answer = body(response) as { digit: number; confidence: number; notDigit: number; verdict: string };
      assert.notEqual(answer.verdict, 'digit', `read ${answer.digit} at ${answer.confidence.toFixed(3)}, notDigit ${answer.notDigit.toFixed(3)}`);
    });
  }
});

describe('handler: bad input is a 4xx with a clear message, never a 500', () => {
  const usage = 'expected {"data": [784 numbers in 0..1]}';

  it('invalid JSON → 400', async () => {
    await refused(restEvent({ body: '{"data": [0, 1,' }), 400, /^request body is not valid JSON \(.+\); expected/);
  });

  it('empty body → 400', async () => {
    await refused(restEvent({ body: null }), 400, `request body is empty; ${usage}`);
    await refused(httpApiEvent({ body: '' }), 400, `request body is empty; ${usage}`);
  });

  it('missing data → 400', async () => {
    await refused(restEvent({ body: '{"grid": []}' }), 400, `missing "data": ${usage}`);
  });

  it('wrong number of cells → 400 naming the count', async () => {
    await refused(restEvent({ body: predictBody(new Array(783).fill(0)) }), 400, '"data" must hold exactly 784 numbers (a 28×28 grid), got 783');
  });

  it('a cell that is not a number in 0..1 → 400 naming its index', async () => {
    const grid: unknown[] = new Array(784).fill(0);
    grid[42] = 255;
    await refused(restEvent({ body: JSON.stringify({ data: grid }) }), 400, 'data[42] must be a finite number in 0..1, got 255');
    grid[42] = 'x';
    await refused(httpApiEvent({ body: JSON.stringify({ data: grid }) }), 400, 'data[42] must be a finite number in 0..1, got the string "x"');
  });

  it('a blank grid → 422: all zeros, or nothing above faint haze, is no drawing to classify', async () => {
    const message = /^the grid is blank \(no cell above 0\.05\): nothing to classify/;
    await refused(restEvent({ body: predictBody(new Array(784).fill(0)) }), 422, message);
    await refused(httpApiEvent({ body: predictBody(new Array(784).fill(0.04)) }), 422, message);
    const faint = new Array(784).fill(0);
    faint[400] = 0.06;
    const response = await handler(restEvent({ body: predictBody(faint) }));
    assert.equal(response.statusCode, 200, 'one cell of real ink is classified');
    assert.equal(JSON.parse(logs.at(-2)!).reason, 'blank-grid');
  });

  it('a body over 307 KB (16 full-precision grids) → 413, plain or base64', async () => {
    assert.equal(MAX_BODY_BYTES, 307 * 1024);
    const big = JSON.stringify({ data: new Array(784).fill(0), padding: 'x'.repeat(MAX_BODY_BYTES) });
    await refused(restEvent({ body: big }), 413, `request body is over 307 KB; ${usage}`);
    await refused(functionUrlEvent({ body: big, base64: true }), 413, `request body is over 307 KB; ${usage}`);
  });

  it('bodies that are not valid base64 or UTF-8 → 400', async () => {
    await refused({ ...functionUrlEvent({}), body: '%%% not base64', isBase64Encoded: true }, 400, 'request body is marked base64 but is not valid base64');
    await refused({ ...functionUrlEvent({}), body: Buffer.from([0xff, 0xfe, 0x7b]).toString('base64'), isBase64Encoded: true }, 400, 'request body is not valid UTF-8 text');
  });

  it('another method → 405 with Allow', async () => {
    const response = await refused(restEvent({ method: 'GET' }), 405, 'method GET not allowed; use POST');
    assert.equal(response.headers?.Allow, 'POST, OPTIONS');
    await refused(httpApiEvent({ method: 'PUT', body: predictBody(mnistDigit(0).grid) }), 405, 'method PUT not allowed; use POST');
  });

  it('another route → 404', async () => {
    await refused(restEvent({ path: '/classify' }), 404, 'no route /classify; the endpoint is POST /predict');
    await refused(functionUrlEvent({ path: '/' }), 404, 'no route /; the endpoint is POST /predict');
  });

  it('an event that is not an HTTP event → 400', async () => {
    await refused({ Records: [] }, 400, 'not an API Gateway or Lambda function URL HTTP event');
    await refused(undefined, 400, 'not an API Gateway or Lambda function URL HTTP event');
  });
});

describe('handler: CORS', () => {
  const origin = 'https://app.example.com';

  it('allows any origin by default, without credentials', async () => {
    const response = await handler(restEvent({ body: predictBody(mnistDigit(0).grid), headers: { Origin: origin } }));
    assert.equal(response.headers?.['Access-Control-Allow-Origin'], '*');
    assert.equal(response.headers?.['Access-Control-Allow-Credentials'], undefined);
  });

  it('answers a preflight with 204 and the allowed method and headers', async () => {
    const response = await handler(httpApiEvent({
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    }));
    assert.equal(response.statusCode, 204);
    assert.equal(response.body, '');
    assert.equal(response.headers?.['Access-Control-Allow-Origin'], '*');
    assert.equal(response.headers?.['Access-Control-Allow-Methods'], 'POST, OPTIONS');
    assert.equal(response.headers?.['Access-Control-Allow-Headers'], 'content-type');
  });

  it('never pairs * with Allow-Credentials, even when credentials are asked for', async () => {
    for (const allowed of [undefined, '*', 'https://a.test, *']) {
      assert.deepEqual(parseCorsPolicy(allowed, 'true'), { origins: '*', credentials: false });
      const open = handlerWith(parseCorsPolicy(allowed, 'true'));
      for (const event of [
        restEvent({ body: predictBody(mnistDigit(0).grid), headers: { Origin: origin } }),
        restEvent({ method: 'OPTIONS', headers: { Origin: origin } }),
        restEvent({ body: '{', headers: { Origin: origin } }),
      ]) {
        const response = await open(event);
        assert.equal(response.headers?.['Access-Control-Allow-Origin'], '*');
        assert.equal(response.headers?.['Access-Control-Allow-Credentials'], undefined);
      }
    }
  });

  it('echoes a listed origin with Vary: Origin, and credentials only when configured', async () => {
    const listed = handlerWith(parseCorsPolicy(`https://other.test, ${origin}/`, 'true'));
    const response = await listed(restEvent({ body: predictBody(mnistDigit(0).grid), headers: { Origin: origin } }));
    assert.equal(response.headers?.['Access-Control-Allow-Origin'], origin);
    assert.equal(response.headers?.['Access-Control-Allow-Credentials'], 'true');
    assert.equal(response.headers?.Vary, 'Origin');
    const noCredentials = handlerWith(parseCorsPolicy(origin));
    const plain = await noCredentials(restEvent({ body: '{', headers: { origin } }));
    assert.equal(plain.headers?.['Access-Control-Allow-Origin'], origin);
    assert.equal(plain.headers?.['Access-Control-Allow-Credentials'], undefined);
  });

  it('gives an unlisted origin no CORS grant and refuses its preflight', async () => {
    const listed = handlerWith(parseCorsPolicy(origin, 'true'));
    const stranger = 'https://evil.test';
    const response = await listed(restEvent({ body: predictBody(mnistDigit(0).grid), headers: { Origin: stranger } }));
    assert.equal(response.statusCode, 200, 'non-browser semantics are unchanged; the browser enforces CORS');
    assert.equal(response.headers?.['Access-Control-Allow-Origin'], undefined);
    assert.equal(response.headers?.['Access-Control-Allow-Credentials'], undefined);
    const preflight = await listed(httpApiEvent({ method: 'OPTIONS', headers: { Origin: stranger } }));
    assert.equal(preflight.statusCode, 403);
    assert.equal(JSON.parse(preflight.body).error, 'origin https://evil.test may not call this endpoint');
    assert.equal(preflight.headers?.['Access-Control-Allow-Origin'], undefined);
  });
});

describe('handler: logging and configuration', () => {
  it('writes one JSON line per request with id, route, status, time and digit, never the input', async () => {
    const { grid, label } = mnistDigit(4);
    grid[100] = 0.123456789;
    logs.length = 0;
    await handler(restEvent({ body: predictBody(grid) }), { awsRequestId: 'req-1' });
    await handler(restEvent({ body: JSON.stringify({ data: [0.987654321] }) }), { awsRequestId: 'req-2' });
    assert.equal(logs.length, 2);
    const [ok, bad] = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(ok!.requestId, 'req-1');
    assert.equal(ok!.route, '/predict');
    assert.equal(ok!.method, 'POST');
    assert.equal(ok!.status, 200);
    assert.equal(ok!.digit, label);
    assert.equal(ok!.backend, 'wasm');
    assert.equal(typeof ok!.ms, 'number');
    assert.equal(bad!.status, 400);
    assert.equal(bad!.reason, 'invalid-data');
    assert.ok(!logs.join('\n').includes('0.123456789'), 'the grid never reaches the log');
    assert.ok(!logs.join('\n').includes('0.987654321'), 'a refused body never reaches the log');
  });

  it('reads MODEL_URL, ALLOWED_ORIGINS, ALLOW_CREDENTIALS and TFJS_BACKEND from the environment', () => {
    const fallback = new URL('file:///var/task/model/model.json');
    assert.deepEqual(configFromEnv({}, fallback), {
      modelLocation: fallback.href,
      cors: { origins: '*', credentials: false },
      backend: 'wasm',
    });
    assert.deepEqual(
      configFromEnv(
        { MODEL_URL: 'https://cdn.test/m/model.json', ALLOWED_ORIGINS: 'https://A.test/, https://b.test', ALLOW_CREDENTIALS: 'true', TFJS_BACKEND: 'cpu' },
        fallback,
      ),
      {
        modelLocation: 'https://cdn.test/m/model.json',
        cors: { origins: ['https://a.test', 'https://b.test'], credentials: true },
        backend: 'cpu',
      },
    );
  });
});

after(() => {
  logs.length = 0;
});
