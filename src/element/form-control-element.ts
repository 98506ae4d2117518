/**
 * What makes `<digit-canvas>` a form control, kept out of the drawing element: form association
 * (the value, validity and saved state live in FormValueController), the form attributes
 * (`name`, `required`, `disabled`, `readonly`), the standard form-control properties and methods,
 * a `value` that framework bindings can write (one digit, or up to `digits` digits in number
 * mode, which is why `digits` is declared here), and the callbacks the browser makes (reset,
 * disabled by a fieldset, state restore). The element says what each means for the drawing.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { describe } from '../core/describe-value.ts';
import type { Stroke } from '../core/strokes.ts';
import { checkedSetting } from './digit-canvas-settings.ts';
import { upgradeProperty } from './upgrade-property.ts';
import { isFormValue, readFormState, type FormValueController } from './form-value-controller.ts';

export abstract class FormControlElement extends LitElement {
  /** Takes part in forms: the value is the confidently predicted (or typed) digit. */
  static formAssociated = true;

  /** Form field name; the submitted value is the confidently predicted (or typed) digit. */
  @property({ reflect: true }) name: string | undefined;

  /**
   * How many digits the person may write, left to right in one row (1..16; 1, the default: one
   * digit, exactly as always). More widen the surface (`canvasWidth`) and make it number mode.
   */
  @property({ type: Number }) digits = 1;

  /**
   * Number mode: the fewest digits that make an answer (0..`digits`; 0, the default: any). A reading
   * of fewer leaves the value `""` and the control invalid (`tooShort`: "Write the whole number.").
   */
  @property({ type: Number, attribute: 'min-digits' }) minDigits = 0;

  /** In a form: invalid until the drawing reads confidently as a digit (or one is typed). */
  @property({ type: Boolean, reflect: true }) required = false;

  /** No drawing, typing, buttons or predictions, and no value in the form; a disabled `<fieldset>` around it does the same. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Shows the drawing (say, set through `strokes`) and its result, but takes no new ink, typed digit, undo or Clear. */
  @property({ type: Boolean, reflect: true, attribute: 'readonly' }) readOnly = false;

  protected abstract readonly formValue: FormValueController;
  /** Records digits as the answer for the drawing as it is (`notify`: as typed, with events). */
  protected abstract answer(value: string, notify: boolean): void;
  /** Withdraws the answer and its result, keeping the drawing. */
  protected abstract withdraw(): void;
  /** Puts a restored drawing back, without events. */
  protected abstract restore(strokes: Stroke[]): void;
  /** Ends the stroke in progress and, with `predictions`, any prediction in flight. */
  protected abstract stop(predictions: boolean): void;
  abstract clear(): void;

  /** Disabled by its own attribute or, as the browser reports it, a disabled fieldset. */
  protected get isDisabled(): boolean {
    return this.disabled || this.formValue.disabled;
  }

  /** The person may change the drawing and the answer. */
  protected get isEditable(): boolean {
    return !this.isDisabled && !this.readOnly;
  }

  /** The form value: the confidently predicted or typed digit ("0".."9"; in number mode the number) for the current drawing, or "" (none yet, unsure, not a digit). */
  get value(): string {
    return this.formValue.value;
  }

  /**
   * Sets the answer, as frameworks' bindings do: a digit ("0".."9"; in number mode up to `digits`
   * digits) is recorded as typed (shown, and the form value), `""` withdraws the answer and keeps
   * the drawing (`clear()` empties it), the current value changes nothing. No events, as for a
   * native control's `value`. Anything else throws a TypeError naming it, and nothing changes.
   */
  set value(value: string) {
    const digits = checkedSetting(this, 'digits');
    if (!isFormValue(value, digits)) {
      const allowed = digits === 1 ? 'one digit "0".."9"' : `up to ${digits} digits`;
      throw new TypeError(`<digit-canvas>: value must be "" or ${allowed}, got ${describe(value)}`);
    }
    if (value === this.formValue.value) return;
    if (value) this.answer(value, false);
    else this.withdraw();
  }

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.formValue.internals.form;
  }

  get validity(): ValidityState {
    return this.formValue.internals.validity;
  }

  get validationMessage(): string {
    return this.formValue.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.formValue.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.formValue.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.formValue.internals.reportValidity();
  }

  /** A form reset empties the drawing. */
  formResetCallback(): void {
    this.clear();
  }

  /** A disabled fieldset around the element (or its own `disabled`) stops input and any prediction in flight. */
  formDisabledCallback(disabled: boolean): void {
    this.formValue.disabledChanged(disabled);
    if (disabled) this.stop(true);
  }

  /** Back/forward navigation (where the browser restores forms): the drawing and the value come back, without events. */
  formStateRestoreCallback(state: unknown, _mode?: 'restore' | 'autocomplete'): void {
    const restored = readFormState(state);
    if (!restored) return;
    this.restore(restored.strokes);
    if (restored.value) this.answer(restored.value, false);
  }

  override connectedCallback(): void {
    upgradeProperty(this, 'value');
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled') && this.disabled) this.stop(true);
    if (changed.has('readOnly') && this.readOnly) this.stop(false);
  }
}
