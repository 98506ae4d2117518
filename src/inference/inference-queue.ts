/**
 * tfjs has one active backend per page, switched with `tf.setBackend`, and the engine is not
 * re-entrant across an `await`: two classifiers on different backends must not interleave
 * "switch backend" and "predict". Every tfjs step of every local classifier runs through this
 * one queue, in order.
 */

let tail: Promise<unknown> = Promise.resolve();

/** Runs `task` after every task queued before it has settled; resolves or rejects with it. */
export function runExclusive<T>(task: () => Promise<T>): Promise<T> {
  const result = tail.then(task, task);
  tail = result.catch(() => undefined);
  return result;
}
