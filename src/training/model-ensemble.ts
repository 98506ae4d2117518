/**
 * Several saved models as one: each grid's answer is the mean of their probabilities. A few
 * models averaged read unseen writers better, and are better calibrated, than any one of them,
 * but each costs the page its bytes and its time; so an ensemble is not shipped but teaches the
 * shipped-size model (`npm run train -- --teacher DIR …`, blendTargets in handwriting-sets.ts)
 * and is measured like one (`npm run evaluate -- --model A --model B`). The models run through
 * src/model as the page runs them, so their calibrated probabilities are what is averaged.
 */
import { GRID_CELLS } from '../core/preprocess.ts';
import { buildDigitModel } from '../model/digit-model.ts';
import type { ModelRunner } from '../model/layers-model-runner.ts';
import { readModelDir } from './model-files.ts';

export class ModelEnsemble implements ModelRunner {
  readonly runtime: ModelRunner['runtime'];
  readonly inputShape: ModelRunner['inputShape'];
  readonly outputShape: ModelRunner['outputShape'];

  private constructor(
    private readonly members: readonly ModelRunner[],
    /** The directories they were loaded from, for logs and the model card. */
    readonly dirs: readonly string[],
  ) {
    ({ runtime: this.runtime, inputShape: this.inputShape, outputShape: this.outputShape } = members[0]!);
  }

  /** Loads each directory's model; all must answer the same number of classes. */
  static async load(dirs: readonly string[]): Promise<ModelEnsemble> {
    if (dirs.length === 0) throw new Error('an ensemble needs at least one model');
    const members: ModelRunner[] = [];
    try {
      for (const dir of dirs) {
        const member = await buildDigitModel(await readModelDir(dir));
        members.push(member);
        const [classes, firstClasses] = [member.outputShape[1], members[0]!.outputShape[1]];
        if (classes !== firstClasses) throw new Error(`${dir} answers ${classes} classes, ${dirs[0]} ${firstClasses}`);
      }
    } catch (error) {
      for (const member of members) member.dispose();
      throw error;
    }
    return new ModelEnsemble(members, dirs);
  }

  /** The members' mean probabilities for `count` grids, one row each. */
  async predict(inputs: Float32Array, count = 1): Promise<Float32Array> {
    const grids = inputs.subarray(0, count * GRID_CELLS);
    let mean: Float32Array | undefined;
    for (const member of this.members) {
      const p = await member.predict(grids, count);
      mean ??= new Float32Array(p.length);
      for (let i = 0; i < p.length; i++) mean[i]! += p[i]! / this.members.length;
    }
    return mean!;
  }

  dispose(): void {
    for (const member of this.members) member.dispose();
  }
}
