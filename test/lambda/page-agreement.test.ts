/**
 * The Lambda and the page give the same probabilities for the same grid, within 1e-5.
 *
 * What this guarantees: the Lambda's answer (its handler end to end — model service, JSON — on
 * wasm in Node) equals, within 1e-5, both the output of src/model's digit model as the page's
 * LocalClassifier builds and runs it, and tfjs-layers' own output for the same model files (the
 * reference), for committed MNIST test digits, drawn non-digits and noise. The Lambda is checked
 * to run the lean runner, so it runs the page's code (one module, src/model), not a second
 * implementation. The page in Chromium runs that code on the same tfjs kernels and wasm binary;
 * test/model/layers-model-runner.test.ts holds the runner to tfjs-layers on other models too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { vectorGrid } from '../../src/core/vector-grid.ts';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { modelFiles, toModelUrl } from '../../src/lambda/model-files.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { registerEveryKernel } from '../../src/lambda/tf-backend.ts';
import { buildDigitModel } from '../../src/model/digit-model.ts';
import { loadModelArtifacts } from '../../src/model/model-artifacts.ts';
import { MARKS, sampled, zigzag } from '../fixtures/non-digit-marks.ts';
import { httpApiEvent, predictBody } from './events.ts';

const MODEL = fileURLToPath(new URL('../../model/model.json', import.meta.url));
const TOLERANCE = 1e-5;

function grids(): [string, Float32Array][] {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/mnist-test-digits.json', import.meta.url), 'utf8')) as { digits: { label: number; pixels: number[] }[] };
  const drawn = (strokes: readonly (readonly (readonly [number, number])[])[]) => vectorGrid(strokes.map((points) => ({ points: points.map(([x, y]) => ({ x, y })) })));
  let seed = 7;
  const noise = () => Float32Array.from({ length: 784 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) ** 3);
  return [
    ...fixture.digits.map(({ label, pixels }, i): [string, Float32Array] => [`MNIST test digit ${i} (a ${label})`, Float32Array.from(pixels, (p) => p / 255)]),
    ['a zigzag scribble', drawn([zigzag(1)])],
    ['a "#"', drawn(MARKS['#']!.map(sampled))],
    ['noise', noise()],
    ['more noise', noise()],
  ];
}

const models = createModelService(MODEL, 'wasm');
const handler = createPredictHandler({ config: { modelLocation: MODEL, cors: parseCorsPolicy(undefined), backend: 'wasm' }, models, log: () => {} });

before(async () => {
  // The Lambda loads first, choosing its backend as it does in a container.
  assert.equal((await models.get()).backend, 'wasm');
});

test('the Lambda, the page’s digit model and tfjs-layers give the same probabilities for the same grids within 1e-5', async () => {
  const lambda = await models.get();
  assert.equal(lambda.runtime, 'lean', 'the Lambda runs the page’s runner, not tfjs-layers');
  const artifacts = await loadModelArtifacts(modelFiles(toModelUrl(MODEL)));
  const page = await buildDigitModel(artifacts);
  assert.equal(page.runtime, 'lean');
  await registerEveryKernel('wasm');
  const reference = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  const outputs = page.outputShape[1]!;
  let largest = 0;
  const digits = new Set<number>();
  for (const [name, grid] of grids()) {
    const response = await handler(httpApiEvent({ body: predictBody(grid) }));
    assert.equal(response.statusCode, 200, `${name}: ${response.body}`);
    const answer = JSON.parse(response.body) as { result: number[]; notDigit: number; digit: number };
    const fromLambda = outputs > 10 ? [...answer.result, answer.notDigit] : answer.result;
    const fromPage = Array.from(await page.predict(grid));
    const expected = tf.tidy(() => Array.from((reference.predict(tf.tensor4d(grid, [1, 28, 28, 1])) as tf.Tensor).dataSync()));
    assert.equal(fromLambda.length, expected.length, name);
    for (let i = 0; i < expected.length; i++) {
      const worst = Math.max(Math.abs(fromLambda[i]! - fromPage[i]!), Math.abs(fromPage[i]! - expected[i]!), Math.abs(fromLambda[i]! - expected[i]!));
      assert.ok(worst <= TOLERANCE, `${name}, output ${i}: Lambda ${fromLambda[i]}, page ${fromPage[i]}, tfjs-layers ${expected[i]}`);
      largest = Math.max(largest, worst);
    }
    digits.add(answer.digit);
  }
  page.dispose();
  reference.dispose();
  assert.ok(digits.size >= 8, `the grids exercise the model (it read ${[...digits].join(', ')})`);
  console.log(`# largest difference ${largest.toExponential(2)}`);
});
