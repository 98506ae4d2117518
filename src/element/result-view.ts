/**
 * The element's built-in result UI: the answer as text (announced by the live region), a ten-bar
 * probability chart and a preview of the 28×28 grid the model read. Everything from a classifier
 * or an endpoint is rendered as text or as numbers in styles, never as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { GRID_SIZE } from '../core/preprocess.ts';
import type { ClassificationError } from '../inference/classification-error.ts';
import type { PredictionEventDetail } from './events.ts';

/** What the result area shows: the last prediction with the grid it was made from, or the last error. */
export type Outcome =
  | { readonly kind: 'prediction'; readonly prediction: PredictionEventDetail; readonly grid: Float32Array }
  | { readonly kind: 'error'; readonly error: ClassificationError };

/** A probability as a whole percentage; tiny non-zero values read "<1%" rather than "0%". */
export function formatPercent(probability: number): string {
  const percent = Math.round(probability * 100);
  return percent === 0 && probability > 0 ? '<1%' : `${percent}%`;
}

/** Longest error message shown (and announced); the event's error keeps the whole text. */
export const MAX_SHOWN_MESSAGE = 1000;

/** Cuts a message for display, so a hostile or broken endpoint cannot flood the live region. */
export function clipMessage(message: string, max = MAX_SHOWN_MESSAGE): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
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
 * like one (naming two digits then would invite the person to accept one); or the error's message.
 */
export function renderSummary(outcome: Outcome | undefined): TemplateResult | typeof nothing {
  if (!outcome) return nothing;
  if (outcome.kind === 'error') return html`<span class="error">${clipMessage(outcome.error.message)}</span>`;
  const { prediction } = outcome;
  const fallback = prediction.fallback ? html`<span class="note">(answered locally: the endpoint failed)</span>` : nothing;
  if (prediction.verdict === 'not-a-digit') return html`<span class="not-digit">${NOT_A_DIGIT_TEXT}</span> ${fallback}`;
  if (prediction.verdict === 'digit') {
    return html`<span class="digit">${prediction.digit}</span>
      <span class="confidence">${formatPercent(prediction.confidence)} sure</span> ${fallback}`;
  }
  const [first, second] = rankDigits(prediction.probabilities) as [number, number];
  const probability = (digit: number) => formatPercent(prediction.probabilities[digit]!);
  return html`<span class="unsure"
      >Not sure: ${first} (${probability(first)}) or ${second} (${probability(second)})</span
    >
    ${fallback}`;
}

/**
 * Ten bars, one per digit, the predicted one highlighted; its text alternative lists every
 * probability. A bar's height is bound to its `style` property (CSSOM, as lit's styleMap does it,
 * so a strict CSP that forbids inline style attributes still allows it) without styleMap's code.
 */
export function renderChart(outcome: Outcome | undefined): TemplateResult | typeof nothing {
  if (outcome?.kind !== 'prediction') return nothing;
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

/** The preview canvas; `paintPreview` fills it after render. */
export function renderPreview(outcome: Outcome | undefined): TemplateResult | typeof nothing {
  if (outcome?.kind !== 'prediction') return nothing;
  return html`<canvas
    part="preview"
    class="preview"
    width=${GRID_SIZE}
    height=${GRID_SIZE}
    role="img"
    aria-label="The 28 by 28 grid the model read"
  ></canvas>`;
}

/** Paints a grid as MNIST shows it: white ink on black, one canvas pixel per cell. */
export function paintPreview(canvas: HTMLCanvasElement, grid: Float32Array): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(GRID_SIZE, GRID_SIZE);
  grid.forEach((value, i) => {
    const level = Math.round(value * 255);
    image.data.set([level, level, level, 255], i * 4);
  });
  context.putImageData(image, 0, 0);
}
