// Finds the system Chromium for browser tests and benchmarks. Nothing here downloads a browser:
// CHROME_PATH wins, then the usual system paths; on a fresh machine, as root with apt, it installs
// Debian's chromium package, otherwise it stops and says how to get one.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Headless flags that work on a machine with no network and no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

function locate() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist`);
  }
  return CANDIDATES.find((path) => existsSync(path));
}

function hasApt() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** The path of a Chromium executable, installing Debian's package when allowed. */
export function findChromium({ install = true } = {}) {
  const found = locate();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && hasApt()) {
    console.log('No Chromium found: installing Debian\'s chromium package with apt-get (once).');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = locate();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or point CHROME_PATH at a Chrome or Chromium executable.',
  );
}
