/**
 * A digit model from its artifacts, the same way for the page, the Lambda and training: the lean
 * runner (layers-model-runner.ts) where it can run the model, else tfjs-layers, imported only
 * then (layers-fallback.ts); and the one check that the model reads a 28×28 grid and answers the
 * ten digits, or the ten digits and not-a-digit last (the bundled model). A 10-output model's
 * answers simply never say not-a-digit (see assess() in src/core/prediction.ts).
 */
import type { io } from '@tensorflow/tfjs-core';
import { DIGIT_COUNT, OUTPUTS_WITH_NOT_DIGIT } from '../core/prediction.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import { buildLayersModelRunner, UnsupportedModelError, type ModelRunner } from './layers-model-runner.ts';
import { ModelLoadError } from './model-artifacts.ts';

export interface DigitModelOptions {
  /**
   * Readies the active backend for tfjs-layers, once it is imported for a model the lean runner
   * cannot run (the page and the Lambda register every kernel of the backend there).
   */
  readonly prepareTfjsLayers?: () => Promise<void>;
}

/**
 * Builds the model on the active backend. A model that is not a valid layers model or not a digit
 * model throws a ModelLoadError (`model-format`, `model-shape`); a failure to import or ready
 * tfjs-layers is thrown as it is, for the caller to report as a runtime problem.
 */
export async function buildDigitModel(artifacts: io.ModelArtifacts, options: DigitModelOptions = {}): Promise<ModelRunner> {
  let runner: ModelRunner;
  try {
    runner = buildLayersModelRunner(artifacts);
  } catch (error) {
    if (!(error instanceof UnsupportedModelError)) throw invalidModel(error);
    // Imported before the backend is readied: where the import fails (the default Lambda bundle
    // leaves tfjs-layers out), the backend keeps the runner's kernels for the next load.
    const { loadWithTfjsLayers } = await import('./layers-fallback.ts');
    await options.prepareTfjsLayers?.();
    try {
      runner = await loadWithTfjsLayers(artifacts);
    } catch (layersError) {
      throw invalidModel(layersError);
    }
  }
  try {
    checkDigitShapes(runner);
  } catch (error) {
    runner.dispose();
    throw error;
  }
  return runner;
}

function invalidModel(cause: unknown): ModelLoadError {
  return new ModelLoadError('model-format', `it is not a valid layers model (${(cause as Error).message})`, { cause });
}

/** Throws a `model-shape` ModelLoadError unless the runner reads one 784-cell grid and gives 10 or 11 outputs. */
export function checkDigitShapes({ inputShape, outputShape }: Pick<ModelRunner, 'inputShape' | 'outputShape'>): void {
  const dims = inputShape.slice(1);
  const cells = dims.length > 0 && dims.every((size) => typeof size === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : NaN;
  if (inputShape[0] !== null || cells !== GRID_CELLS) {
    throw new ModelLoadError('model-shape', `model input is ${shapeText(inputShape)}; expected one 28×28 grid per example ([null,28,28,1])`);
  }
  const outputs = outputShape[1];
  if (outputShape.length !== 2 || outputShape[0] !== null || (outputs !== DIGIT_COUNT && outputs !== OUTPUTS_WITH_NOT_DIGIT)) {
    throw new ModelLoadError(
      'model-shape',
      `model output is ${shapeText(outputShape)}; expected the ten digit probabilities ([null,${DIGIT_COUNT}]) ` +
        `or those and not-a-digit last ([null,${OUTPUTS_WITH_NOT_DIGIT}])`,
    );
  }
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((size) => size ?? 'null').join(',')}]`;
}
