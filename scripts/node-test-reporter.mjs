// The Node suite's console output: one line per test file while it runs; for a file with a
// failure, every failing test with its error and what the file printed, so a failure is found
// at a glance and the success output stays short. (The counts for the summary line come from
// node-test-counter.mjs.)
import { relative } from 'node:path';
import { inspect } from 'node:util';

const root = process.cwd();

export default async function* compactReporter(source) {
  let file;
  let passed = 0;
  let failures = [];
  let output = [];
  const flush = function* () {
    if (file === undefined) return;
    const name = relative(root, file);
    if (failures.length === 0) {
      yield `✔ ${name}: ${passed} passed\n`;
    } else {
      yield `✖ ${name}: ${passed} passed, ${failures.length} failed\n`;
      for (const failure of failures) yield `${failure}\n`;
      if (output.length > 0) yield `  what ${name} printed:\n${output.join('').replace(/^/gm, '    ')}\n`;
    }
    passed = 0;
    failures = [];
    output = [];
  };
  for await (const event of source) {
    const eventFile = event.data?.file;
    if (eventFile && eventFile !== file && (event.type === 'test:pass' || event.type === 'test:fail' || event.type === 'test:start')) {
      yield* flush();
      file = eventFile;
    }
    if (event.type === 'test:stdout' || event.type === 'test:stderr') output.push(event.data.message);
    if (event.type === 'test:pass' && event.data.details?.type !== 'suite' && !event.data.skip && !event.data.todo) passed++;
    if (event.type === 'test:fail' && event.data.details?.type !== 'suite') {
      const error = event.data.details?.error;
      const cause = error?.cause ?? error;
      failures.push(`  ✖ ${event.data.name}\n${inspect(cause, { depth: 4 }).replace(/^/gm, '      ')}`);
    }
  }
  yield* flush();
}
