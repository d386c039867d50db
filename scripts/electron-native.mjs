// better-sqlite3 stays compiled for Node in node_modules (the CLI and every test use it). To run the app
// from the checkout, a second copy is compiled for Electron's ABI under dist/electron-native/ and the
// shell loads that binary through better-sqlite3's `nativeBinding` option (TIERLINE_SQLITE_BINDING).
// Packaging rebuilds node_modules for Electron itself, so the packaged app needs none of this.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'dist', 'electron-native');

export function electronSqliteBindingPath() {
  return join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** Whether Electron loads the Electron copy of the binding. */
export function electronSqliteReady(binary) {
  const binding = electronSqliteBindingPath();
  if (!existsSync(binding)) return false;
  const probe = `const D = require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))}); new D(':memory:', { nativeBinding: ${JSON.stringify(binding)} }).close();`;
  return spawnSync(binary, ['-e', probe], { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'ignore' }).status === 0;
}

/** Builds the Electron copy when it is missing or stale; returns the binding path or throws with the reason. */
export function ensureElectronSqlite(binary) {
  if (electronSqliteReady(binary)) return electronSqliteBindingPath();
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const sqlite = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'));
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tierline-electron-native', private: true, dependencies: { 'better-sqlite3': sqlite.version } }));
  for (const m of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    cpSync(join(root, 'node_modules', m), join(dir, 'node_modules', m), { recursive: true, filter: (src) => !src.includes(`${m}/build/`) });
  }
  const r = spawnSync(process.execPath, [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--force', '--only', 'better-sqlite3', '--version', electronVersion, '--module-dir', dir], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0 || !electronSqliteReady(binary)) {
    const last = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-1)[0] ?? '';
    throw new Error(`better-sqlite3 could not be built for Electron ${electronVersion}${last ? ` (${last})` : ''}; Electron's headers come from the internet`);
  }
  return electronSqliteBindingPath();
}
