// The browser mode end to end: Debian Chromium against the real `tierline serve` server (no bridge).
// The journey imports a case by upload, evaluates it, exports it by download; every screen is shot at
// 1440×900 and 1024×700 in light and dark, checked for sideways overflow and by axe. Security from the
// browser's side: the token leaves the address bar, another web site cannot call the API, calls without
// the token or with another Host are refused, and the token is in no log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { assertAccessible, assertInFirstView, assertNoHorizontalOverflow, fixtureCase, launchBrowser, missingPrerequisite, openServed, readingOrder, ROOT, screenshot } from './harness';
import type { Browser } from 'playwright-core';
import { brazilLicense } from '../../support/licenses';

const skip = missingPrerequisite();

/** The AIA Germany case with both modes evaluated (the fixture asks for as written only). */
function bothModes(): Record<string, unknown> {
  const { mode: _mode, ...rest } = fixtureCase();
  return rest;
}

const LICENSE = brazilLicense();

const SCREENS: { name: string; hash: string; ready: string }[] = [
  { name: 'cases', hash: '#/cases', ready: 'h1' },
  { name: 'new-case', hash: '#/cases/new', ready: 'h1' },
  { name: 'case', hash: '#/cases/1', ready: 'h1' },
  { name: 'determination', hash: '#/cases/1/determination', ready: '[data-testid="mode-enforced"]' },
  { name: 'letters', hash: '#/letters', ready: 'h1' },
  { name: 'verify', hash: '#/letters/verify', ready: 'h1' },
  { name: 'packs', hash: '#/packs', ready: '[data-testid="pack-timeline"]' },
  { name: 'ledger', hash: '#/ledger', ready: 'h1' },
  { name: 'audit', hash: '#/audit', ready: 'h1' },
  { name: 'settings', hash: '#/settings', ready: 'h1' },
  { name: 'batch', hash: '#/batch', ready: 'h1' },
  { name: 'licenses', hash: '#/licenses', ready: 'text=D2026-0001' },
  { name: 'impact', hash: '#/impact', ready: 'h1' },
  { name: 'screening', hash: '#/screening', ready: 'h1' },
];

describe('browser mode (tierline serve)', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('journey over HTTP: upload a case, evaluate, download it back; the token leaves the URL', async () => {
    const app = await openServed(browser, '#/cases');
    const { page } = app;
    try {
      assert.doesNotMatch(page.url(), /token/, 'the token is removed from the address bar');
      assert.match(page.url(), /#\/cases$/);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('tierline.token')), app.server.token);
      assert.equal(await page.evaluate(() => 'tierline' in window), false, 'no bridge: the page talks HTTP');
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      // Open = upload: the dialog becomes the browser's file chooser.
      await page.getByRole('button', { name: 'Import case file…' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open with system dialog…' }).click();
      const fc = await chooser;
      await fc.setFiles({ name: 'sc01.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bothModes())) });
      await page.getByRole('heading', { name: /^Case \d+$/ }).waitFor();
      // Save = download.
      const dl = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export…' }).click();
      const d = await dl;
      assert.deepEqual(JSON.parse(readFileSync(await d.path(), 'utf8')), bothModes());
      // A reload keeps working (token in sessionStorage), and evaluation runs through the server.
      await page.goto(`${app.server.origin}/#/cases/1/determination`);
      await page.getByTestId('evaluate').click();
      await page.getByTestId('mode-enforced').waitFor();
      await page.getByTestId('mode-as_written').waitFor();
      assert.equal(
        await page.getByTestId('bottom-line').locator('p').first().innerText(),
        'BIS enforces: no license required, you may ship under NLR. As written: no individual license, you may ship under License Exception AIA if you meet its conditions.',
      );
      assert.deepEqual(app.blocked, [], 'no request left the server');
      assert.deepEqual(app.pageErrors, []);
      const log = join(app.dataDir, 'tierline.log');
      assert.ok(!existsSync(log) || !readFileSync(log, 'utf8').includes(app.server.token), 'the token is in no log');
    } finally {
      await app.close();
    }
  });

  test('refusals seen from a browser: no token 401, another Host 403, another site 403 and unreadable', async () => {
    const app = await openServed(browser, '#/cases');
    const other = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherPort = (other.address() as { port: number }).port;
    try {
      const { page, server } = app;
      const noToken = await page.evaluate(async () => (await fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
      assert.equal(noToken, 401);
      const withToken = await page.evaluate(async (t) => (await fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: '{}' })).status, server.token);
      assert.equal(withToken, 200);
      const rebound = await app.context.request.post(`${server.origin}/api/app.info`, { headers: { Host: `attacker.example:${server.port}`, Authorization: `Bearer ${server.token}` }, data: {} });
      assert.equal(rebound.status(), 403);
      // Another site (another origin) that somehow knows the token still cannot call or read.
      await app.context.unroute('**/*');
      const evil = await app.context.newPage();
      await evil.goto(`http://127.0.0.1:${otherPort}/`);
      const seen = await evil.evaluate(
        async ({ origin, token }) => {
          try {
            const r = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
            return `read ${r.status}`;
          } catch {
            return 'refused';
          }
        },
        { origin: server.origin, token: server.token },
      );
      assert.equal(seen, 'refused', 'no CORS: the other origin reads nothing');
      const direct = await app.context.request.post(`${server.origin}/api/app.info`, { headers: { Origin: `http://127.0.0.1:${otherPort}`, Authorization: `Bearer ${server.token}` }, data: {} });
      assert.equal(direct.status(), 403);
    } finally {
      await new Promise((r) => other.close(r));
      await app.close();
    }
  });

  test('from another address of this machine the workbench is unreachable (bound to 127.0.0.1 only)', async (t) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!external) {
      t.skip('this machine has no non-loopback IPv4 address to try');
      return;
    }
    const app = await openServed(browser, '#/cases');
    try {
      await app.context.unroute('**/*');
      const page = await app.context.newPage();
      const failure = await page.goto(`http://${external}:${app.server.port}/`).then(
        (r) => `answered ${r?.status()}`,
        (e: Error) => e.message,
      );
      assert.match(failure, /ERR_CONNECTION_REFUSED/, `opening http://${external}:${app.server.port}/`);
      const viaApi = await app.context.request
        .post(`http://${external}:${app.server.port}/api/app.info`, { headers: { Authorization: `Bearer ${app.server.token}` }, data: {} })
        .then((r) => `answered ${r.status()}`, (e: Error) => e.message);
      assert.match(viaApi, /ECONNREFUSED/);
    } finally {
      await app.close();
    }
  });

  test('the answer first at 1440×900 and 1024×700: the issue\'s example (weights to the UAE), enforced leading, detail folded', async () => {
    const scenarios = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'scenarios.json'), 'utf8')) as { scenarios: { id: string; case: Record<string, unknown> }[] };
    const { mode: _mode, ...sc38 } = scenarios.scenarios.find((x) => x.id === 'SC38')!.case;
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      const app = await openServed(browser, '#/cases', { viewport });
      const { page } = app;
      try {
        const { dispatch } = await import('../../../main/core/handlers');
        assert.ok((await dispatch('cases.import', { fileName: 'sc38.json', text: JSON.stringify(sc38) }, app.ctx)).ok);
        await page.goto(`${app.server.origin}/#/cases/1/determination`);
        await page.getByTestId('evaluate').click();
        const bottom = page.getByTestId('bottom-line');
        await bottom.waitFor();
        const size = `${viewport.width}×${viewport.height}`;
        assert.equal(await bottom.getByTestId('bottom-line-enforced').innerText(), 'BIS enforces: no license required, you may ship under NLR.');
        assert.equal(await bottom.getByTestId('bottom-line-as_written').innerText(), 'As written: license required, presumption of denial.');
        await assertInFirstView(page, 'bottom-line', size);
        assert.deepEqual(await readingOrder(page, ['mode-as_written', 'bottom-line', 'mode-enforced']), ['bottom-line', 'mode-enforced', 'mode-as_written']);
        const enforced = page.getByTestId('mode-enforced');
        const asWritten = page.getByTestId('mode-as_written');
        assert.match(await enforced.getByTestId('authorization').innerText(), /NLR/);
        assert.match(await enforced.getByTestId('why').innerText(), /BIS does not enforce 4E091/);
        assert.match(await asWritten.getByTestId('authorization').innerText(), /Individual license required/);
        // Enforced sits on the left, as written beside it (not below) at both sizes.
        const e = (await enforced.boundingBox())!;
        const a = (await asWritten.boundingBox())!;
        assert.ok(e.x < a.x && Math.abs(e.y - a.y) < 4, `${size}: enforced ${JSON.stringify(e)} then as written ${JSON.stringify(a)} side by side`);
        // Warnings follow the outcome, folded: the toggle counts them; opening shows them.
        const toggle = enforced.getByTestId('toggle-details');
        assert.match(await toggle.innerText(), /and \d+ warnings?/);
        assert.equal(await enforced.getByTestId('warnings').count(), 0);
        await screenshot(page, `serve-answer-first-${viewport.width}x${viewport.height}`);
        await toggle.click();
        await enforced.getByTestId('warnings').waitFor();
        assert.match(await enforced.getByTestId('details').innerText(), /Status on Jun 2, 2025/);
        await assertNoHorizontalOverflow(page, `determination (SC38) at ${size}`);
        await assertAccessible(page, `determination with details open at ${size}`);
        await screenshot(page, `serve-answer-first-details-${viewport.width}x${viewport.height}`);
        assert.deepEqual(app.pageErrors, []);
      } finally {
        await app.close();
      }
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`every screen at 1440×900 and 1024×700 (${scheme}): screenshot, no sideways overflow, axe`, async () => {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 1024, height: 700 },
      ]) {
        const app = await openServed(browser, '#/cases', { viewport, colorScheme: scheme });
        try {
          const { dispatch } = await import('../../../main/core/handlers');
          const c = await dispatch('cases.import', { fileName: 'sc01.json', text: JSON.stringify(bothModes()) }, app.ctx);
          assert.ok(c.ok);
          await dispatch('determinations.evaluate', { caseId: 1 }, app.ctx);
          // A stored license, so the Licenses screen is measured with its table, not its empty state.
          const lic = await dispatch('licenses.add', { fileName: 'license.json', text: JSON.stringify(LICENSE) }, app.ctx);
          assert.ok(lic.ok, JSON.stringify(lic));
          for (const s of SCREENS) {
            await app.page.goto(`${app.server.origin}/${s.hash}`);
            await app.page.locator(s.ready).first().waitFor();
            if (s.name === 'determination') await assertInFirstView(app.page, 'bottom-line', `determination at ${viewport.width}×${viewport.height}`);
            await screenshot(app.page, `serve-${s.name}-${viewport.width}x${viewport.height}${scheme === 'dark' ? '-dark' : ''}`);
            await assertNoHorizontalOverflow(app.page, `${s.name} at ${viewport.width}×${viewport.height}`);
            await assertAccessible(app.page, `${s.name} at ${viewport.width}×${viewport.height} (${scheme})`);
          }
          assert.deepEqual(app.pageErrors, []);
        } finally {
          await app.close();
        }
      }
    });
  }
});
