/**
 * Shared pieces of the element's reliability tests: fixtures, the faulty endpoints of
 * scripts/test-endpoints.mjs (faultEndpoints), event recording, unhandled-rejection tracking, and the DevTools
 * measurements of scripts/wtr-cdp-commands.mjs.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/element/digit-canvas-define.ts';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import type { PredictionErrorEventDetail, PredictionEventDetail } from '../../src/element/events.ts';

export { element, part } from './element-test-helpers.ts';
export { ONE, SEVEN } from '../fixtures/drawn-digits.ts';

export type Recorded =
  | { type: 'prediction'; detail: PredictionEventDetail }
  | { type: 'prediction-error'; detail: PredictionErrorEventDetail };

/** The element's prediction and prediction-error events, in order. */
export function record(el: HTMLElement): Recorded[] {
  const events: Recorded[] = [];
  el.addEventListener('prediction', (event) => events.push({ type: 'prediction', detail: (event as CustomEvent).detail }));
  el.addEventListener('prediction-error', (event) => events.push({ type: 'prediction-error', detail: (event as CustomEvent).detail }));
  return events;
}

export { rejection } from '../inference/rejection.ts';

/** Unhandled promise rejections on the page since `start()`; `check()` fails the test on any. */
export function unhandledRejections() {
  const seen: unknown[] = [];
  const listener = (event: PromiseRejectionEvent) => seen.push(event.reason);
  return {
    start: () => {
      seen.length = 0;
      window.addEventListener('unhandledrejection', listener);
    },
    async check() {
      // Rejections are reported after a task; let any pending ones surface first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      window.removeEventListener('unhandledrejection', listener);
      expect(seen.map(String), 'unhandled rejections').to.deep.equal([]);
    },
  };
}

let keys = 0;
/** A fresh key, so that fault state on the server never carries over between tests or runs. */
export const faultKey = () => `${Date.now().toString(36)}-${(keys++).toString(36)}`;
/** URL of a fault route: it misbehaves as `name` until `heal(key)`. */
export const faultUrl = (name: string, key: string, query = '') =>
  new URL(`/fault-endpoints/fault/${name}?key=${key}${query}`, location.href).href;
export const staggeredUrl = (key: string, step: number) =>
  new URL(`/fault-endpoints/staggered?key=${key}&step=${step}`, location.href).href;
export const healthyUrl = () => new URL('/test-endpoints/predict', location.href).href;
export async function heal(key: string): Promise<void> {
  expect((await fetch(`/fault-endpoints/heal?key=${key}`)).ok).to.equal(true);
}
export async function hits(key: string): Promise<number> {
  return (await (await fetch(`/fault-endpoints/hits?key=${key}`)).json()) as number;
}

/** The tag names the element renders itself; anything else in its shadow root was injected. */
const OWN_TAGS = new Set(['CANVAS', 'SPAN', 'DIV', 'BUTTON']);
export function foreignElements(el: DigitCanvas): string[] {
  return [...el.shadowRoot!.querySelectorAll('*')].map((node) => node.tagName).filter((tag) => !OWN_TAGS.has(tag));
}

/** Used JS heap in bytes after a real garbage collection (DevTools protocol). */
export async function heapUsed(): Promise<number> {
  const { usedSize } = (await executeServerCommand('cdp-heap-usage')) as { usedSize: number };
  return usedSize;
}

/** Listener counts by event type on each object that an expression evaluates to in the page. */
export async function eventListeners(...expressions: string[]): Promise<Record<string, number>[]> {
  return (await executeServerCommand('cdp-event-listeners', { expressions })) as Record<string, number>[];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
