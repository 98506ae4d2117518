/** Entry of the bench-only lean build: nothing of tfjs until `loadLean()` is called. */
export function loadLean(): Promise<typeof import('./lean-runtime.ts')> {
  return import('./lean-runtime.ts');
}
export { maxPoolGrid, mnistGrid } from '../../src/core/preprocess.ts';
