/**
 * The Chromium half of the bench: headless system Chromium (SwiftShader for WebGL) driven with
 * puppeteer-core over pages served by lib/static-server.mjs. Every measurement runs in a fresh
 * page so one backend's state never leaks into another's.
 */
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { progress } from '../lib/progress.mjs';
import { summarize } from '../lib/stats.mjs';

export const BROWSER_FLAGS = [...CHROMIUM_ARGS, '--headless=new'];

export async function launchBrowser() {
  const executablePath = findChromium();
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, protocolTimeout: 300_000 });
  return { browser, executablePath };
}

async function openPage(browser, url, section) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.exposeFunction('benchProgress', (detail) => progress(section, detail));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction('globalThis.benchReady === true', { timeout: 60_000 }).catch(() => {
    throw new Error(`${url} did not get ready: ${errors.join('; ') || 'no page error'}`);
  });
  return page;
}

/** classify() latency of the bundled model on one backend, plus its first load. */
export async function benchClassify(browser, baseUrl, backend, { runs, warmup }) {
  const section = `browser: classify() on ${backend}`;
  progress(section, 'loading');
  const page = await openPage(browser, `${baseUrl}/pages/classify.html`, section);
  try {
    const result = await page.evaluate(
      async (backend, runs, warmup) => {
        const { LocalClassifier, loadDigits, timeRuns, fetchedPaths } = globalThis.bench;
        const digits = await loadDigits(20);
        const classifier = new LocalClassifier({ backend });
        const loadStarted = performance.now();
        const used = await classifier.load();
        const loadMs = performance.now() - loadStarted;
        let correct = 0;
        const times = await timeRuns(
          `${backend} classify()`,
          async (i) => {
            const digit = digits[i % digits.length];
            const prediction = await classifier.classify(digit.grid);
            if (prediction.digit === digit.label) correct++;
          },
          { runs, warmup },
        );
        classifier.dispose();
        return { backend: used, loadMs, times, correct, total: runs + warmup, fetched: fetchedPaths() };
      },
      backend,
      runs,
      warmup,
    );
    if (result.backend !== backend) throw new Error(`asked for ${backend}, the classifier ran on ${result.backend}`);
    return { backend, ms: summarize(result.times), loadMs: result.loadMs, correct: result.correct, total: result.total, fetched: result.fetched };
  } finally {
    await page.close();
  }
}

/** The original 11×11 max-pool grid against ours (mnist), on 308×308 canvas images. */
export async function benchGrids(browser, baseUrl, { runs, warmup }) {
  const section = 'browser: grid reduction';
  const page = await openPage(browser, `${baseUrl}/pages/classify.html`, section);
  try {
    const result = await page.evaluate(
      async (runs, warmup) => {
        const { maxPoolGrid, mnistGrid, vectorGrid, loadDigits, timeRuns } = globalThis.bench;
        const digits = await loadDigits(20);
        const theirs = await timeRuns('maxPoolGrid (original)', (i) => void maxPoolGrid(digits[i % digits.length].image), { runs, warmup, repeat: 10 });
        const ours = await timeRuns('mnistGrid (ours)', (i) => void mnistGrid(digits[i % digits.length].image), { runs, warmup, repeat: 10 });
        // The element's default, 'vector', reads the strokes rather than pixels: a "7" and a "2".
        const strokes = [
          [{ width: 16, points: [[60, 60], [250, 60], [120, 280]].map(([x, y], t) => ({ x, y, t: t * 40, pressure: 0.5 })) }],
          [{ width: 16, points: [[80, 100], [150, 50], [230, 100], [80, 260], [240, 260]].map(([x, y], t) => ({ x, y, t: t * 40, pressure: 0.5 })) }],
        ];
        const vector = await timeRuns('vectorGrid (ours, default)', (i) => void vectorGrid(strokes[i % strokes.length]), { runs, warmup, repeat: 10 });
        return { theirs, ours, vector };
      },
      runs,
      warmup,
    );
    return { original: summarize(result.theirs), ours: summarize(result.ours), oursVector: summarize(result.vector) };
  } finally {
    await page.close();
  }
}

/** The mnist-node CNN through the umbrella tf.min.js on its default backend. */
export async function benchOriginalClassify(browser, baseUrl, { runs, warmup }) {
  const section = 'browser: original stack classify';
  progress(section, 'loading tf.min.js + model');
  const page = await openPage(browser, `${baseUrl}/pages/original.html`, section);
  try {
    const result = await page.evaluate(
      async (runs, warmup) => {
        const { classifyOriginal, loadDigits, timeRuns } = globalThis.bench;
        const tf = globalThis.tf;
        const digits = await loadDigits(20);
        await tf.ready();
        const loadStarted = performance.now();
        const model = await tf.loadLayersModel('/original-model/model.json');
        const loadMs = performance.now() - loadStarted;
        const times = await timeRuns(`original on ${tf.getBackend()}`, (i) => classifyOriginal(tf, model, digits[i % digits.length].grid), { runs, warmup });
        model.dispose();
        return { backend: tf.getBackend(), loadMs, times, tfVersion: tf.version.tfjs };
      },
      runs,
      warmup,
    );
    return { backend: result.backend, tfjs: result.tfVersion, ms: summarize(result.times), loadMs: result.loadMs };
  } finally {
    await page.close();
  }
}

/** Fresh browser context with the cache off: navigation start → first local prediction. */
export async function benchColdLoad(browser, baseUrl, pageName, { runs }) {
  const section = `browser: cold load → first prediction (${pageName.replace('.html', '')})`;
  const times = [];
  let backend;
  for (let i = 0; i < runs; i++) {
    progress(section, `${i + 1}/${runs}`);
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setCacheEnabled(false);
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${baseUrl}/pages/${pageName}`, { waitUntil: 'load' });
      await page.waitForFunction('globalThis.coldResult', { timeout: 120_000 }).catch(() => {
        throw new Error(`${pageName}: no prediction (${errors.join('; ') || 'no page error'})`);
      });
      const result = await page.evaluate(() => globalThis.coldResult);
      times.push(result.ms);
      backend = result.backend;
    } finally {
      await context.close();
    }
  }
  return { backend, ms: summarize(times) };
}

/** A few strokes (canvas-relative 0..1) that look like digits; the runs cycle through them. */
const STROKES = [
  [[0.5, 0.15], [0.5, 0.85]],
  [[0.25, 0.2], [0.75, 0.2], [0.4, 0.85]],
  [[0.3, 0.3], [0.5, 0.15], [0.7, 0.3], [0.3, 0.85], [0.75, 0.85]],
];

async function drawStroke(page, box, index) {
  const points = STROKES[index % STROKES.length].map(([x, y]) => [box.x + x * box.width, box.y + y * box.height]);
  await page.mouse.move(points[0][0], points[0][1]);
  await page.mouse.down();
  for (const [x, y] of points.slice(1)) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.up();
}

/**
 * The built element with auto-predict: real mouse strokes through CDP, timed in the page from
 * the pointerup (window capture phase) to the `prediction` event. Also lists what the page
 * fetched, for the bytes figures.
 */
export async function benchElement(browser, baseUrl, query, label, { runs, warmup }) {
  const section = `browser: element pointerup → prediction (${label})`;
  progress(section, 'loading');
  const page = await openPage(browser, `${baseUrl}/pages/element.html?${query}`, section);
  try {
    const box = await page.evaluate(() => {
      const rect = globalThis.benchElement.shadowRoot.querySelector('[part~="canvas"]').getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    });
    for (let i = 0; i < warmup + runs; i++) {
      await page.evaluate(() => globalThis.benchElement.clear());
      await drawStroke(page, box, i);
      await page.waitForFunction((n) => globalThis.benchState.events >= n || globalThis.benchState.errors.length > 0, { timeout: 120_000 }, i + 1);
      const errors = await page.evaluate(() => globalThis.benchState.errors);
      if (errors.length) throw new Error(`${label}: prediction-error: ${errors.join('; ')}`);
      if (i >= warmup && (i - warmup) % 10 === 9) progress(section, `${i - warmup + 1}/${runs}`);
    }
    const state = await page.evaluate(() => ({
      times: globalThis.benchState.times,
      latencies: globalThis.benchState.latencies,
      renders: globalThis.benchState.renders,
      last: globalThis.benchState.last,
      tfjsLoaded: globalThis._tfengine !== undefined,
      fetched: performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    }));
    return {
      ms: summarize(state.times.slice(warmup)),
      classifierLatencyMs: summarize(state.latencies.slice(warmup)),
      elementUpdateMs: summarize(state.renders.slice(warmup)),
      source: state.last.source,
      backend: state.last.backend,
      tfjsLoaded: state.tfjsLoaded,
      fetched: ['/dist/digit-canvas.js', ...state.fetched.filter((p) => p !== '/dist/digit-canvas.js')],
    };
  } finally {
    await page.close();
  }
}

/**
 * `predict()` of the built element in number mode on wasm: a six-digit number (test/fixtures'
 * drawn digits, 150 px apart on the 1078 px surface) set as `strokes` once, then `await
 * element.predict()` timed in the page, each run the whole call (segmentation, six vector grids,
 * one [6,28,28,1] batch, the reading); the element is not auto-predicting.
 */
export async function benchNumberPredict(browser, baseUrl, { runs, warmup }) {
  const section = 'browser: predict() of a 6-digit number (wasm)';
  progress(section, 'loading');
  const { tsImport } = await import('tsx/esm/api');
  const { drawnDigit } = await tsImport('../../test/fixtures/drawn-digits.ts', import.meta.url);
  const number = '202617';
  const strokes = [...number].flatMap((digit, i) => drawnDigit(Number(digit), { cx: 90 + i * 150, cy: 154, size: 200, width: 16 }));
  const page = await openPage(browser, `${baseUrl}/pages/element.html?backend=wasm&digits=${number.length}&manual`, section);
  try {
    const result = await page.evaluate(
      async (strokes, runs, warmup) => {
        const element = globalThis.benchElement;
        element.strokes = strokes;
        const values = new Set();
        const times = [];
        for (let i = 0; i < warmup + runs; i++) {
          const started = performance.now();
          const prediction = await element.predict();
          if (i >= warmup) times.push(performance.now() - started);
          values.add(prediction.value);
          if (i >= warmup && (i - warmup) % 20 === 19) globalThis.benchProgress?.(`${i - warmup + 1}/${runs}`);
        }
        return { times, values: [...values], backend: globalThis.benchState.last?.backend };
      },
      strokes,
      runs,
      warmup,
    );
    if (result.values.length !== 1 || result.values[0] !== number) throw new Error(`the 6-digit number read as ${result.values.join(', ')}, not ${number}`);
    if (result.backend !== 'wasm') throw new Error(`asked for wasm, the element ran on ${result.backend}`);
    return { ms: summarize(result.times), value: result.values[0], backend: result.backend };
  } finally {
    await page.close();
  }
}
