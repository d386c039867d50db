// Compiles the command line into one ES module, dist/cli/tierline.mjs, so that `npx tierline …` runs
// JavaScript instead of transpiling TypeScript through tsx on every call. It runs at set-up (`prepare`,
// after `npm ci`) and takes about a second. npm dependencies stay external (pdfkit reads its font data
// next to its own files; better-sqlite3 is native). The core finds assets/ and dist/renderer/ from
// import.meta.url three levels below the checkout (main/core/<dir>/), so the bundle is given a URL at
// that depth. dist/cli/inputs.json lists the sources it was built from: bin/tierline.mjs runs the bundle
// only while none of them is newer, and falls back to tsx otherwise, so a developer's edit is never
// hidden by a stale build.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  // The long-job worker (main/core/jobs, used by `tierline serve`) is bundled beside it: jobs/host.ts finds
  // dist/cli/tierline-jobs.mjs from the URL the banner gives.
  entryPoints: { tierline: 'main/cli.ts', 'tierline-jobs': 'main/core/jobs/worker.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__tierlineSourceUrl' },
  banner: { js: "const __tierlineSourceUrl = new URL('../../main/core/cli/tierline.mjs', import.meta.url).href;" },
});
const files = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
mkdirSync(resolve(root, 'dist/cli'), { recursive: true });
writeFileSync(resolve(root, 'dist/cli/inputs.json'), JSON.stringify({ built: started, files }) + '\n');
console.log(`built dist/cli/tierline.mjs from ${files.length} sources in ${Date.now() - started} ms`);
