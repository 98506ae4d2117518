/**
 * src/lambda imports no tfjs-layers (nor every kernel of a backend) statically: a container
 * loads only the lean runtime at cold start, and tfjs-layers only for a model the runner does not
 * implement. Read from esbuild's import graph of the handler, split as the Lambda build splits it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The source files reachable from `entry`'s output through static imports only. */
function staticInputs(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    const chunk = metafile.outputs[output]!;
    for (const input of Object.keys(chunk.inputs)) inputs.add(input);
    for (const imported of chunk.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return inputs;
}

test('the handler reaches tfjs-layers and the backends’ full kernel sets only through dynamic imports', async () => {
  const result = await build({
    entryPoints: ['src/lambda/handler.ts'],
    absWorkingDir: root,
    outdir: 'out',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    external: ['node-fetch'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const entry = Object.keys(result.metafile.outputs).find((output) => result.metafile.outputs[output]!.entryPoint === 'src/lambda/handler.ts')!;
  const eager = [...staticInputs(result.metafile, entry)];
  const everything = Object.keys(result.metafile.inputs);
  for (const lazy of ['@tensorflow/tfjs-layers/', 'register_all_kernels']) {
    assert.ok(everything.some((input) => input.includes(lazy)), `the handler can still reach ${lazy}`);
    assert.deepEqual(eager.filter((input) => input.includes(lazy)), [], `${lazy} is imported statically`);
  }
  assert.ok(eager.includes('src/model/layers-model-runner.ts'), 'the lean runner is part of the handler');
});
