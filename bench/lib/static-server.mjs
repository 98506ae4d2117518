/**
 * A small static file server for the benchmarks: URL prefixes mounted on folders, uncompressed
 * (gzip sizes are computed from the files, not from what localhost happened to send), no caching,
 * and optional extra routes (the endpoint page's POST /predict, counters). The slow-network part
 * asks for what a real host does instead (`options`): gzip on the wire, and cache headers with
 * ETag revalidation.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.map': 'application/json',
  '.css': 'text/css',
};

/**
 * @param {Record<string, string>} mounts URL prefix (ending in /) → folder
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean | Promise<boolean>} [routes]
 *   answers a request itself and returns true, or returns false to fall through to the files
 * @param {{ gzip?: boolean, cacheControl?: (path: string) => string }} [options]
 *   gzip: compress every file for a client that accepts it; cacheControl: the Cache-Control
 *   header by URL path (instead of no-store), with an ETag a revalidation is answered 304 to
 * @returns {Promise<{ url: string, close: () => Promise<void>, requests: string[], fileFor: (path: string) => string | undefined }>}
 */
export async function startStaticServer(mounts, routes, options = {}) {
  const gzipped = new Map();
  const requests = [];
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push(path);
      if (routes && (await routes(req, res))) return;
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (!prefix) return notFound(res);
      const root = resolve(mounts[prefix]);
      let file = normalize(join(root, path.slice(prefix.length)));
      if (!file.startsWith(root)) return notFound(res);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return notFound(res);
      if (options.gzip || options.cacheControl) return sendAsHost(req, res, path, file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': statSync(file).size,
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
      });
      createReadStream(file).pipe(res);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  /** As a CDN or a configured host would: gzip when accepted, the given caching, 304 on a matching ETag. */
  function sendAsHost(req, res, path, file) {
    const { size, mtimeMs } = statSync(file);
    const etag = `"${size}-${Math.round(mtimeMs)}"`;
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': options.cacheControl?.(path) ?? 'no-store',
      ETag: etag,
      Vary: 'Accept-Encoding',
      'Access-Control-Allow-Origin': '*',
    };
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, headers).end();
    let body = readFileSync(file);
    if (options.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const key = `${file}:${etag}`;
      if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
      body = gzipped.get(key);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body);
  }

  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  /** The file a URL path is served from (undefined when none). */
  const fileFor = (path) => {
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) return undefined;
    const file = join(resolve(mounts[prefix]), path.slice(prefix.length));
    return existsSync(file) && statSync(file).isFile() ? file : undefined;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fileFor,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
}
