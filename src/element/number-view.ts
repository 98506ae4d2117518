/**
 * Number mode's presentation: the strip of every digit read (part `digits`) and the faint digit
 * boxes over the surface (part `digit-boxes`, colour `--digit-canvas-digit-box`) after a
 * prediction, so the person sees how the writing was split into digits; a change to the drawing
 * takes the boxes away (ResultController). The boxes are an overlay of plain elements, not ink:
 * the canvas pixels, the grids and the exports never see it, and it ignores the pointer.
 *
 * Downloaded with number mode's reading (number-reading.ts), which every number on screen has
 * needed. Lit's template tags come from the element (`numberView(lit)`): this is a lazy chunk that
 * both builds share, and the script-tag build's Lit is bundled inside its entry, out of reach of
 * an import.
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { DigitBox } from '../core/digit-segmentation.ts';
import type { PredictionEventDetail } from './events.ts';
import { numberModeStyles } from './number-styles.ts';
import { formatPercent } from './format-percent.ts';

/** The template tags number mode renders with: the element's Lit. */
export interface LitTags {
  readonly html: typeof litHtml;
  readonly nothing: typeof litNothing;
}

export interface NumberView {
  /** Every digit read and its confidence, the `weakest` (index, or -1) marked. */
  strip(prediction: PredictionEventDetail, weakest: number): TemplateResult;
  /** The overlay for `boxes` (canvas pixels) on a surface of `size`; nothing when there are none. */
  boxes(boxes: readonly DigitBox[] | undefined, size: { readonly width: number; readonly height: number }): TemplateResult | typeof litNothing;
}

/** Canvas pixels left around a box (drawn around the strokes' centre lines) so it clears the ink of the default pen. */
const MARGIN = 10;

/** Number mode's rules, adopted by each number-mode element's shadow root beside the element's own. */
export const numberModeSheet = new CSSStyleSheet();
numberModeSheet.replaceSync(numberModeStyles);

export function numberView(lit: LitTags): NumberView {
  const { html } = lit;
  return {
    strip: (prediction, weakest) => html`<ol part="digits" class="digits" aria-label="Each digit read">
      ${prediction.digits.map(
        (digit, i) => html`<li class=${i === weakest ? 'weak' : ''}>${digit.verdict === 'not-a-digit' ? '?' : digit.digit} ${formatPercent(digit.confidence)}</li>`,
      )}
    </ol>`,
    // Placed in percentages so the overlay follows the surface's CSS size; bound through `style`
    // properties (CSSOM), which a strict CSP allows.
    boxes: (boxes, size) => {
      if (!boxes || boxes.length === 0) return lit.nothing;
      const percent = (value: number, of: number) => `${((Math.min(Math.max(value, 0), of) / of) * 100).toFixed(3)}%`;
      return html`<div part="digit-boxes" class="digit-boxes" aria-hidden="true">
        ${boxes.map(({ x, y, width, height }) => {
          const [left, top] = [x - MARGIN, y - MARGIN];
          const [right, bottom] = [x + width + MARGIN, y + height + MARGIN];
          const style = `left: ${percent(left, size.width)}; top: ${percent(top, size.height)}; right: calc(100% - ${percent(right, size.width)}); bottom: calc(100% - ${percent(bottom, size.height)})`;
          return html`<span class="digit-box" .style=${style}></span>`;
        })}
      </div>`;
    },
  };
}
