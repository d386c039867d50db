// The case list shows both modes: reference, end user, destination, date, the outcome enforced (first)
// and as written, and the letter. The India weights case (4E091 to an Indian lab in 2026) needs a license
// as written but none under enforcement, and the list says so; pages after the first are fetched by key
// (cases.list `after`) and carry the same columns.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { must } from './core-call';
import { assertAccessible, assertNoHorizontalOverflow, fixtureCase, launchBrowser, missingPrerequisite, openServed, screenshot } from './harness';

const skip = missingPrerequisite();


const INDIA_WEIGHTS = {
  format: 'tierline.case/1',
  reference: 'PO-IN-WEIGHTS',
  date: '2026-03-02',
  destination: 'IN',
  endUser: { name: 'Bengaluru Frontier AI Pvt Ltd', type: 'ai_lab', headquarters: 'IN', ultimateParentHeadquarters: 'IN' },
  items: [{ description: 'closed model weights (3e26 ops)', kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 3e26, weightsPublished: false }],
};

describe('case list: both modes and the letter', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the India weights case reads no license needed under enforcement, license required as written; the letter number shows', async () => {
    const app = await openServed(browser, '#/cases', { viewport: { width: 1024, height: 700 } });
    const { page, ctx } = app;
    try {
      const india = await must('cases.import', { fileName: 'india.json', text: JSON.stringify(INDIA_WEIGHTS) }, ctx);
      const { mode: _m, ...germany } = fixtureCase();
      await must('cases.import', { fileName: 'de.json', text: JSON.stringify(germany) }, ctx);
      const det = await must('determinations.evaluate', { caseId: india.id }, ctx);
      await must('identity.create', { office: 'Export Control Office', passphrase: 'correct horse battery' }, ctx);
      const letter = await must('letters.issue', { determinationId: det.id, officerName: 'Dana Officer', passphrase: 'correct horse battery' }, ctx);

      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      const headers = await page.getByRole('grid', { name: 'Cases' }).getByRole('columnheader').allInnerTexts();
      assert.deepEqual(headers, ['Reference', 'End user', 'Dest.', 'Date', 'Enforced', 'As written', 'Letter']);
      const row = page.getByTestId('case-row').filter({ hasText: 'PO-IN-WEIGHTS' });
      await row.waitFor();
      assert.equal(await row.getByTestId('cell-enforced').innerText(), 'No license required');
      assert.equal(await row.getByTestId('cell-as-written').innerText(), 'License required');
      assert.equal(await row.getByTestId('cell-letter').innerText(), letter.letter.number);
      const cells = await row.getByRole('gridcell').allInnerTexts();
      assert.deepEqual(cells.slice(0, 4), ['PO-IN-WEIGHTS', 'Bengaluru Frontier AI Pvt Ltd', 'IN', 'Mar 2, 2026']);
      // The case not yet evaluated says so in both modes and has no letter.
      const other = page.getByTestId('case-row').filter({ hasText: 'Rheinwerk' });
      assert.equal(await other.getByTestId('cell-enforced').innerText(), 'Not evaluated');
      assert.equal(await other.getByTestId('cell-letter').innerText(), '—');
      // No header is cut to a few letters at 1024×700.
      const clipped = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[role="grid"][aria-label="Cases"] [role="columnheader"]')).filter((h) => h.scrollWidth > h.clientWidth + 1).map((h) => h.textContent),
      );
      assert.deepEqual(clipped, []);
      await assertNoHorizontalOverflow(page, 'case list at 1024×700');
      await assertAccessible(page, 'case list with both modes');
      await screenshot(page, 'case-list-both-modes-1024x700');

      // Voiding the letter shows in the list.
      await must('letters.void', { id: letter.letter.id, reason: 'issued in error' }, ctx);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      await page.getByTestId('case-row').filter({ hasText: 'PO-IN-WEIGHTS' }).getByTestId('cell-letter').getByText('(void)').waitFor();
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('keyset paging still drives the list: later pages come by `after` and show both modes', async () => {
    const app = await openServed(browser, '#/settings');
    const { page, ctx } = app;
    try {
      const { saveCase, canonicalSha256 } = await import('../../../main/core/db');
      const { storeOf } = await import('../../../main/core/handlers/store');
      const db = storeOf(ctx);
      db.transaction(() => {
        for (let i = 0; i < 450; i++) {
          const doc = { ...INDIA_WEIGHTS, reference: `PO-${String(i).padStart(4, '0')}`, date: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`, endUser: { ...INDIA_WEIGHTS.endUser, name: `Lab ${i}` } };
          const r = saveCase(db, doc, canonicalSha256(doc), { actor: 'seed' });
          if (!r.ok) throw new Error(r.error.message);
        }
      })();
      // The oldest case (last in the list) is evaluated.
      const oldest = db.prepare('SELECT id FROM cases ORDER BY case_date ASC, id ASC LIMIT 1').pluck().get() as number;
      await must('determinations.evaluate', { caseId: oldest }, ctx);
      const bodies: Record<string, unknown>[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/api/cases.list')) bodies.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
      });
      await page.goto(`${app.server.origin}/#/cases`);
      await page.getByText('450 in total').waitFor();
      await page.getByTestId('case-rows').focus();
      // Moving down page by page fetches the second page by the first page's key.
      for (let i = 0; i < 11; i++) await page.keyboard.press('PageDown');
      await page.locator('[data-testid="case-row"][aria-rowindex="222"]').getByTestId('cell-enforced').getByText('Not evaluated').waitFor();
      assert.ok(bodies.some((b) => typeof b.after === 'object' && b.count === false), `the second page was asked for by key: ${JSON.stringify(bodies)}`);
      await page.keyboard.press('End');
      const last = page.locator('[data-testid="case-row"][aria-rowindex="451"]');
      await last.getByTestId('cell-enforced').getByText('No license required').waitFor();
      assert.equal(await last.getByTestId('cell-as-written').innerText(), 'License required');
      assert.ok(bodies.every((b) => b.limit === 200));
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
