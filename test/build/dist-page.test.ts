/**
 * The built library on a plain static page: `vite build` (the config `npm run build` uses) into a
 * temporary folder, served by a bare static file server, loaded in the system Chromium with one
 * script tag and nothing else. A person draws with the real mouse and presses Predict; the model,
 * the tfjs chunks and the wasm binaries must all come from dist/chunks/, beside the script. A
 * second page classifies through an endpoint (the real Lambda handler) and must fetch no tfjs at all.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { StaticServer } from '../../bench/lib/static-server.mjs';
import { drawSevenAndPredict, launchChromium, localPathRequests, openTab, predictUntilOn, root, startPageServer } from './page-driver.ts';

const outDir = mkdtempSync(join(tmpdir(), 'digit-canvas-dist-'));

const page = (body: string) => ({
  html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>static page</title>
<link rel="icon" href="data:,"><script type="module" src="./digit-canvas.js"></script></head><body>${body}</body></html>`,
});

let server: StaticServer;
let base: string;
let browser: Browser;

describe('dist/digit-canvas.js on a plain static page', { timeout: 600_000 }, () => {
  before(async () => {
    const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
    server = await startPageServer(
      { '/': outDir },
      {
        '/local.html': page('<digit-canvas></digit-canvas>'),
        '/endpoint.html': page('<digit-canvas endpoint="/predict"></digit-canvas>'),
        '/settings.html': page(`<script type="module">
  import { ClassificationError, setWasmDirectory } from './digit-canvas.js';
  window.ClassificationError = ClassificationError;
  setWasmDirectory('./no-wasm-binaries-here/');
</script><digit-canvas backend="wasm"></digit-canvas><digit-canvas id="missing" model-url="./no-model-here/model.json"></digit-canvas>`),
      },
    );
    base = server.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it("carries Lit's decorators compiled to static properties, not the decorator runtime", () => {
    for (const file of ['index.js', 'digit-canvas.js']) {
      const code = readFileSync(join(outDir, file), 'utf8');
      assert.doesNotMatch(code, /Unsupported decorator location|__decorate/, file);
      assert.match(code, /"min-confidence"/, `${file} still declares the attributes`);
    }
  });

  it('ships the model and the wasm binaries, hashed, in dist/chunks/', () => {
    const files = readdirSync(join(outDir, 'chunks'));
    assert.equal(files.filter((file) => /^model-[\w-]+\.json$/.test(file)).length, 1, files.join(' '));
    assert.equal(files.filter((file) => /^weights-[\w-]+\.bin$/.test(file)).length, 1, files.join(' '));
    assert.deepEqual(files.filter((file) => file.endsWith('.wasm')).map((file) => file.replace(/-[\w-]{8}\.wasm$/, '')).sort(), ['tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd']);
    assert.deepEqual(readdirSync(outDir).filter((file) => !file.endsWith('.map')).sort(), ['chunks', 'digit-canvas.js', 'index.js']);
  });

  it('draws and classifies offline with the bundled model, first on cpu and then on wasm, everything fetched from beside the script', async () => {
    const { page: tab, requests, failures } = await openTab(browser, `${base}/local.html`);
    const outcome = await drawSevenAndPredict(tab);
    assert.equal(outcome.type, 'prediction', JSON.stringify(outcome));
    assert.equal(outcome.digit, 7);
    assert.equal(outcome.source, 'local');
    assert.equal(outcome.backend, 'cpu');
    const onWasm = await predictUntilOn(tab, 'wasm');
    assert.deepEqual([onWasm.backend, onWasm.digit], ['wasm', 7]);
    assert.deepEqual(failures, []);
    assert.ok(requests.every((url) => url.startsWith(base)), `only same-origin requests: ${requests.filter((url) => !url.startsWith(base))}`);
    assert.ok(requests.some((url) => /\/chunks\/model-[\w-]+\.json$/.test(url)), 'the model came from dist/chunks/');
    assert.ok(requests.some((url) => /\/chunks\/weights-[\w-]+\.bin$/.test(url)), 'its weights came from dist/chunks/');
    assert.ok(requests.some((url) => /\/chunks\/tfjs-backend-wasm-simd-[\w-]+\.wasm$/.test(url)), 'the wasm binary came from dist/chunks/');
    assert.ok(requests.some((url) => /\/chunks\/local-classifier-[\w-]+\.js$/.test(url)), 'the local classifier came as a lazy chunk');
    assert.ok(requests.some((url) => /\/chunks\/wasm-backend-[\w-]+\.js$/.test(url)), 'the wasm backend came as a lazy chunk');
    assert.ok(requests.some((url) => /\/chunks\/cpu-backend-[\w-]+\.js$/.test(url)), 'so did the cpu backend');
    // The bundled model runs on the lean runtime: neither tfjs-layers nor webgl's code is fetched.
    const chunks = requests.filter((url) => url.includes('/chunks/'));
    assert.deepEqual(chunks.filter((url) => /layers-fallback|webgl-backend/.test(url)), []);
    for (const url of chunks) {
      const code = readFileSync(join(outDir, new URL(url).pathname), 'utf8');
      assert.ok(!code.includes('GlobalAveragePooling2D'), `${url} holds tfjs-layers`);
    }
    const shown = await tab.evaluate(() => document.querySelector('digit-canvas')!.shadowRoot!.querySelector('[part="result"]')!.textContent);
    assert.match(shown ?? '', /7/);
    await tab.close();
  });

  it('with an endpoint, classifies remotely and never requests a tfjs chunk, the model or wasm', async () => {
    const { page: tab, requests, failures } = await openTab(browser, `${base}/endpoint.html`);
    const outcome = await drawSevenAndPredict(tab);
    assert.deepEqual(failures, []);
    assert.equal(outcome.type, 'prediction', JSON.stringify(outcome));
    assert.equal(outcome.source, 'remote');
    assert.equal(outcome.digit, 7);
    assert.ok(requests.includes(`${base}/predict`));
    assert.deepEqual(localPathRequests(requests), []);
    assert.deepEqual(
      requests.filter((url) => url.endsWith('.js')),
      [`${base}/digit-canvas.js`],
      'an endpoint-only page loads one script: the shared chunk is inside the entry',
    );
    await tab.close();
  });

  // The entry carries its own copy of the shared chunk beside the one the lazy chunks import.
  it("the lazy chunks read the page's wasm directory and reject with the entry's ClassificationError", async () => {
    const { page: tab, requests, failures } = await openTab(browser, `${base}/settings.html`);
    const outcome = await drawSevenAndPredict(tab);
    assert.equal(outcome.type, 'prediction', JSON.stringify(outcome));
    assert.deepEqual([outcome.digit, outcome.backend], [7, 'cpu'], 'no wasm binary where the page said: cpu answers');
    assert.ok(
      requests.some((url) => url.startsWith(`${base}/no-wasm-binaries-here/tfjs-backend-wasm`)),
      `the wasm binary was asked for where setWasmDirectory said: ${requests.filter((url) => url.includes('wasm'))}`,
    );
    assert.ok(failures.every((failure) => /\/no-(wasm-binaries|model)-here\//.test(failure)), failures.join('\n'));
    const error = await tab.evaluate(async () => {
      const element = document.querySelector<HTMLElement & { strokes: unknown; predict(): Promise<unknown> }>('#missing')!;
      element.strokes = document.querySelector<HTMLElement & { strokes: unknown }>('digit-canvas')!.strokes;
      const failure = await element.predict().then(() => undefined, (reason: unknown) => reason as { code: string; stage: string });
      return { instance: failure instanceof (window as unknown as { ClassificationError: new () => unknown }).ClassificationError, code: failure?.code, stage: failure?.stage };
    });
    assert.deepEqual(error, { instance: true, code: 'model-http', stage: 'model' });
    await tab.close();
  });
});
