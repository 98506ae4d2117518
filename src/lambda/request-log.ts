/**
 * The one structured log line per request (CloudWatch reads one JSON object per line). It names
 * the request, route, outcome and timing; it never carries the request body or the grid.
 */

export interface RequestLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  readonly digit?: number;
  readonly confidence?: number;
  readonly backend?: string;
  /** A short code for a refused request, e.g. `invalid-data`. */
  readonly reason?: string;
  /** The server-side error behind a 5xx (model load failure), never client input. */
  readonly error?: string;
}

export function requestLogLine(entry: RequestLogEntry): string {
  return JSON.stringify({
    level: entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : 'info',
    msg: 'request',
    ...entry,
    route: entry.route.length > 100 ? `${entry.route.slice(0, 100)}…` : entry.route,
    ms: Math.round(entry.ms * 10) / 10,
  });
}
