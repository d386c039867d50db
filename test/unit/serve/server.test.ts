// `tierline serve` over real sockets: the page and the API on 127.0.0.1, every refusal it promises
// (no token 401, wrong token 401, another Host 403, a cross-site Origin 403, a non-loopback address
// cannot connect at all), no CORS, bounded bodies, JSON errors with line and column, the token in no log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { fileLogger } from '../../../main/core/log';
import { isLoopbackAddress, startServe, type RunningServer } from '../../../main/core/serve';
import { contentSecurityPolicy } from '../../../main/shell/security';
import { runServe } from '../../../main/core/cli/serve';
import { cannotOpen, openInBrowser, opener } from '../../../main/core/serve/open';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; host?: string }): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const req = request({ host: opts.host ?? '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, setHost: opts.headers?.Host === undefined, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function noCors(a: Answer): void {
  for (const h of Object.keys(a.headers)) assert.ok(!h.startsWith('access-control-'), `no CORS header expected, got ${h}`);
}

describe('tierline serve', () => {
  let dir: string;
  let server: RunningServer;
  let ctx: HandlerContext;
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tierline-serve-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Tierline</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const dataDir = join(dir, 'data');
    ctx = { dataDir, actor: 'test', appVersion: '0.1.0', platform: headlessPlatform, today: () => '2026-11-26', logError: fileLogger(dataDir), resources: new Map() };
    server = await startServe({ ctx, rendererDir: renderer, maxBodyBytes: 64 * 1024 });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('binds 127.0.0.1 only and prints the token in the fragment of one URL', () => {
    const addr = server.server.address();
    assert.ok(addr && typeof addr === 'object');
    assert.equal(addr.address, '127.0.0.1');
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    assert.ok(server.url.endsWith(server.token));
  });

  test('serves the built page with the desktop CSP (plus its own origin for the API) and no CORS', async () => {
    const a = await send(server.port, { path: '/' });
    assert.equal(a.status, 200);
    assert.match(a.body, /<title>Tierline/);
    assert.equal(a.headers['content-security-policy'], contentSecurityPolicy({ connectSelf: true }));
    assert.equal(contentSecurityPolicy({ connectSelf: true }), contentSecurityPolicy().replace("connect-src 'none'", "connect-src 'self'"));
    assert.equal(a.headers['x-content-type-options'], 'nosniff');
    noCors(a);
    const js = await send(server.port, { path: '/assets/app.js' });
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    const route = await send(server.port, { path: '/cases/12' });
    assert.match(route.body, /<title>Tierline/, 'extensionless paths are the page (reload on a route)');
  });

  test('nothing but the renderer: traversal and other files are 404', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/nothing.js', '/%00.js']) {
      const a = await send(server.port, { path });
      assert.equal(a.status, 404, path);
      assert.doesNotMatch(a.body, /secret/);
    }
    const post = await send(server.port, { method: 'POST', path: '/index.html', body: 'x' });
    assert.equal(post.status, 405);
  });

  test('the API answers the same Results as IPC with the token', async () => {
    const info = await api('app.info', {});
    assert.equal(info.status, 200);
    const r = JSON.parse(info.body) as { ok: boolean; value: { version: string; today: string } };
    assert.deepEqual([r.ok, r.value.version, r.value.today], [true, '0.1.0', '2026-11-26']);
    noCors(info);
    const bad = JSON.parse((await api('cases.list', { limit: 'ten' })).body) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(bad.ok, false);
    assert.equal(bad.error.code, 'INVALID_INPUT');
    assert.match(bad.error.message, /^\$\.limit: /);
    const unknown = await api('nope.channel', {});
    assert.equal(unknown.status, 404);
    assert.equal((JSON.parse(unknown.body) as { error: { code: string } }).error.code, 'UNKNOWN_CHANNEL');
    const dialog = await api('files.open', { title: 'x', filters: [] });
    assert.equal(dialog.status, 404, 'dialogs happen in the page, never on the server');
  });

  test('no token, a wrong token, or a token in the query string: 401', async () => {
    const none = await send(server.port, { method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 401);
    assert.match(none.body, /token/);
    noCors(none);
    const wrong = await api('app.info', {}, { Authorization: `Bearer ${server.token.slice(0, -2)}xx` });
    assert.equal(wrong.status, 401);
    const basic = await api('app.info', {}, { Authorization: `Basic ${Buffer.from(`x:${server.token}`).toString('base64')}` });
    assert.equal(basic.status, 401);
    const query = await send(server.port, { method: 'POST', path: `/api/app.info?token=${server.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(query.status, 401);
  });

  test('another Host (DNS rebinding) is 403, for the page and the API', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `0.0.0.0:${server.port}`, '']) {
      const page = await send(server.port, { path: '/', headers: { Host: host } });
      assert.equal(page.status, 403, `page with Host ${host}`);
      const call = await api('app.info', {}, { Host: host });
      assert.equal(call.status, 403, `API with Host ${host}`);
      assert.doesNotMatch(call.body, /"ok":true/);
    }
    const local = await api('app.info', {}, { Host: `localhost:${server.port}` });
    assert.equal(local.status, 200);
  });

  test('a cross-site Origin or Sec-Fetch-Site is 403; preflights get no CORS', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `http://localhost.evil.example:${server.port}`]) {
      const a = await api('app.info', {}, { Origin: origin });
      assert.equal(a.status, 403, origin);
      noCors(a);
    }
    const site = await api('app.info', {}, { 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(site.status, 403);
    const same = await api('app.info', {}, { Origin: server.origin, 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(same.status, 200);
    const pre = await send(server.port, {
      method: 'OPTIONS',
      path: '/api/app.info',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(pre.status, 403);
    noCors(pre);
  });

  test('a form post (no JSON type) is refused even with the token; a text/plain body too', async () => {
    const a = await api('app.info', '{}', { 'Content-Type': 'text/plain' });
    assert.equal(a.status, 415);
    const g = await send(server.port, { path: '/api/app.info', headers: { Authorization: `Bearer ${server.token}` } });
    assert.equal(g.status, 405);
  });

  test('bodies are bounded and JSON errors give line and column', async () => {
    const big = await api('cases.list', JSON.stringify({ search: 'x'.repeat(70 * 1024) }));
    assert.equal(big.status, 413);
    assert.match(big.body, /larger than/);
    const broken = await api('cases.list', '{\n  "limit": 2,\n}');
    assert.equal(broken.status, 400);
    const msg = (JSON.parse(broken.body) as { error: { message: string } }).error.message;
    assert.match(msg, /line 3, column 1/);
    assert.doesNotMatch(msg, /position/);
  });

  test('a non-loopback address of this machine cannot connect at all', async (t) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!external) {
      t.skip('this machine has no non-loopback IPv4 address to try');
      return;
    }
    const outcome = await new Promise<string>((resolveConnect) => {
      const s = connect({ host: external, port: server.port });
      s.once('connect', () => {
        s.destroy();
        resolveConnect('connected');
      });
      s.once('error', (e: NodeJS.ErrnoException) => resolveConnect(e.code ?? e.message));
    });
    assert.equal(outcome, 'ECONNREFUSED', `connecting to ${external}:${server.port}`);
    assert.equal(isLoopbackAddress(external), false);
  });

  test('loopback addresses are recognised, everything else is not', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3']) assert.equal(isLoopbackAddress(a), true, a);
    for (const a of ['10.0.0.1', '::ffff:192.168.1.2', '0.0.0.0', '', undefined, '127.0.0.1.evil']) assert.equal(isLoopbackAddress(a), false, String(a));
  });

  test('the token is in no log: failed and internal requests log without it', async () => {
    await api('app.info', {}, { Authorization: 'Bearer wrong-token-value' });
    await api('cases.get', { id: 999999 });
    ctx.logError('probe', new Error('forced entry'));
    const log = join(ctx.dataDir, 'tierline.log');
    assert.ok(existsSync(log));
    const text = readFileSync(log, 'utf8');
    assert.match(text, /forced entry/);
    assert.ok(!text.includes(server.token));
  });
});

describe('tierline serve (the command)', () => {
  test('prints one line with the URL, serves until stopped, then closes the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierline-serve-cli-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Tierline</title>');
    const out: string[] = [];
    const errs: string[] = [];
    let stop: (why: string) => void = () => {};
    const stopped = new Promise<string>((r) => (stop = r));
    const env = { TIERLINE_RENDERER: renderer };
    const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => errs.push(l), env, cwd: dir };
    const done = runServe(['--no-open', '--data-dir', join(dir, 'data')], io, { stopSignal: () => stopped });
    while (out.length === 0) await new Promise((r) => setTimeout(r, 20));
    assert.equal(out.length, 1);
    const url = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/.exec(out[0]!);
    assert.ok(url, out[0]);
    const port = Number(url[1]);
    const a = await send(port, { method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url[2]}` }, body: '{}' });
    assert.equal(a.status, 200);
    stop('SIGINT');
    assert.equal(await done, 0);
    assert.match(errs.join('\n'), /stopped \(SIGINT\)/);
    assert.ok(!errs.join('\n').includes(url[2]!), 'stderr never shows the token');
    await assert.rejects(send(port, { path: '/' }), /ECONNREFUSED/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('usage errors: a bad --port, a missing build', async () => {
    const errs: string[] = [];
    const io = { stdout: () => {}, stderr: (l: string) => errs.push(l), env: { TIERLINE_RENDERER: '/nonexistent-tierline-renderer' }, cwd: tmpdir() };
    assert.equal(await runServe(['--port', 'eighty'], io), 2);
    assert.match(errs.at(-1)!, /--port: expected a port number/);
    assert.equal(await runServe(['--port', '70000'], io), 2);
    assert.equal(await runServe(['--no-open'], io), 1);
    assert.match(errs.at(-1)!, /not built/);
  });

  test('the default browser opener per platform', () => {
    assert.deepEqual(opener('linux', 'http://127.0.0.1:1/#token=a'), { cmd: 'xdg-open', args: ['http://127.0.0.1:1/#token=a'] });
    assert.equal(opener('darwin', 'u').cmd, 'open');
    assert.deepEqual(opener('win32', 'http://x/?a&b').args, ['/c', 'start', '""', 'http://x/?a^&b']);
  });

  test('no browser to open: said in a sentence, not silently ignored', async () => {
    assert.equal(cannotOpen('linux', {}), 'this session has no graphical display');
    assert.equal(cannotOpen('linux', { DISPLAY: ':0' }), null);
    assert.equal(cannotOpen('linux', { WAYLAND_DISPLAY: 'wayland-0' }), null);
    assert.equal(cannotOpen('darwin', {}), null);
    assert.equal(await openInBrowser('http://127.0.0.1:9/', 'linux', {}), 'this session has no graphical display');
    // An opener that exits at once with a failure (as xdg-open does when it finds no browser) is reported.
    const fake = mkdtempSync(join(tmpdir(), 'tierline-opener-'));
    writeFileSync(join(fake, 'xdg-open'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${fake}:${path}`;
    try {
      assert.equal(await openInBrowser('http://127.0.0.1:9/', 'linux', { DISPLAY: ':0' }), 'xdg-open found no browser to open it with');
    } finally {
      process.env.PATH = path;
      rmSync(fake, { recursive: true, force: true });
    }
  });
});
