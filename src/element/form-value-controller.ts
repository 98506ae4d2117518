/**
 * The element as a form control, through ElementInternals: the value is the digit the drawing
 * confidently reads as, for the drawing as it is now (any change empties it until the next
 * answer), and a `required` element is invalid without one, with a message that says what to do
 * about the last answer (draw bigger, more clearly, a digit at all, or press Predict).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Prediction, Verdict } from '../core/prediction.ts';

/** What an answer said of a drawing: a verdict, or the element's own too-small rule. */
export type Reading = Verdict | 'too-small';

export interface FormValueOptions {
  /** The drawing: its stroke count and its version (bumped on every change). */
  readonly drawing: { readonly length: number; readonly version: number };
  readonly required: () => boolean;
  /** Where the browser points at an invalid field: the drawing surface, once rendered. */
  readonly anchor: () => HTMLElement | undefined;
}

export class FormValueController implements ReactiveController {
  readonly internals: ElementInternals;
  readonly #options: FormValueOptions;
  /** The last confidently read digit for the drawing as it is now. */
  #value: string | null = null;
  /** What the last answer said of the drawing version it was for, so the message can say why there is no value. */
  #reading: { version: number; reading: Reading } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FormValueOptions) {
    this.internals = host.attachInternals();
    this.#options = options;
    host.addController(this);
  }

  /** The form value: "0".."9", or "" (none yet, unsure, not a digit). */
  get value(): string {
    return this.#value ?? '';
  }

  /** `required` or the surface may have changed with the render. */
  hostUpdated(): void {
    this.#updateValidity();
  }

  /**
   * The answer for drawing `version`. A drawing changed while its prediction was on the way has no
   * answer yet; and only a confident digit is an answer: an unsure read or a non-digit must not
   * fill a required field.
   */
  predicted(version: number, prediction: Pick<Prediction, 'digit' | 'confident' | 'verdict'>): void {
    if (version === this.#options.drawing.version) this.#read(version, prediction.verdict, prediction.confident ? String(prediction.digit) : null);
  }

  /** The drawing was refused as too small to read (core/drawing-size): no value, and the message asks for a bigger digit. */
  tooSmall(): void {
    this.#read(this.#options.drawing.version, 'too-small', null);
  }

  /** The drawing changed: the value always describes the drawing as it is, so it empties until the next answer. */
  drawingChanged(): void {
    this.#setValue(null);
    this.#updateValidity();
  }

  #read(version: number, reading: Reading, value: string | null): void {
    this.#reading = { version, reading };
    this.#setValue(value);
    this.#updateValidity();
  }

  #setValue(value: string | null): void {
    if (this.#value === value) return;
    this.#value = value;
    this.internals.setFormValue(value);
    this.#updateValidity();
  }

  #updateValidity(): void {
    const anchor = this.#options.anchor();
    if (!this.#options.required() || this.#value !== null || !anchor) {
      this.internals.setValidity({});
      return;
    }
    this.internals.setValidity({ valueMissing: true }, this.#missingValueMessage(), anchor);
  }

  #missingValueMessage(): string {
    const { drawing } = this.#options;
    if (drawing.length === 0) return 'Draw a digit.';
    const reading = this.#reading?.version === drawing.version ? this.#reading.reading : undefined;
    if (reading === 'too-small') return 'Draw the digit bigger.';
    if (reading === 'not-a-digit') return 'Draw a digit.';
    if (reading === 'unsure') return 'Draw the digit more clearly.';
    return 'Press Predict to read the drawn digit.';
  }
}
