/**
 * `<digit-canvas>`: a drawing surface that turns a handwritten digit into the 28×28 grid the model
 * reads, and classifies it locally or through an endpoint. The class only;
 * `digit-canvas-define.ts` registers it and types its listeners. The element is thin: pointer
 * input lives in PointerInkController, painting the surface in SurfacePaintController, the undo
 * model in StrokeHistory, the grid by preprocess mode in drawing-grid, the checked attributes in
 * digit-canvas-settings, the shortcuts in keyboard-shortcuts, the classifier's lifecycle in
 * ClassificationController and when it loads in ModelPreloadController, the form value and
 * validity in FormValueController and the result UI in result-view.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isTooSmallToRead } from '../core/drawing-size.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../core/prediction.ts';
import { isBlankGrid } from '../core/preprocess.ts';
import { CANVAS_SIZE, DEFAULT_STROKE_WIDTH, MAX_POINTS, copyStrokes, parseStrokes, type Stroke } from '../core/strokes.ts';
import { ClassificationError, isAbortError } from '../inference/classification-error.ts';
import { DEFAULT_TIMEOUT_MS } from '../inference/remote-classifier.ts';
import { ClassificationController } from './classification-controller.ts';
import { CHECKED_SETTINGS, checkedSetting, classificationSettings, type CheckedKey } from './digit-canvas-settings.ts';
import { DEFAULT_PREPROCESS, DrawingGridCache } from './drawing-grid.ts';
import { digitCanvasEvent, type PredictionEventDetail, type StrokesChangeCause } from './events.ts';
import { FormValueController } from './form-value-controller.ts';
import { KeyboardShortcutsController } from './keyboard-shortcuts.ts';
import { ModelPreloadController } from './model-preload-controller.ts';
import { PointerInkController } from './pointer-ink-controller.ts';
import { paintPreview, renderChart, renderPreview, renderSummary, type Outcome } from './result-view.ts';
import { StrokeHistory } from './stroke-history.ts';
import { SurfacePaintController } from './surface-paint-controller.ts';
import { digitCanvasStyles } from './styles.ts';

const DEFAULT_LABEL = 'Draw a digit from 0 to 9';
const EMPTY_MESSAGE = 'Nothing to classify: the canvas is empty. Draw a digit first.';
/** The `input` error for ink smaller than a digit (core/drawing-size): the person can fix it. */
const TOO_SMALL_MESSAGE = 'Too small to read — draw the digit bigger.';
/** Settings that pick the classifier: a change swaps it. */
const CLASSIFIER_SETTINGS = ['endpoint', 'modelUrl', 'backend', 'timeout', 'fallback'] as const;

/**
 * A canvas to draw a digit on with mouse, touch or pen, reduced to a 28×28 grid and classified
 * locally (the bundled TensorFlow.js model) or through a `/predict` endpoint.
 *
 * @summary Draw a digit; the element tells which digit it is.
 *
 * @fires stroke - A stroke was finished. detail: `{ strokes: number }`, the strokes now drawn.
 * @fires clear - The drawing was cleared (Clear button, Escape, or `clear()`). detail: `{}`.
 * @fires strokes-change - The drawing changed for any reason. detail: `{ strokes: number, cause: 'stroke' | 'undo' | 'redo' | 'clear' | 'set' }`.
 * @fires prediction - A classification finished. detail: `{ digit, confidence, confident, verdict: 'digit' | 'unsure' | 'not-a-digit', notDigit, probabilities, source, backend?, latencyMs, fallback? }`.
 * @fires prediction-error - A classification failed. detail: `{ error: ClassificationError, stage: 'model' | 'network' | 'response' | 'input' }`.
 *
 * @csspart canvas - The drawing surface (a `<canvas>`, role `img`, focusable).
 * @csspart clear-button - The built-in Clear button.
 * @csspart predict-button - The built-in Predict button (`aria-busy` while the model loads or a prediction runs).
 * @csspart result - The polite live region with the answer (digit and confidence, "Not sure: …", "That doesn't look like a digit", or the error).
 * @csspart chart - The ten-bar probability chart.
 * @csspart preview - The 28×28 grid the model read, as a small image.
 *
 * @cssprop [--digit-canvas-ink=#111] - Ink colour.
 * @cssprop [--digit-canvas-paper=#fff] - Paper colour (the canvas background; ink pixels stay transparent elsewhere).
 * @cssprop [--digit-canvas-border=#8a8a8a] - Outline of the drawing surface.
 * @cssprop [--digit-canvas-radius=4px] - Corner radius of the drawing surface.
 * @cssprop [--digit-canvas-focus-ring=#1a73e8] - Focus ring colour of the surface and buttons.
 * @cssprop [--digit-canvas-bar=#9aa0a6] - Bars of the probability chart.
 * @cssprop [--digit-canvas-bar-top=#1a73e8] - The predicted digit's bar.
 * @cssprop [--digit-canvas-error=#b00020] - Error messages in the result area.
 */
export class DigitCanvas extends LitElement {
  static override styles = digitCanvasStyles;
  /** Takes part in forms: the value is the confidently predicted digit. */
  static formAssociated = true;

  /** Accessible name of the drawing surface. */
  @property() label = DEFAULT_LABEL;

  /**
   * Pen width in canvas pixels (of 308) for strokes drawn from now on. Anything but a positive
   * number falls back to 16 with a console warning.
   */
  @property({ type: Number, attribute: 'stroke-width' }) strokeWidth: number = DEFAULT_STROKE_WIDTH;

  /**
   * How `getGrid()` reduces the drawing: `vector` (the default: the strokes re-drawn into 20×20
   * with MNIST's pen width, centred by mass), `mnist` (the pixels cropped, fitted into 20×20,
   * centred by mass) or `grid` (max-pool 11×11 blocks, the original algorithm). Unknown values
   * fall back to `vector` with a console warning.
   */
  @property() preprocess: string = DEFAULT_PREPROCESS;

  /** URL of a `/predict` endpoint. Set: classify remotely. Unset or empty: classify locally. */
  @property() endpoint: string | undefined;

  /** URL of a TF.js layers `model.json` for local classification. Unset: the bundled model. */
  @property({ attribute: 'model-url' }) modelUrl: string | undefined;

  /** Local backend: `auto` (fastest that works here), `wasm`, `webgl` or `cpu` (tried first, the others as fallbacks). */
  @property() backend: string = 'auto';

  /** Classify after every change to the drawing (a finished stroke, undo, redo, setting `strokes`). */
  @property({ type: Boolean, attribute: 'auto-predict' }) autoPredict = false;

  /** Endpoint timeout in milliseconds. */
  @property({ type: Number }) timeout: number = DEFAULT_TIMEOUT_MS;

  /** `local`: when the endpoint cannot answer (network error or 5xx), classify locally instead. `none`: report the error. */
  @property() fallback: string = 'none';

  /** Below this confidence (0..1) a digit is reported as unsure (`confident: false`), and the form takes no value. */
  @property({ type: Number, attribute: 'min-confidence' }) minConfidence: number = DEFAULT_MIN_CONFIDENCE;

  /** Form field name; the submitted value is the confidently predicted digit. */
  @property({ reflect: true }) name: string | undefined;

  /** In a form: invalid until the drawing reads confidently as a digit. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Hides the built-in result UI (answer, chart, preview) for pages that show their own. */
  @property({ type: Boolean, reflect: true, attribute: 'no-result' }) noResult = false;

  /** What the result area shows: the last prediction with its grid, or the last error. */
  @state() private outcome: Outcome | undefined;

  /** The drawing surface, once rendered (the first canvas; the preview comes after it). */
  private get surface(): HTMLCanvasElement | undefined {
    return this.renderRoot?.querySelector('canvas') ?? undefined;
  }

  readonly #history = new StrokeHistory();
  readonly #ink: PointerInkController = new PointerInkController(this, {
    surface: () => this.surface,
    strokeWidth: () => checkedSetting(this, 'strokeWidth'),
    pointBudget: () => MAX_POINTS - this.#history.strokes.reduce((sum, stroke) => sum + stroke.points.length, 0),
    onStrokeChange: () => this.#paint.schedule(),
    onStrokeEnd: (stroke) => this.#finishStroke(stroke),
  });
  readonly #paint = new SurfacePaintController(this, {
    canvas: () => this.surface,
    strokes: () => (this.#ink.activeStroke ? [...this.#history.strokes, this.#ink.activeStroke] : this.#history.strokes),
    version: () => this.#history.version,
  });
  readonly #classification = new ClassificationController(this, () => classificationSettings(this));
  readonly #preload = new ModelPreloadController(this, this.#classification, () => this.autoPredict);
  readonly #form = new FormValueController(this, {
    drawing: this.#history,
    required: () => this.required,
    anchor: () => this.surface,
  });
  readonly #grid = new DrawingGridCache();

  constructor() {
    super();
    // It registers itself with the element and needs nothing more from it.
    new KeyboardShortcutsController(this);
  }

  /** The drawing as plain JSON data: `[{ width, points: [{ x, y, t, pressure }] }]`, a copy. */
  get strokes(): Stroke[] {
    return copyStrokes(this.#history.strokes);
  }

  /**
   * Replaces the drawing (an array as `strokes` returns, or its JSON text). A value of the wrong
   * shape throws a `StrokesFormatError` naming the bad path, and the drawing stays as it was.
   */
  set strokes(value: readonly Stroke[] | string) {
    const strokes = parseStrokes(value, checkedSetting(this, 'strokeWidth'));
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

  /**
   * Empties the drawing and the redo stack (Escape, Clear button), cancels a prediction in
   * flight, empties the result and the form value, and fires `clear`.
   */
  clear(): void {
    this.#ink.abort();
    this.#classification.abort();
    this.outcome = undefined;
    this.#history.clear();
    this.#changed('clear');
    this.dispatchEvent(digitCanvasEvent('clear', {}));
  }

  /**
   * Classifies the drawing (reduced by `preprocess`) locally, or through `endpoint` when set.
   * Resolves with the prediction and fires `prediction`; on failure fires `prediction-error` and
   * rejects with the same ClassificationError (`stage` `input` for an empty canvas, and with
   * code `too-small` for ink too small to be a digit, such as a tap). The drawing is never
   * touched. A newer call (or `clear()`) supersedes one in flight: the older promise rejects with
   * a ClassificationError of code `aborted` and fires no event, so events always come in order
   * and describe the latest request.
   */
  async predict(): Promise<PredictionEventDetail> {
    this.#preload.engage();
    const grid = this.getGrid();
    if (isBlankGrid(grid)) this.#refuse(new ClassificationError('input', EMPTY_MESSAGE, { code: 'invalid-grid' }));
    const version = this.#history.version;
    // Checked on the strokes: the grid is scaled to fit, so a tap would read as a confident digit.
    if (isTooSmallToRead(this.#history.strokes)) {
      this.#form.tooSmall();
      this.#refuse(new ClassificationError('input', TOO_SMALL_MESSAGE, { code: 'too-small' }));
    }
    let prediction: PredictionEventDetail;
    try {
      prediction = await this.#classification.classify(grid);
    } catch (error) {
      const failure = error as ClassificationError;
      if (!isAbortError(failure)) this.#fail(failure);
      throw failure;
    }
    this.outcome = { kind: 'prediction', prediction, grid };
    this.#form.predicted(version, prediction);
    this.dispatchEvent(digitCanvasEvent('prediction', prediction));
    return prediction;
  }

  /** The form value: the confidently predicted digit ("0".."9") for the current drawing, or "" (none yet, unsure, not a digit). */
  get value(): string {
    return this.#form.value;
  }

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#form.internals.form;
  }

  get validity(): ValidityState {
    return this.#form.internals.validity;
  }

  get validationMessage(): string {
    return this.#form.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.#form.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.#form.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#form.internals.reportValidity();
  }

  /** A form reset empties the drawing. */
  formResetCallback(): void {
    this.clear();
  }

  /**
   * The drawing reduced to 28×28 (784 values in 0..1, row-major) with the `preprocess` mode. It is
   * computed from the kept strokes rendered at 308×308, so it does not depend on the screen's
   * pixel density, the element's CSS size or the colours. A fresh array each call.
   */
  getGrid(): Float32Array {
    return this.#grid.grid(this.#history.strokes, this.#history.version, checkedSetting(this, 'preprocess'));
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
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const key of Object.keys(CHECKED_SETTINGS) as CheckedKey[]) if (changed.has(key)) checkedSetting(this, key, true);
    // A new classifier for new settings (the old one is let go of, its request cancelled; a
    // predict() called since the change already runs on the new one and goes on).
    if (this.hasUpdated && CLASSIFIER_SETTINGS.some((key) => changed.has(key))) {
      this.#classification.settingsChanged();
      this.#preload.classifierSwapped();
    }
    if (changed.has('autoPredict') && this.autoPredict && this.hasUpdated) this.#preload.afterPaint();
  }

  protected override firstUpdated(): void {
    // auto-predict loads the model at once, but after the first paint so the page shows first.
    if (this.autoPredict) this.#preload.afterPaint();
  }

  protected override render() {
    const loading = this.#classification.modelState === 'loading';
    const busy = loading || this.#classification.busy;
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
        <button
          type="button"
          part="predict-button"
          aria-busy=${busy ? 'true' : 'false'}
          @click=${this.#onPredictClick}
        >
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${loading ? 'Loading model…' : 'Predict'}
        </button>
      </div>
      <div class="outcome">
        <div part="result" class="result" role="status" aria-live="polite">${renderSummary(this.outcome)}</div>
        <div class="details">${renderChart(this.outcome)}${renderPreview(this.outcome)}</div>
      </div>
    `;
  }

  protected override updated(): void {
    const preview = this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part="preview"]');
    if (preview && this.outcome?.kind === 'prediction') paintPreview(preview, this.outcome.grid);
  }

  #finishStroke(stroke: Stroke): void {
    this.#history.push(stroke);
    this.#changed('stroke');
    this.dispatchEvent(digitCanvasEvent('stroke', { strokes: this.#history.length }));
  }

  #changed(cause: StrokesChangeCause): void {
    this.#paint.paint();
    this.#form.drawingChanged();
    this.dispatchEvent(digitCanvasEvent('strokes-change', { strokes: this.#history.length, cause }));
    if (this.autoPredict && cause !== 'clear') {
      if (this.#history.length > 0) this.predict().catch(ignoreFailure);
      else {
        this.#classification.abort();
        this.outcome = undefined;
      }
    }
  }

  readonly #onPredictClick = (): void => {
    // The outcome is shown in the result area and fired as an event; nothing more to do here.
    this.predict().catch(ignoreFailure);
  };

  /** A drawing that cannot be classified: any request in flight is superseded, and the failure reported and thrown. */
  #refuse(error: ClassificationError): never {
    this.#classification.abort();
    this.#fail(error);
    throw error;
  }

  #fail(error: ClassificationError): void {
    this.outcome = { kind: 'error', error };
    this.dispatchEvent(digitCanvasEvent('prediction-error', { error, stage: error.stage }));
  }
}

/** Failures are shown in the result area and fired as `prediction-error`; callers that only trigger need nothing more. */
function ignoreFailure(): void {}
