/**
 * What `predict()` classifies and what it reports, for one digit and for number mode (`digits` >
 * 1): the surface's size, the one digit's classification and reading, and number mode's reading
 * (number-reading.ts, with core's segmentation), downloaded only in number mode. Typed digits are
 * entered in order, up to `digits`. Kept out of the element so it stays thin.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DigitBox } from '../core/digit-segmentation.ts';
import { canvasSize } from '../core/number-layout.ts';
import { assessmentOf, enteredPrediction } from '../core/prediction.ts';
import { clipStrokes } from '../core/stroke-clipping.ts';
import type { Stroke } from '../core/strokes.ts';
import { strokeBounds } from '../core/vector-grid.ts';
import { codeDownloadError } from '../inference/classification-error.ts';
import { onceUntilFailure } from '../model/promise-cache.ts';
import type { ClassificationController } from './classification-controller.ts';
import type { SurfaceSize } from './drawing-grid.ts';
import type { PredictionEventDetail } from './events.ts';
import type { NumberView } from './number-view.ts';

/** Number mode's presentation, rendered with the element's Lit, once its code is here. */
let view: NumberView | undefined;

/**
 * Number mode's reading and presentation, downloaded once on first need (a page of one-digit
 * elements never loads them); a failed download is tried again next time.
 */
const loadNumberReading = onceUntilFailure(() =>
  import('./number-reading.ts').then(
    (module) => {
      view ??= module.numberView({ html, nothing });
      return module;
    },
    (error: unknown) => {
      throw codeDownloadError("number mode's segmentation", error);
    },
  ),
);

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
    if (this.#digits() > 1) loadNumberReading().then(({ numberModeSheet }) => adopt(root, numberModeSheet), () => undefined);
  }

  /** A number's strip of digits (any number read has brought number mode's code). */
  strip(prediction: PredictionEventDetail, weakest: number): TemplateResult | typeof nothing {
    return view?.strip(prediction, weakest) ?? nothing;
  }

  /** The digit boxes over the surface (nothing until number mode's code is here). */
  boxes(boxes: readonly DigitBox[] | undefined): TemplateResult | typeof nothing {
    return view?.boxes(boxes, this.size) ?? nothing;
  }

  /** The grids of the drawing's digit groups, left to right, as number mode classifies them. */
  async grids(strokes: readonly Stroke[]): Promise<Float32Array[]> {
    return (await loadNumberReading()).groupGrids(strokes, this.size, this.#digits());
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
      return {
        grids: [grid],
        classify: async (classification) => {
          const prediction = await classification.classify(grid);
          return { ...prediction, value: String(prediction.digit), digits: [{ ...assessmentOf(prediction), ...(box ? { box } : {}) }] };
        },
      };
    }
    const grids: Float32Array[] = [];
    return {
      grids,
      classify: async (classification) => (await loadNumberReading()).readNumber(strokes, { width, height }, digits, classification, grids, current),
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
    const digits = [...value].map((char) => assessmentOf(enteredPrediction(Number(char))));
    return { ...enteredPrediction(Number(value.at(-1))), value, digits };
  }
}

/** Adds `sheet` to the shadow root's stylesheets, once. */
function adopt(root: ShadowRoot, sheet: CSSStyleSheet): void {
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
