/**
 * Test helper: runs a bundled handler (`.lambda/handler.mjs` or a copy) in a fresh Node process,
 * like a new Lambda container, through the steps of invoke-bundle.mjs, and reads back its log lines,
 * its answers and its init time. `node` picks the Node binary (default: the one running the tests).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyResult } from 'aws-lambda';

export interface BundleRun {
  /** The handler's JSON log lines (stdout and stderr: Lambda sends both to CloudWatch). */
  readonly logs: Array<Record<string, unknown>>;
  readonly responses: APIGatewayProxyResult[];
  /** Import + model load + warm-up: the Lambda init phase. */
  readonly initMs: number;
  /** `process.version` inside the child. */
  readonly nodeVersion: string;
}

const child = fileURLToPath(new URL('./invoke-bundle.mjs', import.meta.url));
let scratch: string | undefined;

export function invokeBundle(
  handlerPath: string,
  steps: unknown[],
  { env = {}, node = process.execPath }: { env?: Record<string, string>; node?: string } = {},
): BundleRun {
  scratch ??= mkdtempSync(join(tmpdir(), 'digit-canvas-steps-'));
  const stepsFile = join(scratch, `steps-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(stepsFile, JSON.stringify(steps));
  const run = spawnSync(node, [child, handlerPath, stepsFile], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  if (run.status !== 0) throw new Error(`${node} ${child} exited ${run.status}:\n${run.stderr}`);
  const lines = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    logs: lines.filter((line) => line.msg !== undefined),
    responses: lines.filter((line) => line.step === 'response').map((line) => line.response as APIGatewayProxyResult),
    initMs: lines.find((line) => line.step === 'init')?.ms as number,
    nodeVersion: lines.find((line) => line.step === 'init')?.node as string,
  };
}
