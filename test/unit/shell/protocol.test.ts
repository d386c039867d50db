// The app:// handler with a stand-in electron module: files from the renderer folder with the CSP
// header, 404 for anything outside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../../main/shell/security';

type Handler = (req: { url: string }) => Promise<Response>;

test('app:// serves the bundle with the CSP and nothing outside it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tierline-proto-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Tierline</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  let handler: Handler | null = null;
  const privileged: unknown[] = [];
  const electron = { protocol: { registerSchemesAsPrivileged: (s: unknown[]) => privileged.push(...s), handle: (_scheme: string, fn: Handler) => (handler = fn) } };
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  Module._load = (req: string, ...rest: unknown[]) => (req === 'electron' ? electron : original(req, ...rest));
  try {
    const p = require('../../../main/shell/protocol.ts') as { registerSchemeBeforeReady: () => void; handleAppProtocol: (r: string) => void };
    p.registerSchemeBeforeReady();
    p.handleAppProtocol(renderer);
  } finally {
    Module._load = original;
  }
  try {
    assert.deepEqual(privileged, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } }]);
    const h = handler as unknown as Handler;
    const index = await h({ url: 'app://tierline/index.html' });
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), contentSecurityPolicy());
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await index.text(), /Tierline/);
    const js = await h({ url: 'app://tierline/assets/app.js' });
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    for (const url of ['app://tierline/%2e%2e/secret.txt', 'app://tierline/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://tierline/assets/missing.js']) {
      const r = await h({ url });
      assert.ok(r.status === 404 || !(await r.text()).includes('secret'), url);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
