/**
 * What the tests of built pages share (dist-page.test.ts, consumer-apps.test.ts): the system
 * Chromium through puppeteer-core, a tab that records every request, failure, page error and CSP
 * violation, a person drawing a 7 with the real mouse, and a static server that also answers
 * POST /predict with the real Lambda handler (same origin, as a strict CSP needs).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStaticServer, type StaticServer } from '../../bench/lib/static-server.mjs';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { SEVEN } from '../fixtures/drawn-digits.ts';
import { predictEvent } from '../lambda/events.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: findChromium({ install: false }), headless: true, args: [...CHROMIUM_ARGS] });
}

/** A page the server answers itself: its HTML and any response headers (a CSP, say). */
export interface ServedPage {
  readonly html: string;
  readonly headers?: Record<string, string>;
}

/** A static server over `mounts` that answers `pages` by path and POST /predict with the real handler. */
export async function startPageServer(mounts: Record<string, string>, pages: Record<string, ServedPage> = {}): Promise<StaticServer> {
  const modelLocation = join(root, 'model/model.json');
  const handler = createPredictHandler({
    config: { modelLocation, cors: parseCorsPolicy(undefined, undefined), backend: 'cpu' },
    models: createModelService(modelLocation, 'cpu'),
    log: () => {},
  } as Parameters<typeof createPredictHandler>[0]);
  return startStaticServer(mounts, async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/predict' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const result = await handler(predictEvent(request, Buffer.concat(chunks).toString('utf8')));
      response.writeHead(result.statusCode, { 'Content-Type': 'application/json' });
      response.end(result.body);
      return true;
    }
    const served = pages[path];
    if (!served) return false;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...served.headers });
    response.end(served.html);
    return true;
  });
}

/** An open tab and what it has seen. */
export interface Tab {
  readonly page: Page;
  /** Every URL requested. */
  readonly requests: string[];
  /** 4xx/5xx answers, failed requests, uncaught page errors and CSP violations. */
  readonly failures: string[];
}

/** Opens `url`, waits for `<digit-canvas>` to be defined and records its prediction outcomes. */
export async function openTab(browser: Browser, url: string): Promise<Tab> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const failures: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    // The browser's own favicon probe is not the page's request.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failures.push(`failed ${request.url()} (${request.failure()?.errorText})`));
  page.on('pageerror', (error) => failures.push(`page error: ${(error as Error).message}`));
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) failures.push(`console: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.setViewport({ width: 800, height: 600 });
  await page.goto(url);
  // Frameworks render the element after their script runs.
  await page.waitForFunction(() => customElements.get('digit-canvas') !== undefined && document.querySelector('digit-canvas') !== null, { timeout: 60_000 });
  await page.evaluate(() => {
    const w = window as unknown as { outcomes: unknown[] };
    w.outcomes = [];
    const element = document.querySelector('digit-canvas')!;
    element.addEventListener('prediction', (event) => w.outcomes.push({ type: 'prediction', ...(event as CustomEvent).detail }));
    element.addEventListener('prediction-error', (event) =>
      w.outcomes.push({ type: 'prediction-error', message: (event as CustomEvent).detail.error.message }),
    );
  });
  return { page, requests, failures };
}

/** Draws a "7" with the real mouse (CDP input events), presses Predict and resolves with the first outcome. */
export async function drawSevenAndPredict(page: Page): Promise<Record<string, unknown>> {
  const rect = await page.evaluate(() => {
    const canvas = document.querySelector('digit-canvas')!.shadowRoot!.querySelector('canvas')!;
    const { left, top, width } = canvas.getBoundingClientRect();
    return { left, top, scale: width / 308 };
  });
  for (const stroke of SEVEN) {
    const at = (p: { x: number; y: number }) => [rect.left + p.x * rect.scale, rect.top + p.y * rect.scale] as const;
    await page.mouse.move(...at(stroke.points[0]!));
    await page.mouse.down();
    for (const point of stroke.points.slice(1)) await page.mouse.move(...at(point));
    await page.mouse.up();
  }
  const button = await page.evaluateHandle(() =>
    document.querySelector('digit-canvas')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="predict-button"]')!,
  );
  await button.click();
  await page.waitForFunction(() => (window as unknown as { outcomes: unknown[] }).outcomes.length > 0, { timeout: 60_000 });
  return page.evaluate(() => (window as unknown as { outcomes: Record<string, unknown>[] }).outcomes[0]!);
}

/**
 * After a first local answer on `auto` (on cpu): predicts the same drawing again until the element
 * has moved to `backend` (wasm, which it loads in the background) or 300 tries have passed, and
 * returns the last prediction.
 */
export async function predictUntilOn(page: Page, backend: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (wanted) => {
    const element = document.querySelector('digit-canvas')!;
    for (let tries = 0; ; tries++) {
      const prediction = await element.predict();
      if (prediction.backend === wanted || tries >= 300) return { ...prediction };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, backend);
}

/**
 * The requests that fetched tfjs or its assets: the lazy chunks beyond the shared one, the model,
 * the wasm (by name or, as webpack names them, by extension).
 */
export function localPathRequests(requests: readonly string[]): string[] {
  return requests.filter((url) => /\.(wasm|bin|json)$|local-classifier|backend|layers/.test(new URL(url).pathname));
}
