import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { buildPredictResponse } from '../../src/core/wire-format.ts';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { httpApiEvent, mnistDigit, predictBody } from './events.ts';

/**
 * Faults in the deployed model files, beyond model-loading.test.ts (missing model.json, truncated
 * weights, a non-layers model.json): the real model's files broken in the other ways a deploy or a
 * disk breaks them. Each cold start answers 503 (the reason in the log, never in the answer),
 * never a wrong answer and never a 500, and the next invocation after the files are fixed answers as the intact model does.
 */

const MODEL_DIR = fileURLToPath(new URL('../../model/', import.meta.url));
let root: string;
let dir: string;
let shardName: string;
const digit = mnistDigit(0);
/** The intact model's answer for `digit`: the 200's `result`. */
let intact: number[];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'digit-canvas-faults-'));
  const manifest = JSON.parse(await readFile(join(MODEL_DIR, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  shardName = manifest.weightsManifest[0]!.paths[0]!;
  const model = await createModelService(join(MODEL_DIR, 'model.json'), 'wasm').get();
  intact = buildPredictResponse(await model.predict(Float32Array.from(digit.grid))).result;
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

let copies = 0;
beforeEach(async () => {
  dir = join(root, `model-${copies++}`);
  await cp(MODEL_DIR, dir, { recursive: true });
});

/** A fresh container: a new model service and handler reading the copy in `dir`. */
function coldStart(logs: string[] = []) {
  const location = join(dir, 'model.json');
  return createPredictHandler({
    config: { modelLocation: location, cors: parseCorsPolicy(undefined), backend: 'wasm' },
    models: createModelService(location, 'wasm'),
    log: (line) => logs.push(line),
  });
}

async function ask(handler: ReturnType<typeof coldStart>) {
  const response = await handler(httpApiEvent({ body: predictBody(digit.grid) }));
  return { status: response.statusCode, body: JSON.parse(response.body) as { error?: string; result?: number[] }, headers: response.headers ?? {} };
}

/** Rewrites the model in `folder` with plain float32 weights (the same values: dequantization is exact in float32). */
async function storeAsFloat32(folder: string): Promise<void> {
  const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const [group] = json.weightsManifest;
  const bytes = await readFile(join(folder, group!.paths[0]!));
  const decoded = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), group!.weights);
  const values = group!.weights.map((spec) => decoded[spec.name]!.dataSync() as Float32Array);
  tf.dispose(Object.values(decoded));
  await writeFile(join(folder, group!.paths[0]!), Buffer.concat(values.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength))));
  group!.weights = group!.weights.map(({ quantization: _, ...spec }) => ({ ...spec, dtype: 'float32' as const }));
  await writeFile(join(folder, 'model.json'), JSON.stringify(json));
}

/** Breaks a file, checks the 503 and the reason it logs, restores the file, checks the intact answer. */
async function assertRefusedThenRecovers(file: string, breakIt: (path: string) => Promise<void>, message: RegExp): Promise<void> {
  const path = join(dir, file);
  const good = await readFile(path);
  await breakIt(path);
  const logs: string[] = [];
  const handler = coldStart(logs);
  const tensors = tf.memory().numTensors;
  for (let attempt = 0; attempt < 2; attempt++) {
    const refused = await ask(handler);
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.headers['Retry-After'], '5');
    assert.equal(refused.body.error, 'model unavailable; try again later');
    const logged = JSON.parse(logs[attempt]!) as { level: string; error: string };
    assert.match(logged.error, message);
    assert.doesNotMatch(logged.error, new RegExp(root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no server path');
  }
  assert.equal(JSON.parse(logs[0]!).level, 'error');
  assert.equal(tf.memory().numTensors, tensors, 'a refused model keeps no tensors');

  await writeFile(path, good);
  const recovered = await ask(handler);
  assert.equal(recovered.status, 200, JSON.stringify(recovered.body));
  assert.deepEqual(recovered.body.result, intact);
}

describe('model files broken at cold start: 503, the reason logged, then recovery without a restart', () => {
  it('model.json that is empty or cut short', async () => {
    await assertRefusedThenRecovers('model.json', (path) => writeFile(path, ''), /^model\.json is not valid JSON: /);
    await assertRefusedThenRecovers('model.json', async (path) => writeFile(path, (await readFile(path)).subarray(0, 1000)), /^model\.json is not valid JSON: /);
  });

  it('a weights shard that is missing', async () => {
    await assertRefusedThenRecovers(shardName, (path) => rm(path), new RegExp(`^${shardName.replace('.', '\\.')} not found$`));
  });

  it('a weights shard longer than its manifest says (another model’s file)', async () => {
    await assertRefusedThenRecovers(shardName, (path) => appendFile(path, new Uint8Array(4096)),
      /^weights group 0 \(.+\) holds \d+ bytes but its manifest describes \d+; the model files are truncated or do not belong together$/);
  });

  it('a weights shard of the right size whose bytes are garbage (NaN), in a float32 model', async () => {
    // The shipped uint8 weights dequantize to finite numbers whatever their bytes; a float model
    // (as MODEL_URL may name) can hold NaN, which the service must refuse to serve.
    await storeAsFloat32(dir);
    await assertRefusedThenRecovers(shardName, async (path) => writeFile(path, new Uint8Array((await readFile(path)).byteLength).fill(0xff)),
      /^model answers a blank grid with values that are not finite probabilities; its weight files are corrupt$/);
  });

  it('a manifest naming a weight type the loader cannot read', async () => {
    await assertRefusedThenRecovers('model.json', async (path) => {
      const json = JSON.parse(await readFile(path, 'utf8'));
      json.weightsManifest[0].weights[0].dtype = 'complex64';
      delete json.weightsManifest[0].weights[0].quantization;
      await writeFile(path, JSON.stringify(json));
    }, /^weight .+ has dtype complex64, which cannot be loaded$/);
  });

  it('answers a burst of concurrent requests during an outage with 503s, keeps no tensors, and recovers', async () => {
    const shard = join(dir, shardName);
    const good = await readFile(shard);
    await rm(shard);
    const handler = coldStart();
    const tensors = tf.memory().numTensors;
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(Array.from({ length: 16 }, () => ask(handler)));
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([503]));
    }
    assert.equal(tf.memory().numTensors, tensors, 'failed loads leave no tensors behind');
    await writeFile(shard, good);
    const answers = await Promise.all(Array.from({ length: 16 }, () => ask(handler)));
    for (const answer of answers) assert.deepEqual(answer.body.result, intact);
  });
});
