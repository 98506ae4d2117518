/**
 * What any Lit element costs before its own code: a minimal LitElement (styles, one reactive
 * property, one template) bundled and minified as vite.config.ts builds dist/ (esbuild, then
 * terser), gzip at zlib's default level. The endpoint-only page's budget is read against it.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const MINIMAL_ELEMENT = `
import { LitElement, html, css, nothing } from 'lit';
class MinimalElement extends LitElement {
  static styles = css\`:host { display: block }\`;
  static properties = { label: {} };
  constructor() { super(); this.label = ''; }
  render() { return html\`<p>\${this.label || nothing}</p>\`; }
}
customElements.define('minimal-element', MinimalElement);
`;

export async function litFloor(root) {
  const result = await build({
    stdin: { contents: MINIMAL_ELEMENT, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const { code } = await minify(result.outputFiles[0].text, { module: true, compress: { passes: 2 } });
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code).byteLength };
}
