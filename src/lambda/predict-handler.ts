/**
 * `POST /predict`: the endpoint's HTTP — routing, methods, CORS, body decoding and status codes —
 * independent of where the configuration comes from (the deployed entry point is handler.ts). The
 * bodies are core's wire format (src/core/wire-format.ts). Every client mistake is a 4xx with
 * `{"error": "..."}` (a blank grid a 422: any model would still name a digit for it); a model
 * that cannot load is a 503 and is retried on the next request. A 5xx answers a fixed message:
 * what failed inside goes to the log, never to the client.
 */

import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { BLANK_CELL, isBlankGrid } from '../core/preprocess.ts';
import { GRID_CELLS } from '../core/preprocess.ts';
import {
  buildPredictBatchResponse,
  buildPredictResponse,
  errorResponse,
  PredictRequestError,
  readPredictRequest,
  REQUEST_SHAPE,
  type PredictRequest,
} from '../core/wire-format.ts';
import { MAX_DIGITS } from '../core/number-layout.ts';
import type { HandlerConfig } from './config.ts';
import { ALLOWED_METHODS, corsHeaders, preflightHeaders } from './cors.ts';
import { readHttpEvent, type HttpRequest } from './http-event.ts';
import type { ModelService } from './model-service.ts';
import { clip, requestLogLine, type RequestLogEntry } from './request-log.ts';

/** The only route. */
export const PREDICT_PATH = '/predict';
/**
 * Largest accepted body (decoded): 16 grids (a batch's most) at full precision. A float32 cell
 * widened to double and written in full is at most 24 characters (17 digits after `0.00000`, as
 * `0.0000022621645712206373`), 25 with its comma, so a grid is at most 784 × 25 + 3 bytes and 16
 * of them 307 KB; the five decimals the element sends make a grid about 5 KB.
 */
export const MAX_BODY_BYTES = Math.ceil((MAX_DIGITS * (GRID_CELLS * 25 + 3) + 64) / 1024) * 1024;

export type PredictHandler = (event: unknown, context?: Partial<Pick<Context, 'awsRequestId'>>) => Promise<APIGatewayProxyResult>;

export interface PredictHandlerOptions {
  readonly config: HandlerConfig;
  readonly models: ModelService;
  /** Where the per-request log line goes (default: stdout, which Lambda sends to CloudWatch). */
  readonly log?: (line: string) => void;
}

/**
 * What a client is told for each 5xx, whatever failed: an internal message (a file name, a
 * network error, a stack) tells an attacker about the deployment and helps no client.
 */
const SERVER_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  500: 'internal error',
  503: 'model unavailable; try again later',
};

/** The message a client gets for a refusal: its own below 500, a fixed one from 500 on. */
function clientMessage(status: number, message: string): string {
  return status < 500 ? message : (SERVER_ERROR_MESSAGES[status] ?? SERVER_ERROR_MESSAGES[500]!);
}

/**
 * A refused request: its status, a message (for the client below 500; for the log from 500 on),
 * a short code for the log.
 */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const USAGE = `expected ${REQUEST_SHAPE}`;

export function createPredictHandler(options: PredictHandlerOptions): PredictHandler {
  const { config, models } = options;
  const log = options.log ?? ((line: string) => console.log(line));

  return async (event, context) => {
    const started = performance.now();
    const request = readHttpEvent(event);
    const entry: { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] } = {
      requestId: context?.awsRequestId ?? request?.requestId ?? 'unknown',
      method: request?.method ?? '?',
      route: request?.path ?? '?',
      status: 0,
      ms: 0,
    };
    const cors = corsHeaders(config.cors, request?.headers.origin);
    let response: APIGatewayProxyResult;
    try {
      if (!request) throw new HttpError(400, 'not an API Gateway or Lambda function URL HTTP event', 'bad-event');
      response = await respond(request);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof HttpError) entry.reason = error.reason;
      if (status >= 500) entry.error = message;
      const headers = error instanceof HttpError ? { ...cors, ...error.headers } : cors;
      response = json(status, errorResponse(clientMessage(status, message)), headers);
    }
    entry.status = response.statusCode;
    entry.ms = performance.now() - started;
    log(requestLogLine(entry));
    return response;

    async function respond(req: HttpRequest): Promise<APIGatewayProxyResult> {
      if (req.path !== PREDICT_PATH) {
        throw new HttpError(404, `no route ${clip(req.path, 80)}; the endpoint is POST ${PREDICT_PATH}`, 'not-found');
      }
      if (req.method === 'OPTIONS') {
        const headers = preflightHeaders(config.cors, req.headers.origin, req.headers['access-control-request-headers']);
        if (!headers) {
          throw new HttpError(403, `origin ${clip(req.headers.origin ?? '', 100)} may not call this endpoint`, 'origin-refused');
        }
        return { statusCode: 204, headers: { ...headers, Allow: ALLOWED_METHODS }, body: '' };
      }
      if (req.method !== 'POST') {
        throw new HttpError(405, `method ${clip(req.method, 20)} not allowed; use POST`, 'method-not-allowed', {
          Allow: ALLOWED_METHODS,
        });
      }
      const { grids, batch } = parseGrids(readBody(req));
      const blank = grids.findIndex((grid) => isBlankGrid(grid));
      if (blank >= 0) {
        const which = batch ? `data[${blank}] is blank` : 'the grid is blank';
        throw new HttpError(422, `${which} (no cell above ${BLANK_CELL}): nothing to classify; send a drawn digit`, 'blank-grid');
      }
      let model;
      try {
        model = await models.get();
      } catch (error) {
        // The load's own message (which file, which network error) is for the log only.
        const reason = error instanceof Error ? error.message : String(error);
        throw new HttpError(503, reason, 'model-unavailable', { 'Retry-After': '5' });
      }
      const inputs = new Float32Array(grids.length * GRID_CELLS);
      grids.forEach((grid, i) => inputs.set(grid, i * GRID_CELLS));
      const output = await model.predict(inputs, grids.length);
      const width = output.length / grids.length;
      const outputs = grids.map((_, i) => output.subarray(i * width, (i + 1) * width));
      if (batch) {
        const answer = buildPredictBatchResponse(outputs);
        const lowest = Math.min(...answer.confidence);
        const verdict = answer.verdict.find((v) => v !== 'digit') ?? 'digit';
        Object.assign(entry, { backend: model.backend, grids: grids.length, confidence: Math.round(lowest * 1000) / 1000, verdict });
        return json(200, answer, cors);
      }
      const answer = buildPredictResponse(outputs[0]!);
      const { digit, confidence, verdict } = answer;
      Object.assign(entry, { backend: model.backend, digit, confidence: Math.round(confidence * 1000) / 1000, verdict });
      return json(200, answer, cors);
    }
  };
}

/** The body as text, enforcing the size limit before any decoding work. */
function readBody(request: HttpRequest): string {
  const { body } = request;
  if (body === undefined || body === null || body === '') {
    throw new HttpError(400, `request body is empty; ${USAGE}`, 'empty-body');
  }
  if (typeof body !== 'string') throw new HttpError(400, `request body must be text; ${USAGE}`, 'bad-body');
  const tooLarge = new HttpError(413, `request body is over ${MAX_BODY_BYTES / 1024} KB; ${USAGE}`, 'too-large');
  if (!request.isBase64Encoded) {
    if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw tooLarge;
    return body;
  }
  const base64 = body.replace(/\s+/g, '');
  if (base64.length > Math.ceil(MAX_BODY_BYTES / 3) * 4 + 4) throw tooLarge;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
    throw new HttpError(400, 'request body is marked base64 but is not valid base64', 'bad-base64');
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'request body is not valid UTF-8 text', 'bad-encoding');
  }
}

function parseGrids(text: string): PredictRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON (${jsonSyntaxProblem(error)}); ${USAGE}`, 'invalid-json');
  }
  try {
    return readPredictRequest(parsed);
  } catch (error) {
    if (error instanceof PredictRequestError && error.tooMany) throw new HttpError(413, error.message, 'too-many-grids');
    if (error instanceof PredictRequestError) throw new HttpError(400, error.message, 'invalid-data');
    throw error;
  }
}

/**
 * What JSON.parse found wrong, without the excerpt of the body that V8 quotes in some of its
 * messages (`Unexpected token 'x', "…body…" is not valid JSON`): error messages never echo input.
 */
function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const located = /^([A-Za-z ,:'\]}]{1,80}) in JSON at position (\d+)/.exec(message);
  if (located) return `${located[1]} at position ${located[2]}`;
  if (message.startsWith('Unexpected end of JSON input')) return 'unexpected end of input';
  return 'unexpected character';
}

function json(statusCode: number, body: unknown, headers: Record<string, string>): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}
