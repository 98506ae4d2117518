/** Shared pieces of the element's classification tests: fixtures, drawing digits, events, rejections. */
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/element/digit-canvas-define.ts';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import type { PredictionErrorEventDetail, PredictionEventDetail } from '../../src/element/events.ts';
import type { Stroke } from '../../src/core/strokes.ts';
import { drawnDigit, type Placement } from '../fixtures/drawn-digits.ts';
import { draw, nextFrame } from './pointer-helpers.ts';

export async function element(template: TemplateResult = html`<digit-canvas></digit-canvas>`): Promise<DigitCanvas> {
  const el = await fixture<DigitCanvas>(template);
  await nextFrame();
  return el;
}

/** Draws strokes with synthesized pointer events, one after another, with the first stroke's pen width. */
/** A `<form>` holding `template` (which has a `<digit-canvas>`), rendered and settled. */
export async function inForm(template: TemplateResult = html`<digit-canvas name="answer"></digit-canvas>`): Promise<{ form: HTMLFormElement; el: DigitCanvas }> {
  const form = await fixture<HTMLFormElement>(html`<form>${template}</form>`);
  const el = form.querySelector('digit-canvas')!;
  await el.updateComplete;
  await nextFrame();
  return { form, el };
}

export function drawStrokes(el: DigitCanvas, strokes: readonly Stroke[]): void {
  if (strokes[0]) el.strokeWidth = strokes[0].width;
  for (const stroke of strokes) draw(el, stroke.points.map((p) => [p.x, p.y] as const));
}

/** Draws a fixture digit at `placement` with synthesized pointer events. */
export function drawDigit(el: DigitCanvas, digit: number, placement: Placement): void {
  drawStrokes(el, drawnDigit(digit, placement));
}

export { ONE, SEVEN } from '../fixtures/drawn-digits.ts';

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
