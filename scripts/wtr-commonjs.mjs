// A @web/test-runner plugin that serves chosen CommonJS packages as ES modules, the way vite's
// dependency pre-bundling does in dev: each file is bundled by esbuild as CommonJS, wrapped in a
// module/exports shim, and re-exported as `default` plus one named export per key of its
// module.exports (read by loading the file in Node), so both `import x from` and
// `import * as x from` work. tfjs's ESM builds need it for long, seedrandom and the wasm
// backend's emscripten glue. Node built-ins stay external: those packages only require() them on
// Node, inside try/catch or environment checks, and the shim's require() throws.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const NODE_BUILTINS = ['crypto', 'fs', 'path', 'os', 'url', 'util', 'worker_threads', 'perf_hooks'];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** @param {{ rootDir: string, packages: string[] }} options  packages: path fragments such as '/node_modules/long/' */
export function commonjsPackages({ rootDir, packages }) {
  const cache = new Map();
  return {
    name: 'commonjs-packages',
    async serve(context) {
      const path = decodeURIComponent(context.path);
      if (!path.endsWith('.js') || !packages.some((fragment) => path.includes(fragment))) return undefined;
      if (!cache.has(path)) cache.set(path, convert(join(rootDir, path)));
      return { body: await cache.get(path), type: 'js' };
    },
  };
}

async function convert(file) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    external: NODE_BUILTINS,
    write: false,
    logLevel: 'silent',
  });
  let names = [];
  try {
    const exported = require(file);
    if (exported && (typeof exported === 'object' || typeof exported === 'function')) {
      names = Object.keys(exported).filter((name) => IDENTIFIER.test(name) && name !== 'default');
    }
  } catch {
    // Not loadable in Node: default export only.
  }
  return [
    'const __module = { exports: {} };',
    '(function (module, exports, require) {',
    result.outputFiles[0].text,
    "})(__module, __module.exports, (id) => { throw new Error(`${id} is not available in the browser`); });",
    'const __exports = __module.exports;',
    'export default __exports;',
    ...names.map((name, i) => `const __export${i} = __exports.${name};\nexport { __export${i} as ${name} };`),
  ].join('\n');
}
