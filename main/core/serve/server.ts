// The browser mode: the built renderer and the IPC contract over HTTP on 127.0.0.1, for machines where
// the Electron shell cannot run (as VS Code's serve-web and Jupyter do). `POST /api/<channel>` carries
// the channel's JSON input and answers the same Result the desktop app gets over IPC, through the same
// `dispatch`. Every request is checked before anything else happens:
// - the peer must be a loopback address (the socket is bound to 127.0.0.1 only; this is the second lock);
// - Host must be 127.0.0.1:PORT or localhost:PORT (DNS rebinding gets 403);
// - an Origin, when sent, must be this origin, and a cross-site Sec-Fetch-Site is refused (403);
// - API calls need `Authorization: Bearer <token>`, a random token made per launch (401 otherwise);
// - no CORS headers are ever sent, so no other origin can read an answer;
// - nothing is served but the files of the built renderer and the API; bodies are bounded.
// Request URLs are never logged, and the token travels in the URL fragment, which browsers never send.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isChannelName, SHELL_CHANNELS, type ChannelName } from '../../../shared/ipc/channels';
import type { ErrorCode } from '../../../shared/ipc/result';
import { closeResources, dispatch, type HandlerContext } from '../handlers';
import { describeJsonError } from './json-error';
import { contentSecurityPolicy, responseHeaders, resolveStaticPath } from './web-policy';

export const LOOPBACK = '127.0.0.1';
/** Large enough for a rule pack, a shipment history or a signed letter as base64; small enough to refuse floods. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface ServeOptions {
  ctx: HandlerContext;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Given by tests; otherwise 32 random bytes, base64url. */
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningServer {
  port: number;
  origin: string;
  token: string;
  /** The one URL to open: the token rides in the fragment, so it never reaches a request line or a log. */
  url: string;
  server: Server;
  /** Stops accepting, ends open connections, closes the store. */
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(given: string, expected: Buffer): boolean {
  const g = Buffer.from(given, 'utf8');
  return g.length === expected.length && timingSafeEqual(g, expected);
}

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ ok: false, error: { code, message } });
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Security-Policy': "default-src 'none'", ...extra });
  res.end(body);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startServe(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  const expected = Buffer.from(token, 'utf8');
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const { ctx, rendererDir } = opts;
  let port = 0;
  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, 405, 'INVALID_INPUT', 'The API answers POST requests only.', { Allow: 'POST' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(auth);
    if (!m || !sameToken(m[1]!, expected)) {
      sendError(res, 401, 'FORBIDDEN', 'This request does not carry the token of this Tierline session. Open the address `tierline serve` printed.', {
        'WWW-Authenticate': 'Bearer realm="tierline"',
      });
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      sendError(res, 415, 'INVALID_INPUT', 'Send the channel input as JSON (Content-Type: application/json).');
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        sendError(res, 413, 'INVALID_INPUT', `The request is larger than ${Math.round(limit / (1024 * 1024))} MB.`, { Connection: 'close' });
        return;
      }
      throw e;
    }
    let payload: unknown = undefined;
    const text = body.toString('utf8');
    if (text.trim() !== '') {
      try {
        payload = JSON.parse(text);
      } catch (e) {
        sendError(res, 400, 'INVALID_INPUT', `The request body is not valid JSON: ${describeJsonError(text, e)}.`);
        return;
      }
    }
    if (!isChannelName(channel)) {
      sendError(res, 404, 'UNKNOWN_CHANNEL', `"${channel.slice(0, 100)}" is not a Tierline channel.`);
      return;
    }
    if ((SHELL_CHANNELS as readonly ChannelName[]).includes(channel)) {
      // In the browser the page itself opens (upload), saves (download) and prints; the server has no dialogs.
      sendError(res, 404, 'UNAVAILABLE', `"${channel}" is handled by the browser page, not the server.`);
      return;
    }
    const result = await dispatch(channel, payload, ctx);
    res.writeHead(200, { ...JSON_HEADERS, 'Content-Security-Policy': "default-src 'none'" });
    res.end(JSON.stringify(result));
  }

  async function file(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'INVALID_INPUT', 'Only GET and HEAD are answered here.', { Allow: 'GET, HEAD' });
      return;
    }
    const path = resolveStaticPath(rendererDir, pathname);
    const info = path ? await stat(path).catch(() => null) : null;
    if (!path || !info || !info.isFile()) {
      sendError(res, 404, 'NOT_FOUND', 'Nothing is served here but the workbench and its API.');
      return;
    }
    const bytes = await readFile(path);
    res.writeHead(200, {
      ...responseHeaders(path, { connectSelf: true }),
      'Content-Length': String(bytes.length),
      // The page is small and changes with each build; hashed assets may be cached.
      'Cache-Control': extname(path) === '.html' ? 'no-store' : 'private, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      sendError(res, 403, 'FORBIDDEN', 'Tierline answers this computer only.');
      return;
    }
    if (!allowedHosts().has(req.headers.host ?? '')) {
      sendError(res, 403, 'FORBIDDEN', `Tierline answers only at http://${LOOPBACK}:${port}/ (this request named another host).`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      sendError(res, 403, 'FORBIDDEN', 'Requests from other web sites are refused.');
      return;
    }
    const url = req.url ?? '/';
    if (!url.startsWith('/')) {
      sendError(res, 400, 'INVALID_INPUT', 'The request target must be a path.');
      return;
    }
    const pathname = url.split('?')[0]!;
    if (pathname.startsWith('/api/') || pathname === '/api') {
      if (req.headers['sec-fetch-site'] === 'cross-site') {
        sendError(res, 403, 'FORBIDDEN', 'Requests from other web sites are refused.');
        return;
      }
      await api(req, res, decodeURIComponentSafe(pathname.slice('/api/'.length)));
      return;
    }
    await file(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      try {
        ctx.logError('serve', e);
      } catch {
        // logging must not throw
      }
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Something went wrong inside Tierline. Nothing was changed by the failed step.');
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `http://${LOOPBACK}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    server,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => {
          closeResources(ctx);
          resolveClose();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The CSP the browser mode serves the page with: the desktop one, with calls to its own origin allowed. */
export function serveContentSecurityPolicy(): string {
  return contentSecurityPolicy({ connectSelf: true });
}
