// npm start: the desktop app where an Electron binary can run; elsewhere (no binary: it downloads from
// GitHub, which this machine may not reach) the same workbench in the default browser through
// `tierline serve` (127.0.0.1 only, per-launch token). `npm start -- --serve` picks the browser anyway;
// other arguments go to the app or to `tierline serve` (e.g. `-- --no-open --port 8123`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function fail(line) {
  console.error(line);
  process.exit(1);
}

function step(label, cmd, argv, env = process.env) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-1)[0] ?? '';
    fail(`Tierline: ${label} failed${out ? `: ${out}` : ''}`);
  }
}

function buildRenderer() {
  step('building the window (vite)', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error']);
}

/** Newest modification time under the folders the renderer bundle is built from. */
function newestSource(dirs) {
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newest;
}

function rendererIsCurrent() {
  const index = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) return false;
  return statSync(index).mtimeMs >= newestSource([join(root, 'renderer'), join(root, 'shared')]);
}

function serve(serveArgs) {
  if (!rendererIsCurrent()) {
    console.error('Tierline: building the workbench (vite)…');
    buildRenderer();
  }
  const child = spawn(process.execPath, [join(root, 'bin', 'tierline.mjs'), 'serve', ...serveArgs], { cwd: root, stdio: 'inherit' });
  // Ctrl+C reaches the child through the terminal's process group; SIGTERM to npm start is passed on.
  const forward = (s) => child.kill(s);
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (e) => fail(`Tierline: the server could not be started (${e.message}).`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

try {
  const forceServe = args.includes('--serve');
  const rest = args.filter((a) => a !== '--serve');
  const binary = forceServe ? null : electronBinary(root);
  if (!binary) {
    if (!forceServe) console.error('Tierline: no Electron binary here, so the workbench opens in your browser instead (tierline serve).');
    serve(rest);
  } else {
    buildRenderer();
    step('building the main process (esbuild)', process.execPath, ['scripts/build-main.mjs']);
    // better-sqlite3 in node_modules stays built for Node (the CLI and tests use it); Electron gets its own
    // copy under dist/electron-native, built once (see scripts/electron-native.mjs).
    let binding;
    try {
      binding = ensureElectronSqlite(binary);
    } catch (e) {
      fail(`Tierline: ${e instanceof Error ? e.message : String(e)}.`);
    }
    const child = spawn(binary, ['.', ...rest], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined, TIERLINE_SQLITE_BINDING: binding } });
    child.on('error', (e) => fail(`Tierline: Electron could not be started (${e.message}).`));
    child.on('exit', (code) => process.exit(code ?? 0));
  }
} catch (e) {
  fail(`Tierline: ${e instanceof Error ? e.message : String(e)}`);
}
