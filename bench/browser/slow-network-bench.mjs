/**
 * First pointer contact → first `prediction` on a throttled network, as a person on a phone meets
 * the element: the page opens, the stroke starts as soon as the element (or the original's
 * canvas) is ready and takes a realistic second, and auto-predict classifies on pointerup. The
 * network is Chromium's own emulation (CDP Network.emulateNetworkConditions) over a server that
 * gzips and sends cache headers as a host would; cold runs get a fresh browser context, warm
 * runs the same context after one unthrottled visit that fetched everything and stayed until the
 * network was idle (firstVisit).
 */
import { progress } from '../lib/progress.mjs';
import { summarize } from '../lib/stats.mjs';

/** The issue's profiles (Mbit/s as 10^6 bits, round-trip latency in ms). */
export const NETWORKS = {
  'Fast 3G': { downloadMbps: 1.6, uploadMbps: 0.75, latencyMs: 150 },
  'slow 4G': { downloadMbps: 4, uploadMbps: 3, latencyMs: 100 },
};

/** A stroke lasting about this long, in this many moves: a person drawing a digit. */
const STROKE_MS = 1000;
const STROKE_MOVES = 20;
/** A "7", canvas-relative. */
const SEVEN = [[0.25, 0.2], [0.75, 0.2], [0.4, 0.85]];

/** Cache-Control as the README recommends: hashed names for good, the rest revalidated. */
export function cacheControl(path) {
  return /^\/dist\/chunks\/|^\/tfjs\/|^\/original-model\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pointsAlong(path, count) {
  const segments = path.slice(1).map((to, i) => [path[i], to]);
  const lengths = segments.map(([a, b]) => Math.hypot(b[0] - a[0], b[1] - a[1]));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const points = [];
  for (let k = 1; k <= count; k++) {
    let d = (k / count) * total;
    let s = 0;
    while (s < segments.length - 1 && d > lengths[s]) d -= lengths[s++];
    const [a, b] = segments[s];
    const t = Math.min(1, d / lengths[s]);
    points.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  }
  return points;
}

async function surfaceBox(page) {
  return page.evaluate(() => {
    const host = document.querySelector('digit-canvas');
    const surface = host ? host.shadowRoot.querySelector('[part~="canvas"]') : document.querySelector('canvas');
    const rect = surface.getBoundingClientRect();
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  });
}

/**
 * Draws the seven. `cdp` given: paced over STROKE_MS as a person draws, each move sent on time
 * without waiting for the page (a busy page handles them late, as it would a real pen's; the page
 * times the stroke by the events' timeStamps). Without: at once, to prime a cache.
 */
async function drawSeven(page, cdp) {
  const box = await surfaceBox(page);
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  const points = pointsAlong(SEVEN, STROKE_MOVES).map(at);
  const [x0, y0] = at(SEVEN[0]);
  if (!cdp) {
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (const point of points) await page.mouse.move(...point);
    await page.mouse.up();
    return;
  }
  const send = (type, [x, y], buttons) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons, clickCount: type === 'mouseMoved' ? 0 : 1 });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: x0, y: y0 });
  const sent = [send('mousePressed', [x0, y0], 1)];
  const started = Date.now();
  for (const [i, point] of points.entries()) {
    await sleep(Math.max(0, started + ((i + 1) * STROKE_MS) / STROKE_MOVES - Date.now()));
    sent.push(send('mouseMoved', point, 1));
  }
  sent.push(send('mouseReleased', points.at(-1), 0));
  await Promise.all(sent);
}

async function visit(page, url, cdp) {
  const errors = [];
  const onError = (error) => errors.push(error.message);
  page.on('pageerror', onError);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await page.waitForFunction('globalThis.benchReady === true', { timeout: 180_000, polling: 'raf' });
    await drawSeven(page, cdp);
    await page.waitForFunction('globalThis.benchState.prediction > 0 || globalThis.benchState.error', { timeout: 180_000 });
    const state = await page.evaluate(() => ({
      ...globalThis.benchState,
      // Each file's compressed size, and what crossed the network for it (0 from the cache).
      fetched: performance.getEntriesByType('resource').map((entry) => [new URL(entry.name).pathname, entry.encodedBodySize, entry.transferSize]),
    }));
    if (state.error) throw new Error(`prediction-error: ${state.error}`);
    return state;
  } catch (error) {
    throw new Error(`${url}: ${error.message}${errors.length ? ` (page: ${errors.join('; ')})` : ''}`);
  } finally {
    page.off('pageerror', onError);
  }
}

/** Throttles the page's network; returns its CDP session. */
async function throttle(page, network) {
  const { downloadMbps, uploadMbps, latencyMs } = NETWORKS[network];
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: latencyMs,
    downloadThroughput: (downloadMbps * 1e6) / 8,
    uploadThroughput: (uploadMbps * 1e6) / 8,
  });
  return cdp;
}

/**
 * `runs` visits of `pagePath` on `network` with a `cache` that is `cold` or `warm`. Returns the
 * medians of first contact → prediction (`ms`), pointerup → prediction (`afterStrokeMs`, the
 * waiting) and the stroke itself, and the backend that answered.
 */
export async function benchFirstTouch(browser, baseUrl, { label, pagePath, network, cache, runs }) {
  const section = `browser: first touch → prediction, ${label}, ${network}, ${cache} cache`;
  const url = `${baseUrl}${pagePath}`;
  const touch = [];
  const after = [];
  const stroke = [];
  let backend;
  let bytes;
  for (let i = 0; i < runs; i++) {
    progress(section, `${i + 1}/${runs}`);
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      if (cache === 'warm') await firstVisit(page, () => visit(page, url, undefined));
      const state = await visit(page, url, await throttle(page, network));
      touch.push(state.prediction - state.down);
      after.push(state.prediction - state.up);
      stroke.push(state.up - state.down);
      backend = state.backend;
      bytes = wireBytes(state.fetched);
    } finally {
      await context.close();
    }
  }
  return { label, network, cache, backend, bytes, ms: summarize(touch), afterStrokeMs: summarize(after), strokeMs: summarize(stroke) };
}

/**
 * A visitor's first visit, unthrottled: `use` the page, then stay until the network is idle, as
 * a person who reads the answer does (the element finishes its background downloads, such as
 * `auto` moving to wasm, and they reach the HTTP cache).
 */
async function firstVisit(page, use) {
  await use();
  await page.waitForNetworkIdle({ idleTime: 500, timeout: 60_000 });
}

/**
 * A returning visitor on localhost, unthrottled: `runs` fresh contexts, each visiting `pagePath`
 * once to fill the HTTP cache (firstVisit) and timing the second visit from navigation start to its first
 * answer (the page sets strokes and awaits predict() as soon as the element exists). Pages:
 * coldload-*.html, which set `globalThis.coldResult`.
 */
export async function benchRepeatVisit(browser, baseUrl, { label, pagePath, runs }) {
  const section = `browser: repeat visit → first answer, ${label}`;
  const times = [];
  let backend;
  let transferred = 0;
  for (let i = 0; i < runs; i++) {
    progress(section, `${i + 1}/${runs}`);
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      for (const pass of ['first', 'repeat']) {
        const answered = async () => {
          await page.goto(`${baseUrl}${pagePath}`, { waitUntil: 'load', timeout: 120_000 });
          await page.waitForFunction('globalThis.coldResult', { timeout: 120_000 });
        };
        if (pass === 'first') {
          await firstVisit(page, answered);
          continue;
        }
        await answered();
        const result = await page.evaluate(() => ({
          ...globalThis.coldResult,
          transferred: performance.getEntriesByType('resource').reduce((sum, entry) => sum + entry.transferSize, 0),
        }));
        times.push(result.ms);
        backend = result.backend;
        transferred = result.transferred;
      }
    } finally {
      await context.close();
    }
  }
  return { label, backend, transferred, ms: summarize(times) };
}

/**
 * The files' gzip bytes by kind; `afterEntry`: what the classifier adds to what an endpoint-only
 * page loads (the entry and its shared chunk), or all of the original's; `transferred`: bytes
 * that crossed the network (headers included; a file from the cache counts 0).
 */
function wireBytes(fetched) {
  const bytes = { js: 0, wasm: 0, model: 0, afterEntry: 0, transferred: 0 };
  for (const [path, size, transferred] of fetched) {
    const kind = path.endsWith('.wasm') ? 'wasm' : /\.(json|bin)$/.test(path) ? 'model' : 'js';
    bytes[kind] += size;
    bytes.transferred += transferred;
    if (!/^\/dist\/(digit-canvas\.js|chunks\/shared-)/.test(path)) bytes.afterEntry += size;
  }
  return bytes;
}
