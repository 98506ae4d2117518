// Runs the project's Serverless Framework v3 (node_modules) with its phone-home features off, so
// `serverless package` and `serverless offline` work without network access or AWS credentials.
// Usage: node scripts/serverless.mjs <serverless args...>
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../node_modules/serverless/bin/serverless.js', import.meta.url));

export const offlineEnv = {
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  SLS_DEPRECATION_DISABLE: '*',
  SLS_INTERACTIVE_SETUP_DISABLE: '1',
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...offlineEnv },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
