// Test-only HTTP endpoints for the browser tests of remote classification, as @web/test-runner
// middleware (Koa): the real Lambda handler and endpoints that misbehave, in one module.
//
// testEndpoints(), under /test-endpoints/ (the remote classification tests):
//   POST predict            the real Lambda handler (src/lambda) with the bundled model
//   POST slow?ms=N          waits N ms (or until the client goes away), then the real handler;
//                           GET slow-log lists how each slow request ended ("answered" / "closed")
//   POST object-result      the real handler's answer with `result` as an object keyed "0".."9",
//                           as the original serverless MNIST API sent it
//   POST status/NNN         answers NNN with {"error": "..."}
//   POST not-digit?value=V  200 with ten low digit probabilities (7 the likeliest, 0.12) and
//                           "notDigit": V (V is JSON text: 0.8, 1.5, "x"; no value: no field)
//   POST NAME               one of the bad answers below (garbage, nine, html, no-result, …)
//   GET  not-found/…        404, counting the hits; GET hits?route=not-found/… says how many
//                           (use paths without a file extension: the test runner marks those
//                           cacheable for a year, whatever this middleware says)
//
// faultEndpoints(), under /fault-endpoints/ (the reliability tests; it sits before
// testEndpoints() and hands healthy requests on to its real handler):
//   POST fault/NAME?key=K   misbehaves as NAME until GET heal?key=K; after that it is the real
//                           Lambda handler, so a test can show the next prediction works
//   GET  heal?key=K         ends the fault for K; GET hits?key=K says how many requests K got
//   POST staggered?key=K&step=MS
//                           the real handler, but the n-th request for K (from 0) waits
//                           (3 - n) × MS first, so earlier requests answer later
//   NAME: reset (the connection is destroyed without an answer), slow?ms=N (no answer for N ms or
//   until the client hangs up, then the real handler), status-NNN, or one of the bad answers.
//
// Bad answers (NAME, on both prefixes):
//   garbage        200 with a body that is not JSON
//   html           200 with an HTML page
//   no-result      200 with JSON that has no "result"
//   eleven, nine   200 with 11 or 9 probabilities
//   nan            200 whose body has a bare NaN (what Python's json.dumps writes), so not JSON
//   null           200 with a null probability (what JSON.stringify makes of NaN)
//   nan-string     200 with "NaN" strings as probabilities
//   html-error     500 whose error message is markup
//   html-result    200 whose result holds markup strings
//   html-keys      200 whose result is an object keyed with markup
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const TEST_PREFIX = '/test-endpoints/';
const FAULT_PREFIX = '/fault-endpoints/';
const HEALTHY = `${TEST_PREFIX}predict`;

let handlerPromise;

/** The real predict handler, compiled on first use with tsx (the dev server itself runs plain Node). */
function realHandler() {
  handlerPromise ??= (async () => {
    const { tsImport } = await import('tsx/esm/api');
    const { createPredictHandler } = await tsImport('../src/lambda/predict-handler.ts', import.meta.url);
    const { createModelService } = await tsImport('../src/lambda/model-service.ts', import.meta.url);
    const { parseCorsPolicy } = await tsImport('../src/lambda/cors.ts', import.meta.url);
    const { predictEvent } = await tsImport('../test/lambda/events.ts', import.meta.url);
    // TEST_ENDPOINTS_MODEL: another model.json, e.g. while no trained model is committed yet.
    const modelLocation = process.env.TEST_ENDPOINTS_MODEL ?? fileURLToPath(new URL('model/model.json', root));
    const config = { modelLocation, cors: parseCorsPolicy(undefined, undefined), backend: 'cpu' };
    const handler = createPredictHandler({ config, models: createModelService(modelLocation, 'cpu'), log: () => {} });
    return { handler, predictEvent };
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

/** Runs the real handler on the request as API Gateway would (test/lambda/events.ts); returns {status, body}. */
async function invokeHandler(ctx, body) {
  const { handler, predictEvent } = await realHandler();
  const result = await handler(predictEvent(ctx.req, body));
  return { status: result.statusCode, body: result.body ?? '' };
}

function send(ctx, status, body, type = 'application/json') {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = status;
  ctx.type = type;
  ctx.body = body;
}

/** Waits `ms`; true when the client closed the connection first (a cancelled request). */
function clientClosedWithin(ctx, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    ctx.req.socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const MARKUP = '<img src="x" onerror="window.__digitCanvasInjected = true"><b id="injected">boom</b><script>window.__digitCanvasInjected = true</script>';
const even = new Array(10).fill(0.1);

/** The bad answers both prefixes serve: [status, body, type]. */
const BAD_ANSWERS = {
  garbage: [200, 'this is {not json', 'text/plain'],
  html: [200, '<!doctype html><title>Welcome</title><p>Not an API</p>', 'text/html'],
  'no-result': [200, JSON.stringify({ digit: 3 })],
  eleven: [200, JSON.stringify({ result: new Array(11).fill(1 / 11) })],
  nine: [200, JSON.stringify({ result: new Array(9).fill(1 / 9) })],
  nan: [200, `{"result": [NaN, ${even.slice(1).join(', ')}]}`],
  null: [200, JSON.stringify({ result: [null, ...even.slice(1)] })],
  'nan-string': [200, JSON.stringify({ result: new Array(10).fill('NaN') })],
  'html-error': [500, JSON.stringify({ error: MARKUP })],
  'html-result': [200, JSON.stringify({ result: [MARKUP, ...even.slice(1)], digit: MARKUP, confidence: MARKUP })],
  'html-keys': [200, JSON.stringify({ result: { ...Object.fromEntries(even.map((p, i) => [String(i), p])), [MARKUP]: 1 } })],
};

/**
 * Answers `name` (`status/NNN` or `status-NNN`, or a bad answer); false when it names none.
 * `who` says whose failure a status is, in its message.
 */
function misbehave(ctx, name, who) {
  const status = /^status[/-](\d{3})$/.exec(name)?.[1];
  if (status) {
    if (status === '429') ctx.set('Retry-After', '1');
    send(ctx, Number(status), JSON.stringify({ error: `${who} endpoint failing with ${status} on purpose` }));
    return true;
  }
  if (!Object.hasOwn(BAD_ANSWERS, name)) return false;
  send(ctx, ...BAD_ANSWERS[name]);
  return true;
}

const slowLog = [];
const routeHits = new Map();

export function testEndpoints() {
  return async function testEndpointsMiddleware(ctx, next) {
    if (!ctx.path.startsWith(TEST_PREFIX)) return next();
    const route = ctx.path.slice(TEST_PREFIX.length);
    if (route === 'slow-log' && ctx.method === 'GET') return send(ctx, 200, JSON.stringify(slowLog));
    if (route === 'hits' && ctx.method === 'GET') return send(ctx, 200, JSON.stringify(routeHits.get(ctx.query.route) ?? 0));
    if (route.startsWith('not-found/')) {
      routeHits.set(route, (routeHits.get(route) ?? 0) + 1);
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
    if (route === 'not-digit') {
      const result = [0.005, 0.04, 0.005, 0.005, 0.005, 0.005, 0.005, 0.12, 0.005, 0.005];
      const extra = ctx.query.value === undefined ? {} : { notDigit: JSON.parse(ctx.query.value), verdict: 'not-a-digit' };
      return send(ctx, 200, JSON.stringify({ result, digit: 7, confidence: 0.12, ...extra }));
    }
    if (misbehave(ctx, route, 'test')) return;
    return send(ctx, 404, JSON.stringify({ error: `no test endpoint ${route}` }));
  };
}

const healed = new Set();
const keyHits = new Map();

/** Hands the request on to the real handler (testEndpoints, after this middleware). */
function passOn(ctx, next) {
  ctx.path = HEALTHY;
  return next();
}

export function faultEndpoints() {
  return async function faultEndpointsMiddleware(ctx, next) {
    if (!ctx.path.startsWith(FAULT_PREFIX)) return next();
    const route = ctx.path.slice(FAULT_PREFIX.length);
    const key = String(ctx.query.key ?? '');
    if (route === 'heal' && ctx.method === 'GET') {
      healed.add(key);
      return send(ctx, 200, 'true');
    }
    if (route === 'hits' && ctx.method === 'GET') return send(ctx, 200, JSON.stringify(keyHits.get(key) ?? 0));
    if (ctx.method !== 'POST') return send(ctx, 405, JSON.stringify({ error: 'POST only' }));
    const count = keyHits.get(key) ?? 0;
    keyHits.set(key, count + 1);

    if (route === 'staggered') {
      const step = Number(ctx.query.step ?? 300);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3 - count) * step));
      return passOn(ctx, next);
    }
    const name = /^fault\/([\w-]+)$/.exec(route)?.[1];
    if (name === undefined) return send(ctx, 404, JSON.stringify({ error: `no fault endpoint ${route}` }));
    if (healed.has(key)) return passOn(ctx, next);
    if (name === 'reset') {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    if (name === 'slow') {
      if (await clientClosedWithin(ctx, Number(ctx.query.ms ?? 2000))) {
        ctx.respond = false;
        return;
      }
      return passOn(ctx, next);
    }
    if (misbehave(ctx, name, 'fault')) return;
    return send(ctx, 404, JSON.stringify({ error: `no fault ${name}` }));
  };
}
