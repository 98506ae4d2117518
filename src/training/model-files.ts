/**
 * The model's files on disk: TF.js layers format (`model.json` + one `weights.bin`), written
 * through `tf.io.withSaveHandler` (tfjs' own `file://` handler needs tfjs-node) with the weights
 * quantized to uint8 or float16 in the manifest, and read back through src/model's loader (the
 * one the page and the Lambda use), which checks the files; tfjs dequantizes on load.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { concatBytes, loadModelArtifacts } from '../model/model-artifacts.ts';

/** File names inside a model directory. */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * How weights are stored: float16 halves them, uint8 (affine per weight, the shipped model's)
 * quarters them.
 */
export type WeightEncoding = 'float32' | 'float16' | 'uint8';

/** What `saveModel` wrote. */
export interface SavedModelInfo {
  modelJsonBytes: number;
  weightBytes: number;
  totalBytes: number;
  encoding: WeightEncoding;
}

/** Saves `model` into `dir` (created if missing) as model.json + weights.bin. */
export async function saveModel(model: tfl.LayersModel, dir: string, encoding: WeightEncoding = 'uint8'): Promise<SavedModelInfo> {
  let info: SavedModelInfo | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('the model produced no weights to save');
      const float = new Float32Array(concatWeightData(artifacts.weightData));
      const { specs, data } = encodeWeights(artifacts.weightSpecs, float, encoding);
      const modelJson: tf.io.ModelJSON = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy ?? 'TensorFlow.js tfjs-layers',
        convertedBy: `digit-canvas src/training (${encoding} weights)`,
        modelTopology: artifacts.modelTopology!,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }],
      };
      const json = JSON.stringify(modelJson);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, MODEL_JSON), json);
      writeFileSync(join(dir, WEIGHTS_BIN), data);
      const modelJsonBytes = Buffer.byteLength(json);
      info = { modelJsonBytes, weightBytes: data.byteLength, totalBytes: modelJsonBytes + data.byteLength, encoding };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(modelJson) };
    }),
  );
  return info!;
}

/** The artifacts of the model saved in `dir`, checked by src/model; errors name the directory's model.json. */
export async function readModelDir(dir: string): Promise<tf.io.ModelArtifacts> {
  const path = join(dir, MODEL_JSON);
  try {
    return await loadModelArtifacts({ url: pathToFileURL(path), read: (url) => readFile(fileURLToPath(url)) });
  } catch (error) {
    throw new Error(`cannot read the model at ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Loads the layers model saved in `dir` (weights dequantized to float32). */
export async function loadModelFromDir(dir: string): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel({ load: () => readModelDir(dir) });
}

function concatWeightData(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

/** Re-encodes float32 weights per spec; non-float32 weights pass through unchanged. */
function encodeWeights(
  specs: tf.io.WeightsManifestEntry[],
  values: Float32Array,
  encoding: WeightEncoding,
): { specs: tf.io.WeightsManifestEntry[]; data: Uint8Array } {
  const parts: Uint8Array[] = [];
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name} is ${spec.dtype}; only float32 weights are saved`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const weight = values.subarray(offset, offset + size);
    offset += size;
    if (encoding === 'float32') {
      parts.push(new Uint8Array(weight.slice().buffer));
      outSpecs.push({ name: spec.name, shape: spec.shape, dtype: 'float32' });
    } else if (encoding === 'float16') {
      parts.push(new Uint8Array(toFloat16(weight).buffer));
      outSpecs.push({ name: spec.name, shape: spec.shape, dtype: 'float32', quantization: { dtype: 'float16' } });
    } else {
      const { bytes, scale, min } = toUint8(fromFloat16(toFloat16(weight)));
      parts.push(bytes);
      outSpecs.push({ name: spec.name, shape: spec.shape, dtype: 'float32', quantization: { dtype: 'uint8', scale, min } });
    }
  }
  return { specs: outSpecs, data: concatBytes(parts) };
}

/** IEEE 754 half precision, round to nearest even; out-of-range values saturate to ±Infinity. */
export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
    } else if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rest = mant & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rest > halfway || (rest === halfway && half & 1)) half++;
      out[i] = sign | half;
    } else {
      let half = (e << 10) | (mant >>> 13);
      const rest = mant & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
      out[i] = sign | half; // a carry into the exponent is the correct rounding
    }
  }
  return out;
}

/** The float32 values of IEEE 754 half-precision bits (exact; Node 20 has no Float16Array). */
export function fromFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0x1f) out[i] = mant ? NaN : sign * Infinity;
    else if (exp === 0) out[i] = sign * mant * 2 ** -24;
    else out[i] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return out;
}

/**
 * Affine uint8 quantization (value ≈ min + q·scale) as tfjs' loader expects it. saveModel
 * quantizes the float16-rounded weights, so a model trained into uint8 gets the same bytes as its
 * float16 files re-encoded (reencode.ts): the uint8 step dwarfs float16's rounding.
 */
function toUint8(values: Float32Array): { bytes: Uint8Array; scale: number; min: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = max > min ? (max - min) / 255 : 1;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.round((values[i]! - min) / scale);
  return { bytes, scale, min };
}
