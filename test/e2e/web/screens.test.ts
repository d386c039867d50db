// Rule packs (timeline, parameters, signed import: a tampered file is refused, a newer signed version
// installs), the ledger charts, the audit log with chain verification, and the page's API surface.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertAccessible, fixtureCase, missingPrerequisite, openApp, ROOT, screenshot, suiteBrowser } from './harness';
import type { RulePackBody } from '../../../shared/domain/rulepack';

const skip = missingPrerequisite();

// A private copy of assets/ whose trust root also holds a throwaway test key, so the journey can sign a
// newer pack version itself. Set before the core first reads its trust root (it caches it).
const assets = mkdtempSync(join(tmpdir(), 'tierline-e2e-assets-'));
const testKey = generateKeyPairSync('ed25519');
for (const entry of readdirSync(join(ROOT, 'assets'))) {
  if (entry === 'keys') continue;
  symlinkSync(join(ROOT, 'assets', entry), join(assets, entry));
}
mkdirSync(join(assets, 'keys'));
cpSync(join(ROOT, 'assets', 'keys'), join(assets, 'keys'), { recursive: true });
writeFileSync(join(assets, 'keys', 'e2e-test.pub.pem'), testKey.publicKey.export({ type: 'spki', format: 'pem' }).toString());
process.env.TIERLINE_ASSETS = assets;

describe('rule packs, ledger, audit', { skip: skip ?? false }, () => {
  const suite = suiteBrowser();
  after(() => rmSync(assets, { recursive: true, force: true }));

  test('import a pack: a tampered file is refused with the reason, a newer signed version installs', async () => {
    const { signPack } = await import('../../../main/core/rulepacks');
    const app = await openApp(suite.browser, suite.origin, '#/packs');
    const { page } = app;
    try {
      await page.getByTestId('pack-timeline').waitFor();
      await page.getByTestId('pack-parameters').waitFor();
      await screenshot(page, '11-rule-packs');
      await assertAccessible(page, 'rule packs');

      const builtin = readFileSync(join(ROOT, 'assets', 'rulepacks', 'us-bis.ai-diffusion.as-written.json'), 'utf8');
      await page.getByTestId('import-pack').click();
      const tampered = builtin.replace('26900000', '36900000');
      assert.notEqual(tampered, builtin);
      await page.getByTestId('pack-import-input').setInputFiles({ name: 'as-written-edited.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
      const alert = page.getByTestId('error-callout');
      await alert.waitFor();
      assert.match(await alert.innerText(), /as-written-edited\.json was not installed\. Its signature does not match its content/);
      await screenshot(page, '12-pack-import-refused');

      const { signature: _sig, ...body } = JSON.parse(builtin) as RulePackBody & { signature: unknown };
      const v2 = signPack({ ...body, version: body.version + 1, issued: '2026-11-26', title: `${body.title} (e2e v2)` }, testKey.privateKey);
      await page.getByTestId('pack-import-input').setInputFiles({ name: 'as-written-v2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v2)) });
      await page.getByTestId('pack-list').getByRole('cell', { name: `v${body.version + 1}`, exact: true }).waitFor();
      const next = body.version + 1;
      await page.getByText(new RegExp(`\\(e2e v2\\) — v${next}`)).waitFor();
      assert.equal(await page.getByTestId('pack-timeline').locator('text').filter({ hasText: new RegExp(`^v${next} · as written · active$`) }).count(), 1);
      await screenshot(page, '13-pack-imported');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('the ledger: a bad shipment CSV is refused with its row, a good one charts cap use with the numbers', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/ledger');
    const { page } = app;
    try {
      const header = 'date,destination,consignee,tpp,authorization';
      const good = [
        header,
        '2026-02-10,BR,Paulista Dados SA,15832000,LPP',
        '2026-05-03,BR,Paulista Dados SA,7916000,LPP',
        '2026-03-14,IN,Mumbai Compute Pvt Ltd,22000000,LPP',
        '2026-04-01,AE,Gulf AI Cloud LLC,120000000,NVEU',
        '2026-06-20,SA,Riyadh Data Centre Co,80000000,LICENSE',
        '2026-07-02,AE,Gulf AI Cloud LLC,60000000,LICENSE',
      ].join('\n');
      await page.getByRole('button', { name: 'Import shipment history…' }).click();
      const bad = good.replace('22000000,LPP', 'lots,LPP');
      await page.getByTestId('shipments-import-input').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      const alert = page.getByTestId('error-callout');
      await alert.waitFor();
      assert.match(await alert.innerText(), /history\.csv was not imported \(nothing was stored\)/);
      await page.getByTestId('shipments-import-input').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await page.getByLabel('As of').fill('2026-09-30');
      await page.getByText('6 shipment(s) counted as of Sep 30, 2026').waitFor();
      const text = await page.locator('main').innerText();
      assert.match(text, /Paulista Dados SA/);
      assert.match(text, /23,748,000 \/ 26,900,000 TPP/);
      await page.getByRole('button', { name: 'Import shipment history…' }).click();
      await screenshot(page, '14-ledger');
      await assertAccessible(page, 'ledger');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('the audit log lists every write and verifies its chain', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases');
    const { page, ctx } = app;
    try {
      const { dispatch } = await import('../../../main/core/handlers');
      const c = await dispatch('cases.import', { fileName: 'sc01.json', text: JSON.stringify(fixtureCase()) }, ctx);
      assert.ok(c.ok);
      const caseId = (c.value as { id: number }).id;
      await page.goto(`${suite.origin}/index.html#/cases/${caseId}/determination`);
      await page.getByTestId('evaluate').click();
      await page.getByTestId('mode-as_written').waitFor();
      // Record the shipment from the determination: the ledger and the audit log both get it.
      await page.getByTestId('record-shipment').click();
      await page.getByRole('button', { name: 'Record shipment' }).click();
      await page.getByText('Shipped', { exact: true }).waitFor();
      await page.goto(`${suite.origin}/index.html#/audit`);
      await page.getByTestId('audit-table').waitFor();
      const log = await page.getByTestId('audit-table').innerText();
      // Actions in plain words (shared/domain/audit-actions.ts), not their ids.
      assert.match(log, /Case evaluated/);
      assert.match(log, /Shipment recorded/);
      assert.doesNotMatch(log, /case\.evaluated|shipment\.recorded/);
      await page.getByTestId('verify-chain').click();
      await page.getByTestId('chain-result').getByText(/Chain intact \(\d+ entries\)/).waitFor();
      // The last anchor's date: none yet, then the one `tierline audit anchor` just signed.
      await page.getByTestId('last-anchor').getByText(/^Never anchored/).waitFor();
      const { storeOf } = await import('../../../main/core/handlers/store');
      const { ensureIdentity } = await import('../../../main/core/identity');
      const { createAnchor } = await import('../../../main/core/audit/anchor');
      const db = storeOf(ctx);
      const { identity } = ensureIdentity(db, { passphrase: 'e2e anchor passphrase', office: { name: 'E2E Office' }, actor: 'e2e', kdf: { N: 1 << 10, r: 8, p: 1 } });
      const anchored = createAnchor(db, identity, { actor: 'e2e', at: '2026-11-30T09:15:00.000Z' });
      assert.ok(anchored.ok);
      await page.reload();
      await page.getByTestId('last-anchor').getByText(`Last anchored Nov 30, 2026, 09:15 AM UTC (entry ${anchored.value.anchor.seq})`, { exact: false }).waitFor();
      await screenshot(page, '15-audit-log');
      await assertAccessible(page, 'audit log');
    } finally {
      await app.close();
    }
  });

  test('the page sees window.tierline with the contract channels only; nothing else is reachable', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases');
    const { page } = app;
    try {
      const surface = await page.evaluate(async () => {
        const api = (window as unknown as { tierline: { channels: string[]; invoke: (c: string, p: unknown) => Promise<{ ok: boolean; error?: { code: string } }> } }).tierline;
        const unknown = await api.invoke('fs.readFile', { path: '/etc/passwd' });
        const bad = await api.invoke('cases.get', { id: 'one' });
        let fetched = 'no';
        try {
          await fetch('https://example.com/');
          fetched = 'yes';
        } catch {
          fetched = 'refused';
        }
        // Code evaluated by the test driver is exempt from CSP, so inline script is checked through the
        // page's own DOM: the element is refused and the violation is reported.
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const inline = document.createElement('script');
        inline.textContent = 'window.__inlineRan = true';
        document.head.appendChild(inline);
        await new Promise((r) => setTimeout(r, 50));
        const inlineRan = (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
        return { keys: Object.keys(api).sort(), channels: api.channels.length, unknown: unknown.error?.code, bad: bad.error?.code, frozen: Object.isFrozen(api), fetched, violations, inlineRan, node: typeof (window as unknown as { require?: unknown }).require };
      });
      assert.deepEqual(surface.keys, ['channels', 'invoke']);
      assert.equal(surface.unknown, 'UNKNOWN_CHANNEL');
      assert.equal(surface.bad, 'INVALID_INPUT');
      assert.equal(surface.frozen, true);
      assert.equal(surface.fetched, 'refused', 'the CSP (connect-src none) refuses network requests');
      assert.equal(surface.node, 'undefined');
      assert.ok(surface.violations.some((d) => d.startsWith('script-src')), JSON.stringify(surface.violations));
      assert.equal(surface.inlineRan, false, 'no inline scripts');
    } finally {
      await app.close();
    }
  });
});
