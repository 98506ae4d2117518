/**
 * What lets `auto` start on wasm on a repeat visit: the origin remembers, in localStorage, the URL
 * of the wasm binary it last ran the model on. The bundled binaries have hashed names, so a new
 * release (or a page that points its binaries elsewhere) no longer matches and `auto` starts on
 * cpu again, as on a first visit. A check of the HTTP cache itself (`fetch` with `cache:
 * 'only-if-cached'`) would log a network error on every first visit; this guesses instead, and a
 * guess gone wrong (the cache was cleared) costs one download of the binary, not a failure.
 *
 * Storage may be missing or throw on any access (sandboxed iframes, blocked cookies, private
 * modes, a full quota): then nothing is remembered and `auto` simply starts on cpu.
 */
import { wasmFiles } from './wasm-binaries.ts';

/** The localStorage key (one per origin, shared by every element there). */
export const WASM_MEMORY_KEY = 'digit-canvas:wasm-binary';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** True when this origin ran the wasm backend on one of the binaries this page would fetch. */
export function wasmBinaryRemembered(): boolean {
  let url: string | null | undefined;
  try {
    url = storage()?.getItem(WASM_MEMORY_KEY);
  } catch {
    return false;
  }
  return typeof url === 'string' && Object.values(wasmFiles()).includes(url);
}

/** Remembers that the model ran on wasm with the binary at `url`. */
export function rememberWasmBinary(url: string): void {
  try {
    const store = storage();
    if (store && store.getItem(WASM_MEMORY_KEY) !== url) store.setItem(WASM_MEMORY_KEY, url);
  } catch {
    // Not remembered: the next visit starts on cpu.
  }
}

/** Forgets it (wasm failed here), so the next visit starts on cpu again. */
export function forgetWasmBinary(): void {
  try {
    storage()?.removeItem(WASM_MEMORY_KEY);
  } catch {
    // Nothing remembered that could be read either.
  }
}
