// The bundled main process (scripts/build-main.mjs output) loaded in Node with a stand-in for the
// electron module: it wires every security handler, registers one IPC handler per contract channel, and
// answers through the real core from the bundle (SQLite, packs, assets) while refusing foreign senders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../shared/ipc/channels';

const root = resolve(import.meta.dirname, '..', '..', '..');

type Handler = (event: unknown, payload: unknown) => unknown;

test('the bundled main process wires security and answers IPC through the real core', async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-main.mjs')], { cwd: root, stdio: 'pipe' });
  const dataDir = mkdtempSync(join(tmpdir(), 'tierline-bundle-'));
  const handlers = new Map<string, Handler>();
  const calls: string[] = [];
  const hooks: {
    beforeRequest?: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    permission?: (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    windowPrefs?: Record<string, unknown>;
    openHandler?: (d: { url: string }) => unknown;
    loaded?: string;
  } = {};
  const contentsHandlers = new Map<string, (...a: unknown[]) => void>();
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((r) => (ready = r));
  const fakeContents = {
    on: (ev: string, fn: (...a: unknown[]) => void) => contentsHandlers.set(ev, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (hooks.openHandler = fn),
  };
  const electron = {
    app: {
      isPackaged: false,
      getAppPath: () => root,
      getVersion: () => '0.1.0-test',
      requestSingleInstanceLock: () => true,
      quit: () => calls.push('quit'),
      exit: () => calls.push('exit'),
      on: (ev: string, fn: (...a: unknown[]) => void) => {
        if (ev === 'web-contents-created') fn({}, fakeContents);
      },
      whenReady: () => whenReady,
    },
    protocol: { registerSchemesAsPrivileged: () => calls.push('scheme'), handle: () => calls.push('protocol') },
    net: { fetch: () => Promise.reject(new Error('unused')) },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (fn: typeof hooks.beforeRequest) => (hooks.beforeRequest = fn) },
        setPermissionRequestHandler: (fn: typeof hooks.permission) => (hooks.permission = fn),
        setPermissionCheckHandler: () => calls.push('permission-check'),
        setDevicePermissionHandler: () => calls.push('device-permission'),
      },
    },
    ipcMain: { handle: (ch: string, fn: Handler) => handlers.set(ch, fn) },
    Menu: { buildFromTemplate: (t: unknown[]) => t, setApplicationMenu: () => calls.push('menu') },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openPath: async () => '' },
    dialog: {},
    BrowserWindow: class {
      webContents = { executeJavaScript: async () => undefined, reload() {}, toggleDevTools() {} };
      constructor(o: { webPreferences: Record<string, unknown> }) {
        hooks.windowPrefs = o.webPreferences;
      }
      maximize() {}
      once() {}
      on() {}
      loadURL(u: string) {
        hooks.loaded = u;
        return Promise.resolve();
      }
    },
  };
  const saved = { dir: process.env.TIERLINE_DATA_DIR, assets: process.env.TIERLINE_ASSETS };
  process.env.TIERLINE_DATA_DIR = dataDir;
  delete process.env.TIERLINE_ASSETS;
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  Module._load = (req: string, ...rest: unknown[]) => (req === 'electron' ? electron : original(req, ...rest));
  try {
    require(join(root, 'dist', 'main', 'shell', 'app.cjs'));
    ready();
    await new Promise((r) => setTimeout(r, 50));

    assert.deepEqual([...handlers.keys()].sort(), CHANNEL_NAMES.map((c) => IPC_PREFIX + c).sort());
    assert.equal(hooks.loaded, 'app://tierline/index.html');
    assert.equal(hooks.windowPrefs?.sandbox, true);
    assert.equal(hooks.windowPrefs?.contextIsolation, true);
    assert.equal(hooks.windowPrefs?.nodeIntegration, false);
    assert.ok(calls.includes('protocol') && calls.includes('menu'));

    let cancelled: boolean | undefined;
    hooks.beforeRequest?.({ url: 'https://example.com/' }, (r) => (cancelled = r.cancel));
    assert.equal(cancelled, true);
    let granted: boolean | undefined;
    hooks.permission?.({}, 'media', (g) => (granted = g));
    assert.equal(granted, false);
    let prevented = false;
    contentsHandlers.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, 'https://example.com/');
    assert.equal(prevented, true);
    assert.deepEqual(hooks.openHandler?.({ url: 'https://example.com/' }), { action: 'deny' });

    const own = { senderFrame: { url: 'app://tierline/index.html#/cases', parent: null } };
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const list = (await handlers.get(`${IPC_PREFIX}cases.list`)?.(own, {})) as { ok: boolean; value?: { total: number } };
    assert.deepEqual(list, { ok: true, value: { total: 0, totalIsLowerBound: false, rows: [], next: null } });
    const packs = (await handlers.get(`${IPC_PREFIX}packs.list`)?.(own, {})) as { ok: boolean; value: unknown[] };
    assert.equal(packs.ok, true);
    assert.equal(packs.value.length, 2, 'built-in packs found through TIERLINE_ASSETS from the bundle');
    const refused = (await handlers.get(`${IPC_PREFIX}cases.list`)?.(foreign, {})) as { ok: boolean; error?: { code: string } };
    assert.equal(refused.error?.code, 'FORBIDDEN');
    const sub = (await handlers.get(`${IPC_PREFIX}cases.list`)?.({ senderFrame: { url: 'app://tierline/index.html', parent: {} } }, {})) as { error?: { code: string } };
    assert.equal(sub.error?.code, 'FORBIDDEN');
  } finally {
    Module._load = original;
    if (saved.dir === undefined) delete process.env.TIERLINE_DATA_DIR;
    else process.env.TIERLINE_DATA_DIR = saved.dir;
    if (saved.assets === undefined) delete process.env.TIERLINE_ASSETS;
    else process.env.TIERLINE_ASSETS = saved.assets;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
