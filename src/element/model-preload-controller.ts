/**
 * When the local model loads, so Predict is quick by the time it is pressed: on the first
 * interaction with the element (a pointerdown or focus in it), right after first paint with
 * auto-predict (so the page shows first), and again after a classifier swap once the element
 * has been used. ClassificationController does the loading; this decides when.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClassificationController } from './classification-controller.ts';

export class ModelPreloadController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #classification: ClassificationController;
  readonly #autoPredict: () => boolean;
  /** Someone has used the element: from then on a new classifier is loaded at once. */
  #engaged = false;

  constructor(host: ReactiveControllerHost & HTMLElement, classification: ClassificationController, autoPredict: () => boolean) {
    this.#host = host;
    this.#classification = classification;
    this.#autoPredict = autoPredict;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('pointerdown', this.#onInteraction);
    this.#host.addEventListener('focusin', this.#onInteraction);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('pointerdown', this.#onInteraction);
    this.#host.removeEventListener('focusin', this.#onInteraction);
  }

  /** The element was used without an interaction event (say, predict() called by the page). */
  engage(): void {
    this.#engaged = true;
  }

  /** The classifier was swapped for new settings: load the new one if it will be wanted. */
  classifierSwapped(): void {
    if (this.#engaged || this.#autoPredict()) this.afterPaint();
  }

  /** Loads after the next paint, unless the element has left the page by then. */
  afterPaint(): void {
    requestAnimationFrame(() => setTimeout(() => this.#host.isConnected && this.#classification.preload()));
  }

  readonly #onInteraction = (): void => {
    this.#engaged = true;
    this.#classification.preload();
  };
}
