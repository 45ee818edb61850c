// Builds the renderer (renderer/ → dist/renderer) for the Electron window (file://, hence the
// relative base) and the browser host. `npm run build` calls this through scripts/build.mjs.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = import.meta.dirname;

/**
 * The dev server injects React Refresh's inline script, which the strict CSP in index.html
 * refuses; drop the meta tag while serving only. Built files keep it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'cunji-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
  };
}

export default defineConfig({
  root: `${repoRoot}/renderer`,
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: `${repoRoot}/dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // antd is most of the bytes and changes rarely: its own chunk keeps the app chunk small.
        codeSplitting: {
          groups: [
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/, priority: 2 },
            // PDF.js only when a PDF is opened (the viewer imports it lazily): never in the first screen's chunks.
            { name: 'pdfjs', test: /node_modules[\\/]pdfjs-dist[\\/]/, priority: 3 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // The renderer imports shared/ from outside its root.
    fs: { allow: [repoRoot] },
    // `npx vite` during development talks to a running browser host (npm run host).
    proxy: { '/api': 'http://127.0.0.1:5177' },
  },
});
