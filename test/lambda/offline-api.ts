/**
 * Test helper: `npm run api` for a test, the script itself (it builds the Lambda bundle, then runs
 * serverless-offline with scripts/serverless-offline-verbatim.mjs), or serverless-offline on
 * another service folder; on free loopback ports and in its own process group, so stopping it
 * stops npm, osls and serverless-offline's workers too.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { READY_LINE } from '../../scripts/serverless-offline-verbatim.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface OfflineApi {
  /** e.g. `http://127.0.0.1:41234`; the HTTP API route is `${base}/predict`, the REST API's `${base}/dev/predict`. */
  readonly base: string;
  /** Everything it printed so far. */
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

/** Runs `npm run api` with `env` on top of this environment; resolves once it answers verbatim. */
export function startOfflineApi(env: Record<string, string> = {}): Promise<OfflineApi> {
  return launch('npm', ['run', 'api', '--'], root, env);
}

/**
 * Runs the project's `serverless offline start` in `serviceDir` (a serverless.yml that lists
 * serverless-offline and the verbatim plugin); resolves once it answers verbatim.
 */
export function startServerlessOffline(serviceDir: string, env: Record<string, string> = {}): Promise<OfflineApi> {
  return launch(join(root, 'node_modules/.bin/serverless'), ['offline', 'start'], serviceDir, env);
}

async function launch(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<OfflineApi> {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const server: ChildProcess = spawn(
    command,
    [...args, '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--host', '127.0.0.1'],
    { cwd, detached: true, env: { ...process.env, ...env } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} did not start:\n${output}`)), 120_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on('data', listen);
    server.stderr!.on('data', listen);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
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
