import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onceUntilFailure, PromiseCache } from '../../src/model/promise-cache.ts';

test('PromiseCache shares one pending or fulfilled promise per key', async () => {
  const cache = new PromiseCache<string, number>();
  let starts = 0;
  const start = async (key: string) => {
    starts++;
    return key.length;
  };
  const first = cache.get('abc', start);
  assert.equal(cache.get('abc', start), first, 'the pending promise is shared');
  assert.equal(await first, 3);
  assert.equal(cache.get('abc', start), first, 'the fulfilled promise is kept');
  assert.equal(await cache.get('de', start), 2);
  assert.equal(starts, 2);
  assert.deepEqual(cache.entries().map(([key]) => key), ['abc', 'de']);
  assert.equal(cache.peek('nope'), undefined, 'peek starts nothing');
});

test('PromiseCache forgets a rejected promise, so the next get starts again', async () => {
  const cache = new PromiseCache<string, string>();
  let attempts = 0;
  const start = async () => {
    attempts++;
    if (attempts === 1) throw new Error('offline');
    return 'loaded';
  };
  await assert.rejects(cache.get('model', start), /offline/);
  assert.equal(cache.has('model'), false);
  assert.equal(await cache.get('model', start), 'loaded');
  assert.equal(attempts, 2);
});

test('PromiseCache: a rejection forgets only its own promise, not a newer one set after delete()', async () => {
  const cache = new PromiseCache<string, string>();
  let fail!: (error: Error) => void;
  const old = cache.get('k', () => new Promise((_, reject) => (fail = reject)));
  cache.delete('k');
  const newer = cache.get('k', async () => 'new');
  fail(new Error('late failure'));
  await assert.rejects(old, /late failure/);
  assert.equal(cache.peek('k'), newer);
  assert.equal(await newer, 'new');
});

test('onceUntilFailure runs once while it succeeds and again after a failure', async () => {
  let runs = 0;
  const get = onceUntilFailure(async () => {
    runs++;
    if (runs === 1) throw new Error('first try fails');
    return runs;
  });
  await assert.rejects(get(), /first try fails/);
  assert.equal(await get(), 2);
  assert.equal(await get(), 2);
  assert.equal(runs, 2);
});
