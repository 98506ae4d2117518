/**
 * Number mode on real handwriting: whole numbers composed from the held-out UNIPEN writers'
 * digits (pen-numbers.ts: one writer per number, 2–6 digits in a row), drawn on number mode's
 * surface, segmented and reduced by core (numberGrids) and classified in one batch per number
 * through src/model, as the element does. Reports, per length and overall: numbers read exactly,
 * read confidently, confident but wrong, and how often the count of digits is wrong; and the
 * per-digit accuracy where the count is right. `--split train` measures the training writers
 * (for tuning segmentation; report only the validation figures).
 *
 *   node --import tsx src/training/evaluate-numbers.ts [--model model] [--per-writer 20] [--seed 16] [--split validation|train] [--min-confidence 0.8]
 */
import { parseArgs } from 'node:util';
import { numberGrids } from '../core/number-grids.ts';
import { assessNumber } from '../core/number-prediction.ts';
import { DEFAULT_MIN_CONFIDENCE, OUTPUTS_WITH_NOT_DIGIT } from '../core/prediction.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { buildDigitModel } from '../model/digit-model.ts';
import { readModelDir } from './model-files.ts';
import { splitByWriter } from './pen-data.ts';
import { loadPenDigits } from './pen-files.ts';
import { composeNumbers } from './pen-numbers.ts';
import { Random } from './random.ts';
import { useWasmBackend } from './wasm-backend.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'model' },
    'per-writer': { type: 'string', default: '20' },
    seed: { type: 'string', default: '16' },
    split: { type: 'string', default: 'validation' },
    'min-confidence': { type: 'string', default: String(DEFAULT_MIN_CONFIDENCE) },
  },
});
const perWriter = Number(args['per-writer']);
const seed = Number(args.seed);
if (!(Number.isInteger(perWriter) && perWriter > 0)) fail(`--per-writer must be a positive integer, got ${args['per-writer']}`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${args.seed}`);
const minConfidence = Number(args['min-confidence']);
if (!(minConfidence >= 0 && minConfidence <= 1)) fail(`--min-confidence must be a number in 0..1, got ${args['min-confidence']}`);
if (args.split !== 'validation' && args.split !== 'train') fail(`--split must be validation or train, got ${args.split}`);

const LENGTHS = [2, 3, 4, 5, 6];
await useWasmBackend();
const model = await buildDigitModel(await readModelDir(args.model));
const { train, validation } = splitByWriter(loadPenDigits());
const samples = args.split === 'train' ? train : validation;
const numbers = composeNumbers(samples, LENGTHS, perWriter, new Random(seed));

interface Tally {
  numbers: number;
  exact: number;
  confident: number;
  confidentWrong: number;
  countWrong: number;
  digits: number;
  digitsRight: number;
}
const blank = (): Tally => ({ numbers: 0, exact: 0, confident: 0, confidentWrong: 0, countWrong: 0, digits: 0, digitsRight: 0 });
const byLength = new Map(LENGTHS.map((length) => [length, blank()]));
const total = blank();
for (const number of numbers) {
  const groups = numberGrids(number.strokes, number.width, number.height);
  const inputs = new Float32Array(groups.length * GRID_CELLS);
  groups.forEach(({ grid }, i) => inputs.set(grid, i * GRID_CELLS));
  const output = groups.length > 0 ? await model.predict(inputs, groups.length) : new Float32Array();
  const width = output.length / Math.max(groups.length, 1) || OUTPUTS_WITH_NOT_DIGIT;
  const outputs = groups.map((_, i) => output.subarray(i * width, (i + 1) * width));
  const reading = assessNumber(outputs, groups.map(({ box }) => box), minConfidence);
  for (const tally of [byLength.get(number.label.length)!, total]) {
    tally.numbers++;
    if (reading.value === number.label) tally.exact++;
    if (reading.confident) tally.confident++;
    if (reading.confident && reading.value !== number.label) tally.confidentWrong++;
    if (groups.length !== number.label.length) tally.countWrong++;
    else {
      tally.digits += groups.length;
      for (let i = 0; i < groups.length; i++) if (reading.value[i] === number.label[i]) tally.digitsRight++;
    }
  }
}
model.dispose();

const pct = (part: number, whole: number) => `${((part / Math.max(whole, 1)) * 100).toFixed(2)}%`.padStart(7);
const writers = new Set(numbers.map(({ writerId }) => writerId)).size;
console.log(`model: ${args.model}; ${numbers.length} numbers from ${writers} ${args.split} writers (${perWriter} per writer and length, seed ${seed}, min-confidence ${minConfidence})`);
console.log('length  numbers   exact  confident  confident-wrong  count-wrong  per-digit');
for (const [length, tally] of [...byLength, ['2–6', total] as const]) {
  const { numbers: n, exact, confident, confidentWrong, countWrong, digits, digitsRight } = tally;
  console.log(`${String(length).padEnd(6)}  ${String(n).padStart(7)}  ${pct(exact, n)}    ${pct(confident, n)}          ${pct(confidentWrong, n)}      ${pct(countWrong, n)}    ${pct(digitsRight, digits)}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
