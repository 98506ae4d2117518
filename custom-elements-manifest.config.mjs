/**
 * The custom elements manifest (`npm run build` writes custom-elements.json) describes the
 * element from its sources, but the package ships no sources: every path in it is rewritten to a
 * file the package has, the module that defines the tag to the npm entry and the others to their
 * declaration files in dist/types/.
 */
import { posix } from 'node:path';

const DEFINE_MODULE = 'src/element/digit-canvas-define.ts';

/** `path` as the analyzer wrote it (relative to `base`, or from the root with a leading slash), mapped onto the package. */
function shippedPath(path, base) {
  path = path.startsWith('./') || path.startsWith('../') ? posix.join(base, path) : path.replace(/^\//, '');
  if (path === DEFINE_MODULE) return 'dist/index.js';
  const source = /^src\/(.+)\.ts$/.exec(path);
  return source ? `dist/types/${source[1]}.d.ts` : path;
}

function rewritePaths(node, base) {
  if (Array.isArray(node)) return node.forEach((item) => rewritePaths(item, base));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shippedPath(value, base);
    else rewritePaths(value, base);
  }
}

export default {
  globs: ['src/element/**/*.ts'],
  litelement: true,
  plugins: [
    {
      name: 'digit-canvas-shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) rewritePaths(module, posix.dirname(module.path));
      },
    },
  ],
};
