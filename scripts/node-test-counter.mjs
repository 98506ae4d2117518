// A node:test reporter that counts passed and failed tests (not suites) and writes them as JSON,
// so scripts/test.mjs can print one summary line for the node and browser suites together.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:pass' && !event.data.skip && !event.data.todo) passed++;
    if (event.type === 'test:fail') failed++;
  }
  yield JSON.stringify({ passed, failed });
}
