/**
 * The element's events and their details. All bubble and cross shadow roots (composed), so a page
 * can listen on any ancestor.
 */
import type { DigitBox } from '../core/digit-segmentation.ts';
import type { Assessment } from '../core/prediction.ts';
import type { ClassificationError, ClassificationStage } from '../inference/classification-error.ts';
import type { FallbackPrediction } from '../inference/fallback-classifier.ts';

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

/** One digit of a reading: its own assessment and, for a drawn digit, its box in canvas pixels (none for a typed one). */
export type PredictionDigit = Assessment & { readonly box?: DigitBox };

/**
 * `prediction`: a classification finished. The Prediction (digit, confidence, confident,
 * probabilities, source, backend, latencyMs), plus `fallback` when `fallback="local"` answered
 * after the endpoint failed; `value`, the digits read left to right as a string, and `digits`,
 * one entry per digit. In number mode the top-level fields are the weakest digit's (see
 * `weakestDigit`) and `confident` is true only when every digit is.
 */
export type PredictionEventDetail = FallbackPrediction & { readonly value: string; readonly digits: PredictionDigit[] };

/** `prediction-error`: a classification failed; `error.message` says what and where. */
export interface PredictionErrorEventDetail {
  error: ClassificationError;
  stage: ClassificationStage;
}

/** Event name → event type, for typed `addEventListener` on `<digit-canvas>`. */
export interface DigitCanvasEventMap {
  stroke: CustomEvent<StrokeEventDetail>;
  clear: CustomEvent<ClearEventDetail>;
  'strokes-change': CustomEvent<StrokesChangeEventDetail>;
  prediction: CustomEvent<PredictionEventDetail>;
  'prediction-error': CustomEvent<PredictionErrorEventDetail>;
}

/** Builds one of the element's events with the contract's flags. */
export function digitCanvasEvent<K extends keyof DigitCanvasEventMap>(
  type: K,
  detail: DigitCanvasEventMap[K]['detail'],
): DigitCanvasEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as DigitCanvasEventMap[K];
}
