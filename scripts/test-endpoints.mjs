// Test-only HTTP endpoints for the browser tests of remote classification, as @web/test-runner
// middleware (Koa). Everything lives under /test-endpoints/:
//   POST predict            the real Lambda handler (src/lambda) with the bundled model
//   POST slow?ms=N          waits N ms (or until the client goes away), then the real handler;
//                           GET slow-log lists how each slow request ended ("answered" / "closed")
//   POST object-result      the real handler's answer with `result` as an object keyed "0".."9",
//                           as the original serverless MNIST API sent it
//   POST status/NNN         answers NNN with {"error": "..."}
//   POST garbage            200 with a body that is not JSON
//   POST nine               200 with nine probabilities
//   POST html               200 with an HTML page
//   POST no-result          200 with JSON that has no "result"
//   POST not-digit?value=V  200 with ten low digit probabilities (7 the likeliest, 0.12) and
//                           "notDigit": V (V is JSON text: 0.8, 1.5, "x"; no value: no field)
//   GET  not-found/…        404, counting the hits; GET hits?route=not-found/… says how many
//                           (use paths without a file extension: the test runner marks those
//                           cacheable for a year, whatever this middleware says)
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const root = new URL('..', import.meta.url);
const PREFIX = '/test-endpoints/';

let handlerPromise;

/** The real predict handler, compiled on first use with tsx (the dev server itself runs plain Node). */
function realHandler() {
  handlerPromise ??= (async () => {
    const { tsImport } = await import('tsx/esm/api');
    const { createPredictHandler } = await tsImport('../src/lambda/predict-handler.ts', import.meta.url);
    const { createModelService } = await tsImport('../src/lambda/model-service.ts', import.meta.url);
    const { parseCorsPolicy } = await tsImport('../src/lambda/cors.ts', import.meta.url);
    // TEST_ENDPOINTS_MODEL: another model.json, e.g. while no trained model is committed yet.
    const modelLocation = process.env.TEST_ENDPOINTS_MODEL ?? fileURLToPath(new URL('model/model.json', root));
    const config = { modelLocation, cors: parseCorsPolicy(undefined, undefined), backend: 'cpu' };
    return createPredictHandler({ config, models: createModelService(modelLocation, 'cpu'), log: () => {} });
  })();
  handlerPromise.catch(() => {
    handlerPromise = undefined;
  });
  return handlerPromise;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs the real handler on the request as an HTTP API (v2) event; returns {status, headers, body}. */
async function invokeHandler(ctx, body) {
  const handler = await realHandler();
  const event = {
    version: '2.0',
    routeKey: 'POST /predict',
    rawPath: '/predict',
    rawQueryString: '',
    headers: { 'content-type': ctx.get('content-type'), origin: ctx.get('origin') || undefined },
    requestContext: { http: { method: 'POST', path: '/predict', sourceIp: '127.0.0.1' }, requestId: randomUUID() },
    body,
    isBase64Encoded: false,
  };
  const result = await handler(event, { awsRequestId: event.requestContext.requestId });
  return { status: result.statusCode, headers: result.headers ?? {}, body: result.body ?? '' };
}

function send(ctx, status, body, type = 'application/json') {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = status;
  ctx.type = type;
  ctx.body = body;
}

const slowLog = [];
const hits = new Map();


/** Waits `ms`; true when the client closed the connection first (a cancelled request). */
export function clientClosedWithin(ctx, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    ctx.req.socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
export function testEndpoints() {
  return async function testEndpointsMiddleware(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const route = ctx.path.slice(PREFIX.length);
    if (route === 'slow-log' && ctx.method === 'GET') return send(ctx, 200, JSON.stringify(slowLog));
    if (route === 'hits' && ctx.method === 'GET') return send(ctx, 200, JSON.stringify(hits.get(ctx.query.route) ?? 0));
    if (route.startsWith('not-found/')) {
      hits.set(route, (hits.get(route) ?? 0) + 1);
      return send(ctx, 404, JSON.stringify({ error: `nothing at ${route} (test endpoint)` }));
    }
    if (ctx.method !== 'POST') return send(ctx, 405, JSON.stringify({ error: 'POST only' }));
    const body = await readBody(ctx.req);

    if (route === 'predict' || route === 'object-result') {
      const answer = await invokeHandler(ctx, body);
      if (route === 'object-result' && answer.status === 200) {
        const parsed = JSON.parse(answer.body);
        parsed.result = Object.fromEntries(parsed.result.map((p, i) => [String(i), p]));
        answer.body = JSON.stringify(parsed);
      }
      return send(ctx, answer.status, answer.body);
    }
    if (route === 'slow') {
      const ms = Number(ctx.query.ms ?? 2000);
      const id = ctx.query.id ?? String(slowLog.length);
      const entry = { id, outcome: 'pending' };
      slowLog.push(entry);
      if (await clientClosedWithin(ctx, ms)) {
        entry.outcome = 'closed';
        return;
      }
      entry.outcome = 'answered';
      const answer = await invokeHandler(ctx, body);
      return send(ctx, answer.status, answer.body);
    }
    const status = /^status\/(\d{3})$/.exec(route);
    if (status) return send(ctx, Number(status[1]), JSON.stringify({ error: `test endpoint failing with ${status[1]} on purpose` }));
    if (route === 'garbage') return send(ctx, 200, 'this is {not json', 'text/plain');
    if (route === 'nine') return send(ctx, 200, JSON.stringify({ result: new Array(9).fill(1 / 9) }));
    if (route === 'html') return send(ctx, 200, '<!doctype html><title>Welcome</title><p>Not an API</p>', 'text/html');
    if (route === 'no-result') return send(ctx, 200, JSON.stringify({ digit: 3 }));
    if (route === 'not-digit') {
      const result = [0.005, 0.04, 0.005, 0.005, 0.005, 0.005, 0.005, 0.12, 0.005, 0.005];
      const extra = ctx.query.value === undefined ? {} : { notDigit: JSON.parse(ctx.query.value), verdict: 'not-a-digit' };
      return send(ctx, 200, JSON.stringify({ result, digit: 7, confidence: 0.12, ...extra }));
    }
    return send(ctx, 404, JSON.stringify({ error: `no test endpoint ${route}` }));
  };
}
