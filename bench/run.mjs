/**
 * `npm run bench`: what users feel and what they pay, ours beside the original stack in the same
 * run. Chromium (headless system Chromium, SwiftShader WebGL) for the browser figures, fresh Node
 * processes for the Lambda, a child process per backend for training. Writes bench/results.json,
 * bench/RESULTS.md and bench/README-table.md.
 *
 *   npm run bench                 full run (≥30 timed runs per figure after warm-up, < 10 min)
 *   npm run bench -- --quick      a few runs of everything (checks the harness, numbers meaningless)
 *   npm run bench -- --skip-build reuse the builds in .tmp/bench/ from the last run
 *   npm run bench -- --out DIR    write the three files to DIR instead of bench/
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as browserBench from './browser/browser-bench.mjs';
import { buildClassifyPage, buildDist } from './browser/build-pages.mjs';
import { benchHandler, prepareOriginal, prepareOurs, writeEvent, zipFolder } from './lambda/lambda-bench.mjs';
import { fileSizes } from './lib/bytes.mjs';
import { entryComposition } from './lib/entry-composition.mjs';
import { litFloor } from './lib/lit-floor.mjs';
import { costTable, LAMBDA_PRICES } from './lib/cost.mjs';
import { describeMachine } from './lib/machine.mjs';
import { progress, progressDone } from './lib/progress.mjs';
import { round, summarize } from './lib/stats.mjs';
import { writeReports } from './report.mjs';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = join(root, '.tmp/bench');
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'bench') },
  },
});
const quick = args.quick;
const n = (full, fast) => (quick ? fast : full);
const RUNS = {
  classify: { runs: n(200, 3), warmup: n(20, 1) }, // cheap (about a millisecond each) and steadier medians
  grid: { runs: n(100, 3), warmup: n(20, 1) }, // each timed sample is 10 calls
  originalClassify: { runs: n(40, 3), warmup: n(5, 1) },
  e2e: { runs: n(30, 3), warmup: n(5, 1) },
  numberPredict: { runs: n(200, 3), warmup: n(20, 1) }, // a few milliseconds each
  coldOurs: { runs: n(30, 2) },
  // One cold load of the original takes ~5-10 s here (tf.min.js parse, WebGL shader compiles on
  // SwiftShader) and a cold Lambda start ~3-4 s: 10 each keeps the whole bench under 10 minutes.
  coldOriginal: { runs: n(10, 2) },
  lambdaOurs: { runs: n(30, 2), warmup: n(50, 2), warmRuns: n(300, 5) },
  lambdaOriginal: { runs: n(10, 2), warmup: n(10, 1), warmRuns: n(60, 3) },
  // The cpu backend needs ~5-25 s per batch of 16 to train this CNN here (loaded machine); wasm ~0.05 s.
  trainWasm: { batch: 16, warmup: n(3, 1), runs: n(30, 2) },
  trainCpu: { batch: 16, warmup: n(1, 0), runs: n(3, 1) },
};

const started = performance.now();
const sections = {};
/** Runs one section, timing it; a failing section is recorded and the rest still run. */
async function section(name, fn) {
  const t = performance.now();
  try {
    return await fn();
  } catch (error) {
    progressDone(`bench: ${name} failed: ${error.stack ?? error}`);
    sections[name] = { error: String(error.message ?? error) };
    return undefined;
  } finally {
    sections[name] = { ...sections[name], seconds: Math.round((performance.now() - t) / 100) / 10 };
  }
}

// The in-process endpoint (our bundled handler) logs a JSON line per request; keep stdout ours.
const print = (line) => process.stdout.write(`${line}\n`);
console.log = () => {};

mkdirSync(tmp, { recursive: true });
const chromium = (await import('../scripts/find-chromium.mjs')).findChromium();
const machine = describeMachine(chromium);

// ---- builds ----------------------------------------------------------------------------------
const distDir = join(tmp, 'dist');
const classifyDir = join(tmp, 'classify');
await section('build', async () => {
  if (args['skip-build'] && [join(distDir, 'digit-canvas.js'), join(classifyDir, 'bench-classify.js')].every(existsSync)) return;
  progress('build: dist/ (vite, the package build)');
  await buildDist(root, distDir);
  progress('build: bench-classify (vite, LocalClassifier exposed)');
  await buildClassifyPage(root, classifyDir);
});
const originalModelDir = join(tmp, 'original-model');
await section('original model', async () => {
  if (existsSync(join(originalModelDir, 'weights.bin'))) return;
  progress('build: mnist-node model files (umbrella tfjs in Node)');
  execFileSync(process.execPath, [join(root, 'bench/original/save-model.mjs'), originalModelDir], { stdio: 'pipe' });
});
const lambda = {};
await section('lambda build', async () => {
  progress('build: our Lambda bundle (npm run build:lambda)');
  lambda.oursHandler = prepareOurs(root, join(tmp, 'lambda-ours'));
  lambda.oursZip = zipFolder(join(tmp, 'lambda-ours'), join(tmp, 'lambda-ours.zip'));
  const originalZip = join(tmp, 'lambda-original.zip');
  const originalDir = join(tmp, 'lambda-original');
  // The original-style folder depends only on the handler and the installed umbrella: zipping
  // its ~270 MB takes a minute, so an up-to-date zip is reused.
  const newest = Math.max(...['bench/lambda/original-handler.mjs', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs));
  if (!existsSync(originalZip) || !existsSync(join(originalDir, 'handler.mjs')) || statSync(originalZip).mtimeMs < newest) {
    progress('build: original-style Lambda folder (umbrella tfjs + node_modules) and zip -9');
    prepareOriginal(root, originalDir);
    zipFolder(originalDir, originalZip);
  }
  lambda.originalHandler = join(originalDir, 'handler.mjs');
  lambda.originalZip = statSync(originalZip).size;
  lambda.originalUnzipped = Number(execFileSync('du', ['-sb', originalDir], { encoding: 'utf8' }).split('\t')[0]);
  lambda.oursUnzipped = Number(execFileSync('du', ['-sb', join(tmp, 'lambda-ours')], { encoding: 'utf8' }).split('\t')[0]);
  const packaged = join(root, '.serverless/digit-canvas.zip');
  if (existsSync(packaged)) lambda.serverlessZip = statSync(packaged).size;
});

// ---- static server (+ POST /predict answered by our bundled handler) ---------------------------
let endpointHandler;
const server = await startServer();
async function startServer() {
  const { startStaticServer } = await import('./lib/static-server.mjs');
  const { predictEvent } = await tsImport('../test/lambda/events.ts', import.meta.url);
  return startStaticServer(
    {
      '/pages/': join(root, 'bench/browser/pages'),
      '/bench-src/': join(root, 'bench'),
      '/classify/': classifyDir,
      '/dist/': distDir,
      '/tfjs/': join(root, 'node_modules/@tensorflow/tfjs/dist'),
      '/fixtures/': join(root, 'test/fixtures'),
      '/original-model/': originalModelDir,
    },
    async (req, res) => {
      if (!req.url?.startsWith('/predict')) return false;
      endpointHandler ??= (await import(pathToFileURL(lambda.oursHandler).href)).handler;
      let body = '';
      for await (const chunk of req) body += chunk;
      const response = await endpointHandler(predictEvent(req, body));
      res.writeHead(response.statusCode, response.headers).end(response.body);
      return true;
    },
  );
}

// ---- browser ----------------------------------------------------------------------------------
const browser = {};
const fetchedSets = {};
await section('browser', async () => {
  const { browser: chrome } = await browserBench.launchBrowser();
  try {
    browser.classify = {};
    for (const backend of ['wasm', 'webgl', 'cpu']) {
      const result = await section(`classify ${backend}`, () => browserBench.benchClassify(chrome, server.url, backend, RUNS.classify));
      if (!result) continue;
      const { fetched, ...rest } = result;
      browser.classify[backend] = { ...rest, loadMs: round(rest.loadMs) };
      fetchedSets[`classify-${backend}`] = fetched;
    }
    browser.grid = await section('grid', () => browserBench.benchGrids(chrome, server.url, RUNS.grid));
    const original = await section('original classify', () => browserBench.benchOriginalClassify(chrome, server.url, RUNS.originalClassify));
    if (original) browser.original = { ...original, loadMs: round(original.loadMs) };
    const e2e = await section('e2e local', () => browserBench.benchElement(chrome, server.url, 'backend=wasm', 'local wasm', RUNS.e2e));
    if (e2e) {
      fetchedSets.elementLocal = e2e.fetched;
      browser.e2eLocal = { ms: e2e.ms, classifierLatencyMs: e2e.classifierLatencyMs, elementUpdateMs: e2e.elementUpdateMs, source: e2e.source, backend: e2e.backend };
    }
    browser.numberPredict = await section('number predict', () => browserBench.benchNumberPredict(chrome, server.url, RUNS.numberPredict));
    const remote = await section('e2e endpoint', () => browserBench.benchElement(chrome, server.url, 'endpoint=/predict', 'endpoint', RUNS.e2e));
    if (remote) {
      fetchedSets.elementEndpoint = remote.fetched;
      browser.e2eEndpoint = { ms: remote.ms, classifierLatencyMs: remote.classifierLatencyMs, elementUpdateMs: remote.elementUpdateMs, source: remote.source, tfjsLoaded: remote.tfjsLoaded };
    }
    browser.coldLoad = {
      ours: await section('cold ours', () => browserBench.benchColdLoad(chrome, server.url, 'coldload-element.html', RUNS.coldOurs)),
      original: await section('cold original', () => browserBench.benchColdLoad(chrome, server.url, 'coldload-original.html', RUNS.coldOriginal)),
    };
  } finally {
    await chrome.close();
  }
});

// ---- bytes ----------------------------------------------------------------------------------
function sizesOf(paths) {
  const groups = { js: [], wasm: [], model: [], other: [] };
  for (const path of new Set(paths)) {
    const file = server.fileFor(path);
    if (!file) continue;
    const kind = /\.m?js$/.test(path) ? 'js' : path.endsWith('.wasm') ? 'wasm' : /\/model[\w-]*\.json$|\.bin$/.test(path) ? 'model' : 'other';
    groups[kind].push({ path, ...fileSizes(file) });
  }
  const total = (list, key) => list.reduce((sum, f) => sum + f[key], 0);
  const out = {};
  for (const [kind, files] of Object.entries(groups)) {
    if (files.length) out[kind] = { gzip: total(files, 'gzip'), raw: total(files, 'raw'), files: files.map((f) => `${f.path} ${f.gzip}`) };
  }
  return out;
}
const bytes = {};
await section('bytes', async () => {
  if (fetchedSets.elementEndpoint) bytes.endpointPage = sizesOf(fetchedSets.elementEndpoint);
  if (fetchedSets.elementLocal) bytes.localPage = sizesOf(fetchedSets.elementLocal);
  bytes.entry = fileSizes(join(distDir, 'digit-canvas.js'));
  bytes.entryComposition = await entryComposition(root);
  bytes.litFloor = await litFloor(root);
  const tfMin = join(root, 'node_modules/@tensorflow/tfjs/dist/tf.min.js');
  bytes.tfMinJs = fileSizes(tfMin);
  const modelFiles = ['model.json', ...JSON.parse(readFileSync(join(root, 'model/model.json'), 'utf8')).weightsManifest.flatMap((g) => g.paths)];
  bytes.model = sumFiles(modelFiles.map((f) => join(root, 'model', f)));
  bytes.originalModel = sumFiles(['model.json', 'weights.bin'].map((f) => join(originalModelDir, f)));
});
function sumFiles(files) {
  return files.map(fileSizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
}
await server.close();

// ---- lambda ---------------------------------------------------------------------------------
await section('lambda', async () => {
  const event = await writeEvent(root, join(tmp, 'event.json'));
  lambda.label = event.label;
  lambda.ours = await section('lambda ours', () => benchHandler(root, 'ours', lambda.oursHandler, event.path, RUNS.lambdaOurs));
  const modelServer = await (await import('./lib/static-server.mjs')).startStaticServer({ '/original-model/': originalModelDir });
  try {
    lambda.original = await section('lambda original', () =>
      benchHandler(root, 'original', lambda.originalHandler, event.path, { ...RUNS.lambdaOriginal, env: { MODEL_URL: `${modelServer.url}/original-model/model.json` } }),
    );
  } finally {
    await modelServer.close();
  }
});

// ---- training -------------------------------------------------------------------------------
const training = {};
await section('training', async () => {
  for (const [backend, settings] of [['wasm', RUNS.trainWasm], ['cpu', RUNS.trainCpu]]) {
    const result = await section(`training ${backend}`, () => trainChild(backend, settings));
    if (!result) continue;
    const perImage = result.times.map((ms) => (result.batchSize / ms) * 1000);
    training[backend] = { batchSize: result.batchSize, batchMs: summarize(result.times), imagesPerSecond: summarize(perImage) };
  }
});
function trainChild(backend, { batch, warmup, runs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/training/throughput-child.mjs'), backend, String(batch), String(warmup), String(runs)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      const last = String(d).trim().split('\n').pop();
      if (last?.startsWith('progress')) progress(`training on ${backend} (batch ${batch})`, last.slice(9));
    });
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`training ${backend} exited ${code}: ${err.slice(-1500)}`));
      resolve(JSON.parse(line));
    });
  });
}

// ---- ratios, cost, budget, files -----------------------------------------------------------------
const ratio = (ours, theirs) => (Number.isFinite(ours) && Number.isFinite(theirs) && theirs > 0 ? round(ours / theirs) : null);
const localJs = bytes.localPage?.js?.gzip;
const originalLocalBytes = bytes.tfMinJs.gzip + bytes.originalModel.gzip;
const oursLocalBytes = (bytes.localPage?.js?.gzip ?? NaN) + (bytes.localPage?.wasm?.gzip ?? NaN) + (bytes.localPage?.model?.gzip ?? NaN);
const ratios = {
  classifyWasmVsOriginal: ratio(browser.classify?.wasm?.ms.p50, browser.original?.ms.p50),
  gridOursVsOriginal: ratio(browser.grid?.ours.p50, browser.grid?.original.p50),
  gridVectorVsOriginal: ratio(browser.grid?.oursVector.p50, browser.grid?.original.p50),
  localBytesVsOriginal: ratio(oursLocalBytes, originalLocalBytes),
  localJsVsTfMin: ratio(localJs, bytes.tfMinJs.gzip),
  coldLoadVsOriginal: ratio(browser.coldLoad?.ours?.ms.p50, browser.coldLoad?.original?.ms.p50),
  lambdaColdVsOriginal: ratio(lambda.ours?.coldMs.p50, lambda.original?.coldMs.p50),
  lambdaWarmVsOriginal: ratio(lambda.ours?.warmMs.p50, lambda.original?.warmMs.p50),
  zipVsOriginal: ratio(lambda.oursZip, lambda.originalZip),
  trainingWasmVsCpu: ratio(training.wasm?.imagesPerSecond.p50, training.cpu?.imagesPerSecond.p50),
};
const cost = {
  prices: LAMBDA_PRICES,
  ours: lambda.ours ? costTable(lambda.ours.warmMs.p50) : null,
  original: lambda.original ? costTable(lambda.original.warmMs.p50) : null,
};
const budget = [
  check('wasm classify() p50', browser.classify?.wasm?.ms.p50, 1, 'ms'),
  check('pointerup → prediction p50 (auto-predict, wasm)', browser.e2eLocal?.ms.p50, 8, 'ms'),
  check('predict() for a 6-digit number p50 (wasm)', browser.numberPredict?.ms.p50, 3, 'ms'),
  check('endpoint-only page JS (gzip)', bytes.endpointPage?.js?.gzip / 1024, 20, 'KB'),
  check('local path JS (gzip)', localJs / 1024, 150, 'KB'),
  check('model files (raw)', bytes.model.raw / 1024, 200, 'KB'),
  check('Lambda cold start p50 (import + model + first answer)', lambda.ours?.coldMs.p50, 400, 'ms'),
  check('Lambda warm invocation p50', lambda.ours?.warmMs.p50, 2, 'ms'),
];
function check(name, value, limit, unit) {
  const measured = Number.isFinite(value) ? round(value) : null;
  return { name, limit, unit, value: measured, pass: measured === null ? null : measured <= limit };
}
const endpointNoTfjs = bytes.endpointPage
  ? !browser.e2eEndpoint?.tfjsLoaded && !(bytes.endpointPage.js?.files ?? []).some((f) => f.includes('/chunks/') && !/\/chunks\/shared-[\w-]+\.js/.test(f)) && !bytes.endpointPage.wasm && !bytes.endpointPage.model
  : null;

const results = {
  schema: 1,
  date: new Date().toISOString(),
  command: `npm run bench${quick ? ' -- --quick' : ''}`,
  quick,
  machine,
  browserFlags: browserBench.BROWSER_FLAGS,
  runs: RUNS,
  seconds: Math.round((performance.now() - started) / 1000),
  sections,
  browser,
  bytes: { ...bytes, endpointPageLoadsNoTfjs: endpointNoTfjs, gzipLevel: 'zlib default (6)' },
  lambda,
  training,
  ratios,
  cost,
  budget,
};
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeReports(results, args.out);
progressDone();
print(readFileSync(join(args.out, 'README-table.md'), 'utf8'));
print(`bench: ${results.seconds} s; wrote ${join(args.out, 'RESULTS.md')}, results.json, README-table.md`);
for (const item of budget) print(`  ${item.pass === null ? 'n/a ' : item.pass ? 'PASS' : 'FAIL'}  ${item.name}: ${item.value ?? '—'} ${item.unit} (budget ≤ ${item.limit} ${item.unit})`);
process.exit(0);
