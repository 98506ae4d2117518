/**
 * When the local model loads, by the element's `loading` policy, so the first answer does not
 * wait on the network and a page where nobody draws downloads nothing:
 * - `lazy`: on the first sign of use — the pointer entering the element (a mouse arrives before
 *   it presses), focus, or the first touch;
 * - `visible`: as `lazy`, and once the element is in the viewport and the page is idle;
 * - `eager`: right after first paint (so the page shows first);
 * - `auto` (the default): `eager` with auto-predict, whose first stroke classifies at once, else
 *   `lazy`.
 * After a classifier swap a model that was already wanted loads again at once. Remote mode
 * preloads nothing (ClassificationController.preload is a no-op there). ClassificationController
 * does the loading; this decides when.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClassificationController } from './classification-controller.ts';

export const LOADING_POLICIES = ['auto', 'lazy', 'visible', 'eager'] as const;
export type LoadingPolicy = (typeof LOADING_POLICIES)[number];

/** The policy `auto` stands for. */
export function resolvedLoading(policy: LoadingPolicy, autoPredict: boolean): Exclude<LoadingPolicy, 'auto'> {
  return policy !== 'auto' ? policy : autoPredict ? 'eager' : 'lazy';
}

/** Events that say someone is about to draw or type; pointerdown covers touch, which has no hover. */
const INTENT_EVENTS = ['pointerenter', 'pointerdown', 'focusin'] as const;

export class ModelPreloadController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #classification: ClassificationController;
  readonly #policy: () => Exclude<LoadingPolicy, 'auto'>;
  /** The model has been wanted (used, eager, or visible): from then on a new classifier loads at once. */
  #wanted = false;
  /** Ends `visible`'s watch, while it watches. */
  #stopWatch: (() => void) | undefined;

  /** `policy`: the element's `loading`, with `auto` already resolved. */
  constructor(host: ReactiveControllerHost & HTMLElement, classification: ClassificationController, policy: () => Exclude<LoadingPolicy, 'auto'>) {
    this.#host = host;
    this.#classification = classification;
    this.#policy = policy;
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of INTENT_EVENTS) this.#host.addEventListener(type, this.#onIntent);
    this.policyChanged();
  }

  hostDisconnected(): void {
    for (const type of INTENT_EVENTS) this.#host.removeEventListener(type, this.#onIntent);
    this.#stopWatching();
  }

  /** The element was used without an interaction event (say, predict() called by the page). */
  engage(): void {
    this.#wanted = true;
  }

  /** `loading` or auto-predict changed: arm what the policy now asks for (calling it again is harmless). */
  policyChanged(): void {
    const policy = this.#policy();
    if (policy === 'eager') this.#want();
    if (policy === 'visible') this.#watch();
    else this.#stopWatching();
  }

  /** The classifier was swapped for new settings: load the new one if it will be wanted. */
  classifierSwapped(): void {
    if (this.#wanted) this.#afterPaint();
    else this.policyChanged();
  }

  #want(): void {
    this.#wanted = true;
    this.#stopWatching();
    this.#afterPaint();
  }

  /** Loads after the next paint, unless the element has left the page by then. */
  #afterPaint(): void {
    requestAnimationFrame(() => setTimeout(() => this.#host.isConnected && this.#classification.preload()));
  }

  /**
   * `visible`: in the viewport, then an idle moment (visibility-trigger.ts, downloaded for this
   * policy), then load. If its code cannot come, the intent events still load, as for `lazy`.
   */
  #watch(): void {
    if (this.#stopWatch || this.#wanted) return;
    const watch = (this.#stopWatch = () => undefined);
    import('./visibility-trigger.ts').then(({ whenVisibleAndIdle }) => {
      if (this.#stopWatch === watch) this.#stopWatch = whenVisibleAndIdle(this.#host, () => this.#want());
    }, () => undefined);
  }

  #stopWatching(): void {
    this.#stopWatch?.();
    this.#stopWatch = undefined;
  }

  readonly #onIntent = (): void => {
    this.#wanted = true;
    this.#stopWatching();
    this.#classification.preload();
  };
}
