/**
 * `npm run train`: trains the digit classifier with the wasm backend on MNIST mixed with the
 * training writers' pen-drawn digits and "not a digit" letters and marks (handwriting-sets.ts),
 * calibrates it on the held-out writers (a temperature folded into the last layer) and writes the
 * model (model.json + weights.bin, uint8 weights) and MODEL_CARD.md to the output directory.
 *
 *   npm run train -- --epochs 10 --batch-size 128 --seed 42 --out model
 *
 * Options: --epochs, --batch-size, --out, --seed, --lr (peak Adam learning rate),
 * --limit (at most N MNIST images an epoch, and a tenth of the other sources, for quick checks),
 * --mnist (MNIST images an epoch), --pen-repeats (renders of each pen digit an epoch),
 * --writer-cap N (at most N digits of one writer in each repeat), --label-smoothing EPSILON,
 * --teacher DIR (repeatable: distil from these saved models' mean probabilities, model-ensemble.ts),
 * --distill-weight W (the teachers' share of each target, default 0.5),
 * --pen-width W (grid cells pen drawings are reduced with, training and validation alike; an
 * experiment, since the element reduces at VECTOR_PEN_WIDTH),
 * --encoding uint8|float16|float32, --checkpoint DIR (save after every epoch).
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { MNIST_BOX } from '../core/preprocess.ts';
import { VECTOR_PEN_WIDTH } from '../core/vector-grid.ts';
import { DEFAULT_AUGMENT } from './augment.ts';
import { canvasAccuracy, mnistAccuracy, predictProbabilities } from './evaluation.ts';
import { describeFigures, fitTemperature, foldTemperature, handwritingFigures, negativeLogLikelihood, thresholdFigures } from './handwriting-evaluation.ts';
import { blendTargets, concatGrids, DEFAULT_MIX, epochItems, fillBatch, loadPenSets, smoothLabels, validationSet, type EpochMix } from './handwriting-sets.ts';
import { loadMnist } from './idx.ts';
import { writeModelCard } from './model-card.ts';
import { ModelEnsemble } from './model-ensemble.ts';
import { loadModelFromDir, saveModel, type WeightEncoding } from './model-files.ts';
import { createModel, describeModel, NUM_CLASSES } from './model.ts';
import { formatSeconds, ProgressBar } from './progress.ts';
import { Random } from './random.ts';
import { useWasmBackend } from './wasm-backend.ts';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '128' },
    out: { type: 'string', default: 'model' },
    seed: { type: 'string', default: '42' },
    lr: { type: 'string', default: '0.003' },
    limit: { type: 'string' },
    mnist: { type: 'string', default: String(DEFAULT_MIX.mnist) },
    'pen-repeats': { type: 'string', default: String(DEFAULT_MIX.penRepeats) },
    'writer-cap': { type: 'string' },
    'label-smoothing': { type: 'string', default: '0' },
    teacher: { type: 'string', multiple: true, default: [] },
    'distill-weight': { type: 'string', default: '0.5' },
    'pen-width': { type: 'string', default: String(VECTOR_PEN_WIDTH) },
    encoding: { type: 'string', default: 'uint8' },
    checkpoint: { type: 'string' },
  },
});

const epochs = positiveInt(args.epochs, 'epochs');
const batchSize = positiveInt(args['batch-size'], 'batch-size');
const seed = positiveInt(args.seed, 'seed');
const peakLr = Number(args.lr);
if (!(peakLr > 0)) fail(`--lr must be a positive number, got ${args.lr}`);
const encoding = args.encoding as WeightEncoding;
if (!['float16', 'uint8', 'float32'].includes(encoding)) fail(`--encoding must be float16, uint8 or float32, got ${encoding}`);
const outDir = args.out;
const labelSmoothing = Number(args['label-smoothing']);
if (!(labelSmoothing >= 0 && labelSmoothing < 1)) fail(`--label-smoothing must be a number at least 0 and below 1, got ${args['label-smoothing']}`);
const distillWeight = Number(args['distill-weight']);
if (!(distillWeight > 0 && distillWeight <= 1)) fail(`--distill-weight must be a number above 0 and at most 1, got ${args['distill-weight']}`);
const penWidth = Number(args['pen-width']);
if (!(penWidth > 0 && penWidth < MNIST_BOX)) fail(`--pen-width must be a number above 0 and below ${MNIST_BOX}, got ${args['pen-width']}`);
const writerCap = args['writer-cap'] === undefined ? undefined : positiveInt(args['writer-cap'], 'writer-cap');

await useWasmBackend();
const teachers = args.teacher.length > 0 ? await ModelEnsemble.load(args.teacher).catch((error: Error) => fail(`--teacher: ${error.message}`)) : undefined;
if (teachers && teachers.outputShape[1] !== NUM_CLASSES) fail(`--teacher: the teachers answer ${teachers.outputShape[1]} classes; the student learns ${NUM_CLASSES}`);
const train = loadMnist('train');
const test = loadMnist('t10k');
const pen = loadPenSets();
const validation = validationSet(pen, { penWidth });
const validationGrids = concatGrids(validation.map((v) => v.grid));
const limit = args.limit ? positiveInt(args.limit, 'limit') : undefined;
const mix: EpochMix = limit
  ? { mnist: Math.min(limit, DEFAULT_MIX.mnist), penRepeats: 1, letterRepeats: 1, generated: Math.round(DEFAULT_MIX.generated / 10) }
  : {
      ...DEFAULT_MIX,
      mnist: positiveInt(args.mnist, 'mnist'),
      penRepeats: positiveInt(args['pen-repeats'], 'pen-repeats'),
      ...(writerCap === undefined ? {} : { writerCap }),
    };
const random = new Random(seed);
const model = createModel(seed);
const optimizer = tf.train.adam(peakLr);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
console.log(`Model: ${model.countParams()} parameters`);
for (const line of describeModel(model)) console.log(`  ${line}`);
const perEpoch = epochItems(mix, train.images.count, pen, new Random(seed)).length;
console.log(
  `Training on ${perEpoch} drawings an epoch (MNIST ${mix.mnist}, ${pen.digits.train.length} pen digits ×${mix.penRepeats}` +
    `${mix.writerCap === undefined ? '' : ` (≤ ${mix.writerCap} a writer each time)`}, ` +
    `${pen.letters.train.length} letters ×${mix.letterRepeats}, ${mix.generated} marks), ${epochs} epochs, batch ${batchSize}, seed ${seed}, backend ${tf.getBackend()}${labelSmoothing > 0 ? `, label smoothing ${labelSmoothing}` : ''}` +
    `${teachers ? `, distilled from ${teachers.dirs.join(' + ')} (weight ${distillWeight})` : ''}` +
    `${penWidth === VECTOR_PEN_WIDTH ? '' : `, pen width ${penWidth} (the element's is ${VECTOR_PEN_WIDTH})`}`,
);
console.log(`Validation: ${pen.digits.validation.length} digits and ${validation.length - pen.digits.validation.length} non-digits of held-out writers and seeds`);

const stepsPerEpoch = Math.ceil(perEpoch / batchSize);
const totalSteps = stepsPerEpoch * epochs;
const xBuffer = new Float32Array(batchSize * 784);
const yBuffer = new Float32Array(batchSize * NUM_CLASSES);
const started = performance.now();
const cpuStart = process.cpuUsage();
const epochSeconds: number[] = [];
let step = 0;

for (let epoch = 0; epoch < epochs; epoch++) {
  const epochStart = performance.now();
  const items = epochItems(mix, train.images.count, pen, random);
  // The last epoch sees more clean digits, so the network settles on real MNIST statistics.
  const augment = epoch === epochs - 1 && epochs > 1 ? { ...DEFAULT_AUGMENT, probability: 0.5 } : DEFAULT_AUGMENT;
  const bar = new ProgressBar(`epoch ${String(epoch + 1).padStart(String(epochs).length)}/${epochs}`, stepsPerEpoch);
  let lossSum = 0;
  let accSum = 0;
  for (let b = 0; b < stepsPerEpoch; b++, step++) {
    setLearningRate(optimizer, learningRate(step));
    const batch = items.slice(b * batchSize, (b + 1) * batchSize);
    const n = batch.length;
    fillBatch(batch, train, pen, xBuffer, yBuffer, random, { mnistAugment: augment, penWidth });
    smoothLabels(yBuffer, n, labelSmoothing);
    if (teachers) blendTargets(yBuffer, await teachers.predict(xBuffer, n), n, distillWeight);
    const x = tf.tensor4d(xBuffer.subarray(0, n * 784), [n, 28, 28, 1]);
    const y = tf.tensor2d(yBuffer.subarray(0, n * NUM_CLASSES), [n, NUM_CLASSES]);
    const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
    tf.dispose([x, y]);
    lossSum += loss!;
    accSum += acc!;
    bar.update(b + 1, `loss ${(lossSum / (b + 1)).toFixed(4)} acc ${(accSum / (b + 1)).toFixed(4)} lr ${learningRate(step).toExponential(1)}`);
  }
  epochSeconds.push((performance.now() - epochStart) / 1000);
  const testAcc = await mnistAccuracy(model, test);
  const figures = handwritingFigures(await predictProbabilities(model, validationGrids), validation);
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `epoch ${epoch + 1}/${epochs}: train loss ${(lossSum / stepsPerEpoch).toFixed(4)} acc ${(accSum / stepsPerEpoch).toFixed(4)}, ` +
      `MNIST test ${(testAcc * 100).toFixed(2)}%, validation writers ${(figures.digits.top1 * 100).toFixed(2)}%, ` +
      `non-digits refused ${(figures.nonDigits.refused * 100).toFixed(1)}% (float32), ${formatSeconds(epochSeconds.at(-1)!)} this epoch, ` +
      `${formatSeconds(elapsed)} total, ETA ${formatSeconds((elapsed / (epoch + 1)) * (epochs - epoch - 1))}, tensors ${tf.memory().numTensors}`,
  );
  if (args.checkpoint) await saveModel(model, args.checkpoint, encoding);
}
teachers?.dispose();
const trainingSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

// Calibration on the held-out writers: one temperature, fitted by likelihood, folded into the
// last layer so every runtime reads calibrated probabilities from the files alone.
const validationLabels = validation.map((v) => v.label);
const uncalibrated = await predictProbabilities(model, validationGrids);
const before = handwritingFigures(uncalibrated, validation);
const temperature = fitTemperature(uncalibrated, validationLabels);
foldTemperature(model, temperature);
const calibrated = await predictProbabilities(model, validationGrids);
console.log(
  `Calibration: temperature ${temperature}, validation NLL ${negativeLogLikelihood(uncalibrated, validationLabels).toFixed(4)} → ` +
    `${negativeLogLikelihood(calibrated, validationLabels).toFixed(4)}, ECE ${(before.digits.ece * 100).toFixed(2)}% before`,
);

const saved = await saveModel(model, outDir, encoding);
console.log(`Saved ${outDir}/model.json + weights.bin: ${saved.totalBytes} bytes (${saved.weightBytes} of ${encoding} weights)`);
const reloaded = await loadModelFromDir(outDir);
const mnist = await mnistAccuracy(reloaded, test);
const canvasMnist = await canvasAccuracy(reloaded, test, 'mnist');
const canvasGrid = await canvasAccuracy(reloaded, test, 'grid');
console.log(`Saved model: MNIST test ${(mnist * 100).toFixed(2)}%, on the canvas: mnist mode ${(canvasMnist * 100).toFixed(2)}%, grid mode ${(canvasGrid * 100).toFixed(2)}%`);
const savedProbabilities = await predictProbabilities(reloaded, validationGrids);
const handwriting = handwritingFigures(savedProbabilities, validation);
for (const line of describeFigures(handwriting)) console.log(line);
writeModelCard(outDir, {
  model: reloaded,
  saved,
  accuracy: { mnist, canvasMnist, canvasGrid },
  handwriting,
  thresholds: thresholdFigures(savedProbabilities, validation),
  calibration: { temperature, eceBefore: before.digits.ece },
  training: {
    epochs,
    batchSize,
    seed,
    peakLr,
    labelSmoothing,
    ...(teachers ? { distillation: { teachers: teachers.dirs, weight: distillWeight } } : {}),
    penWidth,
    mix,
    perEpoch,
    penDigits: pen.digits.train.length,
    letters: pen.letters.train.length,
    seconds: trainingSeconds,
    cpuSeconds,
    epochSeconds,
    command: `npm run train -- ${process.argv.slice(2).join(' ')}`.trim(),
  },
});
console.log(`Wrote ${outDir}/MODEL_CARD.md; training took ${formatSeconds(trainingSeconds)} (${formatSeconds(cpuSeconds)} of CPU)`);
reloaded.dispose();
model.dispose();

/** Linear warm-up over the first 3% of steps, then cosine decay to 1% of the peak. */
function learningRate(s: number): number {
  const warmup = Math.max(1, Math.round(totalSteps * 0.03));
  if (s < warmup) return peakLr * (0.1 + (0.9 * s) / warmup);
  const progress = (s - warmup) / Math.max(1, totalSteps - warmup);
  return peakLr * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

function setLearningRate(opt: tf.AdamOptimizer, lr: number): void {
  // Adam reads `learningRate` on every step; tfjs has no scheduler API.
  (opt as unknown as { learningRate: number }).learningRate = lr;
}

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive integer, got ${value}`);
  return n;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
