/**
 * Entry of the bench-only build: what the classify page drives directly. Built with the
 * project's own vite config (same minifier, same lazy tfjs chunks as dist/), so the bytes and
 * timings are those of the shipped code, with LocalClassifier and the grid functions reachable.
 */
export { LocalClassifier } from '../../src/inference/local-classifier.ts';
export { maxPoolGrid, mnistGrid } from '../../src/core/pixel-grid.ts';
export { vectorGrid } from '../../src/core/vector-grid.ts';
