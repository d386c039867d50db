// Where the Electron binary is, without triggering the electron package's download attempt (requiring
// `electron` from Node tries to fetch it from GitHub). Shared by scripts/start.mjs and the Electron-level
// tests, which skip when this returns null.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function electronBinary(root = resolve(import.meta.dirname, '..')) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidates = [
    override ? join(override, rel ?? (process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron')) : null,
    rel ? join(pkg, 'dist', rel) : null,
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}
