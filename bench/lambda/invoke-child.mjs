/**
 * Run in a fresh Node process, like a new Lambda container: imports a handler (for ours, its
 * init phase loads the model), answers one request (cold), then `warm` more (timed one by one).
 * Prints one JSON line: { importMs, firstMs, coldMs, coldCpuMs, warm: number[], status, digit }.
 * Usage: node invoke-child.mjs <handler.mjs> <event.json> <warm>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [handlerPath, eventPath, warmArg] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventPath, 'utf8'));
const log = console.log;
console.log = () => {}; // the handler's own log lines would cost time and clutter the result
console.warn = () => {};
const started = performance.now();
const cpuStart = process.cpuUsage();
const { handler } = await import(pathToFileURL(handlerPath).href);
const imported = performance.now();
const first = await handler(event, { awsRequestId: 'bench-cold' });
const answered = performance.now();
const cpu = process.cpuUsage(cpuStart);
const warm = [];
for (let i = 0; i < Number(warmArg || 0); i++) {
  const before = performance.now();
  const response = await handler(event, { awsRequestId: `bench-${i}` });
  warm.push(performance.now() - before);
  if (response.statusCode !== 200) throw new Error(`warm request answered ${response.statusCode}: ${response.body}`);
}
const body = JSON.parse(first.body);
const probabilities = Array.isArray(body.result) ? body.result : Object.values(body.result ?? {});
log(
  JSON.stringify({
    importMs: imported - started,
    firstMs: answered - imported,
    coldMs: answered - started,
    // CPU time of all the process's threads (wasm compilation runs on helpers): what load cannot inflate.
    coldCpuMs: (cpu.user + cpu.system) / 1000,
    warm,
    status: first.statusCode,
    digit: probabilities.indexOf(Math.max(...probabilities)),
  }),
);
