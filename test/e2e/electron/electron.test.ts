// Electron-level checks of the real shell: start-up, no navigation, no new window, no network, and the
// preload's surface. They need an Electron binary (downloaded from GitHub on a connected machine) and
// skip with one line where there is none. Run `node scripts/build-main.mjs` and the renderer build first
// (npm run build does both); a profile/data folder per test keeps runs independent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
// @ts-expect-error plain .mjs helper shared with scripts/start.mjs
import { electronBinary } from '../../../scripts/electron-binary.mjs';
// @ts-expect-error plain .mjs helper shared with scripts/start.mjs
import { electronSqliteBindingPath, electronSqliteReady } from '../../../scripts/electron-native.mjs';

const root = resolve(import.meta.dirname, '..', '..', '..');
const binary = (electronBinary as (r: string) => string | null)(root);
const skip = !binary
  ? 'no Electron binary here (node_modules/electron/dist missing; it downloads from GitHub)'
  : !(electronSqliteReady as (b: string) => boolean)(binary)
    ? 'better-sqlite3 has no Electron build yet (dist/electron-native): run `npm start` once, then these tests'
    : false;

describe('electron shell', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  before(async () => {
    if (skip || !binary) return;
    if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], { cwd: root });
    execFileSync(process.execPath, ['scripts/build-main.mjs'], { cwd: root });
    dataDir = mkdtempSync(join(tmpdir(), 'tierline-electron-'));
    app = await _electron.launch({ executablePath: binary as string, args: [root, `--data-dir=${dataDir}`], cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '', TIERLINE_SQLITE_BINDING: (electronSqliteBindingPath as () => string)() } });
    page = await app.firstWindow();
    await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  });
  after(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('starts on the app:// page with its CSP and the case list', { skip }, async () => {
    assert.match(page.url(), /^app:\/\/tierline\/index\.html/);
    assert.equal(await page.title(), 'Tierline');
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1);
  });

  test('the page cannot navigate away', { skip }, async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    assert.match(page.url(), /^app:\/\/tierline\//);
  });

  test('the page cannot open a new window', { skip }, async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    assert.equal(opened, true);
    await page.waitForTimeout(300);
    assert.equal(app.windows().length, 1);
  });

  test('every network request is refused', { skip }, async () => {
    const r = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return 'loaded';
      } catch {
        return 'refused';
      }
    });
    assert.equal(r, 'refused');
    const img = await page.evaluate(
      () =>
        new Promise<string>((res) => {
          const i = new Image();
          i.onload = () => res('loaded');
          i.onerror = () => res('refused');
          i.src = 'http://127.0.0.1:9/x.png';
        }),
    );
    assert.equal(img, 'refused');
  });

  test('the preload exposes window.tierline with the contract channels only', { skip }, async () => {
    const s = await page.evaluate(async () => {
      const w = window as unknown as { tierline: { channels: string[]; invoke: (c: string, p: unknown) => Promise<{ ok: boolean; error?: { code: string } }> }; require?: unknown; process?: unknown };
      const unknown = await w.tierline.invoke('fs.readFile', {});
      const list = await w.tierline.invoke('cases.list', {});
      return { keys: Object.keys(w.tierline).sort(), unknown: unknown.error?.code, list: list.ok, require: typeof w.require, process: typeof w.process };
    });
    assert.deepEqual(s, { keys: ['channels', 'invoke'], unknown: 'UNKNOWN_CHANNEL', list: true, require: 'undefined', process: 'undefined' });
  });
});
