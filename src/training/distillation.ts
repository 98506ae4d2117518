/**
 * Distillation: the student learns from the labels and from its teachers' mean probabilities on
 * the same augmented batch. A few models averaged read unseen writers better, and are better
 * calibrated, than any one of them, but each costs the page its bytes and its time; a student of
 * the shipped size trained on their answers keeps part of that gain at no cost at run time.
 * Teachers are saved models (their own `npm run train` runs), run through src/model as the page
 * runs them, so their calibrated probabilities are what the student is taught.
 */
import { GRID_CELLS } from '../core/preprocess.ts';
import { buildDigitModel } from '../model/digit-model.ts';
import type { ModelRunner } from '../model/layers-model-runner.ts';
import { NUM_CLASSES } from './model.ts';
import { readModelDir } from './model-files.ts';

export class Teachers {
  private constructor(
    private readonly runners: readonly ModelRunner[],
    /** The directories they were loaded from, for logs and the model card. */
    readonly dirs: readonly string[],
  ) {}

  /** Loads each directory's model; all must answer the eleven classes the student learns. */
  static async load(dirs: readonly string[]): Promise<Teachers> {
    const runners: ModelRunner[] = [];
    try {
      for (const dir of dirs) {
        const runner = await buildDigitModel(await readModelDir(dir));
        runners.push(runner);
        if (runner.outputShape[1] !== NUM_CLASSES) {
          throw new Error(`teacher ${dir} answers ${runner.outputShape[1]} classes; the student learns ${NUM_CLASSES}`);
        }
      }
    } catch (error) {
      for (const runner of runners) runner.dispose();
      throw error;
    }
    return new Teachers(runners, dirs);
  }

  /** The teachers' mean probabilities for the first `n` grids of `x`, one row of NUM_CLASSES each. */
  async probabilities(x: Float32Array, n: number): Promise<Float32Array> {
    const mean = new Float32Array(n * NUM_CLASSES);
    for (const runner of this.runners) {
      const p = await runner.predict(x.subarray(0, n * GRID_CELLS), n);
      for (let i = 0; i < mean.length; i++) mean[i]! += p[i]! / this.runners.length;
    }
    return mean;
  }

  dispose(): void {
    for (const runner of this.runners) runner.dispose();
  }
}

/** Moves `weight` of each of the first `n` target rows of `y` onto the teachers' row: y ← (1−w)·y + w·teacher. */
export function blendTargets(y: Float32Array, teacher: Float32Array, n: number, weight: number): void {
  for (let i = 0; i < n * NUM_CLASSES; i++) y[i] = (1 - weight) * y[i]! + weight * teacher[i]!;
}
