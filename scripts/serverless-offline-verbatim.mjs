/**
 * A local serverless plugin for `npm run api`: serverless-offline answers exactly what the handler
 * returned, as API Gateway does for a Lambda proxy integration with no CORS configured.
 *
 * serverless-offline (14.x) has a CORS layer of its own that no setting switches off: on every
 * request with an `Origin` it adds `Access-Control-Allow-Credentials: true`, echoes the origin
 * where the handler sent no `Access-Control-Allow-Origin` (allowing origins the handler refused),
 * and turns a preflight's 204 into 200 with `Access-Control-Expose-Headers`. Its server, hapi,
 * then adds `Cache-Control: no-cache`, `Vary: accept-encoding`, a charset, and CORS headers of
 * its own on some routes. So this plugin takes the handler's answer as serverless-offline mapped
 * it (status, headers, body), before any of that, and writes it to the socket itself.
 *
 * What the local API adds is what a gateway adds too: `Date`, `Connection`, `Content-Length`,
 * and a `Content-Type` on an answer whose handler set none (`application/json`, serverless-
 * offline's default, as a REST API does). Answers the handler never gave go out as API Gateway
 * gives them, without any CORS header: a failed or timed-out function is a 502 (REST API) or 500
 * (HTTP API) with API Gateway's message; a body hapi refused to read, hapi's JSON error.
 * Cookies (which the handler never sets) would be lost: serverless-offline keeps them apart.
 * test/lambda/serverless-offline.test.ts checks this through a running `npm run api`.
 */

/** Printed once the plugin is in place: from then on the local API answers verbatim. */
export const READY_LINE = 'offline-verbatim: the local API answers with the handler’s status, headers and body only';

export default class ServerlessOfflineVerbatim {
  constructor(serverless, _options, utils) {
    this.hooks = {
      // After serverless-offline's own `offline:start:init`, which creates and starts its server.
      'after:offline:start:init': () => attach(serverless, utils?.log),
    };
  }
}

function attach(serverless, log) {
  const offline = serverless.pluginManager.plugins.find((plugin) => plugin.constructor?.name === 'ServerlessOffline');
  const server = offline?.internals?.().getApiGatewayServer?.();
  if (!server) {
    throw new serverless.classes.Error('serverless-offline-verbatim: found no serverless-offline HTTP server (list serverless-offline before it)');
  }

  /** The answer as serverless-offline's route handler made it, before any onPreResponse hook. */
  const answers = new WeakMap();

  server.ext('onPostHandler', (request, h) => {
    const response = request.response;
    if (!response.isBoom) {
      const headers = { ...response.headers };
      // serverless-offline's own answers (its 404 for an unknown route) are objects hapi would serialise.
      const serialised = response.source !== null && typeof response.source === 'object' && !Buffer.isBuffer(response.source);
      if (serialised && !('content-type' in headers)) headers['content-type'] = 'application/json; charset=utf-8';
      const answer = { statusCode: response.statusCode, headers, body: bodyOf(response.source) };
      answers.set(request, lambdaFailure(answer) ?? answer);
    }
    return h.continue;
  });

  // Registered after serverless-offline's CORS hook, so it runs last; it sends the answer itself
  // and tells hapi to send nothing more.
  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    const answer = answers.get(request) ?? gatewayError(response);
    const res = request.raw.res;
    if (!res.headersSent) {
      const headers = { ...answer.headers };
      const bodiless = answer.statusCode === 204 || answer.statusCode === 304;
      if (!bodiless && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
        headers['content-length'] = String(Buffer.byteLength(answer.body));
      }
      res.writeHead(answer.statusCode, headers);
      res.end(request.method === 'head' || bodiless ? undefined : answer.body);
    }
    return h.abandon;
  });

  (log?.notice ?? console.log)(READY_LINE);
}

/**
 * When the function failed (it threw, or ran past its timeout) there is no handler answer, and
 * serverless-offline makes one up: on the REST API its error status as a string with no body, on
 * the HTTP API a 200 whose body is the error and its stack trace (local paths included). API
 * Gateway answers 502 `{"message": "Internal server error"}` (REST) and 500
 * `{"message":"Internal Server Error"}` (HTTP API), and so does the local API.
 */
function lambdaFailure(answer) {
  if (typeof answer.statusCode === 'string' && answer.body === '') {
    return gatewayAnswer(502, { message: 'Internal server error' });
  }
  if (answer.statusCode === 200 && typeof answer.body === 'string' && answer.body.startsWith('{"errorMessage"')) {
    try {
      const error = JSON.parse(answer.body);
      if (Object.keys(error).sort().join() === 'errorMessage,errorType,stackTrace') return gatewayAnswer(500, { message: 'Internal Server Error' });
    } catch {
      // not serverless-offline's error: the handler's own answer
    }
  }
  return undefined;
}

function gatewayAnswer(statusCode, payload) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

function bodyOf(source) {
  if (source === null || source === undefined) return '';
  return typeof source === 'string' || Buffer.isBuffer(source) ? source : JSON.stringify(source);
}

/** A request the handler never answered (hapi refused it): hapi's JSON error, no CORS headers. */
function gatewayError(response) {
  const output = response.isBoom ? response.output : { statusCode: 500, headers: {}, payload: { message: 'Internal Server Error' } };
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  for (const [name, value] of Object.entries(output.headers)) {
    if (!name.toLowerCase().startsWith('access-control-')) headers[name] = value;
  }
  return { statusCode: output.statusCode, headers, body: JSON.stringify(output.payload) };
}
