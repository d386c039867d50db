// Built with `vite build --config renderer/vite.config.ts` from the repository root. Relative asset URLs
// (base './') let the same bundle load from app://tierline/ in Electron and from the e2e static server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 4000,
    // No inline scripts or styles: the page runs under script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
