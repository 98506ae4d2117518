/**
 * `loading="visible"`'s trigger: once the element is in the viewport, the next idle moment (or
 * IDLE_TIMEOUT_MS on a busy page). Downloaded only by an element with that policy
 * (model-preload-controller.ts), so other pages carry none of it.
 */

/** How long `visible` waits for an idle moment on a busy page before loading anyway. */
const IDLE_TIMEOUT_MS = 2000;

/** Runs `task` once, when `element` has come into view and the page is idle; returns the cancel. */
export function whenVisibleAndIdle(element: Element, task: () => void): () => void {
  let cancelIdle: (() => void) | undefined;
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting) || cancelIdle) return;
    observer.disconnect();
    cancelIdle = whenIdle(task);
  });
  observer.observe(element);
  return () => {
    observer.disconnect();
    cancelIdle?.();
  };
}

/** Runs `task` when the page is idle (Safari has no requestIdleCallback: a short timeout stands in); returns the cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}
