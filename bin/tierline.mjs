#!/usr/bin/env node
// `npx tierline …`: runs the compiled command line (dist/cli/tierline.mjs, built at set-up by
// `npm ci` → `prepare`, or `npm run build:cli`) while it is at least as new as every source it was built
// from; otherwise (a fresh edit, or no build yet) the TypeScript sources through tsx. TIERLINE_FROM_SOURCE=1
// forces the sources.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function compiledIsCurrent() {
  if (process.env.TIERLINE_FROM_SOURCE === '1') return false;
  try {
    const { built, files } = JSON.parse(readFileSync(new URL('dist/cli/inputs.json', root), 'utf8'));
    if (!Array.isArray(files) || files.length === 0) return false;
    for (const f of files) if (statSync(new URL(f, root)).mtimeMs > built) return false;
    return true;
  } catch {
    return false;
  }
}

// A closed pipe (`tierline … | head`) ends the output quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const compiled = compiledIsCurrent();
if (process.env.TIERLINE_LAUNCH_TRACE === '1') process.stderr.write(`tierline: running ${compiled ? 'dist/cli/tierline.mjs' : 'the sources through tsx'}\n`);
let main;
if (compiled) {
  ({ main } = await import(new URL('dist/cli/tierline.mjs', root).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
