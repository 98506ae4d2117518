/**
 * "Remember a promise, forget it if it fails": one download, one backend, one model load is
 * shared by every caller while it is pending or has succeeded, and a failure is not cached, so the
 * next call tries again (the file restored, the network back) instead of failing for good.
 * Platform-free; it sits in src/model because inference and the Lambda both need it and may not
 * import each other.
 */

/** Promises by key; a rejected one is forgotten as soon as it rejects. */
export class PromiseCache<K, V> {
  readonly #entries = new Map<K, Promise<V>>();

  /** The remembered promise for `key`, or the one `start(key)` returns (remembered until it rejects). */
  get(key: K, start: (key: K) => Promise<V>): Promise<V> {
    let promise = this.#entries.get(key);
    if (!promise) {
      promise = start(key);
      const started = promise;
      this.#entries.set(key, started);
      // Only this promise is forgotten: a newer one set after a delete() stays.
      started.catch(() => {
        if (this.#entries.get(key) === started) this.#entries.delete(key);
      });
    }
    return promise;
  }

  /** The remembered promise for `key`, without starting one. */
  peek(key: K): Promise<V> | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Forgets `key` (its promise, if still pending, settles for whoever holds it). */
  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** A snapshot of the remembered entries. */
  entries(): [K, Promise<V>][] {
    return [...this.#entries];
  }
}

/** `start` run once and its promise shared, or run again on the next call after it rejected. */
export function onceUntilFailure<V>(start: () => Promise<V>): () => Promise<V> {
  const cache = new PromiseCache<null, V>();
  return () => cache.get(null, start);
}
