/**
 * Synthesized Pointer Events for browser tests, addressed in canvas space (0..308, or number
 * mode's `canvasWidth` × `canvasHeight`) and mapped to client coordinates through the canvas's
 * bounding rect, as a real pointer would be.
 */
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { GRID_SIZE } from '../../src/core/preprocess.ts';

export type Point = readonly [x: number, y: number];

export interface PointerOptions {
  pointerType?: 'mouse' | 'touch' | 'pen';
  pointerId?: number;
  pressure?: number;
  isPrimary?: boolean;
}

export function surfaceOf(element: DigitCanvas): HTMLCanvasElement {
  const canvas = element.shadowRoot?.querySelector<HTMLCanvasElement>('canvas[part="canvas"]');
  if (!canvas) throw new Error('no canvas part rendered');
  return canvas;
}

/** Client coordinates of a canvas-space point. */
export function clientPoint(element: DigitCanvas, [x, y]: Point): { clientX: number; clientY: number } {
  const rect = surfaceOf(element).getBoundingClientRect();
  const { width, height } = canvasSpace(element);
  return { clientX: rect.left + (x / width) * rect.width, clientY: rect.top + (y / height) * rect.height };
}

/** The element's logical canvas size (308×308 unless number mode widens it). */
function canvasSpace(element: DigitCanvas): { width: number; height: number } {
  return { width: element.canvasWidth ?? 308, height: element.canvasHeight ?? 308 };
}

export function pointer(element: DigitCanvas, type: string, at: Point, options: PointerOptions = {}): PointerEvent {
  const { pointerType = 'mouse', pointerId = 1, pressure = type === 'pointerup' ? 0 : 0.5, isPrimary = true } = options;
  const event = new PointerEvent(type, {
    ...clientPoint(element, at),
    pointerId,
    pointerType,
    pressure,
    isPrimary,
    button: type === 'pointermove' ? -1 : 0,
    buttons: type === 'pointerup' || type === 'pointercancel' ? 0 : 1,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  surfaceOf(element).dispatchEvent(event);
  return event;
}

/** A whole stroke: down at the first point, a move to each next one, up at the last. */
export function draw(element: DigitCanvas, points: readonly Point[], options: PointerOptions = {}): void {
  pointer(element, 'pointerdown', points[0]!, options);
  for (const point of points.slice(1)) pointer(element, 'pointermove', point, options);
  pointer(element, 'pointerup', points[points.length - 1]!, options);
}

export function inkedCells(grid: Float32Array): number[] {
  const cells: number[] = [];
  grid.forEach((value, i) => {
    if (value > 0) cells.push(i);
  });
  return cells;
}

export function cell(row: number, col: number): number {
  return row * GRID_SIZE + col;
}

/** Alpha of the visible canvas's backing store at a canvas-space point. */
export function visibleAlpha(element: DigitCanvas, [x, y]: Point): number {
  const canvas = surfaceOf(element);
  const context = canvas.getContext('2d')!;
  const { width, height } = canvasSpace(element);
  const px = Math.floor((x / width) * canvas.width);
  const py = Math.floor((y / height) * canvas.height);
  return context.getImageData(px, py, 1, 1).data[3]!;
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
