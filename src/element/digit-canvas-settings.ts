/**
 * Which of `<digit-canvas>`'s attributes are checked and how (attribute-settings gives the rules):
 * the element reads these properties only through `checkedSetting`, so a value that is not
 * allowed is used as its default everywhere, and named in the console when it is set.
 */
import { MAX_DIGITS } from '../core/number-layout.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../core/prediction.ts';
import { DEFAULT_STROKE_WIDTH } from '../core/strokes.ts';
import { BACKEND_NAMES, type BackendPreference } from '../inference/backend-preference.ts';
import { DEFAULT_TIMEOUT_MS } from '../inference/remote-classifier.ts';
import { choiceSetting, numberSetting, settingWarning, type Setting } from './attribute-settings.ts';
import type { ClassificationSettings } from './classification-controller.ts';
import { DEFAULT_PREPROCESS, PREPROCESS_MODES } from './drawing-grid.ts';
import { LOADING_POLICIES } from './model-preload-controller.ts';

/** The checked settings, by property. */
export const CHECKED_SETTINGS = {
  strokeWidth: numberSetting('stroke-width', 'a positive number', (width) => width > 0, DEFAULT_STROKE_WIDTH),
  preprocess: choiceSetting('preprocess', PREPROCESS_MODES, DEFAULT_PREPROCESS),
  backend: choiceSetting<BackendPreference>('backend', ['auto', ...BACKEND_NAMES], 'auto'),
  fallback: choiceSetting('fallback', ['local', 'none'], 'none'),
  loading: choiceSetting('loading', LOADING_POLICIES, 'auto'),
  timeout: numberSetting('timeout', 'a positive number of milliseconds', (ms) => ms > 0, DEFAULT_TIMEOUT_MS),
  minConfidence: numberSetting('min-confidence', 'a number in 0..1', (value) => value >= 0 && value <= 1, DEFAULT_MIN_CONFIDENCE),
  digits: numberSetting('digits', `a whole number from 1 to ${MAX_DIGITS}`, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_DIGITS, 1),
  minDigits: numberSetting('min-digits', `a whole number from 0 to ${MAX_DIGITS}`, (n) => Number.isInteger(n) && n >= 0 && n <= MAX_DIGITS, 0),
};
export type CheckedKey = keyof typeof CHECKED_SETTINGS;
export type CheckedValue<K extends CheckedKey> = (typeof CHECKED_SETTINGS)[K] extends Setting<infer T> ? T : never;

/** A checked setting's value on `element`; with `warn` (on a change), a value that is not allowed is named in the console. */
export function checkedSetting<K extends CheckedKey>(
  element: { readonly [P in K]: unknown } & Pick<Element, 'getAttribute'>,
  key: K,
  warn = false,
): CheckedValue<K> {
  const setting = CHECKED_SETTINGS[key] as Setting<CheckedValue<K>>;
  const value = setting.read(element[key]);
  if (value !== undefined) return value;
  if (warn) console.warn(settingWarning(setting, element[key], element.getAttribute(setting.attribute)));
  return setting.fallback;
}

/** What picks the element's classifier, read fresh on every use; an empty `endpoint` or `model-url` counts as unset. */
export function classificationSettings(
  element: { readonly endpoint: string | undefined; readonly modelUrl: string | undefined } & { readonly [P in CheckedKey]: unknown } & Pick<Element, 'getAttribute'>,
): ClassificationSettings {
  return {
    endpoint: element.endpoint || undefined,
    modelUrl: element.modelUrl || undefined,
    backend: checkedSetting(element, 'backend'),
    timeout: checkedSetting(element, 'timeout'),
    fallback: checkedSetting(element, 'fallback'),
    minConfidence: checkedSetting(element, 'minConfidence'),
  };
}
