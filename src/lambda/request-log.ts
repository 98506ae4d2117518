/**
 * The one structured log line per request (CloudWatch reads one JSON object per line). It names
 * the request, route, outcome and timing; it never carries the request body or the grid.
 */

import { logLine } from './log.ts';

export interface RequestLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  readonly digit?: number;
  /** Grids in a batch request (a number's digits); absent for a single grid. */
  readonly grids?: number;
  /** The answer's confidence; for a batch, its lowest. */
  readonly confidence?: number;
  /** `digit`, `unsure` or `not-a-digit`, as the answer said; for a batch, the first that is not `digit`, else `digit`. */
  readonly verdict?: string;
  readonly backend?: string;
  /** A short code for a refused request, e.g. `invalid-data`. */
  readonly reason?: string;
  /** The server-side error behind a 5xx (model load failure), never client input. */
  readonly error?: string;
}

export function requestLogLine(entry: RequestLogEntry): string {
  return logLine(entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : 'info', 'request', {
    ...entry,
    method: clip(entry.method, 20),
    route: clip(entry.route, 100),
    ms: Math.round(entry.ms * 10) / 10,
  });
}

/**
 * Method, path and origin come from the client: bounded so a hostile request cannot flood the
 * log or an error message.
 */
export function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
