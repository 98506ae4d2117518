/**
 * The built library on a plain static page: `vite build` (the config `npm run build` uses) into a
 * temporary folder, served by a bare static file server, loaded in the system Chromium with one
 * script tag and nothing else. A person draws with the real mouse and presses Predict; the model,
 * the tfjs chunks and the wasm binaries must all come from beside dist/digit-canvas.js. A second
 * page classifies through an endpoint (the real Lambda handler) and must fetch no tfjs at all.
 * The server is the bench's (bench/lib/static-server.mjs), the event the Lambda tests' (events.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStaticServer, type StaticServer } from '../../bench/lib/static-server.mjs';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { SEVEN } from '../fixtures/drawn-digits.ts';
import { predictEvent } from '../lambda/events.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'digit-canvas-dist-'));

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>static page</title>
<link rel="icon" href="data:,"><script type="module" src="./digit-canvas.js"></script></head><body>${body}</body></html>`;

const PAGES: Record<string, string> = {
  '/local.html': page('<digit-canvas></digit-canvas>'),
  '/endpoint.html': page('<digit-canvas endpoint="/predict"></digit-canvas>'),
};

let server: StaticServer;
let base: string;
let browser: Browser;

async function startServer(): Promise<void> {
  const modelLocation = join(root, 'model/model.json');
  const handler = createPredictHandler({
    config: { modelLocation, cors: parseCorsPolicy(undefined, undefined), backend: 'cpu' },
    models: createModelService(modelLocation, 'cpu'),
    log: () => {},
  } as Parameters<typeof createPredictHandler>[0]);
  server = await startStaticServer({ '/': outDir }, async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/predict' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const result = await handler(predictEvent(request, Buffer.concat(chunks).toString('utf8')));
      response.writeHead(result.statusCode, { 'Content-Type': 'application/json' });
      response.end(result.body);
      return true;
    }
    if (!PAGES[path]) return false;
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(PAGES[path]);
    return true;
  });
  base = server.url;
}

interface Loaded {
  page: Page;
  requests: string[];
  failures: string[];
}

async function open(path: string): Promise<Loaded> {
  const tab = await browser.newPage();
  const requests: string[] = [];
  const failures: string[] = [];
  tab.on('request', (request) => requests.push(request.url()));
  tab.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  tab.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
  tab.on('pageerror', (error) => failures.push(`page error: ${(error as Error).message}`));
  await tab.setViewport({ width: 800, height: 600 });
  await tab.goto(`${base}${path}`);
  await tab.waitForFunction(() => customElements.get('digit-canvas') !== undefined);
  await tab.evaluate(() => {
    const w = window as unknown as { outcomes: unknown[] };
    w.outcomes = [];
    const el = document.querySelector('digit-canvas')!;
    el.addEventListener('prediction', (event) => w.outcomes.push({ type: 'prediction', ...(event as CustomEvent).detail }));
    el.addEventListener('prediction-error', (event) =>
      w.outcomes.push({ type: 'prediction-error', message: (event as CustomEvent).detail.error.message }),
    );
  });
  return { page: tab, requests, failures };
}

/** Draws a "7" with the real mouse (CDP input events) and presses the Predict button. */
async function drawSevenAndPredict(tab: Page): Promise<Record<string, unknown>> {
  const rect = await tab.evaluate(() => {
    const canvas = document.querySelector('digit-canvas')!.shadowRoot!.querySelector('canvas')!;
    const { left, top, width } = canvas.getBoundingClientRect();
    return { left, top, scale: width / 308 };
  });
  for (const stroke of SEVEN) {
    const at = (p: { x: number; y: number }) => [rect.left + p.x * rect.scale, rect.top + p.y * rect.scale] as const;
    await tab.mouse.move(...at(stroke.points[0]!));
    await tab.mouse.down();
    for (const point of stroke.points.slice(1)) await tab.mouse.move(...at(point));
    await tab.mouse.up();
  }
  const button = await tab.evaluateHandle(() =>
    document.querySelector('digit-canvas')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="predict-button"]')!,
  );
  await button.click();
  await tab.waitForFunction(() => (window as unknown as { outcomes: unknown[] }).outcomes.length > 0, { timeout: 60_000 });
  return tab.evaluate(() => (window as unknown as { outcomes: Record<string, unknown>[] }).outcomes[0]!);
}

describe('dist/digit-canvas.js on a plain static page', { timeout: 600_000 }, () => {
  before(async () => {
    const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
    await startServer();
    browser = await puppeteer.launch({ executablePath: findChromium({ install: false }), headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('ships the model and the wasm binaries beside the bundle', () => {
    const manifest = JSON.parse(readFileSync(join(outDir, 'model/model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    for (const path of manifest.weightsManifest.flatMap((group) => group.paths)) {
      assert.ok(statSync(join(outDir, 'model', path)).size > 0, path);
    }
    for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
      assert.ok(statSync(join(outDir, 'wasm', file)).size > 0, file);
    }
  });

  it('draws and classifies offline with the bundled model on wasm, everything fetched from beside the script', async () => {
    const { page: tab, requests, failures } = await open('/local.html');
    const outcome = await drawSevenAndPredict(tab);
    assert.deepEqual(failures, []);
    assert.equal(outcome.type, 'prediction', JSON.stringify(outcome));
    assert.equal(outcome.digit, 7);
    assert.equal(outcome.source, 'local');
    assert.equal(outcome.backend, 'wasm');
    assert.ok(requests.every((url) => url.startsWith(base)), `only same-origin requests: ${requests.filter((url) => !url.startsWith(base))}`);
    assert.ok(requests.includes(`${base}/model/model.json`), 'the model came from dist/model/');
    assert.ok(requests.some((url) => url.startsWith(`${base}/wasm/tfjs-backend-wasm`)), 'the wasm binary came from dist/wasm/');
    assert.ok(requests.some((url) => /\/chunks\/local-classifier-[\w-]+\.js$/.test(url)), 'the local classifier came as a lazy chunk');
    assert.ok(requests.some((url) => /\/chunks\/wasm-backend-[\w-]+\.js$/.test(url)), 'the wasm backend came as a lazy chunk');
    // The bundled model runs on the lean runtime: neither tfjs-layers nor the other backends' code is fetched.
    const chunks = requests.filter((url) => url.includes('/chunks/'));
    assert.deepEqual(chunks.filter((url) => /layers-fallback|webgl-backend|cpu-backend/.test(url)), []);
    for (const url of chunks) {
      const code = readFileSync(join(outDir, new URL(url).pathname), 'utf8');
      assert.ok(!code.includes('GlobalAveragePooling2D'), `${url} holds tfjs-layers`);
    }
    const shown = await tab.evaluate(() => document.querySelector('digit-canvas')!.shadowRoot!.querySelector('[part="result"]')!.textContent);
    assert.match(shown ?? '', /7/);
    await tab.close();
  });

  it('with an endpoint, classifies remotely and never requests a tfjs chunk, the model or wasm', async () => {
    const { page: tab, requests, failures } = await open('/endpoint.html');
    const outcome = await drawSevenAndPredict(tab);
    assert.deepEqual(failures, []);
    assert.equal(outcome.type, 'prediction', JSON.stringify(outcome));
    assert.equal(outcome.source, 'remote');
    assert.equal(outcome.digit, 7);
    assert.ok(requests.includes(`${base}/predict`));
    assert.deepEqual(
      requests.filter((url) => /\/chunks\/|\/model\/|\/wasm\//.test(url)),
      [],
    );
    await tab.close();
  });
});
