/**
 * The element's events and their details. All bubble and cross shadow roots (composed), so a page
 * can listen on any ancestor.
 */

/** `stroke`: a stroke was finished (pointerup, or pointercancel keeping what was drawn). */
export interface StrokeEventDetail {
  /** Strokes in the drawing now. */
  strokes: number;
}

/** `clear`: the drawing was cleared (button, Escape or `clear()`). */
export type ClearEventDetail = Record<string, never>;

/** What changed the drawing, for `strokes-change`. */
export type StrokesChangeCause = 'stroke' | 'undo' | 'redo' | 'clear' | 'set';

/**
 * `strokes-change`: the drawing changed for any reason (a finished stroke, undo, redo, clear, or
 * the `strokes` property set), so a view of the grid or of the JSON can stay in step with one
 * listener.
 */
export interface StrokesChangeEventDetail {
  strokes: number;
  cause: StrokesChangeCause;
}

/** Event name → event type, for typed `addEventListener` on `<digit-canvas>`. */
export interface DigitCanvasEventMap {
  stroke: CustomEvent<StrokeEventDetail>;
  clear: CustomEvent<ClearEventDetail>;
  'strokes-change': CustomEvent<StrokesChangeEventDetail>;
}

/** Builds one of the element's events with the contract's flags. */
export function digitCanvasEvent<K extends keyof DigitCanvasEventMap>(
  type: K,
  detail: DigitCanvasEventMap[K]['detail'],
): DigitCanvasEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as DigitCanvasEventMap[K];
}
