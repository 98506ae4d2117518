/**
 * The local backends and the order `auto` tries them in. Plain data, kept apart from the tfjs code
 * so the element can validate its `backend` attribute without loading tfjs.
 */

/** The tfjs backends a local classifier can run on. */
export type BackendName = 'wasm' | 'webgl' | 'cpu';
/** The `backend` attribute: one backend first, or `auto`. */
export type BackendPreference = 'auto' | BackendName;

export const BACKEND_NAMES: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/**
 * The order `auto` tries for its first answer on a first visit: cpu first, whose few kernels are
 * the smallest download (no wasm binary), so the first prediction on a slow network waits least;
 * then wasm and webgl (slower for one small image because of the GPU round trip, and much slower
 * on software GL). On a repeat visit, once the origin has run wasm with the same binary (which is
 * then in the HTTP cache), `auto` starts on wasm instead (backendOrder's `wasmCached`).
 */
export const AUTO_BACKEND_ORDER: readonly BackendName[] = ['cpu', 'wasm', 'webgl'];

/**
 * Where `auto` moves after its first answer: wasm, the fastest here (well under a millisecond,
 * cpu a few), loaded in the background so no answer waits for its binary.
 */
export const AUTO_FAST_BACKEND: BackendName = 'wasm';

/** After a chosen backend that fails: the fastest that works. */
const FALLBACK_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl'];

/**
 * The backends to try, in order: `auto`'s order (its fast backend first when `wasmCached`: the
 * binary needs no download, and its first run is several times quicker than cpu's), or the
 * preferred one and then the fastest that works.
 */
export function backendOrder(preference: BackendPreference, wasmCached = false): BackendName[] {
  if (preference === 'auto' && wasmCached) return [AUTO_FAST_BACKEND, ...AUTO_BACKEND_ORDER.filter((name) => name !== AUTO_FAST_BACKEND)];
  if (preference === 'auto') return [...AUTO_BACKEND_ORDER];
  return [preference, ...FALLBACK_ORDER.filter((name) => name !== preference)];
}

