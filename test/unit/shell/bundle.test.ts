// The bundled main process (scripts/build-main.mjs output) loaded in Node with a stand-in for the
// electron module: it wires every security handler, registers one IPC handler per contract channel, and
// answers through the real core from the bundle (SQLite, packs, assets) while refusing foreign senders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../shared/ipc/channels';

const root = resolve(import.meta.dirname, '..', '..', '..');

type Handler = (event: unknown, payload: unknown) => unknown;

let built = false;
function buildOnce(): void {
  if (!built) execFileSync(process.execPath, [join(root, 'scripts', 'build-main.mjs')], { cwd: root, stdio: 'pipe' });
  built = true;
}

test('the bundled main process wires security and answers IPC through the real core', async () => {
  await runBundle({ isPackaged: false, env: {} }, (r) => {
    assert.equal(r.windowPrefs?.devTools, true, 'devtools from a checkout');
    assert.ok(r.menuLabels.includes('Toggle Developer Tools'));
  });
});

test('a packaged build ignores TIERLINE_SQLITE_BINDING, TIERLINE_ASSETS and TIERLINE_DEV, and has no devtools', async () => {
  const bogus = mkdtempSync(join(tmpdir(), 'tierline-hostile-assets-'));
  try {
    await runBundle(
      // resources/assets of the "package" is the checkout's assets folder; the hostile values point elsewhere
      { isPackaged: true, resourcesPath: root, env: { TIERLINE_SQLITE_BINDING: join(bogus, 'evil.node'), TIERLINE_ASSETS: bogus, TIERLINE_DEV: '1' } },
      (r) => {
        assert.equal(r.windowPrefs?.devTools, false);
        assert.ok(!r.menuLabels.includes('Toggle Developer Tools'), 'no devtools menu item');
        for (const k of ['TIERLINE_SQLITE_BINDING', 'TIERLINE_ASSETS', 'TIERLINE_DEV']) assert.equal(process.env[k], undefined, `${k} removed from the environment`);
      },
    );
  } finally {
    rmSync(bogus, { recursive: true, force: true });
  }
});

interface BundleRun {
  windowPrefs?: Record<string, unknown>;
  menuLabels: string[];
}

async function runBundle(cfg: { isPackaged: boolean; resourcesPath?: string; env: Record<string, string> }, extra: (r: BundleRun) => void): Promise<void> {
  buildOnce();
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
  let menu: unknown[] = [];
  const quitHandlers: ((...a: unknown[]) => void)[] = [];
  const processGone: ((...a: unknown[]) => void)[] = [];
  const contentsHandlers = new Map<string, (...a: unknown[]) => void>();
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((r) => (ready = r));
  const fakeContents = {
    on: (ev: string, fn: (...a: unknown[]) => void) => contentsHandlers.set(ev, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (hooks.openHandler = fn),
  };
  const electron = {
    app: {
      isPackaged: cfg.isPackaged,
      getAppPath: () => root,
      getVersion: () => '0.1.0-test',
      requestSingleInstanceLock: () => true,
      quit: () => calls.push('quit'),
      exit: () => calls.push('exit'),
      on: (ev: string, fn: (...a: unknown[]) => void) => {
        if (ev === 'web-contents-created') fn({}, fakeContents);
        if (ev === 'before-quit') quitHandlers.push(fn);
        if (ev === 'render-process-gone') processGone.push(fn);
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
    Menu: { buildFromTemplate: (t: unknown[]) => (menu = t), setApplicationMenu: () => calls.push('menu') },
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
  const VARS = ['TIERLINE_DATA_DIR', 'TIERLINE_ASSETS', 'TIERLINE_SQLITE_BINDING', 'TIERLINE_DEV'] as const;
  const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  const savedResources = (process as { resourcesPath?: string }).resourcesPath;
  for (const k of VARS) delete process.env[k];
  process.env.TIERLINE_DATA_DIR = dataDir;
  Object.assign(process.env, cfg.env);
  if (cfg.resourcesPath) (process as { resourcesPath?: string }).resourcesPath = cfg.resourcesPath;
  const bundle = join(root, 'dist', 'main', 'shell', 'app.cjs');
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  Module._load = (req: string, ...rest: unknown[]) => (req === 'electron' ? electron : original(req, ...rest));
  try {
    delete require.cache[bundle];
    require(bundle);
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
    // A batch runs in the job worker bundled beside app.cjs (dist/main/shell/tierline-jobs.cjs).
    const csv = 'reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity\nSO-1,2025-06-02,DE,Example GmbH,DE,nvidia-h100-sxm,8\n';
    const started = (await handlers.get(`${IPC_PREFIX}batch.start`)?.(own, { fileName: 'o.csv', base64: Buffer.from(csv).toString('base64') })) as { ok: boolean; value: { jobId: number; state: string } };
    assert.equal(started.ok, true, JSON.stringify(started));
    let state = started.value.state;
    for (let i = 0; i < 1000 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = ((await handlers.get(`${IPC_PREFIX}batch.status`)?.(own, { jobId: started.value.jobId })) as { value: { state: string } }).value.state;
    }
    assert.equal(state, 'done', 'the bundled job worker ran the batch');
    const after = (await handlers.get(`${IPC_PREFIX}cases.list`)?.(own, {})) as { value: { total: number } };
    assert.equal(after.value.total, 1, 'the worker stored the case in the same data folder');
    const refused = (await handlers.get(`${IPC_PREFIX}cases.list`)?.(foreign, {})) as { ok: boolean; error?: { code: string } };
    assert.equal(refused.error?.code, 'FORBIDDEN');
    const sub = (await handlers.get(`${IPC_PREFIX}cases.list`)?.({ senderFrame: { url: 'app://tierline/index.html', parent: {} } }, {})) as { error?: { code: string } };
    assert.equal(sub.error?.code, 'FORBIDDEN');
    const labels = (items: unknown[]): string[] =>
      items.flatMap((i) => {
        const it = i as { label?: string; submenu?: unknown[] };
        return [...(it.label ? [it.label] : []), ...(Array.isArray(it.submenu) ? labels(it.submenu) : [])];
      });
    extra({ windowPrefs: hooks.windowPrefs, menuLabels: labels(menu) });
    // The shell's log (electron-log, shell.log in the data folder): the start line, and a crashed page
    // logged with Electron's reason and exit code.
    assert.equal(processGone.length, 1, 'render-process-gone is handled');
    processGone[0]({}, { getURL: () => 'app://tierline/index.html#/cases' }, { reason: 'crashed', exitCode: 139 });
    const shellLog = readFileSync(join(dataDir, 'shell.log'), 'utf8');
    assert.match(shellLog, /Tierline 0\.1\.0-test starting/);
    assert.match(shellLog, /\[error\] renderer process gone \(crashed, exit code 139\) at app:\/\/tierline\/index\.html#\/cases/);
    // close the store this run opened (before-quit closes the handlers' resources)
    quitHandlers.forEach((fn) => fn());
  } finally {
    Module._load = original;
    for (const k of VARS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    (process as { resourcesPath?: string }).resourcesPath = savedResources;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
