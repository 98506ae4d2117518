import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { functionUrlEvent, httpApiEvent, restEvent } from './events.ts';

const MODEL = fileURLToPath(new URL('../../model/model.json', import.meta.url));
const models = createModelService(MODEL, 'wasm');
const handler = createPredictHandler({
  config: { modelLocation: MODEL, cors: parseCorsPolicy('https://a.test,https://b.test', 'true'), backend: 'wasm' },
  models,
  log: () => {},
});

/** Every answer is a well-formed HTTP response below 500 whose body (if any) is JSON. */
function assertWellFormed(response: APIGatewayProxyResult): void {
  assert.ok(Number.isInteger(response.statusCode) && response.statusCode >= 200 && response.statusCode < 500,
    `status ${response.statusCode}: ${response.body}`);
  if (response.statusCode === 204) return;
  const parsed = JSON.parse(response.body) as Record<string, unknown>;
  if (response.statusCode === 200) assert.equal((parsed.result as unknown[]).length, 10);
  else assert.equal(typeof parsed.error, 'string');
}

const cell = fc.double({ min: 0, max: 1, noNaN: true });
const validGrid = fc.array(cell, { minLength: 784, maxLength: 784 });
/** Valid grids with some ink (a blank one is a 422). */
const inkedGrid = validGrid.filter((grid) => grid.some((value) => value > 0.05));
/** Grids of nothing but faint haze. */
const blankGrid = fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: 784, maxLength: 784 });
/** Grids with one cell made invalid. */
const brokenGrid = fc.tuple(validGrid, fc.nat(783), fc.oneof(fc.double(), fc.anything())).map(([grid, index, value]) => {
  const data: unknown[] = [...grid];
  data[index] = value;
  return data;
});
const bodies = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.json(),
  fc.anything().map((value) => JSON.stringify(value) ?? ''),
  fc.record({ data: fc.oneof(fc.anything(), fc.array(fc.double()), brokenGrid) }).map((value) => JSON.stringify(value)),
  fc.array(cell, { maxLength: 800 }).map((data) => JSON.stringify({ data })),
);
const methods = fc.oneof(fc.constantFrom('POST', 'GET', 'OPTIONS', 'PUT', 'DELETE', 'HEAD', 'post'), fc.string());
const paths = fc.oneof(fc.constantFrom('/predict', '/predict/', '/', '/dev/predict', '/predict/x'), fc.webPath(), fc.string());
const headers = fc.dictionary(
  fc.oneof(fc.constantFrom('Origin', 'origin', 'Access-Control-Request-Headers', 'content-type'), fc.string()),
  fc.oneof(fc.constantFrom('https://a.test', 'https://evil.test', '*', 'null'), fc.string()),
);
const shapedEvents = fc.record({
  kind: fc.constantFrom('rest', 'http-api', 'function-url'),
  method: methods,
  path: paths,
  body: fc.option(bodies, { nil: null }),
  headers,
  base64: fc.boolean(),
}).map(({ kind, ...options }) =>
  kind === 'rest' ? restEvent(options) : kind === 'http-api' ? httpApiEvent(options) : functionUrlEvent(options));
/** Events whose fields have the wrong types altogether. */
const mangledEvents = fc.oneof(
  fc.anything(),
  fc.record({
    httpMethod: fc.anything(),
    path: fc.anything(),
    headers: fc.anything(),
    body: fc.anything(),
    isBase64Encoded: fc.anything(),
    requestContext: fc.anything(),
  }, { requiredKeys: [] }),
  fc.record({
    version: fc.constant('2.0'),
    routeKey: fc.anything(),
    rawPath: fc.anything(),
    body: fc.anything(),
    isBase64Encoded: fc.anything(),
    requestContext: fc.record({ http: fc.record({ method: fc.anything() }, { requiredKeys: [] }), stage: fc.anything() }, { requiredKeys: [] }),
  }, { requiredKeys: [] }),
);

before(async () => {
  await models.get();
});

describe('handler properties (fast-check)', () => {
  it('never throws and never answers 5xx for random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, base64) => {
        assertWellFormed(await handler(restEvent({ body, base64 })));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and never answers 5xx for random HTTP events', async () => {
    await fc.assert(
      fc.asyncProperty(shapedEvents, async (event) => {
        assertWellFormed(await handler(event));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and never answers 5xx for events with wrongly typed fields', async () => {
    await fc.assert(
      fc.asyncProperty(mangledEvents, async (event) => {
        assertWellFormed(await handler(event));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers every valid grid with ink with 200 and ten probabilities', async () => {
    await fc.assert(
      fc.asyncProperty(inkedGrid, async (data) => {
        const response = await handler(httpApiEvent({ body: JSON.stringify({ data }) }));
        assert.equal(response.statusCode, 200, response.body);
        assertWellFormed(response);
      }),
      { numRuns: 100 },
    );
  });

  it('answers every blank grid (no cell above 0.05) with 422 and an error', async () => {
    await fc.assert(
      fc.asyncProperty(blankGrid, async (data) => {
        const response = await handler(httpApiEvent({ body: JSON.stringify({ data }) }));
        assert.equal(response.statusCode, 422, response.body);
        assert.match(JSON.parse(response.body).error, /blank/);
      }),
      { numRuns: 50 },
    );
  });

  it('answers every grid with one bad cell with 400 naming that cell', async () => {
    await fc.assert(
      fc.asyncProperty(validGrid, fc.nat(783), fc.oneof(fc.double().filter((v) => !(v >= 0 && v <= 1)), fc.string(), fc.boolean(), fc.constant(null)), async (grid, index, value) => {
        const data: unknown[] = [...grid];
        data[index] = value;
        const response = await handler(restEvent({ body: JSON.stringify({ data }) }));
        assert.equal(response.statusCode, 400);
        // JSON turns NaN and ±Infinity into null, which is what the handler then sees.
        assert.match(JSON.parse(response.body).error, new RegExp(`^data\\[${index}\\] must be a finite number in 0\\.\\.1, got `));
      }),
      { numRuns: 300 },
    );
  });
});
