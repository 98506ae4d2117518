// The browser suite's console output: one line per test file as it finishes; for a file with a
// failure, each failing test with its error, the file's own errors, its 404s and what the page
// logged, so a failure is found at a glance and the success output stays short.
import { relative } from 'node:path';
import { inspect } from 'node:util';

function tests(suite, path = []) {
  const here = suite.name ? [...path, suite.name] : path;
  return [...(suite.tests ?? []).map((test) => ({ ...test, path: [...here, test.name] })), ...(suite.suites ?? []).flatMap((child) => tests(child, here))];
}

function errorText(error) {
  if (!error) return '';
  const lines = [error.message ?? String(error)];
  if (error.expected !== undefined || error.actual !== undefined) lines.push(`expected ${error.expected}, actual ${error.actual}`);
  if (error.stack) lines.push(error.stack);
  return lines.join('\n');
}

const indent = (text, by) => text.replace(/^/gm, by);

export function compactReporter() {
  return {
    reportTestFileResults({ sessionsForTestFile, testFile: absolute }) {
      // Straight to stdout: the runner's own logger redraws its progress area around every line,
      // which leaves terminal escape codes in CI logs.
      const logger = { log: (line) => process.stdout.write(`${line}\n`) };
      const testFile = relative(process.cwd(), absolute);
      for (const session of sessionsForTestFile) {
        const results = session.testResults ? tests(session.testResults).filter((test) => !test.skipped) : [];
        const failed = results.filter((test) => !test.passed);
        const passed = results.length - failed.length;
        if (session.passed && failed.length === 0) {
          logger.log(`✔ ${testFile}: ${passed} passed`);
          continue;
        }
        logger.log(`✖ ${testFile}: ${passed} passed, ${failed.length} failed`);
        for (const test of failed) logger.log(indent(`✖ ${test.path.join(' > ')}\n${indent(errorText(test.error), '    ')}`, '  '));
        for (const error of session.errors ?? []) logger.log(indent(`file error: ${errorText(error)}`, '  '));
        for (const url of session.request404s ?? []) logger.log(`  404: ${url}`);
        if ((session.logs ?? []).length > 0) {
          logger.log('  what the page logged:');
          for (const args of session.logs) logger.log(indent(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '), '    '));
        }
      }
    },
  };
}
