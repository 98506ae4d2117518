/**
 * Kernels that make @tensorflow/tfjs-backend-wasm fit for training. It ships no
 * `Conv2DBackpropFilter` (no conv layer can learn without it), and its `Conv2DBackpropInput`,
 * `Tile` (batch norm's gradient) and `MaxPoolGrad` are plain loops that dominated a training step
 * (measured: Conv2DBackpropInput alone ~5× an XNNPACK conv). They are rebuilt here from kernels
 * wasm runs fast (XNNPACK Conv2D, Transpose, PadV2, Reverse, Slice) or, for Tile and
 * MaxPoolGrad, as channel-innermost loops over typed-array views of the wasm heap.
 *
 * Filter gradient (any stride, via dilation):
 *   dW[a, b, ci, co] = Σ_{n,i,j} xPadded[n, i·s + a, j·s + b, ci] · dy[n, i, j, co]
 * Transposing x to [C_in, H, W, N] makes the batch the "channels" and C_in the "batch"; dy
 * transposed to [oh, ow, N, C_out] is the "filter"; a 'valid' conv dilated by the stride gives
 * [C_in, kh, kw, C_out] (sliced to kh×kw when the stride leaves a remainder), transposed back.
 *
 * Input gradient (stride 1; other strides keep the stock kernel): the conv of dy, padded so every
 * input pixel sees each filter tap once, with the filter rotated 180° and its channels swapped.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  getKernel,
  MaxPoolGrad,
  registerKernel,
  Tile,
  unregisterKernel,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type NamedAttrMap,
  type TensorInfo,
  type TileAttrs,
} from '@tensorflow/tfjs-core';

const BACKEND = 'wasm';
const MARK = Symbol.for('digit-canvas.wasm-training-kernel');

type Shape4 = [number, number, number, number];

/**
 * Registers the three kernels for the wasm backend. Call before the backend initialises (the
 * replaced kernels' setup functions are carried over); calling it again does nothing.
 */
export function registerWasmTrainingKernels(): void {
  replaceKernel(Conv2DBackpropFilter, () => (args) =>
    conv2DBackpropFilter(args.inputs['x']!, args.inputs['dy']!, args.attrs as unknown as Conv2DBackpropFilterAttrs, args.backend as KernelBackend),
  );
  replaceKernel(Conv2DBackpropInput, (stock) => (args) => {
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const [sh, sw] = pair(attrs.strides);
    if (sh !== 1 || sw !== 1 || (attrs.dataFormat ?? 'NHWC') !== 'NHWC') {
      if (!stock) throw new Error('Conv2DBackpropInput on wasm: only stride 1 NHWC is rebuilt and no stock kernel exists');
      return stock(args);
    }
    return conv2DBackpropInput(args.inputs['dy']!, args.inputs['filter']!, attrs, args.backend as KernelBackend);
  });
  replaceKernel(Tile, (stock) => (args) => {
    const x = args.inputs['x']!;
    if (x.dtype === 'string') {
      if (!stock) throw new Error('Tile on wasm: string tensors need the stock kernel, which is missing');
      return stock(args);
    }
    return tile(x, (args.attrs as unknown as TileAttrs).reps, args.backend as KernelBackend);
  });
  replaceKernel(MaxPoolGrad, () => (args) =>
    maxPoolGrad(args.inputs['dy']!, args.inputs['input']!, args.attrs as unknown as MaxPoolGradAttrs, args.backend as KernelBackend),
  );
}

interface WasmHeap {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): backend_util.TypedArray;
}

function replaceKernel(name: string, make: (stock: KernelFunc | undefined) => KernelFunc): void {
  const stock = getKernel(name, BACKEND);
  if (stock && (stock as unknown as Record<symbol, boolean>)[MARK]) return;
  if (stock) unregisterKernel(name, BACKEND);
  const config: KernelConfig & Record<symbol, boolean> = {
    kernelName: name,
    backendName: BACKEND,
    kernelFunc: make(stock?.kernelFunc),
    [MARK]: true,
  };
  if (stock?.setupFunc) config.setupFunc = stock.setupFunc;
  if (stock?.disposeFunc) config.disposeFunc = stock.disposeFunc;
  registerKernel(config);
}

/** Runs wasm kernels, remembering every output so intermediates can be freed in one place. */
class KernelRunner {
  private readonly outputs: TensorInfo[] = [];
  constructor(private readonly backend: KernelBackend) {}

  run(name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo {
    const kernel = getKernel(name, BACKEND);
    if (!kernel) throw new Error(`the wasm ${name} kernel is not registered`);
    const out = kernel.kernelFunc({ inputs, backend: this.backend, attrs }) as TensorInfo;
    this.outputs.push(out);
    return out;
  }

  /** Frees every intermediate except `keep`, which the caller returns. */
  finish(keep?: TensorInfo): void {
    for (const tensor of this.outputs) if (tensor !== keep) this.backend.disposeData(tensor.dataId);
  }
}

function conv2DBackpropFilter(x: TensorInfo, dy: TensorInfo, attrs: Conv2DBackpropFilterAttrs, backend: KernelBackend): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if ((dataFormat ?? 'NHWC') !== 'NHWC') throw new Error(`Conv2DBackpropFilter on wasm supports only NHWC, got ${dataFormat}`);
  checkRank4('Conv2DBackpropFilter', { x, dy });
  const info = backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode);
  if (shapeText(info.outShape) !== shapeText(dy.shape)) {
    throw new Error(`Conv2DBackpropFilter: dy is ${shapeText(dy.shape)} but the convolution gives ${shapeText(info.outShape)}`);
  }
  const { top, bottom, left, right } = info.padInfo;
  const [kh, kw, cin, cout] = filterShape;
  const k = new KernelRunner(backend);
  let result: TensorInfo | undefined;
  try {
    const padded = top || bottom || left || right ? k.run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 }) : x;
    const xT = k.run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] });
    const dyT = k.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const grad = k.run('Conv2D', { x: xT, filter: dyT }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] });
    const exact = grad.shape[1] === kh && grad.shape[2] === kw ? grad : k.run('Slice', { x: grad }, { begin: [0, 0, 0, 0], size: [cin, kh, kw, cout] });
    result = k.run('Transpose', { x: exact }, { perm: [1, 2, 0, 3] });
    return result;
  } finally {
    k.finish(result);
  }
}

function conv2DBackpropInput(dy: TensorInfo, filter: TensorInfo, attrs: Conv2DBackpropInputAttrs, backend: KernelBackend): TensorInfo {
  const { pad, dimRoundingMode, inputShape } = attrs;
  checkRank4('Conv2DBackpropInput', { dy, filter });
  const [kh, kw] = filter.shape as Shape4;
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, 1, 1, pad, dimRoundingMode);
  if (shapeText(info.outShape) !== shapeText(dy.shape)) {
    throw new Error(`Conv2DBackpropInput: dy is ${shapeText(dy.shape)} but the convolution gives ${shapeText(info.outShape)}`);
  }
  const [, height, width] = inputShape;
  const [, oh, ow] = dy.shape as Shape4;
  // dx[p] = Σ_a dy[p + top − a]·W[a] = Σ_a' dy[p + top − (k−1) + a']·W[k−1−a']: a valid conv of
  // dy padded by k−1−top in front (and whatever completes the input length behind).
  const front = kh - 1 - info.padInfo.top;
  const back = height + kh - 1 - front - oh;
  const frontW = kw - 1 - info.padInfo.left;
  const backW = width + kw - 1 - frontW - ow;
  const k = new KernelRunner(backend);
  let result: TensorInfo | undefined;
  try {
    const rotated = k.run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = k.run('Transpose', { x: rotated }, { perm: [0, 1, 3, 2] });
    // Crops (negative pads) happen only for explicit pads larger than the filter; slice them off.
    const padded = front || back || frontW || backW
      ? k.run('PadV2', { x: dy }, { paddings: [[0, 0], [Math.max(0, front), Math.max(0, back)], [Math.max(0, frontW), Math.max(0, backW)], [0, 0]], constantValue: 0 })
      : dy;
    const cropped = front < 0 || back < 0 || frontW < 0 || backW < 0
      ? k.run('Slice', { x: padded }, {
          begin: [0, Math.max(0, -front), Math.max(0, -frontW), 0],
          size: [padded.shape[0]!, padded.shape[1]! - Math.max(0, -front) - Math.max(0, -back), padded.shape[2]! - Math.max(0, -frontW) - Math.max(0, -backW), padded.shape[3]!],
        })
      : padded;
    result = k.run('Conv2D', { x: cropped, filter: swapped }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 });
    return result;
  } finally {
    k.finish(result);
  }
}

/** Tile by block copies: each axis, innermost first, repeats its contiguous blocks in place. */
function tile(x: TensorInfo, reps: number[], backend: KernelBackend): TensorInfo {
  if (reps.length !== x.shape.length) throw new Error(`Tile: ${reps.length} reps for a rank-${x.shape.length} tensor`);
  const outShape = x.shape.map((dim, i) => dim * reps[i]!);
  const wasm = backend as unknown as WasmHeap;
  const out = wasm.makeOutput(outShape, x.dtype);
  const size = outShape.reduce((a, b) => a * b, 1);
  if (size === 0) return out;
  // Views are taken after makeOutput: allocating can grow (and move) the wasm heap.
  const source = wasm.typedArrayFromHeap(x);
  const target = wasm.typedArrayFromHeap(out);
  // Place x's elements at their first-copy positions in the output, then, innermost axis first,
  // repeat each block (one copy of axis d with everything inside it, already complete).
  const rank = x.shape.length;
  const outStrides = new Array<number>(rank);
  outStrides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) outStrides[d] = outStrides[d + 1]! * outShape[d + 1]!;
  const lastDim = x.shape[rank - 1]!;
  const rows = source.length / lastDim;
  const index = new Array<number>(rank).fill(0);
  for (let row = 0; row < rows; row++) {
    let offset = 0;
    for (let d = 0; d < rank - 1; d++) offset += index[d]! * outStrides[d]!;
    target.set(source.subarray(row * lastDim, (row + 1) * lastDim), offset);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d]! < x.shape[d]!) break;
      index[d] = 0;
    }
  }
  for (let d = rank - 1; d >= 0; d--) {
    if (reps[d] === 1) continue;
    const block = x.shape[d]! * outStrides[d]!; // one copy of axis d's content
    const outerCount = d === 0 ? 1 : sourceOuterCount(x.shape, d);
    for (let outer = 0; outer < outerCount; outer++) {
      const start = outerOffset(outer, x.shape, outStrides, d);
      for (let r = 1; r < reps[d]!; r++) target.copyWithin(start + r * block, start, start + block);
    }
  }
  return out;
}

/**
 * Max-pool gradient: dy goes to the first maximum of each window (row-major), as the cpu
 * backend does. Channels innermost, so each window is scanned once for all channels.
 */
function maxPoolGrad(dy: TensorInfo, x: TensorInfo, attrs: MaxPoolGradAttrs, backend: KernelBackend): TensorInfo {
  checkRank4('MaxPoolGrad', { dy, x });
  const info = backend_util.computePool2DInfo(x.shape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const wasm = backend as unknown as WasmHeap;
  const out = wasm.makeOutput([...x.shape], 'float32');
  const dx = wasm.typedArrayFromHeap(out) as Float32Array;
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const dys = wasm.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - info.padInfo.top;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - info.padInfo.left;
        best.fill(-Infinity);
        where.fill(-1);
        for (let y = Math.max(0, y0); y < Math.min(inHeight, y0 + filterHeight); y++) {
          for (let xx = Math.max(0, x0); xx < Math.min(inWidth, x0 + filterWidth); xx++) {
            const base = ((b * inHeight + y) * inWidth + xx) * channels;
            for (let c = 0; c < channels; c++) {
              const v = xs[base + c]!;
              if (v > best[c]!) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        const dyBase = ((b * outHeight + oy) * outWidth + ox) * channels;
        for (let c = 0; c < channels; c++) if (where[c]! >= 0) dx[where[c]!]! += dys[dyBase + c]!;
      }
    }
  }
  return out;
}

/** Number of x-sized positions on the axes before d (only those hold data yet). */
function sourceOuterCount(shape: readonly number[], d: number): number {
  let count = 1;
  for (let j = 0; j < d; j++) count *= shape[j]!;
  return count;
}

/** Output offset of the outer position `outer` (counted over x's own dims before axis d). */
function outerOffset(outer: number, shape: readonly number[], outStrides: readonly number[], d: number): number {
  let offset = 0;
  for (let j = d - 1; j >= 0; j--) {
    offset += (outer % shape[j]!) * outStrides[j]!;
    outer = Math.floor(outer / shape[j]!);
  }
  return offset;
}

function pair(value: number | [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

function checkRank4(kernel: string, tensors: Record<string, TensorInfo>): void {
  for (const [name, tensor] of Object.entries(tensors)) {
    if (tensor.shape.length !== 4) throw new Error(`${kernel} needs 4-D tensors, got ${name} ${shapeText(tensor.shape)}`);
  }
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
