/**
 * `<digit-canvas>`: a drawing surface that turns a handwritten digit into the 28×28 grid the model
 * reads. The class only; `digit-canvas-define.ts` registers it. The element is thin: pointer input
 * lives in PointerInkController, the backing store in BackingStoreController, the undo model in
 * StrokeHistory, drawing in ink-renderer, grid reduction in core/preprocess.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { reduceToGrid, type PixelGridMode } from '../core/preprocess.ts';
import { CANVAS_SIZE, DEFAULT_STROKE_WIDTH, copyStrokes, parseStrokes, type Stroke } from '../core/strokes.ts';
import { BackingStoreController } from './backing-store-controller.ts';
import { digitCanvasEvent, type DigitCanvasEventMap, type StrokesChangeCause } from './events.ts';
import { rasterizeStrokes, renderStrokes } from './ink-renderer.ts';
import { PointerInkController } from './pointer-ink-controller.ts';
import { StrokeHistory } from './stroke-history.ts';
import { digitCanvasStyles } from './styles.ts';

/** Preprocess modes this build knows. `vector` joins with local classification. */
const PREPROCESS_MODES: readonly PixelGridMode[] = ['mnist', 'grid'];
const DEFAULT_PREPROCESS: PixelGridMode = 'mnist';
const DEFAULT_LABEL = 'Draw a digit from 0 to 9';

/**
 * A canvas to draw a digit on with mouse, touch or pen, reduced to a 28×28 grid for
 * classification.
 *
 * @summary Draw a digit; get the 28×28 grid a digit classifier reads.
 *
 * @fires stroke - A stroke was finished. detail: `{ strokes: number }`, the strokes now drawn.
 * @fires clear - The drawing was cleared (Clear button, Escape, or `clear()`). detail: `{}`.
 * @fires strokes-change - The drawing changed for any reason. detail: `{ strokes: number, cause: 'stroke' | 'undo' | 'redo' | 'clear' | 'set' }`.
 *
 * @csspart canvas - The drawing surface (a `<canvas>`, role `img`, focusable).
 * @csspart clear-button - The built-in Clear button.
 * @csspart predict-button - The built-in Predict button (inactive until classification is configured).
 * @csspart result - The polite live region where results are announced.
 *
 * @cssprop [--digit-canvas-ink=#111] - Ink colour.
 * @cssprop [--digit-canvas-paper=#fff] - Paper colour (the canvas background; ink pixels stay transparent elsewhere).
 * @cssprop [--digit-canvas-border=#8a8a8a] - Outline of the drawing surface.
 * @cssprop [--digit-canvas-radius=4px] - Corner radius of the drawing surface.
 * @cssprop [--digit-canvas-focus-ring=#1a73e8] - Focus ring colour of the surface and buttons.
 */
export class DigitCanvas extends LitElement {
  static override styles = digitCanvasStyles;

  /** Accessible name of the drawing surface. */
  @property() label = DEFAULT_LABEL;

  /**
   * Pen width in canvas pixels (of 308) for strokes drawn from now on. Anything but a positive
   * number falls back to 16 with a console warning.
   */
  @property({ type: Number, attribute: 'stroke-width' }) strokeWidth = DEFAULT_STROKE_WIDTH;

  /**
   * How `getGrid()` reduces the drawing: `mnist` (crop, fit 20×20, centre by mass) or `grid`
   * (max-pool 11×11 blocks, the original algorithm). Unknown values fall back to `mnist` with a
   * console warning.
   */
  @property() preprocess: string = DEFAULT_PREPROCESS;

  @query('canvas') private surface?: HTMLCanvasElement;

  readonly #history = new StrokeHistory();
  readonly #ink = new PointerInkController(this, {
    surface: () => this.surface,
    strokeWidth: () => this.#penWidth(),
    onStrokeChange: () => this.#scheduleRender(),
    onStrokeEnd: (stroke) => this.#finishStroke(stroke),
  });
  readonly #backingStore = new BackingStoreController(this, {
    canvas: () => this.surface,
    onResize: () => this.#render(),
  });
  #frame = 0;
  #grid: { version: number; mode: PixelGridMode; grid: Float32Array } | undefined;
  #forcedColors: MediaQueryList | undefined;
  readonly #onForcedColorsChange = (): void => this.#render();

  /** The drawing as plain JSON data: `[{ width, points: [{ x, y, t, pressure }] }]`, a copy. */
  get strokes(): Stroke[] {
    return copyStrokes(this.#history.strokes);
  }

  /**
   * Replaces the drawing (an array as `strokes` returns, or its JSON text). A value of the wrong
   * shape throws a `StrokesFormatError` naming the bad path, and the drawing stays as it was.
   */
  set strokes(value: readonly Stroke[] | string) {
    const strokes = parseStrokes(value, this.#penWidth());
    this.#ink.abort();
    this.#history.replace(strokes);
    this.#changed('set');
  }

  /** Removes the last stroke (Ctrl/Cmd+Z). */
  undo(): void {
    this.#ink.abort();
    if (this.#history.undo()) this.#changed('undo');
  }

  /** Brings back the last undone stroke (Ctrl/Cmd+Shift+Z or Ctrl+Y). */
  redo(): void {
    this.#ink.abort();
    if (this.#history.redo()) this.#changed('redo');
  }

  /** Empties the drawing and the redo stack (Escape, Clear button) and fires `clear`. */
  clear(): void {
    this.#ink.abort();
    this.#history.clear();
    this.#changed('clear');
    this.dispatchEvent(digitCanvasEvent('clear', {}));
  }

  /**
   * The drawing reduced to 28×28 (784 values in 0..1, row-major) with the `preprocess` mode. It is
   * computed from the kept strokes rendered at 308×308, so it does not depend on the screen's
   * pixel density, the element's CSS size or the colours. A fresh array each call.
   */
  getGrid(): Float32Array {
    const mode = this.#gridMode();
    const version = this.#history.version;
    if (this.#grid?.version !== version || this.#grid.mode !== mode) {
      this.#grid = { version, mode, grid: reduceToGrid(rasterizeStrokes(this.#history.strokes), mode) };
    }
    return this.#grid.grid.slice();
  }

  override connectedCallback(): void {
    // A page (or framework) may set `strokes` before the tag is defined; that own property would
    // hide the accessor, so take its value through the setter now.
    if (Object.prototype.hasOwnProperty.call(this, 'strokes')) {
      const value = (this as { strokes?: unknown }).strokes;
      delete (this as { strokes?: unknown }).strokes;
      this.strokes = value as Stroke[];
    }
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeyDown);
    this.#forcedColors = window.matchMedia('(forced-colors: active)');
    this.#forcedColors.addEventListener('change', this.#onForcedColorsChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeyDown);
    this.#forcedColors?.removeEventListener('change', this.#onForcedColorsChange);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('preprocess')) this.#gridMode(true);
    if (changed.has('strokeWidth')) this.#penWidth(true);
  }

  protected override render() {
    return html`
      <canvas
        part="canvas"
        class="surface"
        role="img"
        tabindex="0"
        aria-label=${this.label || DEFAULT_LABEL}
        aria-describedby="shortcuts"
        aria-keyshortcuts="Escape Control+Z Meta+Z Control+Shift+Z Meta+Shift+Z Control+Y"
        width=${CANVAS_SIZE}
        height=${CANVAS_SIZE}
      ></canvas>
      <span id="shortcuts" class="visually-hidden">Escape clears. Control or Command plus Z undoes.</span>
      <div class="controls">
        <button type="button" part="clear-button" @click=${this.clear}>Clear</button>
        <button type="button" part="predict-button" aria-disabled="true" title="Prediction needs a classifier">
          Predict
        </button>
      </div>
      <div part="result" class="result" role="status" aria-live="polite"></div>
    `;
  }

  protected override updated(): void {
    this.#render();
  }

  #finishStroke(stroke: Stroke): void {
    this.#history.push(stroke);
    this.#changed('stroke');
    this.dispatchEvent(digitCanvasEvent('stroke', { strokes: this.#history.length }));
  }

  #changed(cause: StrokesChangeCause): void {
    this.#render();
    this.dispatchEvent(digitCanvasEvent('strokes-change', { strokes: this.#history.length, cause }));
  }

  /** Pointer moves arrive faster than frames; draw at most once per frame while a stroke is live. */
  #scheduleRender(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#render();
    });
  }

  /** Redraws the visible canvas from the kept strokes plus the stroke in progress. */
  #render(): void {
    const canvas = this.surface;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    this.#backingStore.fit();
    const active = this.#ink.activeStroke;
    const strokes = active ? [...this.#history.strokes, active] : this.#history.strokes;
    const ink = getComputedStyle(canvas).color || '#111';
    renderStrokes(context, strokes, ink, canvas.width / CANVAS_SIZE, canvas.height / CANVAS_SIZE);
  }

  #penWidth(warn = false): number {
    const width = Number(this.strokeWidth);
    if (Number.isFinite(width) && width > 0) return width;
    if (warn) {
      // An attribute that is not a number arrives as NaN; name what the page wrote instead.
      const given = Number.isNaN(this.strokeWidth) ? this.getAttribute('stroke-width') : this.strokeWidth;
      console.warn(`<digit-canvas>: stroke-width must be a positive number, got "${given}"; using ${DEFAULT_STROKE_WIDTH}`);
    }
    return DEFAULT_STROKE_WIDTH;
  }

  #gridMode(warn = false): PixelGridMode {
    const mode = this.preprocess as PixelGridMode;
    if (PREPROCESS_MODES.includes(mode)) return mode;
    if (warn) {
      console.warn(
        `<digit-canvas>: unknown preprocess "${this.preprocess}"; using "${DEFAULT_PREPROCESS}" (known: ${PREPROCESS_MODES.join(', ')})`,
      );
    }
    return DEFAULT_PREPROCESS;
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey) return;
    const command = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (key === 'escape' && !command && !event.shiftKey) this.clear();
    else if (command && key === 'z' && !event.shiftKey) this.undo();
    else if (command && ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey))) this.redo();
    else return;
    event.preventDefault();
  };
}

export interface DigitCanvas {
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
