/**
 * `<digit-canvas>`: a drawing surface that turns a handwritten digit (or number) into 28×28 grids
 * and classifies them locally or through an endpoint. The class only; `digit-canvas-define.ts`
 * registers it. Thin: pointer input in PointerInkController, painting in SurfacePaintController,
 * undo in StrokeHistory, grids in drawing-grid and number-mode (which also reads numbers), checked
 * attributes in digit-canvas-settings, the keyboard in keyboard-shortcuts, the classifier in
 * ClassificationController and ModelPreloadController, the form value in FormValueController,
 * exports in drawing-export, the shadow DOM in digit-canvas-view, the result UI in result-view.
 */
import { nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { DEFAULT_MIN_CONFIDENCE } from '../core/prediction.ts';
import { DEFAULT_STROKE_WIDTH, MAX_POINTS, copyStrokes, parseStrokes, type Stroke } from '../core/strokes.ts';
import { abortedError, isAbortError, type ClassificationError } from '../inference/classification-error.ts';
import { DEFAULT_TIMEOUT_MS } from '../inference/remote-classifier.ts';
import { ClassificationController } from './classification-controller.ts';
import { CHECKED_SETTINGS, checkedSetting, classificationSettings, type CheckedKey } from './digit-canvas-settings.ts';
import { renderView } from './digit-canvas-view.ts';
import type { ExportOptions } from './drawing-export.ts';
import { DEFAULT_PREPROCESS, DrawingGridCache, gridModeReady, loadGridMode, type PreprocessMode } from './drawing-grid.ts';
import { digitCanvasEvent, type PredictionEventDetail, type StrokesChangeCause } from './events.ts';
import { FormControlElement } from './form-control-element.ts';
import { FormValueController } from './form-value-controller.ts';
import { inputRefusal } from './input-refusal.ts';
import { upgradeProperty } from './upgrade-property.ts';
import { onceUntilFailure } from '../model/promise-cache.ts';
import { KeyboardShortcutsController } from './keyboard-shortcuts.ts';
import { NumberMode } from './number-mode.ts';
import { ModelPreloadController, resolvedLoading } from './model-preload-controller.ts';
import { PointerInkController } from './pointer-ink-controller.ts';
import { ResultController } from './result-view.ts';
import { StrokeHistory } from './stroke-history.ts';
import { SurfacePaintController } from './surface-paint-controller.ts';
import { digitCanvasStyles } from './styles.ts';

const DEFAULT_LABEL = 'Draw a digit from 0 to 9';
const CLASSIFIER_SETTINGS = ['endpoint', 'modelUrl', 'backend', 'timeout', 'fallback'] as const; // a change swaps the classifier

/**
 * A canvas to draw a digit on with mouse, touch or pen, reduced to a 28×28 grid and classified
 * locally (the bundled TensorFlow.js model) or through a `/predict` endpoint.
 *
 * @summary Draw a digit; the element tells which digit it is.
 *
 * @fires stroke - A stroke was finished. detail: `{ strokes: number }`, the strokes now drawn.
 * @fires clear - The drawing was cleared (Clear button, Escape, or `clear()`). detail: `{}`.
 * @fires strokes-change - The drawing changed for any reason. detail: `{ strokes: number, cause: 'stroke' | 'undo' | 'redo' | 'clear' | 'set' }`.
 * @fires prediction - A classification finished. detail: `{ digit, confidence, confident, verdict: 'digit' | 'unsure' | 'not-a-digit', notDigit, probabilities, source, backend?, latencyMs, fallback?, value, digits }` (`value` the digits read; `digits` one entry per digit, with its `box`).
 * @fires prediction-error - A classification failed. detail: `{ error: ClassificationError, stage: 'model' | 'network' | 'response' | 'input' }`; the error keeps the developer detail, the result area shows plain words.
 * @fires input - `value` changed through a prediction, a typed digit, a change to the drawing, a clear or a form reset (a plain `Event`, as `<input>` fires; not for setting `value`).
 * @fires change - Right after each `input`: the value is committed at once.
 *
 * @csspart canvas - The drawing surface (a `<canvas>`, role `img`, focusable).
 * @csspart clear-button - The built-in Clear button (disabled while the element is disabled or read-only).
 * @csspart predict-button - The built-in Predict button (`aria-busy` while the model loads or a prediction runs).
 * @csspart result - The polite live region with the answer (digit and confidence, "Not sure: …", "That doesn't look like a digit", or the error).
 * @csspart chart - The ten-bar probability chart.
 * @csspart preview - The 28×28 grid the model read, as a small image (in number mode every digit's, side by side).
 * @csspart digits - Number mode: the strip of each digit read and its confidence.
 * @csspart digit-boxes - Number mode: the faint boxes over the surface showing how the last reading split the writing into digits (until the drawing changes).
 *
 * @cssprop [--digit-canvas-ink=light-dark(#111, #eee)] - Ink colour (follows the page's `color-scheme`).
 * @cssprop [--digit-canvas-paper=light-dark(#fff, #1e1e1e)] - Paper colour (the canvas background; ink pixels stay transparent elsewhere).
 * @cssprop [--digit-canvas-border=light-dark(#8a8a8a, #9aa0a6)] - Outline of the drawing surface.
 * @cssprop [--digit-canvas-radius=4px] - Corner radius of the drawing surface.
 * @cssprop [--digit-canvas-focus-ring=light-dark(#1a73e8, #8ab4f8)] - Focus ring colour of the surface and buttons.
 * @cssprop [--digit-canvas-bar=light-dark(#9aa0a6, #80868b)] - Bars of the probability chart.
 * @cssprop [--digit-canvas-bar-top=light-dark(#1a73e8, #8ab4f8)] - The predicted digit's bar.
 * @cssprop [--digit-canvas-error=light-dark(#b00020, #ff8a80)] - Error messages in the result area.
 * @cssprop [--digit-canvas-digit-box=light-dark(rgb(26 115 232 / 0.45), rgb(138 180 248 / 0.5))] - Number mode: the dashed outline of each digit's box after a prediction.
 */
export class DigitCanvas extends FormControlElement {
  static override styles = digitCanvasStyles;

  /** Accessible name of the drawing surface. */
  @property() label = DEFAULT_LABEL;

  /** Pen width in canvas pixels for strokes drawn from now on; anything but a positive number is 16, with a warning. */
  @property({ type: Number, attribute: 'stroke-width' }) strokeWidth: number = DEFAULT_STROKE_WIDTH;

  /** How `getGrid()` reduces the drawing: `vector` (default), `mnist` or `grid` (README, Preprocessing); unknown values are `vector`, with a warning. */
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

  /** When the local model downloads: `lazy` (pointer enters, focus, touch), `visible` (also once in view and idle), `eager` (after first paint), `auto` (eager with auto-predict, else lazy). */
  @property() loading: string = 'auto';

  /** Hides the built-in result UI (answer, chart, preview) for pages that show their own. */
  @property({ type: Boolean, reflect: true, attribute: 'no-result' }) noResult = false;

  /** The drawing surface, once rendered (the first canvas; the preview comes after it). */
  private get surface(): HTMLCanvasElement | undefined {
    return this.renderRoot?.querySelector('canvas') ?? undefined;
  }

  readonly #history = new StrokeHistory();
  readonly #number: NumberMode = new NumberMode(() => checkedSetting(this, 'digits'));
  readonly #ink: PointerInkController = new PointerInkController(this, {
    surface: () => this.surface,
    size: () => this.#number.size,
    strokeWidth: () => checkedSetting(this, 'strokeWidth'),
    pointBudget: () => (this.isEditable ? MAX_POINTS - this.#history.strokes.reduce((sum, stroke) => sum + stroke.points.length, 0) : 0),
    onStrokeChange: () => (this.#result.drawingChanged(), this.#paint.schedule()),
    onStrokeEnd: (stroke) => this.#finishStroke(stroke),
  });
  readonly #paint = new SurfacePaintController(this, {
    canvas: () => this.surface,
    size: () => this.#number.size,
    strokes: () => (this.#ink.activeStroke ? [...this.#history.strokes, this.#ink.activeStroke] : this.#history.strokes),
    version: () => this.#history.version,
  });
  readonly #classification = new ClassificationController(this, () => classificationSettings(this));
  readonly #preload: ModelPreloadController = new ModelPreloadController(this, this.#classification, () => resolvedLoading(checkedSetting(this, 'loading'), this.autoPredict));
  protected readonly formValue: FormValueController = new FormValueController(this, {
    drawing: this.#history,
    required: () => this.required,
    minDigits: (): number => Math.min(checkedSetting(this, 'minDigits'), checkedSetting(this, 'digits')),
    anchor: () => this.surface,
  });
  readonly #grid = new DrawingGridCache();
  /** Downloaded on first use: few pages export, and every page would carry it. */
  readonly #export = onceUntilFailure(async () => {
    const { DrawingExporter } = await import('./drawing-export.ts');
    return new DrawingExporter(() => this.#history.strokes, () => this.surface, () => this.#number.size);
  });
  /** What the result area shows: the last prediction with its grid, or the last error. */
  readonly #result = new ResultController(this);

  constructor() {
    super();
    // It registers itself with the element and needs nothing more from it.
    new KeyboardShortcutsController(this, {
      surface: () => this.surface,
      editable: () => this.isEditable,
      run: (command) => this[command](),
      enter: (digit) => this.answer(this.#number.type(digit, this.#history.version), true),
    });
  }

  /** The surface's logical width in canvas pixels (the space of `strokes`): 308, and 154 more per digit after the first. */
  get canvasWidth(): number {
    return this.#number.size.width;
  }
  /** The surface's logical height in canvas pixels: 308. */
  get canvasHeight(): number {
    return this.#number.size.height;
  }

  /** The drawing as plain JSON data: `[{ width, points: [{ x, y, t, pressure }] }]`, a copy. */
  get strokes(): Stroke[] {
    return copyStrokes(this.#history.strokes);
  }

  /** Replaces the drawing (an array as `strokes` returns, or its JSON text); a wrong shape throws a `StrokesFormatError` naming the path, the drawing kept. */
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

  /** Empties the drawing and the redo stack (Escape, Clear button), cancels a prediction in flight, empties the result and the value; fires `clear`. */
  clear(): void {
    this.#ink.abort();
    this.#classification.abort();
    this.#result.show(undefined);
    this.#history.clear();
    this.#changed('clear');
    this.dispatchEvent(digitCanvasEvent('clear', {}));
  }

  /**
   * Classifies the drawing (by `preprocess`; in number mode each digit group, as one batch) locally
   * or through `endpoint`. Resolves with the prediction and fires `prediction`; a failure fires
   * `prediction-error` and rejects with that ClassificationError (`input`: empty, `too-small`,
   * `too-many-digits`). The drawing is never touched. A newer call or `clear()` supersedes one in
   * flight: it rejects with code `aborted` and fires nothing, so events describe the latest request.
   */
  async predict(): Promise<PredictionEventDetail> {
    this.#preload.engage();
    const version = this.#history.version;
    const mode = checkedSetting(this, 'preprocess');
    if (!gridModeReady(mode)) await this.#gridModeLoaded(mode, version);
    const grid = this.getGrid();
    const reading = this.#number.prepare(this.#history.strokes, grid, () => this.#history.version === version);
    const refusal = inputRefusal(this.isDisabled, grid, this.#history.strokes, this.#number.size);
    if (refusal?.code === 'too-small') this.formValue.tooSmall();
    if (refusal) this.#refuse(refusal);
    let prediction: PredictionEventDetail;
    try {
      prediction = await reading.classify(this.#classification);
    } catch (error) {
      const failure = error as ClassificationError;
      if (!isAbortError(failure)) this.#fail(failure);
      throw failure;
    }
    this.#result.show({ kind: 'prediction', prediction, grids: reading.grids });
    this.formValue.predicted(version, prediction);
    this.dispatchEvent(digitCanvasEvent('prediction', prediction));
    return prediction;
  }

  /** The drawing as an image, PNG unless `type` names another: ink on transparent (`{ paper: true }`: on the paper colour), the whole canvas or `{ trim: true }` (or a margin) cropped to the ink. */
  async toBlob(type?: string, options?: ExportOptions): Promise<Blob> {
    return (await this.#export()).blob(type, options);
  }

  /** As `toBlob`, as a `data:` URL. */
  async toDataURL(type?: string, options?: ExportOptions): Promise<string> {
    return (await this.#export()).dataUrl(type, options);
  }

  /** The drawing as an SVG document (one path per stroke), with `toBlob`'s `paper` and `trim` options. */
  async toSVG(options?: ExportOptions): Promise<string> {
    return (await this.#export()).svg(options);
  }

  /** The drawing reduced to 28×28 (784 values in 0..1, row-major) by `preprocess`, from the kept strokes (so not by screen density, CSS size or colours); a fresh array. A pixel mode's code downloads on first use: until `updateComplete` resolves after setting one, this throws. */
  getGrid(): Float32Array {
    return this.#grid.grid(this.#history.strokes, this.#history.version, checkedSetting(this, 'preprocess'), this.#number.size);
  }

  /** The grids number mode classifies, one per digit group left to right (`vector`; the segmentation downloads on first use). */
  getGrids(): Promise<Float32Array[]> {
    return this.#number.grids(this.#history.strokes);
  }

  override connectedCallback(): void {
    upgradeProperty(this, 'strokes'); // before `value` (the form control's), which describes the drawing
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
    if (changed.has('loading') || changed.has('autoPredict')) this.#preload.policyChanged();
    if (changed.has('digits')) this.#number.sizeHost(this.renderRoot);
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // In the browser only (not under SSR): a pixel mode's code, so getGrid() can answer soon.
    if (changed.has('preprocess')) loadGridMode(checkedSetting(this, 'preprocess')).catch(ignoreFailure);
  }

  /** Also waits for the code of a pixel `preprocess` mode, so `await element.updateComplete; element.getGrid()` works. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await loadGridMode(checkedSetting(this, 'preprocess')).catch(ignoreFailure);
    return result;
  }

  protected override render() {
    const loading = this.#classification.modelState === 'loading';
    return renderView({
      label: this.label || DEFAULT_LABEL,
      loading,
      busy: loading || this.#classification.busy,
      disabled: this.isDisabled,
      readOnly: this.readOnly,
      size: this.#number.size,
      outcome: this.#result.outcome,
      boxes: checkedSetting(this, 'digits') > 1 ? this.#number.boxes(this.#result.boxes) : nothing,
      strip: (prediction, weakest) => this.#number.strip(prediction, weakest),
      onClear: () => this.clear(),
      // The outcome is shown in the result area and fired as an event; nothing more to do here.
      onPredict: () => void this.predict().catch(ignoreFailure),
    });
  }

  #finishStroke(stroke: Stroke): void {
    this.#history.push(stroke);
    this.#changed('stroke');
    this.dispatchEvent(digitCanvasEvent('stroke', { strokes: this.#history.length }));
  }

  /** The drawing changed (`notify`: say so with events, and auto-predict). */
  #changed(cause: StrokesChangeCause, notify = true): void {
    this.#result.drawingChanged();
    this.#paint.paint();
    this.formValue.drawingChanged(notify);
    if (!notify) return;
    this.dispatchEvent(digitCanvasEvent('strokes-change', { strokes: this.#history.length, cause }));
    if (this.autoPredict && cause !== 'clear' && !this.isDisabled) {
      if (this.#history.length > 0) this.predict().catch(ignoreFailure);
      else this.withdraw();
    }
  }

  /** Digits typed (`notify`: a `prediction` event and `input`/`change`) or set through `value`: the answer for the drawing as it is. */
  protected answer(value: string, notify: boolean): void {
    this.#classification.abort();
    const prediction = this.#number.entered(value);
    this.#result.show({ kind: 'prediction', prediction, grids: [] });
    this.formValue.predicted(this.#history.version, prediction, notify);
    if (notify) this.dispatchEvent(digitCanvasEvent('prediction', prediction));
  }

  protected withdraw(): void {
    this.#classification.abort();
    this.#result.show(undefined);
    this.formValue.withdrawn();
  }

  protected restore(strokes: Stroke[]): void {
    this.#history.replace(strokes);
    this.#changed('set', false);
  }

  protected stop(predictions: boolean): void {
    this.#ink.abort();
    if (predictions) this.#classification.abort();
  }

  /** A pixel mode's first predict() waits for its code (a failure is reported); a drawing changed meanwhile supersedes it. */
  async #gridModeLoaded(mode: PreprocessMode, version: number): Promise<void> {
    await loadGridMode(mode).catch((error: ClassificationError) => this.#refuse(error));
    if (this.#history.version !== version) throw abortedError();
  }

  /** Supersedes any request in flight, then reports and throws the refusal. */
  #refuse(error: ClassificationError): never {
    this.#classification.abort();
    this.#fail(error);
    throw error;
  }

  /** The person sees plain words (result-view); the event and, for faults beyond the drawing, the console keep the detail. */
  #fail(error: ClassificationError): void {
    this.#result.show({ kind: 'error', error });
    if (error.stage !== 'input') console.error('<digit-canvas>: prediction failed:', error);
    this.dispatchEvent(digitCanvasEvent('prediction-error', { error, stage: error.stage }));
  }
}

/** Failures are shown in the result area and fired as `prediction-error`; callers that only trigger need nothing more. */
function ignoreFailure(): void {}
