/**
 * Prototype for the bench: runs the bundled TF.js layers model without tfjs-layers, on a handful
 * of tfjs-core ops. Each Conv2D is fused with the BatchNormalization and ReLU after it (batch norm
 * folded into the filter and a bias once, at load), so a prediction is 4 FusedConv2D + 2 MaxPool
 * + Reshape + _FusedMatMul + Softmax kernels instead of tfjs-layers' ~17 plus its bookkeeping.
 * Reads Sequential models made of Conv2D, BatchNormalization, ReLU/Activation(relu),
 * MaxPooling2D, Flatten and Dense; anything else is refused by name.
 */
import {
  dispose,
  fused,
  io,
  maxPool,
  reshape,
  softmax,
  tensor1d,
  tensor4d,
  tensor2d,
  tidy,
  type Tensor,
  type Tensor1D,
  type Tensor2D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';

interface LayerJson {
  class_name: string;
  config: Record<string, unknown> & { name: string };
}

type Step =
  | { kind: 'conv'; filter: Tensor4D; bias: Tensor1D; padding: 'same' | 'valid'; strides: [number, number]; relu: boolean }
  | { kind: 'pool'; size: [number, number]; strides: [number, number]; padding: 'same' | 'valid' }
  | { kind: 'flatten' }
  | { kind: 'dense'; kernel: Tensor2D; bias: Tensor1D; relu: boolean; softmax: boolean };

export interface LeanModel {
  /** Ten probabilities for one 28×28 grid. */
  predict(grid: Float32Array): Promise<Float32Array>;
  dispose(): void;
}

/** Downloads model.json and its weights and builds the fused steps. */
export async function loadLeanModel(modelJsonUrl: string): Promise<LeanModel> {
  const json = (await (await fetch(modelJsonUrl)).json()) as io.ModelJSON;
  const groups = json.weightsManifest;
  const buffers = await Promise.all(
    groups.flatMap((group) => group.paths.map(async (path) => (await fetch(new URL(path, modelJsonUrl))).arrayBuffer())),
  );
  return leanModelFromArtifacts(json, io.concatenateArrayBuffers(buffers));
}

/** Builds the fused steps from a parsed model.json and its weight shards, concatenated in manifest order. */
export function leanModelFromArtifacts(json: io.ModelJSON, weightData: ArrayBuffer): LeanModel {
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const decoded = io.decodeWeights(weightData, specs);
  const weights = new Map<string, Float32Array>();
  for (const [name, tensor] of Object.entries(decoded)) {
    weights.set(name, tensor.dataSync() as Float32Array);
    tensor.dispose();
  }
  const topology = json.modelTopology as { config: { layers: LayerJson[] } };
  const steps = buildSteps(topology.config.layers, weights);
  return {
    async predict(grid) {
      const output = tidy(() => run(steps, tensor4d(grid, [1, 28, 28, 1])));
      try {
        return (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
    },
    dispose() {
      for (const step of steps) {
        if (step.kind === 'conv') dispose([step.filter, step.bias]);
        if (step.kind === 'dense') dispose([step.kernel, step.bias]);
      }
    },
  };
}

function run(steps: Step[], input: Tensor4D): Tensor {
  let x: Tensor = input;
  for (const step of steps) {
    if (step.kind === 'conv') {
      x = fused.conv2d({ x: x as Tensor4D, filter: step.filter, bias: step.bias, strides: step.strides, pad: step.padding, activation: step.relu ? 'relu' : 'linear' });
    } else if (step.kind === 'pool') {
      x = maxPool(x as Tensor4D, step.size, step.strides, step.padding);
    } else if (step.kind === 'flatten') {
      x = reshape(x, [x.shape[0]!, -1]);
    } else {
      x = fused.matMul({ a: x as Tensor2D, b: step.kernel, bias: step.bias, activation: step.relu ? 'relu' : 'linear' });
      if (step.softmax) x = softmax(x);
    }
  }
  return x;
}

function buildSteps(layers: LayerJson[], weights: Map<string, Float32Array>): Step[] {
  const steps: Step[] = [];
  const take = (name: string) => {
    const value = weights.get(name);
    if (!value) throw new Error(`model weights have no ${name}`);
    return value;
  };
  // The conv being built: BN and ReLU after it fold into it.
  let conv: { kernel: Float32Array; shape: number[]; bias: Float32Array; padding: 'same' | 'valid'; strides: [number, number]; relu: boolean } | undefined;
  const flushConv = () => {
    if (!conv) return;
    steps.push({ kind: 'conv', filter: tensor4d(conv.kernel, conv.shape as [number, number, number, number]), bias: tensor1d(conv.bias), padding: conv.padding, strides: conv.strides, relu: conv.relu });
    conv = undefined;
  };
  for (const { class_name: type, config } of layers) {
    const name = config.name;
    const activation = config['activation'] as string | undefined;
    if (type === 'Conv2D') {
      flushConv();
      const kernel = Float32Array.from(take(`${name}/kernel`));
      const [kh, kw] = config['kernel_size'] as number[];
      const filters = config['filters'] as number;
      conv = {
        kernel,
        shape: [kh!, kw!, kernel.length / (kh! * kw! * filters), filters],
        bias: config['use_bias'] ? Float32Array.from(take(`${name}/bias`)) : new Float32Array(filters),
        padding: config['padding'] as 'same' | 'valid',
        strides: config['strides'] as [number, number],
        relu: activation === 'relu',
      };
      if (activation && activation !== 'relu' && activation !== 'linear') throw new Error(`${name}: activation ${activation} is not supported`);
    } else if (type === 'BatchNormalization') {
      if (!conv || conv.relu) throw new Error(`${name}: batch norm is only folded into the Conv2D right before it`);
      const epsilon = (config['epsilon'] as number | undefined) ?? 1e-3;
      const filters = conv.bias.length;
      const gamma = config['scale'] === false ? new Float32Array(filters).fill(1) : take(`${name}/gamma`);
      const beta = config['center'] === false ? new Float32Array(filters) : take(`${name}/beta`);
      const mean = take(`${name}/moving_mean`);
      const variance = take(`${name}/moving_variance`);
      for (let c = 0; c < filters; c++) {
        const scale = gamma[c]! / Math.sqrt(variance[c]! + epsilon);
        conv.bias[c] = (conv.bias[c]! - mean[c]!) * scale + beta[c]!;
        for (let i = c; i < conv.kernel.length; i += filters) conv.kernel[i]! *= scale;
      }
    } else if (type === 'ReLU' || (type === 'Activation' && activation === 'relu')) {
      if (!conv) throw new Error(`${name}: ReLU is only supported right after a Conv2D`);
      conv.relu = true;
    } else if (type === 'MaxPooling2D') {
      flushConv();
      steps.push({ kind: 'pool', size: config['pool_size'] as [number, number], strides: (config['strides'] ?? config['pool_size']) as [number, number], padding: config['padding'] as 'same' | 'valid' });
    } else if (type === 'Flatten') {
      flushConv();
      steps.push({ kind: 'flatten' });
    } else if (type === 'Dense') {
      flushConv();
      const kernel = take(`${name}/kernel`);
      const units = config['units'] as number;
      steps.push({
        kind: 'dense',
        kernel: tensor2d(kernel, [kernel.length / units, units]),
        bias: tensor1d(config['use_bias'] === false ? new Float32Array(units) : take(`${name}/bias`)),
        relu: activation === 'relu',
        softmax: activation === 'softmax',
      });
    } else if (type !== 'InputLayer' && type !== 'Dropout') {
      throw new Error(`${name}: layer type ${type} is not supported`);
    }
  }
  flushConv();
  return steps;
}
