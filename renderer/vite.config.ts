// Built with `vite build --config renderer/vite.config.ts` from the repository root. Relative asset URLs
// (base './') let the same bundle load from app://tierline/ in Electron and from the e2e static server.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Blueprint's icon CSS lists each icon font in five formats (ttf first, then eot, woff2, woff, svg), and
 * Vite would copy all ten files. Chromium (Electron and the browser of `tierline serve`) reads woff2, so
 * each @font-face keeps its woff2 source only and the other formats are never emitted.
 * test/e2e/web/build-output.test.ts checks the built dist and that the icons' fonts load.
 */
function woff2IconFontsOnly(): Plugin {
  return {
    name: 'tierline:woff2-icon-fonts-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@blueprintjs[\\/]icons[\\/].*\.css(\?|$)/.test(id)) return null;
      let faces = 0;
      const out = code.replace(/(@font-face\s*\{[^}]*?src:)([^;}]+)/g, (_m, head: string, sources: string) => {
        const woff2 = sources.split(/,\s*(?=url\()/).find((s) => /format\(["']woff2["']\)/.test(s));
        if (!woff2) this.error(`${id}: an @font-face without a woff2 source`);
        faces++;
        return `${head}${woff2.trim()}`;
      });
      if (faces === 0) this.error(`${id}: no @font-face found; Blueprint's icon CSS changed shape, review this plugin`);
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [woff2IconFontsOnly(), react()],
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
