/**
 * What `predict()` classifies and what it reports, for one digit and for number mode (`digits` >
 * 1): the surface's size, the drawing's digit groups (core's segmentation and `vector` grids,
 * downloaded only in number mode), the refusal of more groups than `digits` allows, the one
 * classification or the one batch, and the reading as the `prediction` detail (`value`,
 * `digits[]` with boxes). Typed digits are entered in order, up to `digits`. Kept out of the
 * element so it stays thin.
 */
import { canvasSize } from '../core/number-layout.ts';
import { weakestDigit } from '../core/number-prediction.ts';
import { enteredPrediction, type Assessment } from '../core/prediction.ts';
import { clipStrokes } from '../core/stroke-clipping.ts';
import type { Stroke } from '../core/strokes.ts';
import { strokeBounds } from '../core/vector-grid.ts';
import { abortedError, ClassificationError } from '../inference/classification-error.ts';
import type { FallbackPrediction } from '../inference/fallback-classifier.ts';
import type { ClassificationController } from './classification-controller.ts';
import type { SurfaceSize } from './drawing-grid.ts';
import type { PredictionDigit, PredictionEventDetail } from './events.ts';
import { tooManyDigits } from './input-refusal.ts';

type NumberGrids = typeof import('../core/number-grids.ts');
let numberGridsModule: Promise<NumberGrids> | undefined;

/**
 * The segmentation and its grids, downloaded once on first need (a page of one-digit elements
 * never loads them); a failed download is tried again next time.
 */
function loadNumberGrids(): Promise<NumberGrids> {
  numberGridsModule ??= import('../core/number-grids.ts').catch((error: unknown) => {
    numberGridsModule = undefined;
    throw new ClassificationError('network', `Could not load number mode's segmentation: ${(error as Error).message}`, { code: 'unreachable', cause: error });
  });
  return numberGridsModule;
}

/** What one `predict()` classifies: the grids the model reads (known once `classify` has run in number mode). */
export interface PreparedReading {
  /** The grids the model read: the drawing's one grid, or one per digit, left to right. */
  readonly grids: Float32Array[];
  /** Classifies; in number mode rejects with `too-many-digits`, or `aborted` when the drawing changed while the segmentation downloaded. */
  classify(classification: ClassificationController): Promise<PredictionEventDetail>;
}

export class NumberMode {
  readonly #digits: () => number;
  /** Digits typed in a row for one drawing version, so each key adds the next digit. */
  #typed: { version: number; value: string } | undefined;
  /** The shadow root's stylesheet sizing the host for number mode. */
  #sheet: CSSStyleSheet | undefined;

  constructor(digits: () => number) {
    this.#digits = digits;
  }

  /** The surface's logical size in canvas pixels (core's `canvasSize`). */
  get size(): SurfaceSize {
    return canvasSize(this.#digits());
  }

  /**
   * Sizes the host for the surface in number mode: its width (154 px more per digit, never wider
   * than its container) and the surface's aspect, as private custom properties in a stylesheet
   * of the element's own shadow root (adopted, so a strict CSP allows it; the page's CSS for the
   * element still wins). One digit needs none. Number mode starts downloading its segmentation
   * here, so the first prediction does not wait for it.
   */
  sizeHost(root: Node): void {
    // Under server-side rendering there is no ShadowRoot to adopt a sheet into; hydration sizes it.
    if (typeof ShadowRoot === 'undefined' || !(root instanceof ShadowRoot)) return;
    const { width, height } = this.size;
    if (!this.#sheet) {
      if (this.#digits() === 1) return;
      this.#sheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    }
    this.#sheet.replaceSync(this.#digits() === 1 ? '' : `:host { --_digit-canvas-width: ${width}px; --_digit-canvas-aspect: ${width} / ${height}; }`);
    if (this.#digits() > 1) loadNumberGrids().catch(() => undefined);
  }

  /** The grids of the drawing's digit groups, left to right, as number mode classifies them. */
  async grids(strokes: readonly Stroke[]): Promise<Float32Array[]> {
    const { width, height } = this.size;
    return (await loadNumberGrids()).numberGrids(strokes, width, height, this.#digits()).map(({ grid }) => grid);
  }

  /**
   * Readies a prediction of `strokes` (whose one-digit grid is `grid`). One digit: that grid,
   * classified as before. Number mode: the digit groups as one batch, refused when there are
   * more groups than `digits`; `current` says whether the drawing is still the one asked about.
   */
  prepare(strokes: readonly Stroke[], grid: Float32Array, current: () => boolean): PreparedReading {
    this.#typed = undefined;
    const digits = this.#digits();
    const { width, height } = this.size;
    if (digits === 1) {
      const bounds = strokeBounds(clipStrokes(strokes, width, height));
      const box = bounds && { x: bounds.minX, y: bounds.minY, width: bounds.maxX - bounds.minX, height: bounds.maxY - bounds.minY };
      return { grids: [grid], classify: async (classification) => reading([await classification.classify(grid)], box ? [box] : []) };
    }
    const grids: Float32Array[] = [];
    return {
      grids,
      classify: async (classification) => {
        const { numberGrids } = await loadNumberGrids();
        if (!current()) throw abortedError();
        const groups = numberGrids(strokes, width, height, digits);
        grids.push(...groups.map((group) => group.grid));
        if (groups.length > digits) {
          classification.abort();
          throw tooManyDigits(groups.length, digits);
        }
        return reading(await classification.classifyBatch(grids), groups.map((group) => group.box));
      },
    };
  }

  /** The value after the digit key `digit` for drawing `version`: the next digit of a typed number, or a new one once it is full. */
  type(digit: number, version: number): string {
    const previous = this.#typed?.version === version ? this.#typed.value : '';
    const value = previous.length < this.#digits() ? previous + digit : String(digit);
    this.#typed = { version, value };
    return value;
  }

  /** The `prediction` detail for a typed (or set) value: each digit certain, no boxes. */
  entered(value: string): PredictionEventDetail {
    const digits = [...value].map((char) => assessment(enteredPrediction(Number(char))));
    return { ...enteredPrediction(Number(value.at(-1))), value, digits };
  }
}

/** The detail for the classified digits (left to right) and their boxes: one digit as before, a number by its weakest digit. */
function reading(predictions: FallbackPrediction[], boxes: readonly PredictionDigit['box'][]): PredictionEventDetail {
  const digits = predictions.map((prediction, i) => ({ ...assessment(prediction), ...(boxes[i] ? { box: boxes[i] } : {}) }));
  const weakest = predictions[weakestDigit(predictions)]!;
  const confident = predictions.every((prediction) => prediction.confident);
  return {
    ...weakest,
    confident,
    verdict: confident ? 'digit' : weakest.verdict,
    value: predictions.map((prediction) => String(prediction.digit)).join(''),
    digits,
  };
}

function assessment({ digit, confidence, confident, verdict, notDigit, probabilities }: Assessment): Assessment {
  return { digit, confidence, confident, verdict, notDigit, probabilities };
}
