/**
 * The element as a form control, through ElementInternals: the value is the digit the drawing
 * confidently reads as (or the digit typed or set for it), for the drawing as it is now (any
 * change empties it until the next answer), and a `required` element is invalid without one,
 * with a message that says what to do about the last answer (draw bigger, more clearly, a digit
 * at all, or press Predict). A change the person caused fires `input` then `change`, as a native
 * control does, so framework bindings (`v-model`, Angular forms) work; setting `value` from code
 * fires neither. The drawing is saved as the form state, for back/forward restore.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MAX_DIGITS } from '../core/number-layout.ts';
import type { Prediction, Verdict } from '../core/prediction.ts';
import { parseStrokes, type Stroke } from '../core/strokes.ts';

/** What an answer said of a drawing: a verdict, the element's own too-small rule, or a number of fewer digits than `min-digits`. */
export type Reading = Verdict | 'too-small' | 'too-few-digits';

export interface FormValueOptions {
  /** The drawing: its strokes and its version (bumped on every change). */
  readonly drawing: { readonly strokes: readonly Stroke[]; readonly version: number };
  readonly required: () => boolean;
  /** The fewest digits an answer needs (`min-digits`, at most `digits`; 0: any). */
  readonly minDigits?: () => number;
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
  /** Disabled as the browser reports it: the element's own `disabled` or a disabled fieldset's. */
  #disabled = false;
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FormValueOptions) {
    this.internals = host.attachInternals();
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** True while the browser has the control disabled (its `disabled` attribute or an ancestor fieldset's). */
  get disabled(): boolean {
    return this.#disabled;
  }

  /** From `formDisabledCallback`: the browser already leaves a disabled control out of the form. */
  disabledChanged(disabled: boolean): void {
    this.#disabled = disabled;
    this.#host.requestUpdate();
  }

  /** The form value: "0".."9" (a number's digits in number mode), or "" (none yet, unsure, not a digit). */
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
  predicted(version: number, prediction: Pick<Prediction, 'confident' | 'verdict'> & { readonly value: string }, notify = true): void {
    if (version !== this.#options.drawing.version) return;
    // A confident number of too few digits is no answer either: the person has more to write.
    if (prediction.confident && prediction.value.length < (this.#options.minDigits?.() ?? 0)) this.#read(version, 'too-few-digits', null, notify);
    else this.#read(version, prediction.verdict, prediction.confident ? prediction.value : null, notify);
  }

  /** The drawing was refused as too small to read (core/drawing-size): no value, and the message asks for a bigger digit. */
  tooSmall(): void {
    this.#read(this.#options.drawing.version, 'too-small', null, true);
  }

  /** The answer was withdrawn (`value = ''`): no value, the drawing unread, no events. */
  withdrawn(): void {
    this.#reading = undefined;
    this.#setValue(null, false);
  }

  /**
   * The drawing changed: the value always describes the drawing as it is, so it empties until the
   * next answer (`notify`: the person changed it). The saved form state follows the drawing.
   */
  drawingChanged(notify = true): void {
    if (!this.#setValue(null, notify)) this.#save();
  }

  #read(version: number, reading: Reading, value: string | null, notify: boolean): void {
    this.#reading = { version, reading };
    this.#setValue(value, notify);
    this.#updateValidity();
  }

  /** True when the value changed. */
  #setValue(value: string | null, notify: boolean): boolean {
    if (this.#value === value) return false;
    this.#value = value;
    this.#save();
    if (notify) for (const type of ['input', 'change']) this.#host.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
    return true;
  }

  /** The value, and the drawing with it as the state the browser restores on back/forward. */
  #save(): void {
    this.internals.setFormValue(this.#value, JSON.stringify({ value: this.#value ?? '', strokes: this.#options.drawing.strokes }));
    this.#updateValidity();
  }

  #updateValidity(): void {
    const anchor = this.#options.anchor();
    // Fewer digits than min-digits: invalid whether or not required, as a too-short input is.
    if (anchor && this.#value === null && this.#current() === 'too-few-digits') {
      this.internals.setValidity({ tooShort: true }, 'Write the whole number.', anchor);
      return;
    }
    if (!this.#options.required() || this.#value !== null || !anchor) {
      this.internals.setValidity({});
      return;
    }
    this.internals.setValidity({ valueMissing: true }, this.#missingValueMessage(), anchor);
  }

  #missingValueMessage(): string {
    const { drawing } = this.#options;
    if (drawing.strokes.length === 0) return 'Draw a digit.';
    const reading = this.#current();
    if (reading === 'too-small') return 'Draw the digit bigger.';
    if (reading === 'not-a-digit') return 'Draw a digit.';
    if (reading === 'unsure') return 'Draw the digit more clearly.';
    return 'Press Predict to read the drawn digit.';
  }

  /** What the last answer said, if it is for the drawing as it is now. */
  #current(): Reading | undefined {
    return this.#reading?.version === this.#options.drawing.version ? this.#reading.reading : undefined;
  }
}

/**
 * The drawing and value a form state saved by `FormValueController` holds, or undefined for a
 * state of another shape (a browser's autocomplete suggestion, a state from an older version).
 */
export function readFormState(state: unknown): { strokes: Stroke[]; value: string } | undefined {
  if (typeof state !== 'string') return undefined;
  try {
    const { value, strokes } = JSON.parse(state) as { value?: unknown; strokes?: unknown };
    if (typeof value !== 'string' || !isFormValue(value)) return undefined;
    return { strokes: parseStrokes(strokes as Stroke[]), value };
  } catch {
    return undefined;
  }
}

/** What `value` can hold: "" or one digit, or up to `digits` digits in number mode. */
export function isFormValue(value: unknown, digits = MAX_DIGITS): value is string {
  return typeof value === 'string' && /^[0-9]*$/.test(value) && value.length <= digits;
}
