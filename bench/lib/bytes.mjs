/** Sizes as they travel: gzip at zlib's default level (what servers and CDNs typically send). */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export function gzipBytes(data) {
  return gzipSync(data).byteLength;
}

/** Raw and gzip bytes of one file. */
export function fileSizes(path) {
  const data = readFileSync(path);
  return { raw: statSync(path).size, gzip: gzipBytes(data) };
}

export function kb(bytes) {
  return Math.round((bytes / 1024) * 10) / 10;
}
