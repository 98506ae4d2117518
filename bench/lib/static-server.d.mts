import type { IncomingMessage, ServerResponse } from 'node:http';

/** A running static server (see static-server.mjs). */
export interface StaticServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  /** The file a URL path is served from (undefined when none). */
  fileFor(path: string): string | undefined;
  close(): Promise<void>;
}

/**
 * Serves folders under URL prefixes (ending in /) on 127.0.0.1; `routes` answers a request itself
 * and returns true, or returns false to fall through to the files.
 */
export declare function startStaticServer(
  mounts: Record<string, string>,
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>,
): Promise<StaticServer>;
