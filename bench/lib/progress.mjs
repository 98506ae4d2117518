/**
 * One progress line on stderr, rewritten in place on a terminal and printed as plain lines
 * (at most one per second per section) when stderr is a pipe or a log file.
 */
const tty = process.stderr.isTTY;
const started = performance.now();
let lastPlain = 0;
let lastSection = '';

export function progress(section, detail = '') {
  const elapsed = ((performance.now() - started) / 1000).toFixed(0).padStart(3);
  const line = `[bench ${elapsed}s] ${section}${detail ? ` — ${detail}` : ''}`;
  if (tty) {
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
    return;
  }
  const now = performance.now();
  if (section !== lastSection || now - lastPlain > 1000) {
    process.stderr.write(`${line}\n`);
    lastPlain = now;
    lastSection = section;
  }
}

/** Ends the in-place line (so the next output starts on a fresh line). */
export function progressDone(message) {
  if (tty) process.stderr.write('\r\x1b[2K');
  if (message) process.stderr.write(`${message}\n`);
}
