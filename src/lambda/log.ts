/**
 * The Lambda's one way to log: one JSON object per line (CloudWatch Logs reads it as structured
 * fields), `level` and `msg` first. Never pass request bodies or grids.
 */

export type LogLevel = 'info' | 'warn' | 'error';

/** The line for an event: `{"level", "msg", ...fields}`. */
export function logLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ level, msg, ...fields });
}

/** Writes an event to the console stream of its level (info: stdout; warn and error: stderr). */
export function log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  const line = logLine(level, msg, fields);
  if (level === 'info') console.log(line);
  else if (level === 'warn') console.warn(line);
  else console.error(line);
}
