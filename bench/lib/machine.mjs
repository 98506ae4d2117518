/** What the numbers were measured on, written into the results next to them. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export function describeMachine(chromiumPath) {
  const cpus = os.cpus();
  let chromium = 'unknown';
  try {
    chromium = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    // Reported as unknown; the browser section says whether it ran.
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
