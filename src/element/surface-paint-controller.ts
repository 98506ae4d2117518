/**
 * Paints the visible drawing surface from the kept strokes plus the stroke in progress, as rarely
 * as it can: at most once per frame while a stroke is live, on a resized backing store
 * (BackingStoreController, which it owns), a forced-colours or colour-scheme change (the default
 * ink follows it through light-dark()), and on a Lit update only
 * when the canvas is new or the drawing changed since the last paint (most updates are result or
 * loading state, and a paint costs a forced layout and every stroke).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CANVAS_SIZE, type Stroke } from '../core/strokes.ts';
import { BackingStoreController } from './backing-store-controller.ts';
import { renderStrokes } from './ink-renderer.ts';

export interface SurfacePaintOptions {
  /** The drawing surface, once rendered. */
  readonly canvas: () => HTMLCanvasElement | undefined;
  /** The surface's logical size in canvas pixels (default 308×308; number mode's is wider). */
  readonly size?: () => { readonly width: number; readonly height: number };
  /** What to paint: the kept strokes and the one in progress. */
  readonly strokes: () => readonly Stroke[];
  /** The drawing's version (bumped on every change to the kept strokes). */
  readonly version: () => number;
}

export class SurfacePaintController implements ReactiveController {
  readonly #options: SurfacePaintOptions;
  readonly #backingStore: BackingStoreController;
  #frame = 0;
  /** The canvas and drawing version last painted. */
  #painted: { canvas: HTMLCanvasElement; version: number } | undefined;
  #colourQueries: MediaQueryList[] = [];
  readonly #onColoursChange = (): void => this.paint();

  constructor(host: ReactiveControllerHost & { readonly isConnected: boolean }, options: SurfacePaintOptions) {
    this.#options = options;
    // Added first, so the backing store is sized before this controller's hostUpdated paints.
    this.#backingStore = new BackingStoreController(host, { canvas: options.canvas, onResize: () => this.paint() });
    host.addController(this);
  }

  hostConnected(): void {
    this.#colourQueries = ['(forced-colors: active)', '(prefers-color-scheme: dark)'].map((query) => window.matchMedia(query));
    for (const query of this.#colourQueries) query.addEventListener('change', this.#onColoursChange);
  }

  hostUpdated(): void {
    if (this.#painted?.canvas !== this.#options.canvas() || this.#painted?.version !== this.#options.version()) this.paint();
  }

  hostDisconnected(): void {
    for (const query of this.#colourQueries) query.removeEventListener('change', this.#onColoursChange);
    this.#colourQueries = [];
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Pointer moves arrive faster than frames: paint at most once per frame while a stroke is live. */
  schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.paint();
    });
  }

  /** Paints now, in the ink colour the surface's CSS gives (`--digit-canvas-ink`, or the forced colour). */
  paint(): void {
    const canvas = this.#options.canvas();
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    this.#backingStore.fit();
    const ink = getComputedStyle(canvas).color || '#111';
    const { width, height } = this.#options.size?.() ?? { width: CANVAS_SIZE, height: CANVAS_SIZE };
    renderStrokes(context, this.#options.strokes(), ink, canvas.width / width, canvas.height / height);
    this.#painted = { canvas, version: this.#options.version() };
  }
}
