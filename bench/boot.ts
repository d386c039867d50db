// npm run bench:boot — how long things take to start, against `node -e 0` measured in the same run:
//   boot_ms  process start to the first page of the case list, the core as the desktop shell and
//            `tierline serve` run it (handlers, store with 1,000 cases, packs), bundled like the shell's
//            main process and run with plain node (the Electron binary is not on this machine);
//   cli_ms   `npx tierline evaluate one.json`, the whole process, with the CLI compiled at set-up;
//   bin_ms   the same without npx (node bin/tierline.mjs), and src_ms through tsx from the sources.
// Medians of RUNS runs each, interleaved. Last line: `boot_ms=… cli_ms=… node_ms=… bin_ms=… src_ms=…`.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { openDatabaseOrThrow } from '../main/core/db';
import { evaluateAndRecordMany } from '../main/core/services/evaluate';
import { installBuiltinPacks } from '../main/core/services/packs';
import { generateCases } from './generate';

const RUNS = Number(process.env.RUNS ?? 9);
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'tierline-bench-boot-'));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

try {
  // A store the way the app leaves it: packs installed, 1,000 cases evaluated.
  const dataDir = join(dir, 'data');
  const db = openDatabaseOrThrow(join(dataDir, 'tierline.sqlite'));
  installBuiltinPacks(db, 'bench');
  const stored = evaluateAndRecordMany(db, generateCases(1000), { actor: 'bench' });
  if (!stored.ok) throw new Error(stored.error.message);
  db.close();

  await build({
    absWorkingDir: root,
    entryPoints: ['bench/boot-child.ts'],
    outfile: join(dir, 'child', 'main', 'core', 'x', 'boot-child.cjs'),
    bundle: true,
    platform: 'node',
    // CommonJS as scripts/build-main.mjs bundles the shell: a module behind a dynamic import (letters,
    // identity) then loads its npm packages only when it is imported (an ES module bundle would hoist
    // their imports to the top and load them at start).
    format: 'cjs',
    define: { 'import.meta.url': '__tierlineImportMetaUrl' },
    banner: { js: "const __tierlineImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
  });
  // The bundle resolves npm packages from its own folder upwards: give it the checkout's node_modules.
  execFileSync('ln', ['-s', join(root, 'node_modules'), join(dir, 'child', 'node_modules')]);
  execFileSync('ln', ['-s', join(root, 'assets'), join(dir, 'child', 'assets')]);
  if (!existsSync(join(root, 'dist', 'cli', 'tierline.mjs'))) execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
  const one = join(dir, 'one.json');
  writeFileSync(one, JSON.stringify(generateCases(1, 7)[0]));
  const cliData = join(dir, 'cli-data');

  const t: Record<string, number[]> = { node: [], boot: [], bootWall: [], cli: [], bin: [], src: [] };
  let info = { loaded: 0, heavy: [] as string[] };
  for (let i = 0; i < RUNS; i++) {
    t.node.push(wall(process.execPath, ['-e', '0']).ms);
    const b = wall(process.execPath, [join(dir, 'child', 'main', 'core', 'x', 'boot-child.cjs'), dataDir]);
    const child = JSON.parse(b.stdout.trim().split('\n').pop()!) as { ms: number; loaded: number; heavy: string[] };
    t.boot.push(child.ms);
    t.bootWall.push(b.ms);
    info = child;
    t.cli.push(wall('npx', ['--no', 'tierline', 'evaluate', one, '--data-dir', cliData]).ms);
    t.bin.push(wall(process.execPath, ['bin/tierline.mjs', 'evaluate', one, '--data-dir', cliData]).ms);
    if (i < 3) t.src.push(wall(process.execPath, ['bin/tierline.mjs', 'evaluate', one, '--data-dir', cliData], { TIERLINE_FROM_SOURCE: '1' }).ms);
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(median(v))]));
  console.log(`node -e 0:                        ${m.node} ms`);
  console.log(`core start to first case page:    ${m.boot} ms after process start (${m.bootWall} ms wall), ${info.loaded} CommonJS modules loaded, lazy packages loaded: ${info.heavy.join(', ') || 'none'}`);
  console.log(`npx tierline evaluate one.json:   ${m.cli} ms`);
  console.log(`node bin/tierline.mjs evaluate:   ${m.bin} ms (compiled); ${m.src} ms from the sources through tsx`);
  console.log(`boot_ms=${m.boot} cli_ms=${m.cli} node_ms=${m.node} bin_ms=${m.bin} src_ms=${m.src}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
