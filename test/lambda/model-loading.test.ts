import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { modelFiles, toModelUrl } from '../../src/lambda/model-files.ts';
import { loadModelArtifacts, ModelLoadError } from '../../src/model/model-artifacts.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { restEvent, predictBody } from './events.ts';
import { TINY_WEIGHTS_FILE, writeTinyModel } from './tiny-model.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/core/prediction.ts';

/** What every 503 tells the client, whatever failed. */
const UNAVAILABLE = 'model unavailable; try again later';
let root: string;
const grid = new Array(784).fill(0).map((_, i) => (i % 5 === 0 ? 0.8 : 0));

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'digit-canvas-model-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A handler whose MODEL_URL is `location`, logging into `logs`. */
function handlerFor(location: string, logs: string[] = []) {
  const models = createModelService(location, 'wasm');
  const config = { modelLocation: location, cors: parseCorsPolicy(undefined), backend: 'wasm' as const };
  return createPredictHandler({ config, models, log: (line) => logs.push(line) });
}

describe('model loading: unavailable models answer 503 and recover', () => {
  it('answers 503 while model.json is missing, then loads it on the next request once it is there', async () => {
    const dir = join(root, 'late');
    const logs: string[] = [];
    const handler = handlerFor(pathToFileURL(join(dir, 'model.json')).href, logs);
    const missing = await handler(restEvent({ body: predictBody(grid) }));
    assert.equal(missing.statusCode, 503);
    assert.equal(missing.headers?.['Retry-After'], '5');
    assert.equal(JSON.parse(missing.body).error, UNAVAILABLE);
    assert.equal(JSON.parse(logs[0]!).error, 'model.json not found');
    assert.equal(JSON.parse(logs[0]!).level, 'error');

    await writeTinyModel(dir);
    const recovered = await handler(restEvent({ body: predictBody(grid) }));
    assert.equal(recovered.statusCode, 200, recovered.body);
    assert.equal(JSON.parse(recovered.body).result.length, 10);
  });

  it('a 503 tells the client a fixed message, never the internal error, which goes to the log', async () => {
    const dir = join(root, 'secret-place');
    const logs: string[] = [];
    const refused = await handlerFor(join(dir, 'model.json'), logs)(restEvent({ body: predictBody(grid) }));
    assert.equal(refused.statusCode, 503);
    assert.deepEqual(JSON.parse(refused.body), { error: UNAVAILABLE });
    const logged = JSON.parse(logs[0]!) as { error: string; reason: string };
    assert.equal(logged.error, 'model.json not found');
    assert.equal(logged.reason, 'model-unavailable');
    assert.ok(!refused.body.includes(logged.error), `the body ${refused.body} carries the internal error`);
    assert.ok(!refused.body.includes('secret-place') && !refused.body.includes('not found'), refused.body);
  });

  it('still refuses bad input with 400 while the model is unavailable', async () => {
    const handler = handlerFor(join(root, 'nowhere/model.json'));
    const response = await handler(restEvent({ body: '{"data": 1}' }));
    assert.equal(response.statusCode, 400);
  });

  it('refuses weights whose size does not match the manifest, naming the file, and recovers when fixed', async () => {
    const dir = join(root, 'truncated');
    const bytes = await writeTinyModel(dir);
    const shard = join(dir, TINY_WEIGHTS_FILE);
    const good = await readFile(shard);
    await truncate(shard, bytes - 4);
    const expected = `weights group 0 (${TINY_WEIGHTS_FILE}) holds ${bytes - 4} bytes but its manifest describes ${bytes}; ` +
      'the model files are truncated or do not belong together';
    await assert.rejects(loadModelArtifacts(modelFiles(toModelUrl(dir + '/'))), (error: Error) => {
      assert.ok(error instanceof ModelLoadError);
      assert.equal(error.message, expected);
      return true;
    });

    const logs: string[] = [];
    const handler = handlerFor(dir + '/', logs);
    const refused = await handler(restEvent({ body: predictBody(grid) }));
    assert.equal(refused.statusCode, 503);
    assert.equal(JSON.parse(refused.body).error, UNAVAILABLE);
    assert.equal(JSON.parse(logs[0]!).error, expected);

    await writeFile(shard, good);
    assert.equal((await handler(restEvent({ body: predictBody(grid) }))).statusCode, 200);
  });

  it('refuses model.json that is not JSON or not a layers model', async () => {
    const dir = join(root, 'broken');
    await writeTinyModel(dir);
    await writeFile(join(dir, 'model.json'), '{"format": "graph-model"');
    await assert.rejects(loadModelArtifacts(modelFiles(toModelUrl(join(dir, 'model.json')))), /^ModelLoadError: model\.json is not valid JSON/);
    await writeFile(join(dir, 'model.json'), '{"weightsManifest": []}');
    await assert.rejects(loadModelArtifacts(modelFiles(toModelUrl(join(dir, 'model.json')))), {
      message: 'model.json has no modelTopology, so it is not a TF.js layers model',
    });
  });

  it('refuses a model that does not read a 28×28 grid, and keeps no tensors of it', async () => {
    const dir = join(root, 'wrong-shape');
    await writeTinyModel(dir, [7, 7, 1]);
    const before = tf.memory().numTensors;
    const logs: string[] = [];
    const response = await handlerFor(dir + '/', logs)(restEvent({ body: predictBody(grid) }));
    assert.equal(response.statusCode, 503);
    assert.equal(JSON.parse(response.body).error, UNAVAILABLE);
    assert.equal(JSON.parse(logs[0]!).error, 'model input is [null,7,7,1]; expected one 28×28 grid per example ([null,28,28,1])');
    assert.equal(tf.memory().numTensors, before);
  });

  it('accepts a model with the not-a-digit class: result keeps the ten digits, notDigit and verdict are extra fields', async () => {
    const dir = join(root, 'eleven');
    await writeTinyModel(dir, [28, 28, 1], 11);
    const response = await handlerFor(dir + '/')(restEvent({ body: predictBody(grid) }));
    assert.equal(response.statusCode, 200, response.body);
    const answer = JSON.parse(response.body) as { result: number[]; digit: number; confidence: number; notDigit: number; verdict: string };
    assert.deepEqual(Object.keys(answer), ['result', 'digit', 'confidence', 'notDigit', 'verdict']);
    assert.equal(answer.result.length, 10);
    assert.ok(answer.notDigit > 0 && answer.notDigit < 1, 'a random softmax gives the 11th class some probability');
    const sum = answer.result.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum + answer.notDigit - 1) < 1e-5, 'the ten digits are not renormalised: with notDigit they sum to 1');
    assert.equal(answer.confidence, answer.result[answer.digit]);
    const expected = answer.notDigit >= answer.confidence ? 'not-a-digit' : answer.confidence < DEFAULT_MIN_CONFIDENCE ? 'unsure' : 'digit';
    assert.equal(answer.verdict, expected);
  });

  it('refuses a model with neither 10 nor 11 outputs', async () => {
    const dir = join(root, 'twelve');
    await writeTinyModel(dir, [28, 28, 1], 12);
    const logs: string[] = [];
    const response = await handlerFor(dir + '/', logs)(restEvent({ body: predictBody(grid) }));
    assert.equal(response.statusCode, 503);
    assert.equal(JSON.parse(response.body).error, UNAVAILABLE);
    assert.equal(
      JSON.parse(logs[0]!).error,
      'model output is [null,12]; expected the ten digit probabilities ([null,10]) or those and not-a-digit last ([null,11])',
    );
  });

  it('loads float16-quantized weights described by the manifest', async () => {
    const dir = join(root, 'float16');
    await writeTinyModel(dir);
    const full = createModelService(dir + '/', 'wasm');
    const expected = await (await full.get()).predict(Float32Array.from(grid));

    const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const floats = new Float32Array((await readFile(join(dir, TINY_WEIGHTS_FILE))).buffer.slice(0));
    const halves = Uint16Array.from(floats, toFloat16Bits);
    for (const spec of modelJson.weightsManifest[0].weights) spec.quantization = { dtype: 'float16', original_dtype: 'float32' };
    await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
    await writeFile(join(dir, TINY_WEIGHTS_FILE), new Uint8Array(halves.buffer));

    const quantized = await (await createModelService(dir + '/', 'wasm').get()).predict(Float32Array.from(grid));
    for (let i = 0; i < 10; i++) assert.ok(Math.abs(quantized[i]! - expected[i]!) < 1e-2, `class ${i}`);

    await truncate(join(dir, TINY_WEIGHTS_FILE), halves.byteLength - 2);
    await assert.rejects(createModelService(dir + '/', 'wasm').get(), /holds \d+ bytes but its manifest describes \d+/);
  });
});

describe('model loading: over http(s)', () => {
  let server: Server;
  let base: string;
  const served = new Map<string, Buffer>();

  before(async () => {
    const dir = join(root, 'served');
    await writeTinyModel(dir);
    served.set('/m/model.json', await readFile(join(dir, 'model.json')));
    served.set(`/m/${TINY_WEIGHTS_FILE}`, await readFile(join(dir, TINY_WEIGHTS_FILE)));
    server = createServer((request, response) => {
      const file = served.get(request.url ?? '');
      response.writeHead(file ? 200 : 404).end(file);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads model.json and its shards from a URL', async () => {
    const response = await handlerFor(`${base}/m/model.json`)(restEvent({ body: predictBody(grid) }));
    assert.equal(response.statusCode, 200, response.body);
  });

  it('names the file and status of a failed download', async () => {
    const bin = served.get(`/m/${TINY_WEIGHTS_FILE}`)!;
    served.delete(`/m/${TINY_WEIGHTS_FILE}`);
    try {
      await assert.rejects(loadModelArtifacts(modelFiles(new URL(`${base}/m/model.json`))), {
        message: `${TINY_WEIGHTS_FILE} could not be downloaded: HTTP 404 Not Found`,
      });
    } finally {
      served.set(`/m/${TINY_WEIGHTS_FILE}`, bin);
    }
  });
});

describe('toModelUrl', () => {
  it('accepts paths, directories, file: and https: URLs', () => {
    assert.equal(toModelUrl('model/model.json', '/srv').href, 'file:///srv/model/model.json');
    assert.equal(toModelUrl('/opt/model/').href, 'file:///opt/model/model.json');
    assert.equal(toModelUrl('file:///opt/m/model.json').href, 'file:///opt/m/model.json');
    assert.equal(toModelUrl('https://cdn.test/m/').href, 'https://cdn.test/m/model.json');
  });

  it('refuses other schemes and empty values with a clear error', () => {
    assert.throws(() => toModelUrl('ftp://host/model.json'), { message: 'model location must be https:, http: or file:, got ftp:' });
    assert.throws(() => toModelUrl('  '), { message: 'model location is empty' });
  });
});

/** IEEE 754 half-precision bits of a float (round to nearest), as tfjs's float16 weights hold. */
function toFloat16Bits(value: number): number {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return exponent < -10 ? sign : sign | (((mantissa | 0x800000) >> (1 - exponent)) + 0x1000) >> 13;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | ((exponent << 10) + ((mantissa + 0x1000) >> 13));
}
