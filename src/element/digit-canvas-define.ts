/**
 * Registers `<digit-canvas>` (once: a second copy of the package on a page must not throw) and
 * declares the tag for TypeScript, so `document.createElement('digit-canvas')` and
 * `querySelector('digit-canvas')` are typed.
 */
import { DigitCanvas } from './digit-canvas.ts';

export { DigitCanvas };
export type { DigitCanvasEventMap } from './events.ts';

export const TAG_NAME = 'digit-canvas';

// The literal (not TAG_NAME) lets the manifest analyzer read the tag name.
if (!customElements.get('digit-canvas')) customElements.define('digit-canvas', DigitCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'digit-canvas': DigitCanvas;
  }
}
