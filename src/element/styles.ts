/**
 * The element's look. Paper is the canvas's CSS background and ink its CSS `color`, which the
 * renderer reads: the canvas pixels stay transparent except for ink, so the grid (alpha only)
 * never depends on the colours, and forced-colors mode can swap both. The defaults follow the
 * page's `color-scheme` (light-dark()); the custom properties override them. The layout holds
 * still: the buttons keep one line and the result area keeps the chart's and preview's place
 * while empty, so nothing below moves between idle, loading and done; the chart's bars shrink
 * and the result row wraps, so nothing leaves the host down to 160 px wide. Number mode's own
 * rules come with its code (number-styles.ts).
 */
import { css } from 'lit';

export const digitCanvasStyles = css`
  :host {
    display: inline-block;
    box-sizing: border-box;
    width: var(--_digit-canvas-width, 308px);
    max-width: 100%;
    font: inherit;
    color: inherit;
  }
  :host([hidden]) {
    display: none;
  }
  .surface {
    display: block;
    box-sizing: border-box;
    width: 100%;
    aspect-ratio: var(--_digit-canvas-aspect, 1);
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    cursor: crosshair;
    color: var(--digit-canvas-ink, light-dark(#111, #eee));
    background: var(--digit-canvas-paper, light-dark(#fff, #1e1e1e));
    border-radius: var(--digit-canvas-radius, 4px);
    outline: 1px solid var(--digit-canvas-border, light-dark(#8a8a8a, #9aa0a6));
  }
  .pad {
    position: relative;
  }
  :host(:disabled) .surface {
    cursor: not-allowed;
    opacity: 0.5;
  }
  :host([readonly]) .surface {
    cursor: default;
  }
  .controls {
    display: flex;
    gap: 0.5em;
    margin-top: 0.5em;
  }
  button {
    flex: 1;
    min-width: 0;
    font: inherit;
    padding: 0.4em 0.8em;
    cursor: pointer;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  button:disabled {
    cursor: not-allowed;
  }
  .surface:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--digit-canvas-focus-ring, light-dark(#1a73e8, #8ab4f8));
    outline-offset: 2px;
  }
  button[aria-busy='true'] {
    cursor: progress;
  }
  .spinner {
    display: inline-block;
    box-sizing: border-box;
    width: 0.8em;
    height: 0.8em;
    margin-right: 0.4em;
    vertical-align: -0.1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  :host([no-result]) .outcome {
    display: none;
  }
  .outcome {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 1em;
    margin-top: 0.5em;
  }
  .result {
    flex: 1 1 8em;
    min-width: 0;
    min-height: 2.5em;
    overflow-wrap: anywhere;
  }
  .result .digit {
    font-size: 2em;
    font-weight: bold;
    line-height: 1;
  }
  .result .error {
    color: var(--digit-canvas-error, light-dark(#b00020, #ff8a80));
  }
  .result .note {
    font-size: 0.85em;
    opacity: 0.8;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5em 0.75em;
    max-width: 100%;
    min-width: 0;
  }
  .placeholder {
    visibility: hidden;
  }
  .chart {
    display: flex;
    align-items: flex-end;
    gap: 2px;
    height: 56px;
    width: calc(9em + 18px);
    max-width: 100%;
    min-width: 0;
  }
  .bar {
    display: flex;
    flex-direction: column;
    justify-content: flex-end;
    align-items: center;
    flex: 1 1 0;
    min-width: 0;
    height: 100%;
  }
  .fill {
    display: block;
    width: 100%;
    min-height: 1px;
    background: var(--digit-canvas-bar, light-dark(#9aa0a6, #80868b));
  }
  .bar.top .fill {
    background: var(--digit-canvas-bar-top, light-dark(#1a73e8, #8ab4f8));
  }
  .bar-label {
    font-size: 0.7em;
    line-height: 1.4;
  }
  .preview {
    display: block;
    width: 56px;
    height: 56px;
    max-width: 100%;
    object-fit: contain;
    image-rendering: pixelated;
    background: #000;
    outline: 1px solid var(--digit-canvas-border, light-dark(#8a8a8a, #9aa0a6));
  }
  /* As wide as its tiles (in number mode one per digit, side by side) at the preview's height. */
  canvas.preview {
    width: auto;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    .surface {
      color: CanvasText;
      background: Canvas;
      outline: 1px solid CanvasText;
      forced-color-adjust: none;
    }
    .surface:focus-visible,
    button:focus-visible {
      outline: 3px solid Highlight;
    }
    button:disabled {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
    .fill {
      background: CanvasText;
    }
    .bar.top .fill {
      background: Highlight;
    }
    .result .error {
      color: CanvasText;
    }
  }
`;
