/**
 * Turns Pointer Events on the drawing surface into strokes. Mouse, touch and pen share one code
 * path; one pointer draws at a time (a second finger or a palm is ignored); the pointer is
 * captured so a stroke dragged off the canvas goes on until release; input is mapped through the
 * surface's bounding rect, so any CSS size and any devicePixelRatio land on the right canvas point.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CANVAS_SIZE, type Stroke, type StrokePoint } from '../core/strokes.ts';

export interface PointerInkOptions {
  /** The element to draw on (the shadow canvas), once rendered. */
  surface(): HTMLElement | undefined;
  /** The surface's logical size in canvas pixels (default 308×308; number mode's is wider). */
  size?(): { readonly width: number; readonly height: number };
  /** Pen width for a stroke that starts now. */
  strokeWidth(): number;
  /**
   * How many more points the drawing may hold (the kept strokes count against MAX_POINTS), so a
   * recorded drawing can always be set back through `strokes`: past it, samples are dropped.
   */
  pointBudget(): number;
  /** The active stroke got a new point (redraw). */
  onStrokeChange(stroke: Stroke): void;
  /** The active stroke ended with pointerup, pointercancel or lost capture (keep it). */
  onStrokeEnd(stroke: Stroke): void;
}

const LISTENED = ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'lostpointercapture', 'contextmenu'] as const;

export class PointerInkController implements ReactiveController, EventListenerObject {
  readonly #options: PointerInkOptions;
  readonly #host: { readonly isConnected: boolean };
  #surface: HTMLElement | undefined;
  #pointerId: number | undefined;
  #stroke: Stroke | undefined;
  #startTime = 0;

  constructor(host: ReactiveControllerHost & { readonly isConnected: boolean }, options: PointerInkOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The stroke being drawn right now, if any. */
  get activeStroke(): Readonly<Stroke> | undefined {
    return this.#stroke;
  }

  hostConnected(): void {
    this.#attach();
  }

  hostUpdated(): void {
    // Lit also updates a removed element (say, a late property change); attaching then would
    // leave listeners that nothing removes and keep the element alive.
    if (!this.#host.isConnected) return;
    this.#attach();
  }

  hostDisconnected(): void {
    this.abort();
    this.#detach();
  }

  /** Drops the stroke in progress without keeping it (the drawing was cleared or replaced). */
  abort(): void {
    const id = this.#pointerId;
    this.#pointerId = undefined;
    this.#stroke = undefined;
    if (id !== undefined && this.#surface?.hasPointerCapture(id)) this.#surface.releasePointerCapture(id);
  }

  handleEvent(event: Event): void {
    const pointer = event as PointerEvent;
    switch (event.type) {
      case 'pointerdown':
        return this.#down(pointer);
      case 'pointermove':
        return this.#move(pointer);
      case 'pointerup':
      case 'pointercancel':
      case 'lostpointercapture':
        return this.#end(pointer);
      case 'contextmenu':
        // A long press on touch screens opens a menu mid-stroke; keep it closed while drawing.
        if (this.#stroke) event.preventDefault();
        return;
    }
  }

  #attach(): void {
    const surface = this.#options.surface();
    if (surface === this.#surface) return;
    this.#detach();
    this.#surface = surface;
    for (const type of LISTENED) surface?.addEventListener(type, this);
  }

  #detach(): void {
    for (const type of LISTENED) this.#surface?.removeEventListener(type, this);
    this.#surface = undefined;
  }

  #down(event: PointerEvent): void {
    // One pointer at a time, and only the main button (not right-click or a pen's eraser).
    if (this.#pointerId !== undefined || event.button !== 0) return;
    const surface = this.#surface;
    if (!surface) return;
    event.preventDefault(); // no text selection, no drag, no compatibility mouse events
    if (this.#options.pointBudget() < 1) return; // the drawing is full; undo or clear frees room
    // Keyboard shortcuts work right after drawing; no focus ring for a pointer (focusVisible is
    // newer than TypeScript's DOM types; browsers without it may show the ring).
    surface.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
    try {
      surface.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; moves outside the rect still map.
    }
    this.#pointerId = event.pointerId;
    this.#startTime = event.timeStamp;
    this.#stroke = { width: this.#options.strokeWidth(), points: [this.#point(event, surface)] };
    this.#options.onStrokeChange(this.#stroke);
  }

  #move(event: PointerEvent): void {
    const stroke = this.#stroke;
    const surface = this.#surface;
    if (!stroke || !surface || event.pointerId !== this.#pointerId) return;
    // Coalesced samples keep fast strokes smooth on high-rate pens and touch screens.
    const coalesced = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    let changed = false;
    // The budget counts the kept strokes only; the active stroke's own points come off it here.
    let room = this.#options.pointBudget() - stroke.points.length;
    for (const sample of coalesced.length > 0 ? coalesced : [event]) {
      if (room < 1) break;
      const point = this.#point(sample, surface);
      const last = stroke.points[stroke.points.length - 1]!;
      if (point.x === last.x && point.y === last.y) continue;
      stroke.points.push(point);
      room--;
      changed = true;
    }
    if (changed) this.#options.onStrokeChange(stroke);
  }

  #end(event: PointerEvent): void {
    const stroke = this.#stroke;
    if (!stroke || event.pointerId !== this.#pointerId) return;
    // pointerup may carry a final position; pointercancel's is unreliable, so it just ends.
    if (event.type === 'pointerup') this.#move(event);
    this.#pointerId = undefined;
    this.#stroke = undefined;
    if (this.#surface?.hasPointerCapture(event.pointerId)) this.#surface.releasePointerCapture(event.pointerId);
    this.#options.onStrokeEnd(stroke);
  }

  /** Client coordinates → canvas space through the rect, so CSS size and zoom never skew input. */
  #point(event: PointerEvent, surface: HTMLElement): StrokePoint {
    const rect = surface.getBoundingClientRect();
    const { width, height } = this.#options.size?.() ?? { width: CANVAS_SIZE, height: CANVAS_SIZE };
    const x = rect.width > 0 ? ((event.clientX - rect.left) / rect.width) * width : 0;
    const y = rect.height > 0 ? ((event.clientY - rect.top) / rect.height) * height : 0;
    const pressure = Number.isFinite(event.pressure) ? Math.min(1, Math.max(0, event.pressure)) : 0;
    return { x: round(x), y: round(y), t: round(Math.max(0, event.timeStamp - this.#startTime)), pressure: round(pressure) };
  }
}

/** Two decimals: sub-pixel precision the raster can use, without bloating saved JSON. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
