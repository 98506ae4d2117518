/**
 * Registers `<digit-canvas>` (once: a second copy of the package on a page must not throw; and
 * only where there is a registry: in Node, where a server renders pages, importing the package
 * defines nothing unless the server installed one, as @lit-labs/ssr does) and
 * declares it for TypeScript: the tag, so `document.createElement('digit-canvas')` and
 * `querySelector('digit-canvas')` are typed, and its events, so `addEventListener('prediction', …)`
 * gets a typed `event.detail`.
 */
import { DigitCanvas } from './digit-canvas.ts';
import type { DigitCanvasEventMap } from './events.ts';

export { DigitCanvas };
export type { DigitCanvasEventMap } from './events.ts';

export const TAG_NAME = 'digit-canvas';

// The literal (not TAG_NAME) lets the manifest analyzer read the tag name.
if (globalThis.customElements && !customElements.get('digit-canvas')) customElements.define('digit-canvas', DigitCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'digit-canvas': DigitCanvas;
  }
}

// The listener overloads merge into the class's interface; they live here, with the tag's typing,
// so the class holds only behaviour.
declare module './digit-canvas.ts' {
  interface DigitCanvas {
    addEventListener<K extends keyof DigitCanvasEventMap>(
      type: K,
      listener: (this: DigitCanvas, event: DigitCanvasEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void;
    addEventListener<K extends keyof HTMLElementEventMap>(
      type: K,
      listener: (this: DigitCanvas, event: HTMLElementEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void;
    addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
    removeEventListener<K extends keyof DigitCanvasEventMap>(
      type: K,
      listener: (this: DigitCanvas, event: DigitCanvasEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions,
    ): void;
    removeEventListener<K extends keyof HTMLElementEventMap>(
      type: K,
      listener: (this: DigitCanvas, event: HTMLElementEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions,
    ): void;
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  }
}
