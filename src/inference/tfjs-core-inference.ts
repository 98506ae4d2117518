/**
 * What '@tensorflow/tfjs-core' resolves to in the browser build, the demo and the browser tests
 * (vite.config.ts and web-test-runner.config.mjs alias it here): the package's index without its
 * one side effect inference never needs, registering the optimizers (training only; about 3 KB
 * gzip of the local-classifier chunk that no bundler can drop because it runs on import — measured
 * by building with and without the alias). This is the custom-bundle pattern
 * tfjs documents. layers-prerequisites.ts registers them for the tfjs-layers fallback, which
 * deserialises a model's training config with them.
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';

export * from '@tensorflow/tfjs-core/dist/base';
