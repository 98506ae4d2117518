// Test helper run in a fresh Node process, like a Lambda container: imports a bundled handler
// (its init phase loads the model) and invokes it with the steps in a JSON file, printing one
// JSON line per result. Steps: {"event": {...}} invokes; {"copy": [from, to]} copies a folder.
// Usage: node invoke-bundle.mjs <handler.mjs> <steps.json>
import { cpSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [handlerPath, stepsPath] = process.argv.slice(2);
const started = performance.now();
const { handler } = await import(pathToFileURL(handlerPath).href);
const initMs = performance.now() - started;
console.log(JSON.stringify({ step: 'init', ms: initMs, node: process.version }));
for (const step of JSON.parse(readFileSync(stepsPath, 'utf8'))) {
  if (step.copy) {
    cpSync(step.copy[0], step.copy[1], { recursive: true });
    continue;
  }
  const before = performance.now();
  const response = await handler(step.event, { awsRequestId: 'bundle-test' });
  console.log(JSON.stringify({ step: 'response', ms: performance.now() - before, response }));
}
