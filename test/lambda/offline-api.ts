/**
 * Test helper: `npm run api` for a test — builds the Lambda bundle and runs serverless-offline on
 * free loopback ports in its own process group, so stopping it stops its worker processes too.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { offlineEnv } from '../../scripts/serverless.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface OfflineApi {
  /** e.g. `http://127.0.0.1:41234`; the HTTP API route is `${base}/predict`. */
  readonly base: string;
  /** Everything serverless-offline printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Builds `.lambda/` and starts serverless-offline on it; resolves once it serves. */
export async function startOfflineApi(env: Record<string, string> = {}): Promise<OfflineApi> {
  const build = spawnSync(process.execPath, ['scripts/build-lambda.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build:lambda failed:\n${build.stderr}`);
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const server: ChildProcess = spawn(
    'node_modules/.bin/serverless',
    ['offline', 'start', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--host', '127.0.0.1'],
    { cwd: root, detached: true, env: { ...process.env, ...offlineEnv, ...env } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serverless offline did not start:\n${output}`)), 60_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on('data', listen);
    server.stderr!.on('data', listen);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serverless offline exited with ${code}:\n${output}`));
    });
  });
  return {
    base: `http://127.0.0.1:${httpPort}`,
    output: () => output,
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const group = -server.pid!;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(group, 'SIGTERM');
      const timeout = setTimeout(() => process.kill(group, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
