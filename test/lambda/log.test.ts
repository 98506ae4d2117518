import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { log, logLine } from '../../src/lambda/log.ts';
import { requestLogLine } from '../../src/lambda/request-log.ts';

describe('the Lambda JSON logger', () => {
  it('writes one JSON object per line, level and msg first, then the fields', () => {
    const line = logLine('info', 'model loaded', { backend: 'wasm', runtime: 'lean', ms: 12 });
    assert.equal(line, '{"level":"info","msg":"model loaded","backend":"wasm","runtime":"lean","ms":12}');
    assert.ok(!line.includes('\n'));
    assert.equal(logLine('warn', 'wasm backend unavailable, using cpu'), '{"level":"warn","msg":"wasm backend unavailable, using cpu"}');
  });

  it('sends info to stdout, warn and error to stderr (Lambda ships both to CloudWatch)', () => {
    const out = mock.method(console, 'log', () => {});
    const warn = mock.method(console, 'warn', () => {});
    const error = mock.method(console, 'error', () => {});
    try {
      log('info', 'a');
      log('warn', 'b', { error: 'x' });
      log('error', 'c');
      assert.deepEqual(out.mock.calls.map((call) => call.arguments), [['{"level":"info","msg":"a"}']]);
      assert.deepEqual(warn.mock.calls.map((call) => call.arguments), [['{"level":"warn","msg":"b","error":"x"}']]);
      assert.deepEqual(error.mock.calls.map((call) => call.arguments), [['{"level":"error","msg":"c"}']]);
    } finally {
      out.mock.restore();
      warn.mock.restore();
      error.mock.restore();
    }
  });

  it('the request line is the same shape: its level from the status, method and route clipped, ms rounded', () => {
    const entry = { requestId: 'r', method: 'POST', route: `/${'x'.repeat(200)}`, status: 503, ms: 4.04, reason: 'model-unavailable', error: 'model.json not found' };
    const line = JSON.parse(requestLogLine(entry)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(line).slice(0, 2), ['level', 'msg']);
    assert.deepEqual([line.level, line.msg, line.ms, line.error], ['error', 'request', 4, 'model.json not found']);
    assert.equal((line.route as string).length, 101);
    assert.equal(JSON.parse(requestLogLine({ ...entry, status: 400 })).level, 'warn');
    assert.equal(JSON.parse(requestLogLine({ ...entry, status: 200 })).level, 'info');
  });
});
