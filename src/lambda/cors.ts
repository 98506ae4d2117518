/**
 * CORS for the endpoint, from `ALLOWED_ORIGINS` (comma list, default `*`). With `*` the endpoint
 * never sends `Access-Control-Allow-Credentials`: browsers refuse credentialed requests under
 * that pair, which is what the original API sent. Credentials are only ever allowed for an
 * explicitly listed origin, echoed back with `Vary: Origin`.
 */

/** Who may call the endpoint from a browser. */
export interface CorsPolicy {
  /** `*` for any origin, else the allowed origins (lower-case, no trailing slash). */
  readonly origins: '*' | readonly string[];
  /** Send `Access-Control-Allow-Credentials: true` to listed origins. */
  readonly credentials: boolean;
}

export const ALLOWED_METHODS = 'POST, OPTIONS';

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

export function parseCorsPolicy(allowedOrigins: string | undefined, allowCredentials?: string): CorsPolicy {
  const entries = (allowedOrigins ?? '')
    .split(',')
    .map((entry) => normalizeOrigin(entry))
    .filter((entry) => entry !== '');
  const origins = entries.length === 0 || entries.includes('*') ? '*' : entries;
  return { origins, credentials: origins !== '*' && allowCredentials?.trim().toLowerCase() === 'true' };
}

/** CORS headers for an actual (non-preflight) response. */
export function corsHeaders(policy: CorsPolicy, origin: string | undefined): Record<string, string> {
  if (policy.origins === '*') return { 'Access-Control-Allow-Origin': '*' };
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin !== undefined && isAllowed(policy, origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    if (policy.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
  }
  return headers;
}

/** Headers for a preflight answer, or `undefined` when the origin may not call the endpoint. */
export function preflightHeaders(
  policy: CorsPolicy,
  origin: string | undefined,
  requestedHeaders: string | undefined,
): Record<string, string> | undefined {
  if (origin !== undefined && !isAllowed(policy, origin)) return undefined;
  const allowHeaders = requestedHeaders !== undefined && /^[\w\s,-]{1,500}$/.test(requestedHeaders)
    ? requestedHeaders
    : 'Content-Type';
  const headers: Record<string, string> = {
    ...corsHeaders(policy, origin),
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': allowHeaders,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
  };
  if (policy.origins !== '*') headers.Vary = 'Origin, Access-Control-Request-Headers';
  return headers;
}

function isAllowed(policy: CorsPolicy, origin: string): boolean {
  return policy.origins === '*' || policy.origins.includes(normalizeOrigin(origin));
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
