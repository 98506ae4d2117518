// Median classify() latency of the bundled model per backend in the test runner's Chromium
// (headless, WebGL through SwiftShader). Not part of `npm test` (timings are not assertions); run:
//   npx wtr --config web-test-runner.config.mjs --files bench/inference-latency.browser.test.ts
import { LocalClassifier } from '../src/inference/local-classifier.ts';
import type { BackendName } from '../src/inference/backend-preference.ts';
import { mnistTestDigits } from '../test/inference/model-fixtures.ts';

const RUNS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

it(`classify() latency per backend, median of ${RUNS} warm runs`, async () => {
  const digits = await mnistTestDigits();
  const lines: string[] = [];
  for (const backend of ['wasm', 'cpu', 'webgl'] as BackendName[]) {
    const classifier = new LocalClassifier({ backend });
    const loadStarted = performance.now();
    await classifier.load();
    const loadMs = performance.now() - loadStarted;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await classifier.classify(digits[i % digits.length]!.grid);
      times.push(performance.now() - started);
    }
    lines.push(
      `${backend.padEnd(5)} median ${median(times).toFixed(2)} ms  (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)}; load+warm-up ${loadMs.toFixed(0)} ms)`,
    );
    classifier.dispose();
  }
  console.log(`classify() latency, ${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]}:\n${lines.join('\n')}`);
});
