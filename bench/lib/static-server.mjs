/**
 * A small static file server for the benchmarks: URL prefixes mounted on folders, uncompressed
 * (gzip sizes are computed from the files, not from what localhost happened to send), no caching,
 * and optional extra routes (the endpoint page's POST /predict, counters).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

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
 * @returns {Promise<{ url: string, close: () => Promise<void>, requests: string[], fileFor: (path: string) => string | undefined }>}
 */
export async function startStaticServer(mounts, routes) {
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
