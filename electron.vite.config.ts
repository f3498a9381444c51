import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * React Fast Refresh injects an inline script in the dev server only; allow it there and
 * nowhere else. Production builds keep index.html's strict CSP untouched.
 */
function devServerCsp(): Plugin {
  return {
    name: 'muxdeck-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

// Layout follows ARCHITECTURE.md §1: src-main / src-preload / src-renderer at the top level.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dependencies are loaded from node_modules at run time; the native ones are optional dependencies
      // (an install must not fail where they cannot be built), which electron-vite does not count.
      externalizeDeps: { include: ['node-pty', 'keytar'] },
      rollupOptions: {
        // index.ts boots Electron; cli.ts runs the same services in plain Node (serve mode, tools).
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() from node_modules: bundle everything into it.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
