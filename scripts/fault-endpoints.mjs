// Faulty /predict endpoints for the reliability browser tests, as @web/test-runner middleware
// (Koa). It sits before scripts/test-endpoints.mjs and hands healthy requests to its real handler.
// Everything lives under /fault-endpoints/:
//   POST fault/NAME?key=K   misbehaves as NAME (below) until GET heal?key=K; after that it is the
//                           real Lambda handler, so a test can show the next prediction works
//   GET  heal?key=K         ends the fault for K; GET hits?key=K says how many requests K got
//   POST staggered?key=K&step=MS
//                           the real handler, but the n-th request for K (from 0) waits
//                           (3 - n) × MS first, so earlier requests answer later
// Faults (NAME):
//   reset          the connection is destroyed without an answer
//   slow?ms=N      no answer for N ms (or until the client hangs up), then the real handler
//   status-NNN     status NNN with {"error": "..."}
//   html           200 with an HTML page
//   eleven, nine   200 with 11 or 9 probabilities
//   nan            200 whose body has a bare NaN (what Python's json.dumps writes), so not JSON
//   null           200 with a null probability (what JSON.stringify makes of NaN)
//   nan-string     200 with "NaN" strings as probabilities
//   html-error     500 whose error message is markup
//   html-result    200 whose result holds markup strings
//   html-keys      200 whose result is an object keyed with markup
import { clientClosedWithin } from './test-endpoints.mjs';

const PREFIX = '/fault-endpoints/';
const HEALTHY = '/test-endpoints/predict';

const MARKUP = '<img src="x" onerror="window.__digitCanvasInjected = true"><b id="injected">boom</b><script>window.__digitCanvasInjected = true</script>';

const healed = new Set();
const hits = new Map();

function send(ctx, status, body, type = 'application/json') {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = status;
  ctx.type = type;
  ctx.body = body;
}

const even = new Array(10).fill(0.1);

/** Each fault answers (or not) by itself; `undefined` means it decided to pass the request on. */
const faults = {
  reset(ctx) {
    ctx.respond = false;
    ctx.req.socket.destroy();
  },
  async slow(ctx, next) {
    const ms = Number(ctx.query.ms ?? 2000);
    if (await clientClosedWithin(ctx, ms)) {
      ctx.respond = false;
      return;
    }
    return passOn(ctx, next);
  },
  html: (ctx) => send(ctx, 200, '<!doctype html><title>Gateway</title><h1>Welcome</h1>', 'text/html'),
  eleven: (ctx) => send(ctx, 200, JSON.stringify({ result: new Array(11).fill(1 / 11) })),
  nine: (ctx) => send(ctx, 200, JSON.stringify({ result: new Array(9).fill(1 / 9) })),
  nan: (ctx) => send(ctx, 200, `{"result": [NaN, ${even.slice(1).join(', ')}]}`),
  null: (ctx) => send(ctx, 200, JSON.stringify({ result: [null, ...even.slice(1)] })),
  'nan-string': (ctx) => send(ctx, 200, JSON.stringify({ result: new Array(10).fill('NaN') })),
  'html-error': (ctx) => send(ctx, 500, JSON.stringify({ error: MARKUP })),
  'html-result': (ctx) => send(ctx, 200, JSON.stringify({ result: [MARKUP, ...even.slice(1)], digit: MARKUP, confidence: MARKUP })),
  'html-keys': (ctx) => send(ctx, 200, JSON.stringify({ result: { ...Object.fromEntries(even.map((p, i) => [String(i), p])), [MARKUP]: 1 } })),
};

function passOn(ctx, next) {
  ctx.path = HEALTHY;
  return next();
}

export function faultEndpoints() {
  return async function faultEndpointsMiddleware(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const route = ctx.path.slice(PREFIX.length);
    const key = String(ctx.query.key ?? '');
    if (route === 'heal' && ctx.method === 'GET') {
      healed.add(key);
      return send(ctx, 200, 'true');
    }
    if (route === 'hits' && ctx.method === 'GET') return send(ctx, 200, JSON.stringify(hits.get(key) ?? 0));
    if (ctx.method !== 'POST') return send(ctx, 405, JSON.stringify({ error: 'POST only' }));
    const count = hits.get(key) ?? 0;
    hits.set(key, count + 1);

    if (route === 'staggered') {
      const step = Number(ctx.query.step ?? 300);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3 - count) * step));
      return passOn(ctx, next);
    }
    const name = /^fault\/([\w-]+)$/.exec(route)?.[1];
    if (name === undefined) return send(ctx, 404, JSON.stringify({ error: `no fault endpoint ${route}` }));
    if (healed.has(key)) return passOn(ctx, next);
    const status = /^status-(\d{3})$/.exec(name);
    if (status) {
      if (status[1] === '429') ctx.set('Retry-After', '1');
      return send(ctx, Number(status[1]), JSON.stringify({ error: `fault endpoint failing with ${status[1]} on purpose` }));
    }
    const fault = faults[name];
    if (!fault) return send(ctx, 404, JSON.stringify({ error: `no fault ${name}` }));
    return fault(ctx, next);
  };
}
