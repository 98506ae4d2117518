/**
 * `npm run evaluate`: accuracy of a saved model (default: the committed model/) on the full MNIST
 * test set and on "MNIST on the canvas" in both pixel grid modes.
 *
 *   npm run evaluate -- [--model model] [--seed 1234]
 */
import { parseArgs } from 'node:util';
import { canvasAccuracy, mnistAccuracy } from './evaluation.ts';
import { loadMnist } from './idx.ts';
import { loadModelFromDir } from './model-files.ts';
import { useWasmBackend } from './wasm-backend.ts';

const { values: args } = parseArgs({ options: { model: { type: 'string', default: 'model' }, seed: { type: 'string', default: '1234' } } });
const seed = Number(args.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, got ${args.seed}`);
  process.exit(2);
}
await useWasmBackend();
const model = await loadModelFromDir(args.model);
const test = loadMnist('t10k');
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
console.log(`model: ${args.model} (${model.countParams()} parameters)`);
console.log(`MNIST test set (10000):          ${pct(await mnistAccuracy(model, test))}`);
console.log(`MNIST on the canvas, mnist mode: ${pct(await canvasAccuracy(model, test, 'mnist', seed))}`);
console.log(`MNIST on the canvas, grid mode:  ${pct(await canvasAccuracy(model, test, 'grid', seed))}`);
model.dispose();
