// npm start: build the renderer and the main process, then launch Electron. Where no Electron binary is
// installed (it is downloaded from GitHub, which this machine may not reach), say so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

const root = resolve(import.meta.dirname, '..');

function fail(line) {
  console.error(line);
  process.exit(1);
}

function step(label, cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-1)[0] ?? '';
    fail(`Tierline: ${label} failed${out ? `: ${out}` : ''}`);
  }
}

try {
  const binary = electronBinary(root);
  if (!binary) {
    fail('Tierline cannot start here: no Electron binary is installed (node_modules/electron/dist is missing; it downloads from GitHub on a connected machine with `npx install-electron`). The command line works without it: npx tierline --help');
  }
  step('building the window (vite)', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error']);
  step('building the main process (esbuild)', process.execPath, ['scripts/build-main.mjs']);
  // better-sqlite3 in node_modules stays built for Node (the CLI and tests use it); Electron gets its own
  // copy under dist/electron-native, built once (see scripts/electron-native.mjs).
  let binding;
  try {
    binding = ensureElectronSqlite(binary);
  } catch (e) {
    fail(`Tierline: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined, TIERLINE_SQLITE_BINDING: binding } });
  child.on('error', (e) => fail(`Tierline: Electron could not be started (${e.message}).`));
  child.on('exit', (code) => process.exit(code ?? 0));
} catch (e) {
  fail(`Tierline: ${e instanceof Error ? e.message : String(e)}`);
}
