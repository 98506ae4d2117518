/**
 * Batch normalisation whose training step costs a third of tfjs-layers' own. The stock layer
 * differentiates through `tf.moments` and `tf.batchNorm` generically, which on the wasm backend
 * materialises many full-size temporaries (measured: 60% of a training step's CPU time). This
 * subclass keeps the layer's weights, config, inference path and serialised class name
 * (`BatchNormalization`, so saved models load anywhere), and only replaces the training-mode
 * forward pass with one custom-gradient op using the closed-form backward pass:
 *
 *   x̂ = (x − μ)/σ,  y = γ·x̂ + β
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = (γ/σ)·(dy − (dβ + x̂·dγ)/M)     (sums over the M = N·H·W positions)
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Layer } from '@tensorflow/tfjs-layers/dist/engine/topology';

type LayerArgs = Parameters<typeof tfl.layers.batchNormalization>[0];

interface BatchNormInternals {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: { read(): tf.Tensor };
  beta: { read(): tf.Tensor };
  movingMean: { read(): tf.Tensor; write(value: tf.Tensor): void };
  movingVariance: { read(): tf.Tensor; write(value: tf.Tensor): void };
}

// tfjs-layers exports only a factory; its class is the prototype's constructor.
const BatchNormalization = Object.getPrototypeOf(tfl.layers.batchNormalization({})).constructor as new (
  args?: LayerArgs,
) => Layer;

/** Channels-last batch normalisation with a fast training path; serialises as `BatchNormalization`. */
export class FastBatchNormalization extends BatchNormalization {
  static className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const self = this as unknown as BatchNormInternals;
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const channelsLast = self.axis === -1 || self.axis === x.rank - 1;
    if (!kwargs['training'] || !channelsLast || !self.center || !self.scale) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const axes = [...Array(x.rank - 1).keys()];
      const count = x.size / x.shape[x.rank - 1]!;
      // μ and σ² enter the custom op from outside, so the tape never differentiates through them
      // (the closed-form dx already accounts for them).
      const { mean, variance } = tf.moments(x, axes);
      const normalize: (...args: tf.Tensor[]) => tf.Tensor = tf.customGrad((input, gamma, beta, save) => {
        const invStd = tf.rsqrt(tf.add(variance, self.epsilon));
        const xHat = tf.mul(tf.sub(input as tf.Tensor, mean), invStd);
        const gammaInvStd = tf.mul(gamma as tf.Tensor, invStd);
        (save as unknown as tf.GradSaveFunc)([xHat, gammaInvStd]);
        return {
          value: tf.add(tf.mul(xHat, gamma as tf.Tensor), beta as tf.Tensor) as tf.Tensor,
          gradFunc: (dy, saved) => {
            const [savedXHat, savedGammaInvStd] = saved as [tf.Tensor, tf.Tensor];
            const dyT = dy as tf.Tensor;
            const dBeta = tf.sum(dyT, axes);
            const dGamma = tf.sum(tf.mul(dyT, savedXHat), axes);
            const correction = tf.add(tf.mul(savedXHat, tf.div(dGamma, count)), tf.div(dBeta, count));
            const dx = tf.mul(tf.sub(dyT, correction), savedGammaInvStd);
            return [dx, dGamma, dBeta];
          },
        };
      });
      const output = normalize(x, self.gamma.read(), self.beta.read());
      const update = (variable: BatchNormInternals['movingMean'], value: tf.Tensor) => {
        const old = variable.read();
        variable.write(tf.sub(old, tf.mul(tf.sub(old, value), 1 - self.momentum)));
      };
      update(self.movingMean, mean);
      update(self.movingVariance, variance);
      return output;
    });
  }
}
