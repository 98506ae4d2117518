/**
 * The one model-file loader (page, Lambda and training all read model.json through it), on an
 * in-memory file reader: what it checks, what it hands tfjs, and how each failure is named.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { io } from '@tensorflow/tfjs-core';
import { concatBytes, fetchModelFile, loadModelArtifacts, ModelLoadError, parameterCount, type ModelFiles } from '../../src/model/model-artifacts.ts';

const MODEL_URL = new URL('https://models.test/digits/v1/model.json?sig=secret');

/** A reader over `files` (path → bytes, relative to the model URL); a missing file is a model-fetch error. */
function memoryFiles(files: Record<string, string | Uint8Array>, describe?: (url: URL) => string): ModelFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    url: MODEL_URL,
    reads,
    ...(describe ? { describe } : {}),
    async read(url) {
      const path = url.pathname.replace('/digits/v1/', '');
      reads.push(path);
      const file = files[path];
      if (file === undefined) throw new ModelLoadError('model-fetch', `${path} not found`);
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
  };
}

const topology = { class_name: 'Sequential', config: { layers: [] } };

function modelJson(weightsManifest: io.WeightsManifestConfig): string {
  return JSON.stringify({ format: 'layers-model', modelTopology: topology, weightsManifest });
}

async function loadError(files: ModelFiles): Promise<ModelLoadError> {
  try {
    await loadModelArtifacts(files);
  } catch (error) {
    assert.ok(error instanceof ModelLoadError, String(error));
    return error;
  }
  assert.fail('the load succeeded');
}

test('joins every weight file of every group, in manifest order, into one buffer with the specs', async () => {
  const files = memoryFiles({
    'model.json': modelJson([
      { paths: ['a.bin', 'b.bin'], weights: [{ name: 'k', dtype: 'float32', shape: [2, 1] }, { name: 'h', dtype: 'float32', shape: [2], quantization: { dtype: 'float16', scale: 1, min: 0 } }] },
      { paths: ['c.bin'], weights: [{ name: 'q', dtype: 'float32', shape: [3], quantization: { dtype: 'uint8', scale: 1, min: 0 } }, { name: 'm', dtype: 'bool', shape: [1] }] },
    ]),
    'a.bin': Uint8Array.of(1, 2, 3, 4, 5),
    'b.bin': Uint8Array.of(6, 7, 8, 9, 10, 11, 12),
    'c.bin': Uint8Array.of(13, 14, 15, 16),
  });
  const artifacts = await loadModelArtifacts(files);
  assert.deepEqual(artifacts.modelTopology, topology);
  assert.deepEqual(artifacts.weightSpecs?.map((spec) => spec.name), ['k', 'h', 'q', 'm']);
  assert.deepEqual([...new Uint8Array(artifacts.weightData as ArrayBuffer)], Array.from({ length: 16 }, (_, i) => i + 1));
  assert.equal(parameterCount(artifacts), 2 + 2 + 3 + 1);
  assert.deepEqual(files.reads, ['model.json', 'a.bin', 'b.bin', 'c.bin']);
});

test('a weight group whose files hold other than its manifest’s bytes (float32 4, float16 2, uint8 1 per value) is refused, naming the group and files', async () => {
  const json = modelJson([{ paths: ['w.bin'], weights: [{ name: 'k', dtype: 'float32', shape: [2], quantization: { dtype: 'float16', scale: 1, min: 0 } }] }]);
  const error = await loadError(memoryFiles({ 'model.json': json, 'w.bin': new Uint8Array(8) }));
  assert.equal(error.code, 'model-weights');
  assert.equal(error.message, 'weights group 0 (w.bin) holds 8 bytes but its manifest describes 4; the model files are truncated or do not belong together');
});

test('names files by file name only by default (no path or query), by `describe` when given', async () => {
  const json = modelJson([{ paths: ['w.bin'], weights: [{ name: 'k', dtype: 'float32', shape: [1] }] }]);
  assert.match((await loadError(memoryFiles({ 'model.json': json, 'w.bin': new Uint8Array(1) }))).message, /^weights group 0 \(w\.bin\)/);
  const described = await loadError(memoryFiles({ 'model.json': json, 'w.bin': new Uint8Array(1) }, (url) => url.href));
  assert.match(described.message, /\(https:\/\/models\.test\/digits\/v1\/w\.bin\)/);
});

test('a weight file that cannot be read is a model-weights error with the reader’s message', async () => {
  const json = modelJson([{ paths: ['gone.bin'], weights: [{ name: 'k', dtype: 'float32', shape: [1] }] }]);
  const error = await loadError(memoryFiles({ 'model.json': json }));
  assert.deepEqual([error.code, error.message], ['model-weights', 'gone.bin not found']);
});

test('refuses model.json that is not JSON, not an object, not a layers model, or has a bad manifest, dtype or shape', async () => {
  const cases: [string, string, string][] = [
    ['{"modelTopology": ', 'model-json', 'model.json is not valid JSON: '],
    ['[1, 2]', 'model-format', 'model.json is not a JSON object'],
    ['{"weightsManifest": []}', 'model-format', 'model.json has no modelTopology, so it is not a TF.js layers model'],
    [JSON.stringify({ modelTopology: topology, weightsManifest: [{ paths: 'w.bin', weights: [] }] }), 'model-format', 'model.json has no valid "weightsManifest"'],
    [modelJson([{ paths: ['w.bin'], weights: [{ name: 'c', dtype: 'complex64' as 'float32', shape: [1] }] }]), 'model-format', 'weight c has dtype complex64, which cannot be loaded'],
    [modelJson([{ paths: ['w.bin'], weights: [{ name: 's', dtype: 'float32', shape: [1.5] }] }]), 'model-format', 'weight s has no valid shape'],
  ];
  for (const [json, code, message] of cases) {
    const error = await loadError(memoryFiles({ 'model.json': json, 'w.bin': new Uint8Array(4) }));
    assert.equal(error.code, code, json);
    assert.ok(error.message.startsWith(message), `${error.message} for ${json}`);
  }
});

test('concatBytes joins byte arrays', () => {
  assert.deepEqual([...concatBytes([Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)])], [1, 2, 3]);
});

let server: ReturnType<typeof createServer>;
let base: string;

before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/ok.bin') response.writeHead(200).end(Buffer.from([7, 8]));
    else if (request.url === '/slow.bin') setTimeout(() => response.writeHead(200).end(), 2_000);
    else response.writeHead(404, 'Nope').end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

test('fetchModelFile: the bytes of a 2xx answer; a non-2xx is model-http with status and text; a failed or timed-out request is model-fetch', async () => {
  assert.deepEqual([...new Uint8Array(await fetchModelFile(new URL(`${base}/ok.bin`)))], [7, 8]);
  await assert.rejects(fetchModelFile(new URL(`${base}/missing.bin?token=x`)), { code: 'model-http', message: 'missing.bin could not be downloaded: HTTP 404 Nope' });
  await assert.rejects(fetchModelFile(new URL(`${base}/slow.bin`), { timeoutMs: 50, describe: (url) => url.href }), (error: ModelLoadError) => {
    assert.equal(error.code, 'model-fetch');
    assert.ok(error.message.startsWith(`${base}/slow.bin could not be downloaded (`), error.message);
    return true;
  });
});
