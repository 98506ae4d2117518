/**
 * The element's shadow DOM: the drawing surface (number mode's digit boxes over it), its
 * description (the shortcuts and the keyboard alternative to drawing), the Clear and Predict
 * buttons and the result area
 * (result-view). Disabled takes the surface out of the tab order and disables both buttons;
 * read-only disables Clear, since nothing may change the drawing then.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PredictionEventDetail } from './events.ts';
import { renderChart, renderPreview, renderSummary, type Outcome } from './result-view.ts';

export interface ViewState {
  readonly label: string;
  /** The local model is loading (the Predict button says so). */
  readonly loading: boolean;
  /** Loading or classifying. */
  readonly busy: boolean;
  readonly disabled: boolean;
  readonly readOnly: boolean;
  /** The surface's logical size in canvas pixels (308×308; wider in number mode). */
  readonly size: { readonly width: number; readonly height: number };
  readonly outcome: Outcome | undefined;
  /** Number mode: the digit boxes of the last reading over the surface, while the drawing is still the one read. */
  readonly boxes: TemplateResult | typeof nothing;
  /** Number mode: the strip of a number's digits (number-view). */
  readonly strip: (prediction: PredictionEventDetail, weakest: number) => TemplateResult | typeof nothing;
  readonly onClear: () => void;
  readonly onPredict: () => void;
}

const SHORTCUTS = 'Escape Control+Z Meta+Z Control+Shift+Z Meta+Shift+Z Control+Y 0 1 2 3 4 5 6 7 8 9';

/** What the surface's description says: how to answer without drawing, and the shortcuts, or why nothing can be changed. */
function description({ disabled, readOnly }: ViewState): string {
  if (disabled) return 'Disabled.';
  if (readOnly) return 'Read only.';
  return 'Or type the digit on the keyboard. Escape clears. Control or Command plus Z undoes.';
}

export function renderView(state: ViewState): TemplateResult {
  const { label, loading, busy, disabled, readOnly, outcome } = state;
  const editable = !disabled && !readOnly;
  return html`
    <div class="pad">
      <canvas
        part="canvas"
        class="surface"
        role="img"
        tabindex=${disabled ? -1 : 0}
        aria-label=${label}
        aria-describedby="description"
        aria-disabled=${disabled ? 'true' : nothing}
        aria-keyshortcuts=${editable ? SHORTCUTS : nothing}
        width=${state.size.width}
        height=${state.size.height}
      ></canvas>
      ${state.boxes}
    </div>
    <span id="description" class="visually-hidden">${description(state)}</span>
    <div class="controls">
      <button type="button" part="clear-button" ?disabled=${!editable} @click=${state.onClear}>Clear</button>
      <button type="button" part="predict-button" ?disabled=${disabled} aria-busy=${busy ? 'true' : 'false'} @click=${state.onPredict}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${loading ? 'Loading model…' : 'Predict'}
      </button>
    </div>
    <div class="outcome">
      <div part="result" class="result" role="status" aria-live="polite">${renderSummary(outcome, state.strip)}</div>
      <div class="details">${renderChart(outcome)}${renderPreview(outcome)}</div>
    </div>
  `;
}
