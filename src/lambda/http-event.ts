/**
 * Reads the three HTTP event shapes a Lambda can receive — API Gateway REST (payload v1), HTTP API
 * (v2) and function URLs (v2 with route `$default`) — into one request. Defensive: events come
 * from configuration we do not control, so anything unexpected yields `undefined`, not a throw.
 */

import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP request, whichever event shape it arrived in. */
export interface HttpRequest {
  /** Upper-case method. */
  readonly method: string;
  /** The route path without a stage prefix or trailing slash, e.g. `/predict`. */
  readonly path: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as the event carries it: text, base64 text, or absent. */
  readonly body: unknown;
  readonly isBase64Encoded: boolean;
  readonly requestId: string | undefined;
  readonly payloadVersion: '1.0' | '2.0';
}

export function readHttpEvent(event: unknown): HttpRequest | undefined {
  if (!isRecord(event)) return undefined;
  const context = isRecord(event.requestContext) ? event.requestContext : {};
  const requestId = typeof context.requestId === 'string' ? context.requestId : undefined;
  const http = isRecord(context.http) ? context.http : undefined;
  const common = {
    headers: lowerCaseHeaders(event.headers),
    body: event.body,
    isBase64Encoded: event.isBase64Encoded === true,
    requestId,
  };
  if (http && typeof http.method === 'string') {
    const v2 = event as Partial<APIGatewayProxyEventV2>;
    return {
      ...common,
      method: http.method.toUpperCase(),
      path: v2RoutePath(v2, typeof http.path === 'string' ? http.path : undefined),
      payloadVersion: '2.0',
    };
  }
  if (typeof event.httpMethod === 'string') {
    const v1 = event as Partial<APIGatewayProxyEvent>;
    const path = typeof v1.path === 'string' ? v1.path : typeof v1.resource === 'string' ? v1.resource : '';
    return { ...common, method: v1.httpMethod!.toUpperCase(), path: normalizePath(path), payloadVersion: '1.0' };
  }
  return undefined;
}

/**
 * An HTTP API route key such as `POST /predict` names the route exactly; function URLs and the
 * `$default` route only give the raw path, which on a named stage starts with the stage.
 */
function v2RoutePath(event: Partial<APIGatewayProxyEventV2>, httpPath: string | undefined): string {
  const routeKey = typeof event.routeKey === 'string' ? event.routeKey : '$default';
  const routePath = /^[A-Z*]+ (\/\S*)$/i.exec(routeKey)?.[1];
  if (routePath && !routePath.includes('{')) return normalizePath(routePath);
  let path = typeof event.rawPath === 'string' ? event.rawPath : (httpPath ?? '');
  const stage = isRecord(event.requestContext) ? event.requestContext.stage : undefined;
  if (typeof stage === 'string' && stage !== '$default' && path.startsWith(`/${stage}/`)) {
    path = path.slice(stage.length + 1);
  }
  return normalizePath(path);
}

function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed === '' ? '/' : trimmed;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  // No prototype: a header named `constructor` or `__proto__` stays an ordinary entry.
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!isRecord(headers)) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
