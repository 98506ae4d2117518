// Browser tests in the system Chromium (never a downloaded one), TypeScript through esbuild.
import { writeFileSync, mkdirSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChromium, CHROMIUM_ARGS } from './scripts/find-chromium.mjs';
import { commonjsPackages } from './scripts/wtr-commonjs.mjs';
import { faultEndpoints, testEndpoints } from './scripts/test-endpoints.mjs';
import { cdpCommands } from './scripts/wtr-cdp-commands.mjs';
import { compactReporter } from './scripts/wtr-compact-reporter.mjs';

/** Counts passed/failed tests for the one summary line that `npm test` prints. */
function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test counts as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify({ passed, failed }));
    },
  };
}

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 600000,
  // /test-endpoints/*: the real Lambda handler and misbehaving endpoints for remote classification tests;
  // /fault-endpoints/*: faults that last until healed, for the reliability tests (healthy requests go on to the real handler).
  middleware: [faultEndpoints(), testEndpoints()],
  plugins: [
    // The tests run the tfjs-core the build ships: the package minus its optimizers (vite.config.ts, tfjsCoreForInference).
    {
      name: 'tfjs-core-for-inference',
      resolveImport({ source }) {
        if (source === '@tensorflow/tfjs-core') return '/src/inference/tfjs-core-inference.ts';
      },
    },
    // cdp-heap-usage and cdp-event-listeners for the reliability tests' leak checks.
    cdpCommands(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    // tfjs's ESM builds import CommonJS packages (long, seedrandom, the wasm backend's emscripten
    // glue); vite converts them in dev and build, this does the same for the browser tests.
    commonjsPackages({
      rootDir: new URL('.', import.meta.url).pathname,
      packages: ['/node_modules/long/', '/node_modules/seedrandom/', '/node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/'],
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium({ install: false }), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  testFramework: { config: { timeout: 60000 } },
  // Lit's dev build (its checks help tests) without its banner on every test page.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head><script>globalThis.litIssuedWarnings = new Set(['dev-mode']);</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  // Plain lines, no terminal redrawing (CI logs and pipes get escape codes otherwise).
  staticLogging: true,
  reporters: [compactReporter(), countReporter('.test-results/browser.json')],
};
