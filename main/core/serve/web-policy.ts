// The page's security headers and static-file rules, shared by the Electron shell (app://) and the
// browser mode (`tierline serve`): one CSP, one set of headers, one path resolver, so the two ways of
// showing the workbench cannot drift apart. Plain functions, no Electron and no I/O.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface PolicyOptions {
  /**
   * Whether the page may call its own origin. The desktop app talks to the core over IPC, so it keeps
   * `connect-src 'none'`; in the browser the same page calls the core at `/api/…` on its own origin.
   */
  connectSelf?: boolean;
}

/** The page's policy: only its own bundled code, styles and fonts; no network beyond its own origin. */
export function contentSecurityPolicy(opts: PolicyOptions = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // No 'unsafe-inline': React and Blueprint set styles through the CSSOM, which CSP does not block.
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    opts.connectSelf ? "connect-src 'self'" : "connect-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    // The letter preview's pdf.js worker, bundled with the page (no blob: or data: workers).
    "worker-src 'self'",
    "media-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every file of the page. */
export function responseHeaders(filePath: string, opts: PolicyOptions = {}): Record<string, string> {
  return {
    'Content-Type': mimeType(filePath),
    'Content-Security-Policy': contentSecurityPolicy(opts),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

export function mimeType(filePath: string): string {
  return MIME[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path (`/assets/x.js`, still percent-encoded) to a file under the renderer's build folder, or
 * null when it points outside it (`..`, encoded separators, NUL, absolute paths). Unknown paths without an
 * extension fall back to index.html so that reloads on a route work.
 */
export function resolveStaticPath(rendererRoot: string, urlPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rendererRoot);
  const target = resolve(root, '.' + pathname);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  if (extname(target) === '') return resolve(root, 'index.html');
  return target;
}
