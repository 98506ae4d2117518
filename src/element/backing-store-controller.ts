/**
 * Keeps the visible canvas crisp: its backing store follows the canvas's CSS size times
 * devicePixelRatio, re-measured by a ResizeObserver when the layout changes and by a resolution
 * media query when the page moves to a screen of another density (or is zoomed).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface BackingStoreOptions {
  /** The canvas to size, once rendered. */
  canvas(): HTMLCanvasElement | undefined;
  /** The backing store changed size (and so was wiped): redraw. */
  onResize(canvas: HTMLCanvasElement): void;
}

export class BackingStoreController implements ReactiveController {
  readonly #options: BackingStoreOptions;
  readonly #host: { readonly isConnected: boolean };
  #canvas: HTMLCanvasElement | undefined;
  #observer: ResizeObserver | undefined;
  #resolution: MediaQueryList | undefined;
  readonly #onResolutionChange = (): void => this.#watchResolution();

  constructor(host: ReactiveControllerHost & { readonly isConnected: boolean }, options: BackingStoreOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observe();
  }

  hostUpdated(): void {
    // Lit also updates a removed element (say, a late property change); attaching then would
    // leave listeners that nothing removes and keep the element alive.
    if (!this.#host.isConnected) return;
    this.#observe();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#canvas = undefined;
    this.#resolution?.removeEventListener('change', this.#onResolutionChange);
    this.#resolution = undefined;
  }

  /** Sizes the backing store now; true when it changed. */
  fit(): boolean {
    const canvas = this.#canvas;
    if (!canvas) return false;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width === width && canvas.height === height) return false;
    canvas.width = width;
    canvas.height = height;
    this.#options.onResize(canvas);
    return true;
  }

  #observe(): void {
    const canvas = this.#options.canvas();
    if (!canvas || canvas === this.#canvas) return;
    this.#observer?.disconnect();
    this.#canvas = canvas;
    this.#observer = new ResizeObserver(() => this.fit());
    this.#observer.observe(canvas);
    this.#watchResolution();
    this.fit();
  }

  /** A query for the current ratio fires once when it stops matching; then watch the new ratio. */
  #watchResolution(): void {
    this.#resolution?.removeEventListener('change', this.#onResolutionChange);
    this.#resolution = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    this.#resolution.addEventListener('change', this.#onResolutionChange);
    this.fit();
  }
}
