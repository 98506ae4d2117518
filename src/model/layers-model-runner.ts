/**
 * Runs a TF.js layers model (model.json + weights) on a handful of tfjs-core ops instead of
 * tfjs-layers, which is larger than the rest of the local runtime together. Each Conv2D or Dense
 * is fused with the BatchNormalization and activation after it (batch norm folded into the
 * weights and a bias once, at load), so the bundled model is four FusedConv2D, two MaxPool, a
 * Reshape, one _FusedMatMul and a Softmax per prediction: the few kernels each backend module
 * registers (see backend-kernels.ts).
 *
 * Reads Sequential models built from InputLayer, Conv2D, BatchNormalization, ReLU, Activation
 * (relu, linear, softmax), Softmax, MaxPooling2D, Flatten, Dense and Dropout in channels-last
 * layout. Anything else throws UnsupportedModelError, and the caller runs that model through
 * tfjs-layers instead (layers-fallback.ts, through digit-model.ts).
 */
import { dispose, fused, io, maxPool, reshape, softmax, tensor, tensor2d, tensor4d, tidy, type Tensor, type Tensor2D, type Tensor4D } from '@tensorflow/tfjs-core';
import { elementCount } from './model-artifacts.ts';

/** A valid layers model that this runner does not implement; tfjs-layers can still run it. */
export class UnsupportedModelError extends Error {
  override name = 'UnsupportedModelError';
}

/** A loaded model: its shapes (batch dimension null) and a forward pass. */
export interface ModelRunner {
  /** Which code runs it: this runner, or tfjs-layers for models it does not implement (layers-fallback.ts). */
  readonly runtime: 'lean' | 'tfjs-layers';
  readonly inputShape: readonly (number | null)[];
  readonly outputShape: readonly (number | null)[];
  /**
   * Runs `count` inputs (each shaped by `inputShape` without the batch dimension, back to back;
   * default one) as one batch and returns their outputs, back to back.
   */
  predict(inputs: Float32Array, count?: number): Promise<Float32Array>;
  dispose(): void;
}

interface LayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

type Activation = 'linear' | 'relu';

type Step =
  | { kind: 'conv'; filter: Tensor4D; bias: Tensor; strides: [number, number]; padding: 'same' | 'valid'; activation: Activation }
  | { kind: 'dense'; kernel: Tensor2D; bias: Tensor; activation: Activation }
  | { kind: 'pool'; size: [number, number]; strides: [number, number]; padding: 'same' | 'valid' }
  | { kind: 'flatten' }
  | { kind: 'softmax' };

/** A Conv2D or Dense being assembled: batch norm and the activation after it fold into it. */
interface PendingLinear {
  readonly kind: 'conv' | 'dense';
  readonly name: string;
  readonly kernel: Float32Array;
  readonly shape: number[];
  readonly bias: Float32Array;
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  activation: Activation;
}

/** Builds a runner on the active backend; the weight tensors live there until `dispose`. */
export function buildLayersModelRunner(artifacts: io.ModelArtifacts): ModelRunner {
  const layers = sequentialLayers(artifacts.modelTopology);
  const inputShape = batchInputShape(layers[0]);
  const weights = floatWeights(artifacts);
  const steps: Step[] = [];
  try {
    const units = buildSteps(layers, inputShape.length, weights, steps);
    return runner(steps, inputShape, [null, units]);
  } catch (error) {
    disposeSteps(steps);
    throw error;
  }
}

/** How each float32 weight may be stored: as is, or in one of tfjs's quantizations. */
type StoredArray = typeof Float32Array | typeof Uint16Array | typeof Uint8Array;

/**
 * Each weight's values as float32, read straight from the weight bytes: the runner folds them on
 * the CPU and uploads them itself, so tfjs's io.decodeWeights (a tensor per weight, read back at
 * once) would only add work, half of building the model at a cold start. float16 needs
 * Float16Array (Node 24, current browsers); without it, or for other dtypes, tfjs decodes. Both
 * give the same values: float16 and tfjs's `v·scale + min` dequantization are exact in float32.
 */
function floatWeights(artifacts: io.ModelArtifacts): Map<string, Float32Array> {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData ?? new ArrayBuffer(0);
  const float16 = (globalThis as { Float16Array?: typeof Uint16Array }).Float16Array;
  const storedAs = (spec: io.WeightsManifestEntry): StoredArray | undefined => {
    if (spec.dtype !== 'float32') return undefined;
    const quantization = spec.quantization;
    if (quantization === undefined) return Float32Array;
    if (quantization.dtype === 'float16') return float16;
    // tfjs refuses these without min and scale; let it say so.
    if (quantization.min === undefined || quantization.scale === undefined) return undefined;
    return quantization.dtype === 'uint8' ? Uint8Array : quantization.dtype === 'uint16' ? Uint16Array : undefined;
  };
  const weights = new Map<string, Float32Array>();
  if (!(data instanceof ArrayBuffer) || !specs.every(storedAs)) {
    for (const [name, value] of Object.entries(io.decodeWeights(data, specs))) {
      weights.set(name, value.dataSync() as Float32Array);
      value.dispose();
    }
    return weights;
  }
  let offset = 0;
  for (const spec of specs) {
    const Stored = storedAs(spec)!;
    const stored = new Stored(data.slice(offset, (offset += elementCount(spec) * Stored.BYTES_PER_ELEMENT)));
    const { scale, min } = spec.quantization ?? {};
    const dequantized = Stored === Uint8Array || Stored === Uint16Array;
    weights.set(spec.name, dequantized ? dequantize(stored, scale!, min!) : new Float32Array(stored));
  }
  return weights;
}

/** `v·scale + min` per value, as tfjs dequantizes; a plain loop, as this runs once per cold start, where `Float32Array.from`'s map callback is slow. */
function dequantize(stored: ArrayLike<number>, scale: number, min: number): Float32Array {
  const values = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) values[i] = stored[i]! * scale + min;
  return values;
}

function runner(steps: Step[], inputShape: (number | null)[], outputShape: (number | null)[]): ModelRunner {
  return {
    runtime: 'lean',
    inputShape,
    outputShape,
    predict: (inputs, count = 1) => runBatch(inputShape, inputs, count, (x) => forward(steps, x)),
    dispose: () => disposeSteps(steps),
  };
}

/**
 * Runs `model` on `count` inputs shaped by `inputShape` (batch dimension first) and returns its
 * output values; every tensor is disposed. Shared by both runtimes, so they batch alike.
 */
export async function runBatch(
  inputShape: readonly (number | null)[],
  inputs: Float32Array,
  count: number,
  model: (x: Tensor) => Tensor,
): Promise<Float32Array> {
  const output = tidy(() => model(tensor(inputs, [count, ...(inputShape.slice(1) as number[])], 'float32')));
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}

function forward(steps: readonly Step[], input: Tensor): Tensor {
  let x = input;
  for (const step of steps) {
    if (step.kind === 'conv') {
      const { filter, bias, strides, padding: pad, activation } = step;
      x = fused.conv2d({ x: x as Tensor4D, filter, bias, strides, pad, activation });
    } else if (step.kind === 'dense') {
      x = fused.matMul({ a: x as Tensor2D, b: step.kernel, bias: step.bias, activation: step.activation });
    } else if (step.kind === 'pool') {
      x = maxPool(x as Tensor4D, step.size, step.strides, step.padding);
    } else if (step.kind === 'flatten') {
      x = reshape(x, [x.shape[0]!, -1]);
    } else {
      x = softmax(x);
    }
  }
  return x;
}

function disposeSteps(steps: readonly Step[]): void {
  for (const step of steps) {
    if (step.kind === 'conv') dispose([step.filter, step.bias]);
    else if (step.kind === 'dense') dispose([step.kernel, step.bias]);
  }
}

/** The layer list of a Sequential topology, in the formats tfjs and the Keras converter write. */
function sequentialLayers(topology: unknown): LayerJson[] {
  const root = topology as { model_config?: unknown } | undefined;
  const model = (root?.model_config ?? root) as { class_name?: string; config?: unknown } | undefined;
  if (model?.class_name !== 'Sequential') throw new UnsupportedModelError(`a ${model?.class_name ?? 'non-Sequential'} model`);
  const config = model.config as { layers?: unknown } | unknown[] | undefined;
  const layers = Array.isArray(config) ? config : config?.layers;
  if (!Array.isArray(layers) || layers.length === 0) throw new UnsupportedModelError('a Sequential model without layers');
  return layers as LayerJson[];
}

function batchInputShape(first: LayerJson | undefined): (number | null)[] {
  const shape = first?.config['batch_input_shape'];
  if (!Array.isArray(shape) || shape[0] !== null || !shape.slice(1).every((size) => Number.isInteger(size) && size > 0)) {
    throw new UnsupportedModelError('the first layer declares no batch_input_shape');
  }
  return shape as (number | null)[];
}

/** Appends the fused steps for `layers` to `steps`; returns the number of outputs of the last Dense. */
function buildSteps(layers: readonly LayerJson[], inputRank: number, weights: ReadonlyMap<string, Float32Array>, steps: Step[]): number {
  let rank = inputRank;
  let pending: PendingLinear | undefined;
  let outputs: number | undefined;
  const take = (name: string): Float32Array => {
    const value = weights.get(name);
    if (!value) throw new UnsupportedModelError(`no weight named ${name}`);
    return value;
  };
  const flush = () => {
    if (!pending) return;
    const { kind, kernel, shape, bias, strides, padding, activation } = pending;
    if (kind === 'conv') {
      steps.push({ kind, filter: tensor4d(kernel, shape as [number, number, number, number]), bias: tensor(bias), strides, padding, activation });
    } else {
      steps.push({ kind, kernel: tensor2d(kernel, shape as [number, number]), bias: tensor(bias), activation });
    }
    pending = undefined;
  };

  for (const { class_name: type, config } of layers) {
    const name = String(config['name']);
    const activation = (config['activation'] as string | undefined) ?? 'linear';
    if (config['data_format'] !== undefined && config['data_format'] !== 'channels_last') {
      throw new UnsupportedModelError(`${name}: data_format ${String(config['data_format'])}`);
    }
    if (type === 'InputLayer' || type === 'Dropout') continue;
    if (type === 'Conv2D' || type === 'Dense') {
      flush();
      if (type === 'Conv2D' && rank !== 4) throw new UnsupportedModelError(`${name}: Conv2D on a rank-${rank} input`);
      if (type === 'Dense' && rank !== 2) throw new UnsupportedModelError(`${name}: Dense on a rank-${rank} input`);
      if (type === 'Conv2D' && (config['dilation_rate'] as number[] | undefined)?.some((rate) => rate !== 1)) {
        throw new UnsupportedModelError(`${name}: dilated convolution`);
      }
      const kernel = Float32Array.from(take(`${name}/kernel`));
      const units = (type === 'Conv2D' ? config['filters'] : config['units']) as number;
      const kernelSize = type === 'Conv2D' ? (config['kernel_size'] as number[]) : [];
      const spatial = kernelSize.reduce((product, size) => product * size, 1);
      pending = {
        kind: type === 'Conv2D' ? 'conv' : 'dense',
        name,
        kernel,
        shape: [...kernelSize, kernel.length / (spatial * units), units],
        bias: config['use_bias'] === false ? new Float32Array(units) : Float32Array.from(take(`${name}/bias`)),
        strides: (config['strides'] as [number, number] | undefined) ?? [1, 1],
        padding: (config['padding'] as 'same' | 'valid' | undefined) ?? 'valid',
        activation: 'linear',
      };
      outputs = type === 'Dense' ? units : undefined;
      applyActivation(activation, name);
    } else if (type === 'BatchNormalization') {
      if (!pending || pending.activation !== 'linear') throw new UnsupportedModelError(`${name}: batch norm not right after a Conv2D or Dense`);
      foldBatchNorm(pending, config, name, take);
    } else if (type === 'ReLU') {
      const maxValue = config['max_value'];
      if (maxValue !== undefined && maxValue !== null) throw new UnsupportedModelError(`${name}: a capped ReLU`);
      if (config['negative_slope'] || config['threshold']) throw new UnsupportedModelError(`${name}: a leaky or thresholded ReLU`);
      applyActivation('relu', name);
    } else if (type === 'Activation') {
      applyActivation(activation, name);
    } else if (type === 'Softmax') {
      applyActivation('softmax', name);
    } else if (type === 'MaxPooling2D') {
      flush();
      if (rank !== 4) throw new UnsupportedModelError(`${name}: pooling a rank-${rank} input`);
      const size = config['pool_size'] as [number, number];
      const strides = (config['strides'] as [number, number] | null | undefined) ?? size;
      steps.push({ kind: 'pool', size, strides, padding: (config['padding'] as 'same' | 'valid' | undefined) ?? 'valid' });
      outputs = undefined;
    } else if (type === 'Flatten') {
      flush();
      steps.push({ kind: 'flatten' });
      rank = 2;
      outputs = undefined;
    } else {
      throw new UnsupportedModelError(`${name}: layer type ${type}`);
    }
  }
  flush();
  if (outputs === undefined) throw new UnsupportedModelError('the last layer is not a Dense');
  return outputs;

  function applyActivation(kind: string, name: string): void {
    if (kind === 'linear') return;
    if (kind === 'relu' && pending?.activation === 'linear') {
      pending.activation = 'relu';
    } else if (kind === 'softmax' && rank === 2) {
      flush();
      steps.push({ kind: 'softmax' });
    } else {
      throw new UnsupportedModelError(`${name}: activation ${kind} here`);
    }
  }
}

/** y = gamma·(x − mean)/√(variance + ε) + beta, folded into the kernel and bias of the layer before. */
function foldBatchNorm(layer: PendingLinear, config: Record<string, unknown>, name: string, take: (name: string) => Float32Array): void {
  const axis = config['axis'];
  if (axis !== undefined && axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1)) {
    throw new UnsupportedModelError(`${name}: batch norm over axis ${JSON.stringify(axis)}`);
  }
  const channels = layer.bias.length;
  const epsilon = (config['epsilon'] as number | undefined) ?? 1e-3;
  const gamma = config['scale'] === false ? new Float32Array(channels).fill(1) : take(`${name}/gamma`);
  const beta = config['center'] === false ? new Float32Array(channels) : take(`${name}/beta`);
  const mean = take(`${name}/moving_mean`);
  const variance = take(`${name}/moving_variance`);
  for (let c = 0; c < channels; c++) {
    const scale = gamma[c]! / Math.sqrt(variance[c]! + epsilon);
    layer.bias[c] = (layer.bias[c]! - mean[c]!) * scale + beta[c]!;
    // The output channel is the kernel's last dimension.
    for (let i = c; i < layer.kernel.length; i += channels) layer.kernel[i]! *= scale;
  }
}
