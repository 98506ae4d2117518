/**
 * The element's built-in result UI: the answer as text (announced by the live region), a ten-bar
 * probability chart and a preview of the 28×28 grid the model read; in number mode the number,
 * which digit to redo when it is not sure, number mode's strip of each digit's confidence
 * (number-view.ts), and the chart and previews of what the model read (the chart of the weakest
 * digit, every digit's grid). Errors are shown in short plain words for the person drawing; the
 * developer detail (URLs, statuses, the endpoint's own text) stays on the `prediction-error` event
 * and in the console, so nothing an endpoint sends is ever shown. The chart and preview keep their
 * place while empty, so nothing below moves.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { GRID_CELLS, GRID_SIZE } from '../core/preprocess.ts';
import type { DigitBox } from '../core/digit-segmentation.ts';
import type { ClassificationError } from '../inference/classification-error.ts';
import type { PredictionEventDetail } from './events.ts';
import { formatPercent } from './format-percent.ts';

/** What the result area shows: the last prediction with the grids the model read (none for a typed answer), or the last error. */
export type Outcome =
  | { readonly kind: 'prediction'; readonly prediction: PredictionEventDetail; readonly grids: readonly Float32Array[] }
  | { readonly kind: 'error'; readonly error: ClassificationError };

/**
 * What the person drawing is told of a failure: what to do, in a few plain words. Retrying can
 * help with the network, a busy endpoint or a slip in the model; a missing model or endpoint, a
 * 4xx or an unreadable answer will not mend by itself.
 */
export function errorText({ code, status }: Pick<ClassificationError, 'code' | 'status'>): string {
  switch (code) {
    case 'invalid-grid':
      return 'Draw a digit first.';
    case 'too-small':
      return 'Too small to read — draw the digit bigger.';
    case 'too-many-digits':
      return 'Too many digits for this field.';
    case 'disabled':
      return 'This field is disabled.';
    case 'unreachable':
      return "Couldn't reach the recognizer — try again.";
    case 'timeout':
      return 'The recognizer took too long — try again.';
    case 'inference':
      return 'Something went wrong reading the digit — try again.';
    case 'http-status':
      if (status === 429 || (status ?? 0) >= 500) return "The recognizer couldn't answer — try again.";
  }
  return "The recognizer isn't available.";
}

/** Digits ordered from most to least probable (ties: the smaller digit first). */
export function rankDigits(probabilities: readonly number[]): number[] {
  return probabilities.map((_, digit) => digit).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
}

/** What the result area says when the verdict is `not-a-digit`. */
export const NOT_A_DIGIT_TEXT = "That doesn't look like a digit";

/**
 * The answer in words, for the live region: "7, 98% sure"; when below `min-confidence` "Not sure:
 * 7 (45%) or 1 (30%)"; when not a digit is likelier than any digit, that the drawing doesn't look
 * like one (naming two digits then would invite the person to accept one); a typed digit as
 * typed; or what to do about the error. A number reads the same by its weakest digit ("2026, 91%
 * sure", "Not sure about digit 3: …", "Digit 3 doesn't look like a digit"), then number mode's
 * `strip` of every digit read, the weakest (index, or -1) marked.
 */
export function renderSummary(
  outcome: Outcome | undefined,
  strip: (prediction: PredictionEventDetail, weakest: number) => TemplateResult | typeof nothing = () => nothing,
): TemplateResult | typeof nothing {
  if (!outcome) return nothing;
  if (outcome.kind === 'error') return html`<span class="error">${errorText(outcome.error)}</span>`;
  const { prediction } = outcome;
  if (prediction.source === 'keyboard') return html`<span class="digit">${prediction.value}</span> <span class="confidence">typed</span>`;
  const number = prediction.value.length > 1;
  // The digit that speaks for an unsure number (its verdict is that digit's), 1-based; 0 for one digit or a confident number.
  const position = number && !prediction.confident ? prediction.digits.findIndex((digit) => digit.verdict === prediction.verdict) + 1 : 0;
  const after = html`${prediction.fallback ? html`<span class="note">(answered locally: the endpoint failed)</span>` : nothing}${number ? strip(prediction, position - 1) : nothing}`;
  if (prediction.verdict === 'not-a-digit') return html`<span class="not-digit">${position ? `Digit ${position} doesn't look like a digit` : NOT_A_DIGIT_TEXT}</span> ${after}`;
  if (prediction.verdict === 'digit') {
    return html`<span class="digit">${prediction.value}</span>
      <span class="confidence">${formatPercent(prediction.confidence)} sure</span> ${after}`;
  }
  const [first, second] = rankDigits(prediction.probabilities) as [number, number];
  const probability = (digit: number) => formatPercent(prediction.probabilities[digit]!);
  return html`<span class="unsure">Not sure${position ? ` about digit ${position}` : ''}: ${first} (${probability(first)}) or ${second} (${probability(second)})</span>
    ${after}`;
}

/**
 * Ten bars, one per digit, the predicted one highlighted; its text alternative lists every
 * probability. A bar's height is bound to its `style` property (CSSOM, as lit's styleMap does it,
 * so a strict CSP that forbids inline style attributes still allows it) without styleMap's code.
 */
export function renderChart(outcome: Outcome | undefined): TemplateResult {
  if (!shows(outcome)) return html`<div class="chart placeholder" aria-hidden="true">${PLACEHOLDER_BARS}</div>`;
  const { probabilities, digit } = outcome.prediction;
  const label = `Probabilities: ${probabilities.map((p, d) => `${d}: ${formatPercent(p)}`).join(', ')}`;
  return html`<div part="chart" class="chart" role="img" aria-label=${label}>
    ${probabilities.map(
      (p, d) =>
        html`<div class="bar ${d === digit ? 'top' : ''}" title="${d}: ${formatPercent(p)}">
          <span class="fill" .style=${`height: ${(p * 100).toFixed(1)}%`}></span>
          <span class="bar-label">${d}</span>
        </div>`,
    )}
  </div>`;
}

/** Ten empty bars: the chart's place, held while there is no chart to show. */
const PLACEHOLDER_BARS = Array.from({ length: 10 }, () => html`<div class="bar"><span class="bar-label">0</span></div>`);

/** A model's answer has a chart and a preview; a typed digit, an error or nothing has only their places. */
function shows(outcome: Outcome | undefined): outcome is Extract<Outcome, { kind: 'prediction' }> {
  return outcome?.kind === 'prediction' && outcome.prediction.source !== 'keyboard';
}

/** The preview canvas (in number mode one 28×28 tile per digit, side by side); `paintPreview` fills it after render. */
export function renderPreview(outcome: Outcome | undefined): TemplateResult {
  if (!shows(outcome)) return html`<div class="preview placeholder" aria-hidden="true"></div>`;
  const tiles = Math.max(outcome.grids.length, 1);
  return html`<canvas
    part="preview"
    class="preview"
    width=${GRID_SIZE * tiles}
    height=${GRID_SIZE}
    role="img"
    aria-label=${tiles > 1 ? `The ${tiles} grids of 28 by 28 the model read, one per digit` : 'The 28 by 28 grid the model read'}
  ></canvas>`;
}

/** Paints grids as MNIST shows them, side by side: white ink on black, one canvas pixel per cell. */
export function paintPreview(canvas: HTMLCanvasElement, grids: readonly Float32Array[]): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(GRID_SIZE * grids.length, GRID_SIZE);
  const { data } = image;
  grids.forEach((grid, tile) => {
    for (let i = 0; i < GRID_CELLS; i++) {
      const level = Math.round(grid[i]! * 255);
      const at = (Math.floor(i / GRID_SIZE) * GRID_SIZE * grids.length + tile * GRID_SIZE + (i % GRID_SIZE)) * 4;
      data[at] = data[at + 1] = data[at + 2] = level;
      data[at + 3] = 255;
    }
  });
  context.putImageData(image, 0, 0);
}

/** Holds what the result area shows (and the digit boxes while they fit the drawing) and paints the preview once it is rendered. */
export class ResultController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };
  #outcome: Outcome | undefined;
  /** Whether the prediction's digit boxes still fit the drawing. */
  #boxes = false;
  /** The preview canvas and the outcome last painted on it. */
  #painted: { canvas: HTMLCanvasElement; outcome: Outcome } | undefined;

  constructor(host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  get outcome(): Outcome | undefined {
    return this.#outcome;
  }

  /** Shows a prediction or an error; undefined empties the result area. */
  show(outcome: Outcome | undefined): void {
    this.#outcome = outcome;
    this.#boxes = outcome?.kind === 'prediction' && outcome.prediction.source !== 'keyboard';
    this.#host.requestUpdate();
  }

  /** The digit boxes of the prediction shown, until the drawing changes (`drawingChanged`). */
  get boxes(): DigitBox[] | undefined {
    if (!this.#boxes || this.#outcome?.kind !== 'prediction') return undefined;
    return this.#outcome.prediction.digits.flatMap(({ box }) => (box ? [box] : []));
  }

  /** New ink or any other change to the drawing: the boxes no longer show how it was split. */
  drawingChanged(): void {
    if (!this.#boxes) return;
    this.#boxes = false;
    this.#host.requestUpdate();
  }

  /** Paints the preview once per outcome and canvas (most updates are loading or busy state). */
  hostUpdated(): void {
    const preview = this.#host.renderRoot.querySelector<HTMLCanvasElement>('canvas[part="preview"]');
    if (preview && this.#outcome?.kind === 'prediction' && (this.#painted?.canvas !== preview || this.#painted.outcome !== this.#outcome)) {
      paintPreview(preview, this.#outcome.grids);
      this.#painted = { canvas: preview, outcome: this.#outcome };
    }
  }
}
