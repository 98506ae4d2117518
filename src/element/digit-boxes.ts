/**
 * Number mode's faint digit boxes: after a prediction, each digit's box is outlined over the
 * drawing surface (part `digit-boxes`, colour `--digit-canvas-digit-box`), so the person sees how
 * the writing was split into digits; a change to the drawing (new ink, undo, redo, clear, setting
 * `strokes`) takes them away until the next prediction. An overlay of plain elements, not ink: the
 * canvas pixels, the grids and the exports never see it, and it ignores the pointer.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DigitBox } from '../core/digit-segmentation.ts';

/** Canvas pixels left around a box (drawn around the strokes' centre lines) so it clears the ink of the default pen. */
const MARGIN = 10;

/**
 * The overlay for `boxes` (canvas pixels) on a surface of `size`, placed in percentages so it
 * follows the surface's CSS size; bound through `style` properties (CSSOM), which a strict CSP
 * allows. Nothing when there are no boxes.
 */
export function renderDigitBoxes(boxes: readonly DigitBox[] | undefined, size: { readonly width: number; readonly height: number }): TemplateResult | typeof nothing {
  if (!boxes || boxes.length === 0) return nothing;
  const percent = (value: number, of: number) => `${((Math.min(Math.max(value, 0), of) / of) * 100).toFixed(3)}%`;
  return html`<div part="digit-boxes" class="digit-boxes" aria-hidden="true">
    ${boxes.map(({ x, y, width, height }) => {
      const [left, top] = [x - MARGIN, y - MARGIN];
      const [right, bottom] = [x + width + MARGIN, y + height + MARGIN];
      const style = `left: ${percent(left, size.width)}; top: ${percent(top, size.height)}; right: calc(100% - ${percent(right, size.width)}); bottom: calc(100% - ${percent(bottom, size.height)})`;
      return html`<span class="digit-box" .style=${style}></span>`;
    })}
  </div>`;
}
