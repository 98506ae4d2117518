/**
 * The digit classifier: a small all-convolutional CNN with batch normalisation, sized for the
 * wasm backend's training speed on two CPU cores and for a ≤ 200 KB download.
 *
 *   28×28×1 → conv5×5·16 valid → BN → ReLU → maxpool 2 (12×12)
 *           → conv3×3·32 same  → BN → ReLU
 *           → conv3×3·32 valid → BN → ReLU → maxpool 2 (5×5)
 *           → conv3×3·64 valid → BN → ReLU (3×3) → flatten → dense 11 softmax (0..9, not a digit)
 *
 * ~39k parameters. Convs carry no bias (BN's beta replaces it). Batch norm is the stock layer
 * with a faster training step (fast-batch-norm.ts); it saves as a plain BatchNormalization. Dropout is left out on purpose:
 * tfjs' seeded dropout reuses one mask every step, and augmentation already regularises.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { FastBatchNormalization } from './fast-batch-norm.ts';

/** Input shape of the model: the 28×28 grid, one channel, values 0..1. */
export const INPUT_SHAPE: [number, number, number] = [28, 28, 1];
/** Number of classes: the digits 0..9 and "not a digit"; the output is a softmax over them. */
export const NUM_CLASSES = 11;
/** Index of the "not a digit" class (letters, scribbles, taps, shapes). */
export const NOT_A_DIGIT_CLASS = 10;

/** Builds the untrained model; `seed` fixes every initializer so runs are reproducible. */
export function createModel(seed: number): tfl.Sequential {
  const model = tfl.sequential({ name: 'digit_cnn' });
  let layer = 0;
  const init = () => tfl.initializers.heNormal({ seed: seed + ++layer });
  const convBlock = (filters: number, kernelSize: number, padding: 'same' | 'valid', first = false) => {
    const index = model.layers.length;
    model.add(
      tfl.layers.conv2d({
        ...(first ? { inputShape: INPUT_SHAPE } : {}),
        name: `conv${index}`,
        filters,
        kernelSize,
        padding,
        useBias: false,
        kernelInitializer: init(),
      }),
    );
    model.add(new FastBatchNormalization({ name: `bn${index}`, momentum: 0.9 }));
    model.add(tfl.layers.reLU({ name: `relu${index}` }));
  };
  convBlock(16, 5, 'valid', true);
  model.add(tfl.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  convBlock(32, 3, 'same');
  convBlock(32, 3, 'valid');
  model.add(tfl.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }));
  convBlock(64, 3, 'valid');
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(
    tfl.layers.dense({
      name: 'probabilities',
      units: NUM_CLASSES,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + ++layer }),
    }),
  );
  return model;
}

/** One line per layer (name, output shape, parameters) for logs and the model card. */
export function describeModel(model: tfl.LayersModel): string[] {
  return model.layers.map((l) => {
    const shape = JSON.stringify(l.outputShape).replace(/null/g, 'N');
    return `${l.name.padEnd(14)} ${l.getClassName().padEnd(20)} ${shape.padEnd(16)} ${l.countParams()}`;
  });
}
