// Licenses, the ledger's rows and impact in the workbench, in Chromium against the real core: recording a
// shipment names its authorization and asks which mode when the two differ, refuses a license that does
// not cover it with the reason and draws one that does; the ledger lists the rows behind a bar with the
// "only what this workbench knows" note, reverses a row and a whole import with a required reason; the
// licenses screen adds a license from an upload (errors named by field), shows what remains and the
// warnings; a determination that needs a license drafts an application (JSON, PDF, print); the impact
// screen runs a test-signed candidate pack with progress, lists the changed cases and the letter to
// supersede, and changes nothing stored.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assertAccessible, assertNoHorizontalOverflow, missingPrerequisite, openApp, ROOT, screenshot, suiteBrowser, type AppSession } from './harness';
import { brazilLicense } from '../../support/licenses';
import { assetsWithTestKey, lowerLppCandidate } from '../../support/test-key-assets';

const skip = missingPrerequisite();

// A private copy of assets/ whose trust root also holds a throwaway test key (signs the candidate pack).
const { dir: assets, testKey } = assetsWithTestKey('e2e-lic');

const BR = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cases/sc63-lpp-brazil-2026.json'), 'utf8')) as Record<string, unknown> & { items: Record<string, unknown>[]; endUser: Record<string, unknown> };
/** A Brazil data-centre case in both modes: `units` ICs of 15,832 TPP at $30,000 (2,000 units: as written LICENSE, enforced NLR). */
function brazil(reference: string, units: number, name = 'Paulista Dados SA'): Record<string, unknown> {
  const { mode: _m, ...rest } = BR;
  return { ...rest, reference, endUser: { ...BR.endUser, name }, items: [{ ...BR.items[0], quantity: units, unitValueUsd: 30_000 }] };
}
const license = brazilLicense;

async function core<T = unknown>(app: AppSession, channel: string, payload: unknown): Promise<T> {
  const { dispatch } = await import('../../../main/core/handlers');
  const r = await dispatch(channel, payload, app.ctx);
  assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`);
  return r.value as T;
}

async function evaluated(app: AppSession, doc: Record<string, unknown>): Promise<number> {
  const c = await core<{ id: number }>(app, 'cases.create', { case: doc });
  await core(app, 'determinations.evaluate', { caseId: c.id });
  return c.id;
}

async function text(page: Page, testId: string): Promise<string> {
  const el = page.getByTestId(testId);
  await el.waitFor();
  return el.innerText();
}

/** At 1024×700 the screen does not scroll sideways; back to 1440×900 after. */
async function narrow(page: Page, label: string, shot: string): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, shot);
  await assertNoHorizontalOverflow(page, `${label} at 1024×700`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Waits until the element's rendered text (cells apart) matches. */
async function untilText(el: ReturnType<Page['getByTestId']>, re: RegExp, ms = 15_000): Promise<string> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    last = await el.innerText().catch(() => '');
    if (re.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`waited ${ms} ms for ${re}; the text is: ${last}`);
}

describe('licenses, ledger rows, impact', { skip: skip ?? false }, () => {
  const suite = suiteBrowser();
  after(() => rmSync(assets, { recursive: true, force: true }));

  test('recording a shipment: asks which mode, refuses a license that does not cover it, draws the one that does; the ledger rows and reversals', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases');
    const { page } = app;
    try {
      const caseId = await evaluated(app, brazil('BR-BIG', 2000));
      await core(app, 'licenses.add', { fileName: 'other.json', text: JSON.stringify(license({ number: 'D2026-0002', endUser: { name: 'Rio Compute Ltda', country: 'BR' }, consignee: { name: 'Rio Compute Ltda', country: 'BR' } })) });
      await page.goto(`${suite.origin}/index.html#/cases/${caseId}/determination`);
      await page.getByTestId('record-shipment').click();
      const modes = page.getByTestId('ship-modes');
      await modes.waitFor();
      assert.match(await modes.innerText(), /The two modes give different authorizations\. Which one did this shipment go under\?/);
      assert.match(await modes.innerText(), /Enforced — what BIS applies today: NLR \(no license required\)/);
      assert.match(await modes.innerText(), /As written — the codified rule, applied as if enforced: a BIS license \(LICENSE\)/);
      assert.equal(await page.getByTestId('ship-confirm').isDisabled(), true, 'nothing can be recorded before the mode is chosen');
      await page.getByText('As written — the codified rule').click();
      const none = await text(page, 'ship-no-license');
      assert.match(none, /No stored license covers this shipment/);
      assert.match(none, /license D2026-0002 does not cover this shipment: it names the end user "Rio Compute Ltda", not "Paulista Dados SA"/);
      assert.equal(await page.getByTestId('ship-confirm').isDisabled(), true);
      await screenshot(page, '40-ship-no-covering-license');
      await assertAccessible(page, 'ship dialog');
      await page.getByText('Enforced — what BIS applies today').click();
      assert.match(await text(page, 'ship-under'), /Recorded under NLR \(no license required\) \(enforced\)\./);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await core(app, 'licenses.add', { fileName: 'good.json', text: JSON.stringify(license()) });
      await page.getByTestId('record-shipment').click();
      await page.getByText('As written — the codified rule').click();
      assert.match(await text(page, 'ship-under'), /Recorded under a BIS license \(LICENSE\) \(as written\)\. It draws on license D2026-0001\./);
      assert.equal(await page.locator('#ship-license').inputValue(), 'D2026-0001');
      await screenshot(page, '41-ship-under-license');
      await page.getByTestId('ship-confirm').click();
      await page.getByText('Shipped', { exact: true }).waitFor();
      const lic = await core<{ status: { lines: { quantity: { left: number } }[] } }>(app, 'licenses.get', { number: 'D2026-0001' });
      assert.equal(lic.status.lines[0].quantity.left, 500, 'the license was drawn down by 2,000 units');

      // The ledger: the note where the cap is global, the rows behind the bar, a reversal with a reason.
      await page.goto(`${suite.origin}/index.html#/ledger`);
      assert.match(await text(page, 'global-cap-note'), /Counts only what this workbench knows: a country's allocation counts every exporter's licensed shipments/);
      await page.getByTestId('bar-rows-BR').click();
      assert.match(await text(page, 'rows-bar'), /Rows behind the bar “BR Brazil”/);
      await page.getByTestId('rows-count').filter({ hasText: /^1 row\(s\)/ }).waitFor();
      const row = page.getByTestId('ledger-rows').locator('tbody tr');
      assert.match(await row.innerText(), /Paulista Dados SA\s+LICENSE · license D2026-0001\s+31,664,000/);
      await page.getByRole('button', { name: /^Reverse row \d+$/ }).click();
      await page.getByTestId('reverse-confirm').click();
      assert.match(await text(page, 'error-callout'), /reason/i);
      await page.getByTestId('reverse-reason').fill('shipped under the wrong license');
      await page.getByTestId('reverse-confirm').click();
      await page.getByTestId('rows-count').filter({ hasText: /^2 row\(s\)/ }).waitFor();
      assert.match(await page.getByTestId('ledger-rows').innerText(), /reverses #\d+: shipped under the wrong license/);
      assert.match(await page.getByTestId('ledger-rows').innerText(), /reversed by #\d+/);
      await page.locator('#f-state').selectOption('standing');
      await page.getByText('No ledger row matches.').waitFor();
      await screenshot(page, '42-ledger-rows-reversed');
      await assertAccessible(page, 'ledger rows');
      await narrow(page, 'ledger rows', '42-ledger-rows-1024');
      assert.equal((await core<{ status: { lines: { quantity: { left: number } }[] } }>(app, 'licenses.get', { number: 'D2026-0001' })).status.lines[0].quantity.left, 2500, 'the reversal released the drawdown');

      // A whole import, reversed with one reason.
      await page.getByRole('button', { name: 'Import shipment history…' }).click();
      const csv = ['date,destination,consignee,tpp,authorization', '2026-02-10,IN,Mumbai Compute Pvt Ltd,1000,LPP', '2026-03-14,IN,Mumbai Compute Pvt Ltd,2000,LPP'].join('\n');
      await page.getByTestId('shipments-import-input').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const imports = page.getByTestId('ledger-imports');
      await imports.waitFor();
      assert.match(await imports.innerText(), /history\.csv\s+.+? UTC\s+2\s+2\s+3,000/);
      await page.getByRole('button', { name: 'Reverse import history.csv' }).click();
      await page.getByTestId('reverse-reason').fill('exported twice from the ERP');
      await page.getByTestId('reverse-confirm').click();
      await untilText(imports, /history\.csv\s+.+? UTC\s+2\s+0\s+0/);
      const audit = await core<{ entries: { action: string; detail: string | null }[] }>(app, 'audit.list', {});
      assert.ok(audit.entries.some((e) => e.action === 'shipments.reversed' && (e.detail ?? '').includes('exported twice from the ERP')), 'the import reversal is audited with its reason');
      assert.deepEqual(app.pageErrors, []);
      assert.deepEqual(app.blocked, []);
    } finally {
      await app.close();
    }
  });

  test('the licenses screen: upload with errors named by field, the list with % used and warnings, details; a draft application from a determination', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/licenses');
    const { page } = app;
    try {
      await page.getByText('No licenses stored').waitFor();
      await page.getByTestId('license-add').click();
      const bad = license({ destination: 'Brazil', items: [{ eccn: '3A090.a', description: 'accelerator ICs', quantity: 2.5 }] });
      await page.getByTestId('license-upload-input').setInputFiles({ name: 'bad-license.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      const err = await text(page, 'error-callout');
      assert.match(err, /bad-license\.json is not a valid tierline\.license\/1 file: \$\.destination: /);
      assert.match(err, /\$\.items\[0\]\.quantity\s+quantity must be a whole number/);
      assert.match(err, /Nothing was stored\./);
      await screenshot(page, '43-license-upload-refused');
      assert.deepEqual(await core(app, 'licenses.list', {}), []);

      await page.getByTestId('license-upload-input').setInputFiles({ name: 'D2026-0001.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(license())) });
      await page.getByTestId('license-detail').waitFor();
      const caseId = await evaluated(app, brazil('BR-BIG', 2000));
      await core(app, 'shipments.record', { caseId, mode: 'as_written', licenseNumber: 'D2026-0001' });
      await page.reload();
      await page.getByTestId('license-detail').getByText('line 1 (3A090.a) is 80 % used').waitFor();
      const listed = await text(page, 'license-D2026-0001');
      assert.match(listed, /D2026-0001\s+Tierline Exports Inc\.\s+Paulista Dados SA\s+BR.*Brazil\s+Dec 15, 2026\s+80 %\s+valid/);
      assert.match(listed, /line 1 \(3A090\.a\) is 80 % used/);
      assert.match(listed, /expires in 19 day\(s\), on Dec 15, 2026/);
      assert.match(await text(page, 'license-line-1'), /500 of 2,500 left \(2,000 used\)\s+8,336,000 of 40,000,000 left \(31,664,000 used\)\s+\$15,000,000 of \$75,000,000 left \(\$60,000,000 used\)/);
      assert.match(await text(page, 'license-drawdowns'), /Oct 1, 2026\s+case \d+\s+1\s+2,000\s+31,664,000\s+\$60,000,000\s+counted/);
      assert.match(await page.getByTestId('license-detail').innerText(), /No reexport without prior BIS authorization\./);
      await screenshot(page, '44-license-detail');
      await assertAccessible(page, 'licenses');
      await narrow(page, 'licenses', '44-license-detail-1024');

      // From a determination that needs a license: the draft application as JSON and PDF, and printed.
      await page.goto(`${suite.origin}/index.html#/cases/${caseId}/determination`);
      await page.getByTestId('start-application').click();
      await page.locator('#app-name').fill('Tierline Exports Inc.');
      await page.locator('#app-country').fill('us');
      await page.getByTestId('application-make').click();
      const draft = await text(page, 'application-draft');
      assert.match(draft, /Draft ready: 1 item\(s\)/);
      assert.match(draft, /Reasoning from: as written\./);
      assert.doesNotMatch(await text(page, 'application-missing'), /Block 14/);
      await screenshot(page, '45-application-draft');
      await assertAccessible(page, 'application dialog');
      await page.getByTestId('application-json').click();
      await page.getByTestId('application-pdf').click();
      await page.getByTestId('application-print').click();
      await page.waitForFunction(() => document.querySelectorAll('.bp6-toast').length > 0);
      for (let i = 0; i < 50 && (app.platform.saved.length < 2 || app.platform.printed.length < 1); i++) await new Promise((r) => setTimeout(r, 100));
      const json = app.platform.saved.find((s) => s.path.endsWith('.json'))!;
      const pdf = app.platform.saved.find((s) => s.path.endsWith('.pdf'))!;
      const doc = JSON.parse(Buffer.from(json.bytes).toString('utf8')) as { format: string; status: string; applicant: { name: string; country: string }; items: { eccn: string; quantity: number }[] };
      assert.equal(doc.format, 'tierline.license-application/1');
      assert.equal(doc.status, 'draft');
      assert.deepEqual(doc.applicant, { name: 'Tierline Exports Inc.', country: 'US', address: null });
      assert.deepEqual(doc.items.map((i) => [i.eccn, i.quantity]), [['3A090.a', 2000]]);
      const pdfText = execFileSync('pdftotext', [pdf.path, '-'], { encoding: 'utf8' });
      assert.match(pdfText, /DRAFT license application/);
      assert.match(pdfText, /Block 14 — Applicant\s+Tierline Exports Inc\./);
      assert.match(pdfText, /Paulista Dados SA/);
      assert.deepEqual(app.platform.printed, ['license-application-BR-BIG.pdf']);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('impact: a test-signed pack lowering the LPP limit lists the changed cases per mode and the letter to supersede; nothing stored changes', async () => {
    const { insertLetter, nextLetterNumber, latestDetermination } = await import('../../../main/core/db');
    const { storeOf } = await import('../../../main/core/handlers/store');
    const app = await openApp(suite.browser, suite.origin, '#/impact');
    const { page } = app;
    try {
      const big = await evaluated(app, brazil('IMP-1', 1000));
      await evaluated(app, brazil('IMP-2', 500, 'Rio Compute Ltda'));
      const db = storeOf(app.ctx);
      const det = latestDetermination(db, big)!;
      assert.ok(insertLetter(db, { number: nextLetterNumber(db, 2026), caseId: big, determinationId: det.id, pdf: Buffer.from('%PDF-1.7 stand-in: impact reads only the letter row'), officer: 'Test Officer', issuedAt: '2026-10-02T09:00:00.000Z' }, { actor: 'e2e' }).ok);
      const counts = () => ({
        determinations: db.prepare('SELECT count(*) FROM determinations').pluck().get(),
        packs: db.prepare('SELECT count(*) FROM rule_packs').pluck().get(),
        audit: db.prepare('SELECT max(seq) FROM audit_log').pluck().get(),
      });
      const before = counts();

      const { candidate, version } = await lowerLppCandidate(testKey.privateKey);

      await page.getByTestId('impact-file-input').setInputFiles({ name: 'as-written-next.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(candidate)) });
      await page.getByTestId('impact-state').filter({ hasText: 'Done. Nothing stored changed.' }).waitFor();
      assert.match(await text(page, 'impact-candidate'), new RegExp(`Rule pack us-bis\\.ai-diffusion\\.as-written v${version} \\(as written\\) ".*\\(LPP limit 10,000,000: test\\)", signature verified .*; replacing the installed v${version - 1}\\.`));
      assert.match(await text(page, 'impact-progress'), /^2 \/ 2 cases · 2 changed$/);
      assert.match(await text(page, 'impact-mode-as_written'), /As written: 2 of 2 case\(s\) change\s+License required 1 · Authorization 1 · Review policy 1 · Tier 0 · Caps 2/);
      const bigRow = await text(page, `impact-case-${big}`);
      assert.match(bigRow, /IMP-1/);
      assert.match(bigRow, /License required: no license required → license required/);
      assert.match(bigRow, /Authorization \(item 1\): LPP → LICENSE/);
      assert.match(bigRow, /Caps \(item 1\): .*≤ 26,900,000\? → yes: within the LPP limit → .*≤ 10,000,000\? → no: over by 5,832,000 TPP/);
      const letters = await text(page, 'impact-letters');
      assert.match(letters, /case \d+\s+As written\s+no license required: #1 LPP\s+license required: #1 LICENSE/);
      assert.match(await text(page, 'impact-note'), /Nothing was stored/);
      await screenshot(page, '46-impact-report');
      await assertAccessible(page, 'impact');
      await narrow(page, 'impact', '46-impact-report-1024');
      assert.deepEqual(counts(), before, 'nothing stored changed: no determination, pack or audit entry');
      const packs = await core<{ id: string; version: number }[]>(app, 'packs.list', {});
      assert.equal(Math.max(...packs.filter((p) => p.id === 'us-bis.ai-diffusion.as-written').map((p) => p.version)), version - 1, 'the candidate is not installed');

      // A file that is neither a pack nor a list is refused with the reason; nothing runs.
      await page.getByTestId('impact-file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      assert.match(await text(page, 'error-callout'), /notes\.txt was not analysed \(nothing was installed\): it is neither a signed rule pack nor a valid screening list/);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
