/** Shared pieces of the element's classification tests: fixtures, drawing digits, events, rejections. */
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/element/digit-canvas-define.ts';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import type { PredictionErrorEventDetail, PredictionEventDetail } from '../../src/element/events.ts';
import { drawnDigit, type Placement } from '../fixtures/drawn-digits.ts';
import { draw, nextFrame } from './pointer-helpers.ts';

export async function element(template: TemplateResult = html`<digit-canvas></digit-canvas>`): Promise<DigitCanvas> {
  const el = await fixture<DigitCanvas>(template);
  await nextFrame();
  return el;
}

/** Draws a fixture digit with synthesized pointer events, one stroke after another. */
export function drawDigit(el: DigitCanvas, digit: number, placement: Placement): void {
  el.strokeWidth = placement.width;
  for (const stroke of drawnDigit(digit, placement)) draw(el, stroke.points.map((p) => [p.x, p.y] as const));
}

export const SEVEN: Placement = { cx: 154, cy: 154, size: 220, width: 16 };

export { rejection } from '../inference/rejection.ts';

export type RecordedEvent =
  | { type: 'prediction'; detail: PredictionEventDetail }
  | { type: 'prediction-error'; detail: PredictionErrorEventDetail };

/** Collects the element's prediction and prediction-error events in order. */
export function record(el: DigitCanvas): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  el.addEventListener('prediction', (event) => events.push({ type: 'prediction', detail: event.detail }));
  el.addEventListener('prediction-error', (event) => events.push({ type: 'prediction-error', detail: event.detail }));
  return events;
}

export const part = (el: DigitCanvas, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

/** URL of a route of scripts/test-endpoints.mjs (the real Lambda handler, or a misbehaving endpoint). */
export const testEndpoint = (route: string) => new URL(`/test-endpoints/${route}`, location.href).href;

/** Nothing listens on the discard port. */
export const UNREACHABLE = 'http://127.0.0.1:9/predict';
