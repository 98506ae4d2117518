/**
 * Test helpers: the three HTTP event shapes Lambda receives, built the way API Gateway and
 * function URLs send them (the only place tests, test servers and scripts make events), plus
 * MNIST test digits as request grids.
 */

import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadMnist, type MnistSet } from '../../src/training/idx.ts';

export interface EventOptions {
  method?: string;
  path?: string;
  body?: string | null;
  headers?: Record<string, string>;
  base64?: boolean;
}

/** API Gateway REST API (payload v1), e.g. `POST /dev/predict` → resource and path `/predict`. */
export function restEvent(options: EventOptions = {}): APIGatewayProxyEvent {
  const path = options.path ?? '/predict';
  const body = encode(options);
  return {
    resource: path,
    path,
    httpMethod: options.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...options.headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      requestId: 'rest-request',
      stage: 'dev',
      path: `/dev${path}`,
      httpMethod: options.method ?? 'POST',
    } as APIGatewayProxyEvent['requestContext'],
    body,
    isBase64Encoded: options.base64 ?? false,
  };
}

/**
 * HTTP API (payload v2). `routeKey` is how API Gateway names the matched route (`ANY /predict`);
 * a function URL sends `$default` and only the raw path.
 */
export function httpApiEvent(options: EventOptions & { routeKey?: string; stage?: string } = {}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/predict';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const body = encode(options);
  return {
    version: '2.0',
    routeKey: options.routeKey ?? `ANY ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'http-api-request',
      routeKey: options.routeKey ?? `ANY ${path}`,
      stage: options.stage ?? '$default',
      time: '25/Nov/2026:17:00:00 +0000',
      timeEpoch: 0,
    },
    ...(body === null ? {} : { body }),
    isBase64Encoded: options.base64 ?? false,
  };
}

/** A Lambda function URL event: payload v2, route `$default`, bodies often base64. */
export function functionUrlEvent(options: EventOptions = {}): APIGatewayProxyEventV2 {
  return httpApiEvent({ ...options, routeKey: '$default' });
}

/**
 * The HTTP API event for a request that a local server received (scripts/test-endpoints.mjs, the
 * built page's server in test/build, the bench's endpoint page): routed to `POST /predict` whatever its own path, with
 * its method, headers and body.
 */
export function predictEvent(request: { method?: string | undefined; headers: IncomingHttpHeaders }, body: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
  return httpApiEvent({ method: request.method ?? 'POST', headers, body });
}

function encode(options: EventOptions): string | null {
  const body = options.body ?? null;
  if (body === null || !options.base64) return body;
  return Buffer.from(body, 'utf8').toString('base64');
}

let testSet: MnistSet | undefined;

/** MNIST test image `index` as a request grid (pixel / 255) with its label. */
export function mnistDigit(index: number): { grid: number[]; label: number } {
  testSet ??= loadMnist('t10k');
  const { pixels, rows, cols } = testSet.images;
  const size = rows * cols;
  const grid = Array.from(pixels.subarray(index * size, (index + 1) * size), (value) => value / 255);
  return { grid, label: testSet.labels[index]! };
}

/** A JSON request body for a grid. */
export function predictBody(grid: ArrayLike<number>): string {
  return JSON.stringify({ data: Array.from(grid) });
}
