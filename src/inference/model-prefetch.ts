/**
 * The model's files requested the moment local loading starts, side by side with the classifier's
 * code, which would otherwise request them only once it had arrived and run: on a slow network
 * that is round trips the first answer waits for. model-download.ts takes each answer once.
 */
const waiting = new Map<string, Promise<Response>>();
/** Every URL ever prefetched: a page's model downloads once (model-download.ts), so a second element prefetches nothing. */
const requested = new Set<string>();

/** Starts fetching each of `urls` not requested before (same-origin credentials, as model-download asks). */
export function prefetchModelFiles(urls: readonly string[]): void {
  for (const url of urls) {
    if (requested.has(url)) continue;
    requested.add(url);
    const response = fetch(url, { credentials: 'same-origin' });
    // Reported when taken (as a failed download of that file), not as an unhandled rejection.
    response.catch(() => undefined);
    waiting.set(url, response);
  }
}

/** The answer prefetched for `url`, once: a body is read once, so a later download fetches afresh. */
export function takePrefetched(url: string): Promise<Response> | undefined {
  const response = waiting.get(url);
  waiting.delete(url);
  return response;
}
