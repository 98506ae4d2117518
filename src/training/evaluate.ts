/**
 * `npm run evaluate`: a saved model (default: the committed model/) on real handwriting — the
 * held-out UNIPEN writers' digits (per digit, confusions, coverage, confident-but-wrong,
 * calibration error) and not-a-digit drawings (refusal rate per kind) — and on MNIST: the full
 * test set and "MNIST on the canvas" in both pixel grid modes. Also what each `min-confidence`
 * step trades (coverage against confident-but-wrong), for choosing one, and how far the figures
 * could move with other writers (a bootstrap over whole writers). The model is loaded and run
 * through src/model, as the page and the Lambda run it.
 *
 * `--model` given more than once measures those models as one, the mean of their probabilities
 * (model-ensemble.ts): what an ensemble would read, as a teacher for distillation.
 *
 * `--pen-width W` reduces the validation drawings with another pen (grid cells), for a model
 * trained with the same `npm run train -- --pen-width W`; both models of `--against` see them.
 *
 * `--against DIR` also counts, drawing by drawing, the digits only one of the two models reads
 * right: the paired comparison that tells two close models apart better than their top-1 can.
 *
 *   npm run evaluate -- [--model model]… [--against DIR] [--seed 1234] [--min-confidence 0.8] [--pen-width 2.6]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_MIN_CONFIDENCE } from '../core/prediction.ts';
import { MNIST_BOX } from '../core/preprocess.ts';
import { VECTOR_PEN_WIDTH } from '../core/vector-grid.ts';
import { buildDigitModel } from '../model/digit-model.ts';
import { parameterCount } from '../model/model-artifacts.ts';
import { canvasAccuracy, imagesToGrids, mnistAccuracy, notDigitShare, predictProbabilities } from './evaluation.ts';
import {
  describeFigures,
  describePairing,
  describeThresholds,
  describeWriterSpread,
  handwritingFigures,
  pairDigits,
  thresholdFigures,
  writerBootstrap,
} from './handwriting-evaluation.ts';
import { concatGrids, loadPenSets, validationSet } from './handwriting-sets.ts';
import { loadMnist } from './idx.ts';
import { ModelEnsemble } from './model-ensemble.ts';
import { readModelDir } from './model-files.ts';
import { useWasmBackend } from './wasm-backend.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', multiple: true, default: ['model'] },
    against: { type: 'string' },
    seed: { type: 'string', default: '1234' },
    'min-confidence': { type: 'string', default: String(DEFAULT_MIN_CONFIDENCE) },
    'pen-width': { type: 'string', default: String(VECTOR_PEN_WIDTH) },
  },
});
const seed = Number(args.seed);
const minConfidence = Number(args['min-confidence']);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${args.seed}`);
const penWidth = Number(args['pen-width']);
if (!(penWidth > 0 && penWidth < MNIST_BOX)) fail(`--pen-width must be a number above 0 and below ${MNIST_BOX}, got ${args['pen-width']}`);
if (!(minConfidence >= 0 && minConfidence <= 1)) fail(`--min-confidence must be a number in 0..1, got ${args['min-confidence']}`);

await useWasmBackend();
const model = await ModelEnsemble.load(args.model);
const test = loadMnist('t10k');
const validation = validationSet(loadPenSets(), { penWidth });
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const parameters = (await Promise.all(args.model.map(async (dir) => parameterCount(await readModelDir(dir))))).reduce((a, b) => a + b, 0);
console.log(`model: ${args.model.join(' + ')}${args.model.length > 1 ? ' (the mean of their probabilities)' : ''} (${parameters} parameters, ${model.runtime} runtime)${penWidth === VECTOR_PEN_WIDTH ? '' : `; validation drawings at pen width ${penWidth}`}`);
const probabilities = await predictProbabilities(model, concatGrids(validation.map((v) => v.grid)));
for (const line of describeFigures(handwritingFigures(probabilities, validation, minConfidence))) console.log(line);
console.log(describeWriterSpread(writerBootstrap(probabilities, validation, minConfidence)));
for (const line of describeThresholds(thresholdFigures(probabilities, validation))) console.log(`  ${line}`);
if (args.against) {
  const other = await buildDigitModel(await readModelDir(args.against));
  const theirs = await predictProbabilities(other, concatGrids(validation.map((v) => v.grid)));
  other.dispose();
  console.log(describePairing(pairDigits(probabilities, theirs, validation), args.against));
}
console.log(`MNIST test set (10000):          ${pct(await mnistAccuracy(model, test))} (read as "not a digit": ${pct(await notDigitShare(model, imagesToGrids(test)))})`);
console.log(`MNIST on the canvas, mnist mode: ${pct(await canvasAccuracy(model, test, 'mnist', seed))}`);
console.log(`MNIST on the canvas, grid mode:  ${pct(await canvasAccuracy(model, test, 'grid', seed))}`);
model.dispose();

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
