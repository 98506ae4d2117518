import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { parseCorsPolicy } from '../../src/lambda/cors.ts';
import { createModelService } from '../../src/lambda/model-service.ts';
import { createPredictHandler } from '../../src/lambda/predict-handler.ts';
import { functionUrlEvent, httpApiEvent, mnistDigit, predictBody, restEvent } from './events.ts';

/**
 * Hostile input, beyond handler-properties.test.ts (random bodies and events): bodies built to
 * hurt — deep nesting, numbers JSON cannot hold, NaN-like tokens, 10 MB, invalid UTF-8, base64
 * garbage — and valid events with one field broken. Every answer is a 2xx–4xx JSON response whose
 * error message is bounded, names no file or stack frame and echoes no input; memory stays flat.
 */

const MODEL = fileURLToPath(new URL('../../model/model.json', import.meta.url));
const models = createModelService(MODEL, 'wasm');
const logs: string[] = [];
const handler = createPredictHandler({
  config: { modelLocation: MODEL, cors: parseCorsPolicy('https://a.test', 'true'), backend: 'wasm' },
  models,
  log: (line) => {
    logs.push(line);
    if (logs.length > 100) logs.splice(0, logs.length - 100);
  },
});

/**
 * The longest piece of input any message may repeat: a number it names (at most 24 characters,
 * e.g. -2.2250738585072014e-308). Short strings are named in full, and matched below.
 */
const ECHO_LIMIT = 25;
/** Longer than any message the handler writes; a clipped path or origin included. */
const MESSAGE_LIMIT = 300;
const LEAKS = /\/work\/|node_modules|file:|\.m?[jt]s\b|\n\s*at |\bat [\w.$<>]+ \(|\bat .+:\d+:\d+/;
const usage = 'expected {"data": [784 numbers in 0..1]}';

/**
 * The route, method and origin a refusal names, clipped by the handler (80, 20 and 100 characters
 * plus an ellipsis), and a string cell of up to 20 characters, JSON-quoted: the only input a
 * message may repeat at length. Longer ones do not match and
 * are caught as echoes.
 */
const BOUNDED_ECHOES = [
  /(?<=^no route ).{0,81}(?=; the endpoint is POST)/s,
  /(?<=^method ).{0,21}(?= not allowed)/s,
  /(?<=^origin ).{0,101}(?= may not call)/s,
  /(?<=got the string )"(?:[^"\\]|\\u[0-9a-f]{4}|\\.){0,20}"/g,
];

/** Pieces of `message` that also occur in `input`, at least ECHO_LIMIT long. */
function echoed(text: string, input: string): string | undefined {
  let message = text;
  for (const bounded of BOUNDED_ECHOES) message = message.replace(bounded, '…');
  for (let start = 0; start + ECHO_LIMIT <= message.length; start++) {
    const piece = message.slice(start, start + ECHO_LIMIT);
    if (!usage.includes(piece) && input.includes(piece)) return piece;
  }
  return undefined;
}

/** The invariants of every answer to anything. `input` is everything the client sent, as text. */
function assertSafe(response: APIGatewayProxyResult, input: string): void {
  assert.ok(Number.isInteger(response.statusCode) && response.statusCode >= 200 && response.statusCode < 500,
    `status ${response.statusCode}: ${response.body}`);
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    assert.equal(typeof value, 'string', `header ${name}`);
    assert.doesNotMatch(String(value), /[\r\n]/, `header ${name} has no line break`);
  }
  assert.doesNotMatch(response.body, LEAKS);
  if (response.statusCode === 204) return;
  const parsed = JSON.parse(response.body) as { result?: number[]; error?: string };
  if (response.statusCode === 200) {
    assert.equal(parsed.result!.length, 10);
    assert.ok(parsed.result!.every(Number.isFinite));
    return;
  }
  assert.equal(typeof parsed.error, 'string');
  assert.ok(parsed.error!.length <= MESSAGE_LIMIT, `message of ${parsed.error!.length} characters`);
  assert.equal(echoed(parsed.error!, input), undefined, `error echoes input: ${parsed.error}`);
  // The log names method and route (clipped) and API Gateway's request id; nothing else from input.
  const logLine = logs.at(-1)!;
  assert.doesNotMatch(logLine, LEAKS);
  const { requestId: _id, method: _method, route: _route, ...logged } = JSON.parse(logLine) as Record<string, unknown>;
  assert.equal(echoed(JSON.stringify(logged), input), undefined, `log line echoes input: ${logLine}`);
}

const VALID = '0.5';
/** Number-ish JSON tokens a grid cell may be written as: out of range, unrepresentable, not JSON. */
const hostileCells = fc.constantFrom(
  '1e309', '-1e309', `1${'0'.repeat(400)}`, '1e-400', '-0', `0.${'0'.repeat(300)}1`, '1.0000000000000001',
  'NaN', 'Infinity', '-Infinity', 'nan', '0x1', '1_0', '+1', '.5', '5.', '01', '1e', '-', '--1', '1e+',
  'true', 'null', '"0.5"', '"NaN"', '"Infinity"', '"1e309"', '[]', '{}', '[0.5]', '{"valueOf":0.5}', '"\\u0000"',
);
/** A 784-cell grid written by hand, with hostile tokens at some cells. */
const gridsWithHostileCells = fc
  .array(fc.tuple(fc.nat(783), hostileCells), { minLength: 1, maxLength: 5 })
  .map((swaps) => {
    const cells = new Array<string>(784).fill(VALID);
    for (const [index, token] of swaps) cells[index] = token;
    return `{"data":[${cells.join(',')}]}`;
  });
const deepNesting = fc
  .tuple(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom('array', 'object', 'data', 'unclosed'))
  .map(([depth, kind]) => {
    switch (kind) {
      case 'array':
        return '['.repeat(depth) + ']'.repeat(depth);
      case 'object':
        return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      case 'data':
        return `{"data":${'['.repeat(depth)}0.5${']'.repeat(depth)}}`;
      default:
        return '['.repeat(depth);
    }
  });
const wrongTypes = fc.oneof(
  fc.anything().map((value) => JSON.stringify({ data: value }) ?? ''),
  fc.anything().map((value) => JSON.stringify(value) ?? ''),
  fc.array(fc.anything(), { minLength: 784, maxLength: 784 }).map((data) => JSON.stringify({ data })),
  fc.constantFrom('{"data": null}', '{"__proto__": {"data": []}}', '{"data": {"length": 784}}', '{"constructor": {"prototype": {}}}', '{"data": "0.5,0.5"}'),
);
/** Text with lone surrogates: not encodable as UTF-8. */
const loneSurrogates = fc
  .array(fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), fc.string({ maxLength: 3 })), { maxLength: 40 })
  .map((parts) => parts.join(''));
/** Bytes that are not UTF-8: overlong forms, encoded surrogates, stray continuation bytes. */
const invalidUtf8 = fc
  .tuple(fc.uint8Array({ maxLength: 64 }), fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]))
  .map(([bytes, bad]) => Buffer.concat([Buffer.from('{"data":"'), Buffer.from(bytes), Buffer.from(bad), Buffer.from('"}')]).toString('base64'));
const base64Garbage = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'ABCxyz019+/=-_ \n\t%'), maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([at, char]) => {
    const text = Buffer.from(predictBody(new Array(784).fill(0.25))).toString('base64');
    const index = at % text.length;
    return text.slice(0, index) + char + text.slice(index + 1);
  }),
);

type Body = { body: string; base64: boolean };
const hostileBodies: fc.Arbitrary<Body> = fc.oneof(
  gridsWithHostileCells.map((body) => ({ body, base64: false })),
  deepNesting.map((body) => ({ body, base64: false })),
  wrongTypes.map((body) => ({ body, base64: false })),
  loneSurrogates.map((body) => ({ body, base64: false })),
  invalidUtf8.map((body) => ({ body, base64: true })),
  base64Garbage.map((body) => ({ body, base64: true })),
  fc.tuple(gridsWithHostileCells, fc.boolean()).map(([body, base64]) => ({ body, base64 })),
);

/** A valid request event of each shape, then one of its fields broken. */
const eventShapes = [
  () => restEvent({ body: predictBody(mnistDigit(0).grid), headers: { Origin: 'https://a.test' } }),
  () => httpApiEvent({ body: predictBody(mnistDigit(0).grid), headers: { origin: 'https://a.test' } }),
  () => functionUrlEvent({ body: predictBody(mnistDigit(0).grid), base64: true }),
];
const hostileValue = fc.oneof(
  fc.constantFrom(null, undefined, '', 0, -1, true, 'true', [], {}, 'POST', '/predict', '$default', 'ANY /predict', '__proto__'),
  fc.anything(),
  fc.string({ maxLength: 5000 }),
);
const fieldPaths = fc.constantFrom(
  ['headers'], ['headers', 'Origin'], ['headers', 'origin'], ['headers', 'content-type'], ['body'], ['isBase64Encoded'],
  ['httpMethod'], ['path'], ['resource'], ['requestContext'], ['requestContext', 'http'], ['requestContext', 'http', 'method'],
  ['requestContext', 'http', 'path'], ['requestContext', 'stage'], ['requestContext', 'requestId'], ['routeKey'], ['rawPath'],
  ['version'], ['multiValueHeaders'], ['queryStringParameters'],
);
const brokenEvents = fc
  .tuple(fc.nat(eventShapes.length - 1), fc.array(fc.tuple(fieldPaths, hostileValue, fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([shape, breaks]) => {
    const event = eventShapes[shape]!() as unknown as Record<string, unknown>;
    for (const [path, value, remove] of breaks) {
      let target: Record<string, unknown> = event;
      for (const key of path.slice(0, -1)) {
        const child = target[key];
        if (typeof child !== 'object' || child === null) break;
        target = child as Record<string, unknown>;
      }
      const key = path.at(-1)!;
      if (remove) delete target[key];
      else target[key] = value;
    }
    return event;
  });

/** Everything a client controls in an event, as text, for the echo check. */
function inputText(event: unknown): string {
  try {
    return JSON.stringify(event) ?? String(event);
  } catch {
    return String(event);
  }
}

before(async () => {
  await models.get();
});

describe('hostile input (fast-check)', () => {
  it('answers hostile bodies with a bounded, input-free 4xx (or a 200 for a grid that is valid after all)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBodies, fc.constantFrom(restEvent, httpApiEvent, functionUrlEvent), async ({ body, base64 }, shape) => {
        const event = { ...shape({}), body, isBase64Encoded: base64 };
        const response = await handler(event);
        assertSafe(response, base64 ? `${body}${Buffer.from(body, 'base64').toString('latin1')}` : body);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers valid events with a field broken or removed, never throwing and never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(brokenEvents, async (event) => {
        assertSafe(await handler(event), inputText(event));
      }),
      { numRuns: 1500 },
    );
  });

  it('says where a body stops being JSON without quoting it', async () => {
    const messages = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.json().map((text) => text.slice(0, -1) + '\u0001x'), deepNesting.filter((text) => !text.endsWith(']') && !text.endsWith('}'))), async (body) => {
        let isJson = true;
        try {
          JSON.parse(body);
        } catch {
          isJson = false;
        }
        fc.pre(!isJson);
        const response = await handler(restEvent({ body }));
        if (response.statusCode === 413) return;
        assert.equal(response.statusCode, 400);
        const { error } = JSON.parse(response.body) as { error: string };
        assert.match(error, /^request body is not valid JSON \((unexpected end of input|unexpected character|[A-Za-z ,:'\]}]+ at position \d+)\); expected \{"data": \[784 numbers in 0\.\.1\]\}$/);
        messages.add(error.replace(/\d+/g, 'N'));
      }),
      { numRuns: 1000 },
    );
    assert.ok(messages.size >= 3, `several distinct problems named: ${[...messages].join(' | ')}`);
  });

  it('refuses 10 MB bodies, plain and base64, with 413 before parsing them', async () => {
    const tenMegabytes = 10 * 1024 * 1024;
    const grid = `{"data":[${'0.5,'.repeat(tenMegabytes / 4 - 4)}0.5]}`;
    const cases: [string, boolean][] = [
      [grid, false],
      ['['.repeat(tenMegabytes), false],
      ['\ud800'.repeat(tenMegabytes / 2), false],
      [Buffer.from(grid).toString('base64'), true],
      ['A'.repeat(tenMegabytes), true],
    ];
    for (const [body, base64] of cases) {
      const response = await handler({ ...functionUrlEvent({}), body, isBase64Encoded: base64 });
      assert.equal(response.statusCode, 413, response.body);
      assertSafe(response, body);
    }
    // Whitespace is not data: 10 MB of it marked base64 decodes to nothing, an empty (invalid) body.
    const blank = await handler({ ...functionUrlEvent({}), body: ' \n'.repeat(tenMegabytes / 2), isBase64Encoded: true });
    assert.equal(blank.statusCode, 400, blank.body);
  });

  it('keeps the heap and tensor count flat over thousands of hostile and valid requests', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const mix = fc.oneof(
      { weight: 5, arbitrary: hostileBodies.map(({ body, base64 }) => ({ ...restEvent({}), body, isBase64Encoded: base64 }) as unknown) },
      { weight: 4, arbitrary: brokenEvents },
      { weight: 1, arbitrary: fc.nat(99).map((index) => httpApiEvent({ body: predictBody(mnistDigit(index).grid) }) as unknown) },
    );
    const events = fc.sample(mix, { numRuns: 1000, seed: 7 });
    const run = async () => {
      for (const event of events) assert.ok((await handler(event)).statusCode < 500);
    };
    await run(); // warm up: caches, compiled code, the wasm heap's high-water mark
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const tensorsBefore = tf.memory().numTensors;
    for (let round = 0; round < 3; round++) await run();
    gc();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    console.log(`# heap growth over ${events.length * 3} requests: ${(growth / 1024).toFixed(0)} KiB`);
    assert.equal(tf.memory().numTensors, tensorsBefore);
    // A leak of 1 KB per request would add 3 MB; allow noise, not that.
    assert.ok(growth < 2 * 1024 * 1024, `heap grew by ${growth} bytes`);
  });
});
