/**
 * The package as apps meet it: `npm pack`, installed with npm into fresh folders outside the
 * project (so nothing resolves from the project's own node_modules), then bundled by the tools
 * people use — Vite (build and dev server), webpack 5, esbuild — with no configuration; imported
 * and rendered in Node by @lit-labs/ssr and hydrated in the browser; and served under a strict
 * CSP. In each, Chromium draws a 7 with the mouse and must read it locally (first on cpu, then on wasm) with every
 * file fetched from the app's own output and no 4xx/5xx answer, no page error and no CSP violation.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Browser } from 'puppeteer-core';
import { build as viteBuild, createServer as createViteServer } from 'vite';
import vue from '@vitejs/plugin-vue';
import webpack from 'webpack';
import type { StaticServer } from '../../bench/lib/static-server.mjs';
import { drawSevenAndPredict, launchChromium, localPathRequests, openTab, predictUntilOn, startPageServer, type ServedPage, type Tab } from './page-driver.ts';
import { folderBytes, installPackage, packedPackage, type Packed } from './packed-package.ts';

/** What a page needs to run the element on a strict CSP (README says so too). */
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const INSTALL_BUDGET = 30 * 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'digit-canvas-apps-'));
const apps = join(work, 'apps');
let packed: Packed;
let browser: Browser;
const servers: StaticServer[] = [];

const html = (body: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title>${script}</head><body>${body}</body></html>`;

/** A fresh app folder: the tarball (and `extra` packages) installed by npm, and these files. */
function app(name: string, files: Record<string, string>, extra: readonly string[] = []): string {
  const folder = installPackage(packed, join(apps, name), extra);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
}

async function serve(mounts: Record<string, string>, pages: Record<string, ServedPage> = {}): Promise<string> {
  const server = await startPageServer(mounts, pages);
  servers.push(server);
  return server.url;
}

/** Draws a 7 on `url` and checks it was read locally, first on cpu and then on wasm, from files the app itself serves. */
async function readsASevenLocally(url: string): Promise<Tab> {
  return readSevenLocally(await openTab(browser, url));
}

/** The same on a tab already open (the SSR app looks at its DOM first). */
async function readSevenLocally(tab: Tab): Promise<Tab> {
  const url = tab.page.url();
  const outcome = await drawSevenAndPredict(tab.page);
  assert.equal(outcome.type, 'prediction', JSON.stringify(outcome));
  assert.equal(outcome.digit, 7);
  assert.equal(outcome.source, 'local');
  assert.equal(outcome.backend, 'cpu', 'the first answer on the quick backend');
  const onWasm = await predictUntilOn(tab.page, 'wasm');
  assert.equal(onWasm.backend, 'wasm', 'the wasm binary was found (no silent fallback)');
  assert.equal(onWasm.digit, 7);
  assert.deepEqual(tab.failures, []);
  const origin = new URL(url).origin;
  const local = localPathRequests(tab.requests);
  assert.ok(local.some((request) => request.endsWith('.wasm')), `a wasm binary was fetched: ${local.join(' ')}`);
  assert.ok(local.some((request) => request.endsWith('.json')), `the model was fetched: ${local.join(' ')}`);
  assert.deepEqual(tab.requests.filter((request) => !request.startsWith(origin)), [], 'everything came from the app');
  return tab;
}

const MAIN = "import 'digit-canvas';\n";

/**
 * Reads a 7 on an app that shows its bound value in `<p>`; resolves with that text and the
 * verdicts the app's own `prediction` listener recorded (React's).
 */
async function boundValueAfterASeven(url: string): Promise<{ shown: string; verdicts: unknown }> {
  const tab = await readsASevenLocally(url);
  await tab.page.waitForFunction(() => document.querySelector('p')!.textContent!.includes('7'), { timeout: 10_000 }).catch(() => {});
  const seen = await tab.page.evaluate(() => ({
    shown: document.querySelector('p')!.textContent!,
    verdicts: (window as unknown as { verdicts?: string[] }).verdicts ?? null,
  }));
  await tab.page.close();
  return seen;
}

describe('the packed package in apps', { timeout: 900_000 }, () => {
  before(async () => {
    packed = packedPackage();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('installs small: only Lit besides itself, well under the footprint budget', () => {
    const folder = installPackage(packed, join(work, 'install-only'));
    const top = readdirSync(join(folder, 'node_modules'));
    const installed = top.flatMap((name) => (name.startsWith('@') ? readdirSync(join(folder, 'node_modules', name)).map((inner) => `${name}/${inner}`) : [name])).sort();
    assert.deepEqual(installed.filter((name) => /tensorflow|tfjs/.test(name)), [], 'tfjs is bundled, not installed');
    assert.ok(installed.includes('lit'), installed.join(' '));
    const bytes = folderBytes(join(folder, 'node_modules'));
    assert.ok(bytes <= INSTALL_BUDGET, `node_modules is ${bytes} bytes`);
  });

  it('Vite build: the model and the wasm binaries are emitted and found', async () => {
    const root = app('vite-build', { 'index.html': html('<digit-canvas></digit-canvas>', '<script type="module" src="./main.js"></script>'), 'main.js': MAIN });
    await viteBuild({ root, configFile: false, logLevel: 'silent', build: { outDir: join(root, 'dist') } });
    const emitted = readdirSync(join(root, 'dist/assets'));
    assert.ok(emitted.some((file) => file.endsWith('.wasm')) && emitted.some((file) => file.endsWith('.bin')), emitted.join(' '));
    const base = await serve({ '/': join(root, 'dist') });
    await (await readsASevenLocally(`${base}/index.html`)).page.close();
  });

  it('Vite build under a strict CSP', async () => {
    const root = join(apps, 'vite-build');
    const page = readFileSync(join(root, 'dist/index.html'), 'utf8');
    const base = await serve({ '/': join(root, 'dist') }, { '/csp.html': { html: page, headers: { 'Content-Security-Policy': STRICT_CSP } } });
    await (await readsASevenLocally(`${base}/csp.html`)).page.close();
  });

  it('Vite dev server', async () => {
    const root = app('vite-dev', { 'index.html': html('<digit-canvas></digit-canvas>', '<script type="module" src="./main.js"></script>'), 'main.js': MAIN });
    const server = await createViteServer({ root, configFile: false, logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const address = server.httpServer!.address() as { port: number };
      await (await readsASevenLocally(`http://127.0.0.1:${address.port}/index.html`)).page.close();
    } finally {
      await server.close();
    }
  });

  it('webpack 5: the model and the wasm binaries are emitted and found', async () => {
    const root = app('webpack', { 'main.js': MAIN });
    const out = join(root, 'dist');
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ mode: 'production', context: root, entry: './main.js', output: { path: out }, performance: { hints: false } }, (error, result) =>
        error || !result ? reject(error) : resolve(result),
      ),
    );
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    writeFileSync(join(out, 'index.html'), html('<digit-canvas></digit-canvas>', '<script src="./main.js"></script>'));
    const base = await serve({ '/': out });
    await (await readsASevenLocally(`${base}/index.html`)).page.close();
  });

  it("esbuild browser bundle, with the package's assets copied beside it as README says", async () => {
    const root = app('esbuild', { 'main.js': MAIN });
    const out = join(root, 'out');
    await esbuild({ absWorkingDir: root, entryPoints: ['main.js'], bundle: true, splitting: true, format: 'esm', platform: 'browser', outdir: out, logLevel: 'silent' });
    copyPackageAssets(root, out);
    writeFileSync(join(out, 'index.html'), html('<digit-canvas></digit-canvas>', '<script type="module" src="./main.js"></script>'));
    const base = await serve({ '/': out });
    await (await readsASevenLocally(`${base}/index.html`)).page.close();
  });

  it('self-contained dist/digit-canvas.js under a strict CSP, locally and through the endpoint', async () => {
    const dist = join(app('script-tag', {}), 'node_modules/digit-canvas/dist');
    const script = '<script type="module" src="./digit-canvas.js"></script>';
    const headers = { 'Content-Security-Policy': STRICT_CSP };
    const base = await serve(
      { '/': dist },
      {
        '/local.html': { html: html('<digit-canvas></digit-canvas>', script), headers },
        '/endpoint.html': { html: html('<digit-canvas endpoint="/predict"></digit-canvas>', script), headers },
      },
    );
    await (await readsASevenLocally(`${base}/local.html`)).page.close();
    const tab = await openTab(browser, `${base}/endpoint.html`);
    const outcome = await drawSevenAndPredict(tab.page);
    assert.deepEqual(tab.failures, []);
    assert.equal(outcome.source, 'remote');
    assert.equal(outcome.digit, 7);
    assert.deepEqual(localPathRequests(tab.requests), []);
    await tab.page.close();
  });

  it('self-contained dist/digit-canvas.js from another origin (a CDN), with everything it loads from there', async () => {
    const cdn = await serve({ '/digit-canvas/': join(app('cdn', {}), 'node_modules/digit-canvas/dist') });
    const base = await serve({}, { '/page.html': { html: html('<digit-canvas></digit-canvas>', `<script type="module" src="${cdn}/digit-canvas/digit-canvas.js"></script>`) } });
    const tab = await openTab(browser, `${base}/page.html`);
    const outcome = await drawSevenAndPredict(tab.page);
    assert.equal(outcome.digit, 7);
    assert.equal((await predictUntilOn(tab.page, 'wasm')).backend, 'wasm');
    assert.deepEqual(tab.failures, []);
    const local = localPathRequests(tab.requests);
    assert.ok(local.length > 0 && local.every((url) => url.startsWith(`${cdn}/digit-canvas/chunks/`)), local.join(' '));
    await tab.page.close();
  });

  it("Vue 3: README's v-model recipe, built by Vite, shows the digit read", async () => {
    const folder = app(
      'vue',
      {
        'index.html': html('<div id="app"></div>', '<script type="module" src="./main.js"></script>'),
        'main.js': "import { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n",
        'App.vue': [
          '<script setup>',
          "import 'digit-canvas';",
          "import { ref } from 'vue';",
          "const digit = ref('');",
          '</script>',
          '<template>',
          '  <digit-canvas v-model="digit" name="digit" required auto-predict></digit-canvas>',
          "  <p>Answer: {{ digit || 'none yet' }}</p>",
          '</template>',
        ].join('\n'),
      },
      ['vue'],
    );
    await viteBuild({
      root: folder,
      configFile: false,
      logLevel: 'silent',
      plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'digit-canvas' } } })],
      build: { outDir: join(folder, 'dist') },
    });
    const base = await serve({ '/': join(folder, 'dist') });
    assert.equal((await boundValueAfterASeven(`${base}/index.html`)).shown, 'Answer: 7');
  });

  it("React 19: README's recipe (properties and the element's events), built by Vite, shows the digit read", async () => {
    const folder = app(
      'react',
      {
        'index.html': html('<div id="app"></div>', '<script type="module" src="./main.js"></script>'),
        'main.js': [
          "import 'digit-canvas';",
          "import { createElement, useState } from 'react';",
          "import { createRoot } from 'react-dom/client';",
          'function DigitField() {',
          "  const [digit, setDigit] = useState('');",
          "  return createElement('div', null,",
          "    createElement('digit-canvas', {",
          "      'auto-predict': true,",
          "      'min-confidence': 0.9,",
          '      value: digit,',
          '      oninput: (event) => setDigit(event.currentTarget.value),',
          '      onprediction: (event) => { window.verdicts = [...(window.verdicts ?? []), event.detail.verdict]; },',
          '    }),',
          "    createElement('p', null, `Answer: ${digit || 'none yet'}`));",
          '}',
          "createRoot(document.getElementById('app')).render(createElement(DigitField));",
        ].join('\n'),
      },
      ['react', 'react-dom'],
    );
    await viteBuild({ root: folder, configFile: false, logLevel: 'silent', build: { outDir: join(folder, 'dist') } });
    const base = await serve({ '/': join(folder, 'dist') });
    const { shown, verdicts } = await boundValueAfterASeven(`${base}/index.html`);
    assert.equal(shown, 'Answer: 7');
    assert.ok(Array.isArray(verdicts) && verdicts.includes('digit'), `the app's prediction listener ran: ${JSON.stringify(verdicts)}`);
  });

  it('imports in Node without a DOM', () => {
    const root = app('node-import', {
      'import.mjs': "const m = await import('digit-canvas');\nconsole.log(JSON.stringify({ exports: Object.keys(m).sort() }));\n",
    });
    const run = spawnSync(process.execPath, ['import.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { exports: string[] };
    assert.ok(result.exports.includes('DigitCanvas') && result.exports.includes('parseStrokes'), result.exports.join(' '));
  });

  it('renders under @lit-labs/ssr as declarative shadow DOM and hydrates that DOM in the browser', async () => {
    const root = app('ssr', {
      'render.mjs': [
        "import { render } from '@lit-labs/ssr';",
        "import { collectResult } from '@lit-labs/ssr/lib/render-result.js';",
        "import { html } from 'lit';",
        "await import('digit-canvas');",
        // A second element in number mode: its host sizing must not touch the DOM on the server either.
        'process.stdout.write(await collectResult(render(html`<digit-canvas></digit-canvas><digit-canvas digits="4"></digit-canvas>`)));',
      ].join('\n'),
      'client.js': "import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport 'digit-canvas';\n",
    }, ['@lit-labs/ssr', '@lit-labs/ssr-client']);
    const rendered = spawnSync(process.execPath, ['render.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.match(rendered.stdout, /<digit-canvas[^>]*><template shadowroot(mode)?="open"/);
    assert.match(rendered.stdout, /<canvas/);
    const out = join(root, 'out');
    await esbuild({ absWorkingDir: root, entryPoints: ['client.js'], bundle: true, splitting: true, format: 'esm', outdir: out, logLevel: 'silent' });
    copyPackageAssets(root, out);
    // probe.js runs before the client script: it keeps the canvas the server rendered, to tell hydration from a fresh render.
    writeFileSync(join(out, 'probe.js'), "window.serverCanvas = document.querySelector('digit-canvas').shadowRoot?.querySelector('canvas') ?? null;\n");
    const scripts = '<script type="module" src="./probe.js"></script><script type="module" src="./client.js"></script>';
    const base = await serve({ '/': out }, { '/index.html': { html: html(rendered.stdout, scripts) } });
    const tab = await openTab(browser, `${base}/index.html`);
    const kept = await tab.page.evaluate(() => {
      const { serverCanvas } = window as unknown as { serverCanvas: Element | null };
      return serverCanvas !== null && document.querySelector('digit-canvas')!.shadowRoot!.querySelector('canvas') === serverCanvas;
    });
    assert.ok(kept, "the element hydrated the server's shadow DOM instead of rendering a new one");
    await (await readSevenLocally(tab)).page.close();
  });
});

/** What README tells esbuild users to do: copy the package's model and wasm files next to the bundle. */
function copyPackageAssets(app: string, out: string): void {
  const chunks = join(app, 'node_modules/digit-canvas/dist/chunks');
  for (const file of readdirSync(chunks).filter((name) => /\.(json|bin|wasm)$/.test(name))) cpSync(join(chunks, file), join(out, file));
}
