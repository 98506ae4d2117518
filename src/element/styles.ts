/**
 * The element's look. Paper is the canvas's CSS background and ink its CSS `color`, which the
 * renderer reads: the canvas pixels stay transparent except for ink, so the grid (alpha only)
 * never depends on the colours, and forced-colors mode can swap both.
 */
import { css } from 'lit';

export const digitCanvasStyles = css`
  :host {
    display: inline-block;
    box-sizing: border-box;
    width: 308px;
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
    aspect-ratio: 1;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    cursor: crosshair;
    color: var(--digit-canvas-ink, #111);
    background: var(--digit-canvas-paper, #fff);
    border-radius: var(--digit-canvas-radius, 4px);
    outline: 1px solid var(--digit-canvas-border, #8a8a8a);
  }
  .controls {
    display: flex;
    gap: 0.5em;
    margin-top: 0.5em;
  }
  button {
    flex: 1;
    font: inherit;
    padding: 0.4em 0.8em;
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .surface:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--digit-canvas-focus-ring, #1a73e8);
    outline-offset: 2px;
  }
  .result {
    min-height: 1.5em;
    margin-top: 0.5em;
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
    button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
  }
`;
