/**
 * Number mode's look, beside the element's (styles.ts), downloaded with number mode: the digit
 * boxes over the surface and the strip of digits read (the weakest marked in the error colour).
 * A plain string, adopted as a constructable stylesheet (number-view.ts), so a strict CSP allows it.
 */
export const numberModeStyles = `
  .digit-boxes {
    position: absolute;
    inset: 0;
    pointer-events: none;
  }
  .digit-box {
    position: absolute;
    box-sizing: border-box;
    border: 1px dashed var(--digit-canvas-digit-box, light-dark(rgb(26 115 232 / 0.45), rgb(138 180 248 / 0.5)));
    border-radius: 3px;
  }
  .digits {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin: 0.25em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.85em;
  }
  .digits li {
    padding: 0 0.3em;
    border-radius: 3px;
    outline: 1px solid var(--digit-canvas-border, light-dark(#8a8a8a, #9aa0a6));
  }
  .digits li.weak {
    color: var(--digit-canvas-error, light-dark(#b00020, #ff8a80));
    outline-width: 2px;
  }
  @media (forced-colors: active) {
    .digit-box {
      border-color: GrayText;
    }
  }
`;
