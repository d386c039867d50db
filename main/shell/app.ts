// The Electron entry point, kept thin: lifecycle, one window, security wiring, menu, IPC registration.
// Every decision it wires lives in security.ts / window-state.ts / menu.ts (tested in Node); every piece
// of work lives in main/core behind dispatch.
import { app, BrowserWindow, ipcMain, Menu, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { closeResources, localToday, type HandlerContext } from '../core/handlers';
import { setFontDirectory } from '../core/letters';
import { resolveDataDir } from '../core/paths';
import { configureCore } from '../core/runtime';
import { nativePlatform, printingUrls } from './dialogs';
import { DEV_ONLY_VARIABLES, shellEnvironment } from './environment';
import { registerIpc } from './ipc';
import { fileLogger, setUpShellLog } from './log';
import { menuTemplate } from './menu';
import { handleAppProtocol, registerSchemeBeforeReady } from './protocol';
import { APP_ENTRY, isNavigationAllowed, isPermissionGranted, isRequestAllowed, secureWebPreferences, windowOpenDecision } from './security';
import { fitBounds, loadWindowState, MIN_SIZE, saveWindowState } from './window-state';

const dataDirFlag = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
const dataDir = resolveDataDir({ flag: dataDirFlag, env: process.env });
// TIERLINE_SQLITE_BINDING, TIERLINE_ASSETS and TIERLINE_DEV are honoured only unpackaged (environment.ts);
// a packaged build removes them from the environment before any core code runs and tells the core so.
const shellEnv = shellEnvironment({ isPackaged: app.isPackaged, env: process.env, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
if (!shellEnv.development) for (const k of DEV_ONLY_VARIABLES) delete process.env[k];
const devMode = shellEnv.devTools;
// The bundle sits at dist/main/shell/app.cjs; the page at dist/renderer, the preload at dist/main/preload.
const rendererRoot = join(__dirname, '..', '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');
// Built-in packs, the pack trust root and the letter fonts: extraResources when packaged, the checkout
// otherwise; the bundle has no source tree to find them from, so the core is told where they are.
configureCore({ development: shellEnv.development, assetsDir: shellEnv.assetsDir });
setFontDirectory(join(shellEnv.assetsDir, 'fonts'));
const shellLog = setUpShellLog(dataDir, { isPackaged: app.isPackaged });
shellLog.info(`Tierline ${app.getVersion()} starting (${process.platform}, Electron ${process.versions.electron ?? '?'}, data folder ${dataDir})`);
if (shellEnv.ignored.length) shellLog.warn(`environment: ignored in a packaged build: ${shellEnv.ignored.join(', ')}`);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerSchemeBeforeReady();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isNavigationAllowed(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isNavigationAllowed(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
    contents.on('preload-error', (_e, path, error) => shellLog.error(`preload ${path} failed`, error));
    contents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
      if (isMainFrame) shellLog.warn(`page failed to load: ${url} (${code} ${description})`);
    });
  });
  // A crashed or killed page (or GPU/utility process) is logged with Electron's reason and exit code.
  app.on('render-process-gone', (_e, contents, details) => shellLog.error(`renderer process gone (${details.reason}, exit code ${details.exitCode}) at ${contents.getURL()}`));
  app.on('child-process-gone', (_e, details) => shellLog.error(`${details.type} process gone (${details.reason}, exit code ${details.exitCode})${details.name ? ` ${details.name}` : ''}`));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (e: unknown) => {
    shellLog.error('startup failed', e);
    app.exit(1);
  });
}

function start(): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url, printingUrls) }));
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  ses.setDevicePermissionHandler(() => false);
  handleAppProtocol(rendererRoot);

  const ctx: HandlerContext = {
    dataDir,
    actor: process.env.USER ?? process.env.USERNAME ?? 'desktop',
    appVersion: app.getVersion(),
    platform: nativePlatform(() => mainWindow),
    today: () => localToday(),
    logError: fileLogger(dataDir),
    sqliteBinding: shellEnv.sqliteBinding,
    resources: new Map(),
  };
  registerIpc(ipcMain, ctx);
  app.on('before-quit', () => closeResources(ctx));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, 'Tierline', {
        go: (route) => void mainWindow?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`),
        openDataFolder: () => void shell.openPath(dataDir),
        reload: () => mainWindow?.webContents.reload(),
        toggleDevTools: () => mainWindow?.webContents.toggleDevTools(),
        quit: () => app.quit(),
      }, devMode),
    ),
  );
  createWindow();
}

function createWindow(): void {
  const saved = loadWindowState(dataDir);
  const bounds = fitBounds(saved?.bounds ?? null, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Tierline',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath, { devTools: shellEnv.devTools }),
  });
  mainWindow = win;
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const persist = () => {
    try {
      saveWindowState(dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      shellLog.warn('window state not saved', e);
    }
  };
  win.on('close', persist);
  win.on('unresponsive', () => shellLog.warn('the window stopped responding'));
  win.on('responsive', () => shellLog.info('the window responds again'));
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY);
}
