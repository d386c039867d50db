// Security settings as plain functions: no Electron import here (types only), so every decision is
// unit-tested in Node (test/unit/shell/security.test.ts) and app.ts only wires them to Electron events.
import type { WebPreferences } from 'electron';
import { resolveStaticPath } from '../core/serve/web-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tierline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

// The CSP, the response headers and the MIME table live in the core so the browser mode serves the
// page under exactly the same policy.
export { contentSecurityPolicy, mimeType, responseHeaders } from '../core/serve/web-policy';

/** The BrowserWindow's webPreferences: isolated, sandboxed, no Node in the page; devtools only in development. */
export function secureWebPreferences(preloadPath: string, opts: { devTools: boolean } = { devTools: false }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    plugins: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: opts.devTools,
    safeDialogs: true,
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of the app's own bundle (app://tierline/...). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * Navigation away from the loaded page is never allowed: the app is a single page, in-app routes are
 * hash changes (which do not fire will-navigate), and a reload is not a navigation event.
 */
export function isNavigationAllowed(_targetUrl: string): boolean {
  return false;
}

/** New windows (window.open, target=_blank, middle clicks) are always denied. */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications, geolocation, clipboard read, ...) are always denied. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * Every network request is refused: only the app's own bundle, inline data/blob URLs the page built
 * itself, and the devtools front end load. http(s), ws(s), ftp and file are cancelled.
 */
export function isRequestAllowed(url: string, printing: ReadonlySet<string> = NONE): boolean {
  if (isAppUrl(url)) return true;
  const u = parse(url);
  if (!u) return false;
  // The one temporary PDF a print window is showing right now (exact URL, never a folder).
  if (u.protocol === 'file:' && printing.has(u.href)) return true;
  return u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:';
}

const NONE: ReadonlySet<string> = new Set();

export interface SenderFrame {
  url: string;
  /** True for the top-level frame; IPC from sub-frames is refused. */
  isMainFrame: boolean;
}

/** IPC is answered only for the app's own top-level page. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url);
}

/**
 * Maps an app:// URL to a file under the renderer's build folder, or null when it points outside it
 * (`..`, encoded separators, absolute paths). Unknown paths without an extension fall back to
 * index.html so that reloads on a route work.
 */
export function resolveAppPath(rendererRoot: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const u = parse(url);
  if (!u) return null;
  return resolveStaticPath(rendererRoot, u.pathname);
}
