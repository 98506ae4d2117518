import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPredictResponse, type PredictResponse } from '../../src/core/wire-format.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { mnistDigit, predictBody } from './events.ts';
import { startOfflineApi, type OfflineApi } from './offline-api.ts';

/**
 * Load: the local API (serverless-offline running the bundled handler, the way `npm run api` does)
 * takes 2,000 valid requests, 16 at a time, and answers every one correctly. Latency percentiles
 * go to .test-results/load-results.json (and, with RECORD_LOAD_RESULTS=1, to the committed
 * bench/load-results.json); they are reported, never asserted (the machine is shared).
 */

const REQUESTS = 2000;
const CONCURRENCY = 16;
const MODEL = fileURLToPath(new URL('../../model/model.json', import.meta.url));
const RESULTS = fileURLToPath(
  new URL(process.env.RECORD_LOAD_RESULTS === '1' ? '../../bench/load-results.json' : '../../.test-results/load-results.json', import.meta.url),
);

interface Answer {
  result: number[];
  digit: number;
  confidence: number;
}

let api: OfflineApi;
/** The in-process model's answer per test digit, as the wire format builds it: what every remote answer must match. */
const expected: PredictResponse[] = [];
const labels: number[] = [];
const bodies: string[] = [];

before(async () => {
  const model = await createModelService(MODEL, 'wasm').get();
  for (let index = 0; index < REQUESTS; index++) {
    const { grid, label } = mnistDigit(index);
    labels.push(label);
    bodies.push(predictBody(grid));
    expected.push(buildPredictResponse(await model.predict(Float32Array.from(grid))));
  }
  api = await startOfflineApi({ ALLOWED_ORIGINS: '*' });
});

after(async () => {
  await api?.stop();
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('the local API under load', () => {
  it(`answers ${REQUESTS} real MNIST digits at concurrency ${CONCURRENCY}, each as the model does, with no failure`, async () => {
    const failures: string[] = [];
    const latencies: number[] = [];
    let correct = 0;
    let next = 0;
    const started = performance.now();

    async function worker(): Promise<void> {
      while (next < REQUESTS) {
        const index = next++;
        const sent = performance.now();
        let answer: Answer;
        try {
          const response = await fetch(`${api.base}/predict`, {
            method: 'POST',
            body: bodies[index],
            headers: { 'Content-Type': 'application/json' },
            // A stuck request is a failure to report, not a test that never ends.
            signal: AbortSignal.timeout(30_000),
          });
          const text = await response.text();
          latencies.push(performance.now() - sent);
          if (response.status !== 200) {
            failures.push(`#${index}: HTTP ${response.status} ${text.slice(0, 200)}`);
            continue;
          }
          answer = JSON.parse(text) as Answer;
          if (!Array.isArray(answer.result)) {
            failures.push(`#${index}: HTTP 200 without a result: ${text.slice(0, 200)}`);
            continue;
          }
        } catch (error) {
          failures.push(`#${index}: ${(error as Error).message}`);
          continue;
        }
        const want = expected[index]!;
        const drift = Math.max(...answer.result.map((p, digit) => Math.abs(p - want.result[digit]!)));
        if (answer.result.length !== 10 || answer.digit !== want.digit || !(drift < 1e-4)) {
          failures.push(`#${index}: answered ${answer.digit} (drift ${drift}), the model says ${want.digit}`);
        }
        if (answer.digit === labels[index]) correct++;
      }
    }

    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${REQUESTS} failed`);

    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const results = {
      what: `POST /predict through serverless-offline (bundled handler, wasm), real MNIST test digits 0..${REQUESTS - 1}`,
      command: 'node --import tsx --test test/lambda/reliability-load.test.ts',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      failures: failures.length,
      accuracy: correct / REQUESTS,
      latencyMs: {
        p50: round(percentile(sorted, 50)),
        p90: round(percentile(sorted, 90)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1)!),
        mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      },
      throughputPerSecond: Math.round(REQUESTS / seconds),
      note: 'Includes serverless-offline cold starts of its worker instances (one per concurrent request, model load each); shared machine, numbers are indicative.',
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`# load: ${REQUESTS} requests, concurrency ${CONCURRENCY}: p50 ${results.latencyMs.p50} ms, p99 ${results.latencyMs.p99} ms, ${results.throughputPerSecond}/s, accuracy ${results.accuracy}`);
    // The model, not the transport, decides correctness: its accuracy over these digits.
    assert.ok(results.accuracy > 0.97, `accuracy ${results.accuracy}`);
  });

  it('survives hostile traffic mixed into valid traffic: 10 MB bodies, invalid UTF-8, clients that hang up mid-body', async () => {
    const url = `${api.base}/predict`;
    const valid = async (index: number) => {
      const response = await fetch(url, { method: 'POST', body: bodies[index], headers: { 'Content-Type': 'application/json' } });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as Answer;
      assert.equal(answer.digit, expected[index]!.digit);
    };
    const hostile = async (body: Blob | string, contentType = 'application/json') => {
      const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': contentType } });
      const text = await response.text();
      assert.ok(response.status >= 400 && response.status < 500, `HTTP ${response.status}: ${text.slice(0, 200)}`);
      assert.doesNotMatch(text, /\/work\/|node_modules|\n\s*at /);
    };
    const hangUp = () => new Promise<void>((resolve, reject) => {
      const { hostname, port } = new URL(api.base);
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST /predict HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n{"data":[0.1,`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const tenMegabytes = 10 * 1024 * 1024;
    await Promise.all([
      hostile(`{"data":[${'0.5,'.repeat(tenMegabytes / 4 - 4)}0.5]}`),
      hostile('x'.repeat(tenMegabytes + 1)),
      hostile(new Blob([Uint8Array.from([0x7b, 0xff, 0xfe, 0xc0, 0x80, 0x7d])])),
      hostile(new Blob([Uint8Array.from([0xed, 0xa0, 0x80])]), 'text/plain'),
      hostile('{"data": [NaN, Infinity]}'),
      hangUp(),
      hangUp(),
      ...Array.from({ length: 32 }, (_, index) => valid(index)),
    ]);
    for (let index = 0; index < 16; index++) await valid(index);
  });
});
