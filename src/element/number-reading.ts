/**
 * Number mode's reading (`digits` > 1), downloaded with core's segmentation only in number mode
 * (number-mode.ts loads it): the drawing's digit groups and their `vector` grids, the refusal of
 * more groups than `digits` allows, the one batch, and the reading as the `prediction` detail.
 */
import { numberGrids } from '../core/number-grids.ts';
import { weakestDigit } from '../core/number-prediction.ts';
import { assessmentOf } from '../core/prediction.ts';
import type { Stroke } from '../core/strokes.ts';
import { abortedError } from '../inference/classification-error.ts';
import type { ClassificationController } from './classification-controller.ts';
import type { SurfaceSize } from './drawing-grid.ts';
import type { PredictionEventDetail } from './events.ts';
import { tooManyDigits } from './input-refusal.ts';

export { numberModeSheet, numberView } from './number-view.ts';

/** The grids of the drawing's digit groups on a `size` surface, left to right. */
export function groupGrids(strokes: readonly Stroke[], size: SurfaceSize, digits: number): Float32Array[] {
  return numberGrids(strokes, size.width, size.height, digits).map(({ grid }) => grid);
}

/**
 * Classifies the digit groups of `strokes` as one batch, pushing their grids into `grids` as soon
 * as they are known. Rejects with `too-many-digits` for more groups than `digits`, or `aborted`
 * when the drawing is no longer the one asked about (`current`).
 */
export async function readNumber(
  strokes: readonly Stroke[],
  size: SurfaceSize,
  digits: number,
  classification: ClassificationController,
  grids: Float32Array[],
  current: () => boolean,
): Promise<PredictionEventDetail> {
  if (!current()) throw abortedError();
  const groups = numberGrids(strokes, size.width, size.height, digits);
  grids.push(...groups.map((group) => group.grid));
  if (groups.length > digits) {
    classification.abort();
    throw tooManyDigits(groups.length, digits);
  }
  const predictions = await classification.classifyBatch(grids);
  const weakest = predictions[weakestDigit(predictions)]!;
  const confident = predictions.every((prediction) => prediction.confident);
  return {
    ...weakest,
    confident,
    verdict: confident ? 'digit' : weakest.verdict,
    value: predictions.map((prediction) => String(prediction.digit)).join(''),
    digits: predictions.map((prediction, i) => ({ ...assessmentOf(prediction), box: groups[i]!.box })),
  };
}
