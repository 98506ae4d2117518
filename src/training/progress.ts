/**
 * Training progress for a terminal or a log file: a bar over the epoch's batches with running
 * loss, accuracy and ETA. On a TTY the line redraws in place; in a log it prints every 10%.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastPrinted = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, stats: string): void {
    const tty = this.stream.isTTY;
    const tenth = Math.floor((done * 10) / this.total);
    if (!tty && tenth === this.lastPrinted && done !== this.total) return;
    this.lastPrinted = tenth;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    const bar = '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? (done === this.total ? '=' : '>') : '') + ' '.repeat(width - filled);
    const elapsed = (performance.now() - this.started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (this.total - done) : 0;
    const line = `${this.label} [${bar}] ${String(done).padStart(String(this.total).length)}/${this.total} ${stats} ${done === this.total ? `${elapsed.toFixed(0)}s` : `ETA ${formatSeconds(eta)}`}`;
    this.stream.write(tty ? `\r${line}\x1b[K${done === this.total ? '\n' : ''}` : `${line}\n`);
  }
}

/** "1m05s" style durations. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
