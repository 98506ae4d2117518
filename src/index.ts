/**
 * The package entry: importing it registers `<digit-canvas>`; the named exports are the public
 * types and the pure helpers a page may want alongside the element.
 */
export { DigitCanvas, TAG_NAME } from './element/digit-canvas-define.ts';
export type {
  ClearEventDetail,
  DigitCanvasEventMap,
  PredictionErrorEventDetail,
  PredictionEventDetail,
  StrokeEventDetail,
  StrokesChangeCause,
  StrokesChangeEventDetail,
} from './element/events.ts';
export { CANVAS_SIZE, DEFAULT_STROKE_WIDTH, StrokesFormatError, parseStrokes } from './core/strokes.ts';
export type { Stroke, StrokePoint } from './core/strokes.ts';
export { GRID_CELLS, GRID_SIZE } from './core/preprocess.ts';
export type { PixelGridMode } from './core/pixel-grid.ts';
export { PREPROCESS_MODES, type PreprocessMode } from './element/drawing-grid.ts';
export type { Prediction, PredictionSource } from './core/prediction.ts';
export { ClassificationError, type ClassificationErrorCode, type ClassificationStage } from './inference/classification-error.ts';
export type { PredictionFallback } from './inference/fallback-classifier.ts';
export type { BackendName, BackendPreference } from './inference/backend-preference.ts';
export { setWasmDirectory } from './inference/wasm-directory.ts';
