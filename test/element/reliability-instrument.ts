/**
 * Counts the canvases, media-query lists and resize observers a page creates, through WeakRefs,
 * so a test can ask how many are still alive after a garbage collection (heapUsed() in
 * reliability-helpers.ts collects for real over the DevTools protocol). Import it before the
 * element, so that every constructor the element uses is the instrumented one; canvases that Lit
 * clones from templates are caught by watchShadowRoot.
 */

type Kind = 'canvas' | 'offscreen-canvas' | 'media-query-list' | 'resize-observer';
const tracked: { kind: Kind; ref: WeakRef<object> }[] = [];

function track<T extends object>(kind: Kind, value: T): T {
  tracked.push({ kind, ref: new WeakRef(value) });
  return value;
}

const counting = <T extends abstract new (...args: never[]) => object>(kind: Kind, native: T): T =>
  new Proxy(native, {
    construct(target, args, newTarget) {
      return track(kind, Reflect.construct(target, args, newTarget) as object);
    },
  });

globalThis.OffscreenCanvas = counting('offscreen-canvas', globalThis.OffscreenCanvas);
globalThis.ResizeObserver = counting('resize-observer', globalThis.ResizeObserver);
const matchMedia = window.matchMedia.bind(window);
window.matchMedia = (query: string) => track('media-query-list', matchMedia(query));
const createElement = document.createElement.bind(document) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
document.createElement = ((tag: string, options?: ElementCreationOptions) => {
  const created = createElement(tag, options);
  return created instanceof HTMLCanvasElement ? track('canvas', created) : created;
}) as typeof document.createElement;

/** Tracks every canvas added to `root` (Lit renders them from templates, not createElement). */
export function watchShadowRoot(root: ShadowRoot): MutationObserver {
  for (const canvas of root.querySelectorAll('canvas')) track('canvas', canvas);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLCanvasElement) track('canvas', node);
        if (node instanceof Element) for (const canvas of node.querySelectorAll('canvas')) track('canvas', canvas);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return observer;
}

/** How many of each kind created so far are still alive (call after a garbage collection). */
export function alive(): Record<Kind, number> {
  const counts: Record<Kind, number> = { canvas: 0, 'offscreen-canvas': 0, 'media-query-list': 0, 'resize-observer': 0 };
  for (const { kind, ref } of tracked) if (ref.deref() !== undefined) counts[kind]++;
  return counts;
}

/** How many of each kind were created so far. */
export function created(): Record<Kind, number> {
  const counts: Record<Kind, number> = { canvas: 0, 'offscreen-canvas': 0, 'media-query-list': 0, 'resize-observer': 0 };
  for (const { kind } of tracked) counts[kind]++;
  return counts;
}
