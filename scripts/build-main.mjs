// Bundles the Electron main process (main/shell/app.ts + main/core) and the preload into CommonJS files
// under dist/main/. The preload is bundled whole because a sandboxed preload cannot require modules;
// npm dependencies stay external and ship in app.asar (better-sqlite3 is rebuilt for Electron only when
// electron-builder packages the app).
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  external: ['electron'],
  // Core code locates assets through TIERLINE_ASSETS (set by the shell); import.meta.url is only a
  // fallback for running from source.
  define: { 'import.meta.url': '__tierlineImportMetaUrl' },
  banner: { js: "const __tierlineImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  // The long-job worker (main/core/jobs) is its own entry, beside app.cjs where jobs/host.ts looks for it.
  entryPoints: { 'shell/app': 'main/shell/app.ts', 'shell/tierline-jobs': 'main/core/jobs/worker.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  // Dependencies load from node_modules inside app.asar (pdfkit reads its font data next to its own
  // files; better-sqlite3 is native), so only Tierline's own code is bundled.
  packages: 'external',
});
await build({
  ...common,
  entryPoints: { 'preload/index': 'main/preload/index.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  platform: 'browser',
  format: 'cjs',
  // A sandboxed preload gets no require() beyond electron: no banner, no import.meta shim.
  define: {},
  banner: {},
});
console.log('built dist/main/shell/app.cjs, dist/main/shell/tierline-jobs.cjs and dist/main/preload/index.cjs');
