// Multi-page build: every portal is an HTML entry (index.html, customer/index.html, ...).
// Output goes to web/dist, which `reskflow serve` serves (RESKFLOW_WEB_ROOT); hashed files land
// in dist/assets/ and are cached as immutable by the server.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const root = import.meta.dirname;

/** One entry per portal page; add a line here when you add a portal (see docs/web.md). */
const pages = {
  landing: resolve(root, 'index.html'),
  customer: resolve(root, 'customer/index.html'),
  admin: resolve(root, 'admin/index.html'),
  merchant: resolve(root, 'merchant/index.html'),
  driver: resolve(root, 'driver/index.html'),
};

export default defineConfig({
  root,
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
    modulePreload: { polyfill: false },
    rollupOptions: { input: pages },
  },
  server: {
    // `npm run dev -w web` proxies the API to a local `reskflow serve`.
    proxy: { '/v1': 'http://127.0.0.1:3000' },
  },
});
