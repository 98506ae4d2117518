import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler, MAX_BODY_BYTES } from '../../src/lambda/predict-handler.ts';
import { httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';

/** The committed model, the one the Lambda deploys. */
const MODEL = fileURLToPath(new URL('../../model/model.json', import.meta.url));
const logs: string[] = [];
const models = createModelService(MODEL, 'wasm');
const handler = createPredictHandler({ config: { modelLocation: MODEL, cors: parseCorsPolicy(undefined), backend: 'wasm' }, models, log: (line) => logs.push(line) });

const batchBody = (grids: readonly (readonly unknown[])[]) => JSON.stringify({ data: grids });

async function answer(body: string): Promise<Record<string, unknown>> {
  const response = await handler(httpApiEvent({ body }));
  assert.equal(response.statusCode, 200, response.body);
  return JSON.parse(response.body) as Record<string, unknown>;
}

async function refused(body: string, status: number, message: string | RegExp): Promise<APIGatewayProxyResult> {
  const response = await handler(restEvent({ body }));
  assert.equal(response.statusCode, status, response.body);
  const { error } = JSON.parse(response.body) as { error: string };
  if (typeof message === 'string') assert.equal(error, message);
  else assert.match(error, message);
  return response;
}

before(async () => {
  await models.get();
});

describe('handler: a batch of grids (number mode)', () => {
  const digits = [0, 1, 2, 3, 4, 5].map(mnistDigit);

  it('answers every field as an array, one entry per grid, each equal to what that grid alone answers', async () => {
    const batch = await answer(batchBody(digits.map((d) => d.grid)));
    const alone = await Promise.all(digits.map((d) => answer(predictBody(d.grid))));
    for (const key of ['result', 'digit', 'confidence', 'notDigit', 'verdict'] as const) {
      assert.ok(Array.isArray(batch[key]) && (batch[key] as unknown[]).length === digits.length, key);
      (batch[key] as unknown[]).forEach((value, i) => {
        if (typeof value === 'number') assert.ok(Math.abs(value - (alone[i]![key] as number)) < 1e-6, `${key}[${i}]`);
        else if (Array.isArray(value)) value.forEach((p: number, d) => assert.ok(Math.abs(p - (alone[i]![key] as number[])[d]!) < 1e-6, `${key}[${i}][${d}]`));
        else assert.equal(value, alone[i]![key], `${key}[${i}]`);
      });
    }
    assert.equal(batch.value, digits.map((d) => d.label).join(''));
    assert.deepEqual(batch.digit, digits.map((d) => d.label));
  });

  it('a batch of one grid is still a batch; {"data": [784]} answers exactly as before', async () => {
    const one = await answer(batchBody([digits[0]!.grid]));
    assert.ok(Array.isArray(one.result) && Array.isArray((one.result as unknown[])[0]));
    assert.deepEqual(one.digit, [digits[0]!.label]);
    const plain = await answer(predictBody(digits[0]!.grid));
    assert.deepEqual(Object.keys(plain).sort(), ['confidence', 'digit', 'notDigit', 'result', 'verdict']);
    assert.equal(plain.digit, digits[0]!.label);
    assert.equal((plain.result as number[]).length, 10);
  });

  it('runs the batch as one model call and frees every tensor', async () => {
    const model = await models.get();
    let calls = 0;
    const predict = model.predict;
    (model as { predict: typeof predict }).predict = (grids, count) => (calls++, predict(grids, count));
    const tensors = tf.memory().numTensors;
    try {
      await answer(batchBody(digits.map((d) => d.grid)));
    } finally {
      (model as { predict: typeof predict }).predict = predict;
    }
    assert.equal(calls, 1);
    assert.equal(tf.memory().numTensors, tensors);
  });

  it('16 grids at full precision fit the body limit', async () => {
    const full = Array.from({ length: 16 }, () => Array.from({ length: 784 }, (_, i) => (i % 3 === 0 ? 0.0000022621645712206373 : 0.30000001192092896)));
    const body = batchBody(full);
    assert.ok(body.length <= MAX_BODY_BYTES, `${body.length} bytes`);
    const answered = await answer(body);
    assert.equal((answered.result as unknown[]).length, 16);
  });
});

describe('handler: a bad batch is a 4xx naming the grid and the cell', () => {
  const grid = () => mnistDigit(0).grid;

  it('over 16 grids → 413 saying how many a request carries', async () => {
    const seventeen = Array.from({ length: 17 }, grid);
    await refused(batchBody(seventeen), 413, /^"data" holds 17 grids; a request carries at most 16: /);
    assert.equal(JSON.parse(logs.at(-1)!).reason, 'too-many-grids');
  });

  it('a grid of the wrong length, or not an array → 400 naming it', async () => {
    await refused(batchBody([grid(), grid().slice(1)]), 400, 'data[1] must hold exactly 784 numbers (a 28×28 grid), got 783');
    await refused(JSON.stringify({ data: [grid(), 'x'] }), 400, 'data[1] must be an array of 784 numbers in 0..1, got the string "x"');
  });

  it('a bad cell → 400 naming grid and cell', async () => {
    const bad: unknown[] = grid();
    bad[41] = 2;
    await refused(batchBody([grid(), grid(), bad]), 400, 'data[2][41] must be a finite number in 0..1, got 2');
    bad[41] = null;
    await refused(batchBody([bad]), 400, 'data[0][41] must be a finite number in 0..1, got null');
  });

  it('a blank grid in a batch → 422 naming it', async () => {
    await refused(batchBody([grid(), new Array(784).fill(0)]), 422, /^data\[1\] is blank \(no cell above 0\.05\): nothing to classify/);
  });
});
