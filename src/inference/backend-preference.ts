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
 * The order `auto` tries, fastest first as measured for the digit CNN in Chromium (wasm well
 * under a millisecond, cpu a few, webgl slower for one small image because of the GPU round
 * trip, and much slower on software GL).
 */
export const AUTO_BACKEND_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl'];

/** The backends to try, in order: the preferred one first, then the rest of the auto order. */
export function backendOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'auto') return [...AUTO_BACKEND_ORDER];
  return [preference, ...AUTO_BACKEND_ORDER.filter((name) => name !== preference)];
}

export function isBackendPreference(value: unknown): value is BackendPreference {
  return value === 'auto' || BACKEND_NAMES.includes(value as BackendName);
}
