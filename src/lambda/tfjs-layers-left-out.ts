/**
 * Stands in for tfjs-layers and the backends' full kernel sets in the default Lambda bundle
 * (scripts/build-lambda.mjs resolves src/model/layers-fallback.ts and each register_all_kernels to
 * this module): they are about a third of the zip and of the cold start, and only a model the
 * page's runner does not implement needs them. Such a model then fails to load — 503 to the
 * client, this message in the log — instead of running; `LAMBDA_TFJS_LAYERS=1` bundles them.
 * Never imported from source, where tfjs-layers is installed.
 */
// A plain Error, and no imports: the module stays one small chunk of its own.
export {};
throw new Error(
  'the model has a layer the lean runner does not implement, and this Lambda bundle leaves tfjs-layers out; ' +
    'build it with LAMBDA_TFJS_LAYERS=1 (e.g. LAMBDA_TFJS_LAYERS=1 npm run deploy:lambda)',
);
