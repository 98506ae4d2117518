import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listZip } from './zip-listing.ts';

/**
 * `npm run package:lambda` (osls `serverless package`) with no AWS credentials and no network:
 * the CloudFormation template it writes and the zip it uploads, for each endpoint switch.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const ZIP_BUDGET = 5 * 1024 * 1024;
const WASM = 'tfjs-backend-wasm-simd.wasm';

interface Resource {
  Type: string;
  Properties: Record<string, any>;
  DependsOn?: string | string[];
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs: Record<string, unknown>;
}

let scratch: string;
/** No AWS credentials or config anywhere, and any attempt to reach the network fails. */
let offlineEnv: Record<string, string>;

/** Runs a command with no terminal and nothing on stdin, so a prompt could only fail it. */
function attempt(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: offlineEnv, input: '', timeout: 180_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function run(command: string, args: string[]): void {
  const { status, output } = attempt(command, args);
  assert.equal(status, 0, `${command} ${args.join(' ')} failed:\n${output}`);
  assert.doesNotMatch(output, /log ?in|telemetry|credentials/i, 'no login prompt, telemetry notice or credentials request');
}

/** What npm run deploy:lambda and remove:lambda said without credentials. */
const withoutCredentials: Record<string, { status: number | null; output: string }> = {};

function readTemplate(dir: string): Template {
  return JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
}

function ofType(template: Template, type: string): Resource[] {
  return Object.values(template.Resources).filter((resource) => resource.Type === type);
}

function only(template: Template, type: string): Resource {
  const found = ofType(template, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]!;
}

/** The function the stack deploys: the same whatever reaches it. */
function assertFunction(template: Template, stage: string): void {
  const fn = only(template, 'AWS::Lambda::Function').Properties;
  assert.equal(fn.Runtime, 'nodejs24.x');
  assert.deepEqual(fn.Architectures, ['arm64']);
  assert.equal(fn.MemorySize, 256);
  assert.equal(fn.Timeout, 10);
  assert.equal(fn.Handler, '.lambda/handler.handler');
  assert.equal(fn.FunctionName, `digit-canvas-${stage}-predict`);
  assert.deepEqual(Object.keys(fn.Environment.Variables).sort(), ['ALLOWED_ORIGINS', 'ALLOW_CREDENTIALS', 'MODEL_URL', 'TFJS_BACKEND']);
  assert.equal(fn.Environment.Variables.ALLOWED_ORIGINS, '*', 'any origin unless ALLOWED_ORIGINS is set when deploying');
  assert.match(fn.Code.S3Key, /\/digit-canvas\.zip$/);
  const logs = only(template, 'AWS::Logs::LogGroup').Properties;
  assert.equal(logs.LogGroupName, `/aws/lambda/digit-canvas-${stage}-predict`);
  assert.equal(logs.RetentionInDays, 14);
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'digit-canvas-package-'));
  const deadProxy = 'http://127.0.0.1:9';
  offlineEnv = {
    PATH: process.env.PATH!,
    HOME: scratch,
    AWS_CONFIG_FILE: join(scratch, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'no-aws-credentials'),
    // On an EC2 machine with an instance role the SDK would find credentials there (the proxy
    // variables do not apply to it), and the deploy below would be real.
    AWS_EC2_METADATA_DISABLED: 'true',
    HTTP_PROXY: deadProxy,
    HTTPS_PROXY: deadProxy,
    http_proxy: deadProxy,
    https_proxy: deadProxy,
  };
  // `serverless package` empties .serverless/ first, so the default, the one npm run package:lambda
  // leaves there for deploy:lambda and the bench, runs last.
  run('npm', ['run', 'build:lambda']);
  const serverless = join(root, 'node_modules/.bin/serverless');
  run(serverless, ['package', '--param=endpoint=function-url', '--package', join(scratch, 'function-url')]);
  run(serverless, ['package', '--param=endpoint=http-api', '--stage', 'prod', '--region', 'eu-west-1', '--package', join(scratch, 'http-api')]);
  withoutCredentials.deploy = attempt('npm', ['run', 'deploy:lambda']);
  withoutCredentials.remove = attempt('npm', ['run', 'remove:lambda']);
  run('npm', ['run', 'package:lambda']);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run package:lambda (default: HTTP API and REST API)', () => {
  const dir = join(root, '.serverless');

  it('deploys the bundle on nodejs24.x, arm64, 256 MB, 10 s, logs kept 14 days', () => {
    assertFunction(readTemplate(dir), 'dev');
  });

  it('routes every method of /predict on the HTTP API (payload v2) to the function, with no CORS of its own', () => {
    const template = readTemplate(dir);
    const api = only(template, 'AWS::ApiGatewayV2::Api').Properties;
    assert.equal(api.ProtocolType, 'HTTP');
    assert.equal(api.CorsConfiguration, undefined, 'preflights reach the handler');
    const routes = ofType(template, 'AWS::ApiGatewayV2::Route').map((route) => route.Properties.RouteKey).sort();
    assert.deepEqual(routes, ['ANY /predict', 'OPTIONS /predict']);
    const integration = only(template, 'AWS::ApiGatewayV2::Integration').Properties;
    assert.equal(integration.IntegrationType, 'AWS_PROXY');
    assert.equal(integration.PayloadFormatVersion, '2.0');
    assert.equal(only(template, 'AWS::ApiGatewayV2::Stage').Properties.StageName, '$default', 'no stage in the URL: POST /predict');
    assert.ok('HttpApiUrl' in template.Outputs);
  });

  it('serves /{stage}/predict on the REST API (payload v1) for clients of the original API', () => {
    const template = readTemplate(dir);
    only(template, 'AWS::ApiGateway::RestApi');
    const resource = only(template, 'AWS::ApiGateway::Resource').Properties;
    assert.equal(resource.PathPart, 'predict');
    const methods = ofType(template, 'AWS::ApiGateway::Method').map((method) => method.Properties);
    assert.deepEqual(methods.map((method) => method.HttpMethod).sort(), ['ANY', 'OPTIONS']);
    for (const method of methods) {
      assert.equal(method.Integration.Type, 'AWS_PROXY', `${method.HttpMethod} goes to the function (no MOCK preflight)`);
      assert.equal(method.AuthorizationType, 'NONE');
    }
    assert.equal(only(template, 'AWS::ApiGateway::Deployment').Properties.StageName, 'dev');
    assert.ok('ServiceEndpoint' in template.Outputs);
    assert.equal(ofType(template, 'AWS::Lambda::Url').length, 0);
  });

  it('zips only the bundle, the wasm binary and the model, well under 5 MB', () => {
    const zipPath = join(dir, 'digit-canvas.zip');
    const zipBytes = statSync(zipPath).size;
    assert.ok(zipBytes <= ZIP_BUDGET, `zip is ${zipBytes} bytes`);
    const entries = listZip(zipPath);
    const names = entries.map((entry) => entry.name).sort();
    const modelJson = JSON.parse(readFileSync(join(root, '.lambda/model/model.json'), 'utf8'));
    const shards: string[] = modelJson.weightsManifest.flatMap((group: { paths: string[] }) => group.paths);
    const model = ['.lambda/model/model.json', ...shards.map((shard) => `.lambda/model/${shard}`)];
    for (const name of ['.lambda/handler.mjs', `.lambda/${WASM}`, ...model]) assert.ok(names.includes(name), `${name} is in the zip`);
    // The bundle: handler.mjs and the chunks it imports on demand, each with the licence notices
    // esbuild pulled out of it (legalComments: 'linked').
    const bundle = /^\.lambda\/(handler|chunks\/[\w-]+)\.mjs(\.LEGAL\.txt)?$/;
    const strays = names.filter((name) => !bundle.test(name) && name !== `.lambda/${WASM}` && !model.includes(name));
    assert.deepEqual(strays, [], 'nothing but the bundle, the wasm binary and the model');
    const built = readdirSync(join(root, '.lambda'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .sort();
    assert.deepEqual(names, built, 'all of .lambda/');
    for (const entry of entries) {
      assert.equal(entry.size, statSync(join(root, entry.name)).size, `${entry.name} is packaged whole`);
    }
    console.log(`# zip ${(zipBytes / 1024).toFixed(0)} KiB (${zipBytes} bytes), ${entries.length} files`);
  });
});

describe('serverless package --param="endpoint=function-url"', () => {
  const dir = () => join(scratch, 'function-url');

  it('deploys the same function behind a public function URL with no CORS of its own, and no API Gateway', () => {
    const template = readTemplate(dir());
    assertFunction(template, 'dev');
    const url = only(template, 'AWS::Lambda::Url').Properties;
    assert.equal(url.AuthType, 'NONE');
    assert.equal(url.Cors, undefined, 'preflights reach the handler');
    const permissions = ofType(template, 'AWS::Lambda::Permission').map((permission) => permission.Properties);
    assert.ok(permissions.some((p) => p.Action === 'lambda:InvokeFunctionUrl' && p.FunctionUrlAuthType === 'NONE' && p.Principal === '*'));
    assert.ok(permissions.some((p) => p.Action === 'lambda:InvokeFunction' && p.InvokedViaFunctionUrl === true && p.Principal === '*'));
    assert.deepEqual(Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::ApiGateway')), []);
    assert.ok('PredictLambdaFunctionUrl' in template.Outputs);
    assert.deepEqual(listZip(join(dir(), 'digit-canvas.zip')).map((e) => e.name).sort(), listZip(join(root, '.serverless/digit-canvas.zip')).map((e) => e.name).sort());
  });
});

describe('serverless package --param="endpoint=http-api" --stage prod --region eu-west-1', () => {
  it('deploys the HTTP API alone, the stage named in the function and its logs', () => {
    const template = readTemplate(join(scratch, 'http-api'));
    assertFunction(template, 'prod');
    assert.deepEqual(ofType(template, 'AWS::ApiGatewayV2::Route').map((route) => route.Properties.RouteKey).sort(), ['ANY /predict', 'OPTIONS /predict']);
    assert.deepEqual(Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::ApiGateway::')), [], 'no REST API');
    assert.equal(ofType(template, 'AWS::Lambda::Url').length, 0);
  });
});

describe('npm run deploy:lambda and npm run remove:lambda without AWS credentials', () => {
  for (const command of ['deploy', 'remove']) {
    it(`${command} stops at once and says what is missing (no prompt, no login)`, () => {
      const { status, output } = withoutCredentials[command]!;
      assert.notEqual(status, 0);
      assert.notEqual(status, null, 'it did not hang');
      assert.match(output, /AWS provider credentials not found/);
      assert.doesNotMatch(output, /log ?in|telemetry|dashboard/i);
    });
  }
});
