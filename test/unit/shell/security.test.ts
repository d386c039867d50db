import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import {
  APP_ENTRY,
  contentSecurityPolicy,
  isAppUrl,
  isNavigationAllowed,
  isPermissionGranted,
  isRequestAllowed,
  isTrustedSender,
  mimeType,
  resolveAppPath,
  responseHeaders,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../main/shell/security';

test('webPreferences isolate and sandbox the page with no Node', () => {
  const p = secureWebPreferences('/x/preload.cjs');
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.navigateOnDragDrop, false);
  assert.equal(p.preload, '/x/preload.cjs');
});

test('the CSP allows only the bundle itself and no network', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(csp.split(';').map((d) => {
    const [k, ...v] = d.trim().split(/\s+/);
    return [k, v.join(' ')] as const;
  }));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), "'self'");
  assert.equal(directives.get('connect-src'), "'none'");
  assert.equal(directives.get('object-src'), "'none'");
  assert.equal(directives.get('frame-ancestors'), "'none'");
  // Workers only from the bundle (the letter preview's pdf.js worker): no blob: or data: workers.
  assert.equal(directives.get('worker-src'), "'self'");
  assert.ok(!csp.includes('unsafe-eval'));
  assert.ok(!csp.includes('unsafe-inline'));
  assert.ok(!/https?:/.test(csp));
  const h = responseHeaders('/r/index.html');
  assert.equal(h['Content-Security-Policy'], csp);
  assert.equal(h['X-Content-Type-Options'], 'nosniff');
  assert.equal(h['Content-Type'], 'text/html; charset=utf-8');
});

test('only app://tierline URLs count as the app', () => {
  assert.ok(isAppUrl(APP_ENTRY));
  assert.ok(isAppUrl('app://tierline/assets/index-abc.js'));
  assert.ok(!isAppUrl('app://evil/index.html'));
  assert.ok(!isAppUrl('app://user:pw@tierline/index.html'));
  assert.ok(!isAppUrl('https://tierline/index.html'));
  assert.ok(!isAppUrl('file:///etc/passwd'));
  assert.ok(!isAppUrl('not a url'));
});

test('navigation, new windows and permissions are always denied', () => {
  for (const url of ['https://example.com', APP_ENTRY, 'file:///tmp/x.html', 'javascript:alert(1)']) {
    assert.equal(isNavigationAllowed(url), false, url);
    assert.deepEqual(windowOpenDecision(url), { action: 'deny' });
  }
  for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) assert.equal(isPermissionGranted(p), false, p);
});

test('every network request is refused; the bundle and inline data load', () => {
  for (const url of ['http://127.0.0.1:8080/', 'https://bis.gov/', 'ws://localhost/', 'wss://x/', 'ftp://x/', 'file:///etc/passwd', 'app://other/x.js', 'chrome-extension://abc/x'])
    assert.equal(isRequestAllowed(url), false, url);
  for (const url of ['app://tierline/index.html', 'data:image/png;base64,AA==', 'blob:app://tierline/123', 'devtools://devtools/bundled/x.html'])
    assert.equal(isRequestAllowed(url), true, url);
  const printing = new Set(['file:///tmp/tierline-print-1/letter.pdf']);
  assert.equal(isRequestAllowed('file:///tmp/tierline-print-1/letter.pdf', printing), true, 'the PDF being printed');
  assert.equal(isRequestAllowed('file:///tmp/tierline-print-1/other.pdf', printing), false);
  assert.equal(isRequestAllowed('file:///tmp/tierline-print-1/', printing), false);
  assert.equal(isRequestAllowed('https://example.com/', printing), false);
});

test('IPC is answered only for the app page in its top-level frame', () => {
  assert.ok(isTrustedSender({ url: 'app://tierline/index.html#/cases', isMainFrame: true }));
  assert.ok(!isTrustedSender({ url: 'app://tierline/index.html', isMainFrame: false }));
  assert.ok(!isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }));
  assert.ok(!isTrustedSender({ url: 'file:///tmp/index.html', isMainFrame: true }));
  assert.ok(!isTrustedSender(null));
  assert.ok(!isTrustedSender(undefined));
});

test('app:// paths stay inside the renderer folder', () => {
  const root = resolve('/srv/renderer');
  assert.equal(resolveAppPath(root, 'app://tierline/'), join(root, 'index.html'));
  assert.equal(resolveAppPath(root, 'app://tierline/index.html'), join(root, 'index.html'));
  assert.equal(resolveAppPath(root, 'app://tierline/assets/a.js?v=1'), join(root, 'assets', 'a.js'));
  assert.equal(resolveAppPath(root, 'app://tierline/cases/12'), join(root, 'index.html'));
  // the URL parser resolves dot segments first, so this lands inside the root
  assert.equal(resolveAppPath(root, 'app://tierline/%2e%2e/secret.txt'), join(root, 'secret.txt'));
  assert.equal(resolveAppPath(root, 'app://tierline/assets/%2e%2e%2f%2e%2e%2fsecret.txt'), null);
  assert.equal(resolveAppPath(root, 'app://tierline/a%5c..%5c..%5cx.js'), null);
  assert.equal(resolveAppPath(root, 'app://tierline/a%00.js'), null);
  assert.equal(resolveAppPath(root, 'app://tierline/%E0%A4%A'), null);
  assert.equal(resolveAppPath(root, 'app://other/index.html'), null);
});

test('MIME types for the bundle', () => {
  assert.equal(mimeType('a.js'), 'text/javascript; charset=utf-8');
  assert.equal(mimeType('a.CSS'), 'text/css; charset=utf-8');
  assert.equal(mimeType('f.woff2'), 'font/woff2');
  assert.equal(mimeType('x.unknown'), 'application/octet-stream');
});
