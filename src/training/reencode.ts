/**
 * Re-encodes a saved model's weights without retraining: reads the model through src/model's
 * loader and writes it again with saveModel, which quantizes exactly as `npm run train` does, so the files are the ones a
 * retrain with that encoding writes. The model card is left to the caller (its figures come
 * from `npm run evaluate` on the result).
 *
 *   npx tsx src/training/reencode.ts --model model --out model --encoding uint8
 */
import { parseArgs } from 'node:util';
import { loadModelFromDir, saveModel, type WeightEncoding } from './model-files.ts';
import { useWasmBackend } from './wasm-backend.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'model' },
    out: { type: 'string' },
    encoding: { type: 'string', default: 'uint8' },
  },
});
const encoding = args.encoding as WeightEncoding;
if (!['float16', 'uint8', 'float32'].includes(encoding)) {
  console.error(`--encoding must be float16, uint8 or float32, got ${encoding}`);
  process.exit(2);
}
await useWasmBackend();
const model = await loadModelFromDir(args.model);
const out = args.out ?? args.model;
const saved = await saveModel(model, out, encoding);
model.dispose();
console.log(`Wrote ${out}/model.json + weights.bin: ${saved.totalBytes} bytes (${saved.weightBytes} of ${encoding} weights)`);
