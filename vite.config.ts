/**
 * Vite: `npm start` serves the demo (demo/index.html, importing the element from src/ with hot
 * reload); `npm run build` makes the library: dist/digit-canvas.js, one self-contained ES module
 * (Lit bundled in) that a static page loads with <script type="module">. Code split off later
 * (tfjs, loaded lazily) lands next to it in dist/chunks/ with readable names.
 */
import { defineConfig, type Plugin } from 'vite';

/** `/` on the dev server goes to the demo, so the URL Vite prints is the page to open. */
function demoAtRoot(): Plugin {
  return {
    name: 'digit-canvas-demo-at-root',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url !== '/' && request.url !== '/index.html') return next();
        response.statusCode = 302;
        response.setHeader('Location', '/demo/');
        response.end();
      });
    },
  };
}

// Open a browser tab only where there is a desktop to open it on.
const canOpen = !process.env.CI && (process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY));

export default defineConfig({
  root: '.',
  plugins: [demoAtRoot()],
  server: { open: canOpen ? '/demo/' : false },
  // Library consumers load dist/ directly, so nothing may be left for a bundler to replace.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'digit-canvas.js',
    },
    rollupOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
