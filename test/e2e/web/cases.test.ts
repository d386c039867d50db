// Journeys over cases: create one from the chip catalogue and evaluate it, read the reasoning, import a
// case file with an error, filter the list. Real core underneath (SQLite file, engine, packs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, fixtureCase, missingPrerequisite, openApp, readingOrder, screenshot, suiteBrowser } from './harness';

const skip = missingPrerequisite();

describe('cases', { skip: skip ?? false }, () => {
  const suite = suiteBrowser();

  test('create a case from the catalogue, evaluate it, read the trace', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases');
    const { page } = app;
    try {
      await page.getByTestId('new-case').click();
      await page.getByRole('heading', { name: 'New case' }).waitFor();
      // Live validation: the summary lists what is missing before anything is typed.
      await page.getByTestId('validation-summary').getByText(/to fix/).waitFor();
      await page.getByLabel('Date of the export').fill('2025-06-02');
      await page.getByLabel('Destination', { exact: true }).selectOption('DE');
      await page.getByRole('textbox', { name: 'End user', exact: true }).fill('Rheinwerk Cloud GmbH');
      await page.getByLabel('Headquarters', { exact: true }).selectOption('DE');
      // Typing a bad quantity shows the error as you type, in plain words.
      const qty = page.getByLabel('Quantity');
      await qty.fill('1.5');
      await qty.blur();
      await page.getByTestId('error-items.0.quantity').waitFor();
      // One click on the catalogue fills the item.
      await page.getByRole('button', { name: 'Fill from catalogue' }).click();
      await page.getByRole('dialog', { name: 'Chip catalogue' }).waitFor();
      await screenshot(page, '02-chip-catalogue');
      await assertAccessible(page, 'chip catalogue');
      await page.getByTestId('use-nvidia-h100-sxm').click();
      await page.getByRole('dialog', { name: 'Chip catalogue' }).waitFor({ state: 'detached' });
      assert.equal(await page.getByLabel('TPP per unit').inputValue(), '15832');
      assert.equal(await page.getByLabel('Performance density').inputValue(), '19.45');
      await page.getByTestId('item-0').getByLabel('Quantity').fill('64');
      await page.getByLabel('Approved IC designer').selectOption('yes');
      await page.getByTestId('validation-summary').getByText('Ready to evaluate').waitFor();
      await screenshot(page, '03-case-form');
      await assertAccessible(page, 'case form');

      // Keyboard: Ctrl+Enter saves and evaluates from inside a field.
      await page.getByTestId('item-0').getByLabel('Quantity').focus();
      await page.keyboard.press('Control+Enter');
      await page.getByRole('heading', { name: /Determination — case \d+/ }).waitFor();
      const asWritten = page.getByTestId('mode-as_written');
      const enforced = page.getByTestId('mode-enforced');
      await asWritten.waitFor();
      await enforced.waitFor();
      assert.match(await asWritten.getByTestId('authorization').first().innerText(), /AIA/);
      assert.match(await asWritten.innerText(), /Tier 1/);
      // The answer first: the bottom line on top, then enforced (what applies today), then as written.
      const bottom = page.getByTestId('bottom-line');
      assert.equal(await bottom.getByTestId('bottom-line-enforced').innerText(), 'BIS enforces: no license required, you may ship under NLR.');
      assert.match(await bottom.getByTestId('bottom-line-as_written').innerText(), /^As written: no individual license, you may ship under License Exception AIA/);
      assert.deepEqual(await readingOrder(page, ['bottom-line', 'mode-enforced', 'mode-as_written']), ['bottom-line', 'mode-enforced', 'mode-as_written']);
      assert.match(await enforced.getByTestId('why').first().innerText(), /no license required \(NLR\).*742\.6/);
      // The status paragraph and the pack are folded until asked for.
      assert.equal(await enforced.getByTestId('details').count(), 0);
      await enforced.getByTestId('toggle-details').click();
      assert.match(await enforced.getByTestId('details').innerText(), /Status on Jun 2, 2025[\s\S]*BIS/);
      // The reasoning, with citations.
      await asWritten.getByTestId('toggle-trace').first().click();
      const trace = asWritten.getByTestId('trace').first();
      await trace.waitFor();
      assert.match(await trace.innerText(), /CFR/);
      assert.ok((await trace.locator('li').count()) >= 3, 'several reasoning steps');
      assert.ok((await trace.locator('blockquote').count()) >= 1, 'the pack text behind a step is quoted');
      await screenshot(page, '04-determination');
      await trace.locator('li').nth(2).scrollIntoViewIfNeeded();
      await screenshot(page, '04b-determination-trace');
      await assertAccessible(page, 'determination');
      assert.deepEqual(app.blocked, [], 'no request left the app');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('import a case file with an error and see the message with its JSON path', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases?import=1');
    const { page } = app;
    try {
      const bad = fixtureCase('sc01-aia-germany.json');
      (bad.items as Record<string, unknown>[])[0].quantity = 0;
      (bad as Record<string, unknown>).colour = 'blue';
      await page.getByTestId('case-import-input').setInputFiles({ name: 'broken-case.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      const alert = page.getByTestId('error-callout');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /broken-case\.json is not a valid tierline\.case\/1 file/);
      assert.match(text, /\$\.items\[0\]\.quantity/);
      assert.match(text, /\$\.colour/);
      assert.match(text, /unknown field/);
      await screenshot(page, '05-case-import-error');
      await assertAccessible(page, 'case import error');

      // The good file, dropped on the zone (a real drop event with a DataTransfer), imports and opens.
      const good = JSON.stringify(fixtureCase());
      const transfer = await page.evaluateHandle((t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'good.json', { type: 'application/json' }));
        return dt;
      }, good);
      await page.getByTestId('case-import').dispatchEvent('dragover', { dataTransfer: transfer });
      await page.getByTestId('case-import').dispatchEvent('drop', { dataTransfer: transfer });
      await page.getByRole('heading', { name: /^Case \d+$/ }).waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'End user', exact: true }).inputValue(), 'Rheinwerk Cloud GmbH');
      // Export writes the same tierline.case/1 document back out through the save dialog.
      await page.getByRole('button', { name: 'Export…' }).click();
      await page.waitForFunction(() => document.body.innerText.includes('Saved '));
      assert.equal(app.platform.saved.length, 1);
      assert.deepEqual(JSON.parse(Buffer.from(app.platform.saved[0].bytes).toString('utf8')), fixtureCase());
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('the list searches, filters and moves with the keyboard', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases');
    const { page, ctx } = app;
    try {
      const { dispatch } = await import('../../../main/core/handlers');
      for (const f of ['sc01-aia-germany.json', 'sc63-lpp-brazil-2026.json', 'sc65-h200-china-enforced.json']) {
        const r = await dispatch('cases.import', { fileName: f, text: JSON.stringify(fixtureCase(f)) }, ctx);
        assert.ok(r.ok, JSON.stringify(r));
      }
      await dispatch('determinations.evaluate', { caseId: 1 }, ctx);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      const rows = page.getByTestId('case-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 3);
      await page.getByLabel('Outcome').selectOption('no_license_required');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-row"]').length === 1);
      await page.getByLabel('Outcome').selectOption('');
      await page.getByLabel('Search cases').fill('rheinwerk');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-row"]').length === 1);
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-row"]').length === 3);
      await screenshot(page, '01-cases-list');
      await assertAccessible(page, 'case list');
      await page.getByTestId('case-rows').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /^Case \d+$/ }).waitFor();
    } finally {
      await app.close();
    }
  });

  test('100,000 cases: the list stays virtual and jumps to the end from the keyboard', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/settings');
    const { page, ctx } = app;
    try {
      const { saveCase, canonicalSha256 } = await import('../../../main/core/db');
      const { storeOf } = await import('../../../main/core/handlers/store');
      const db = storeOf(ctx);
      const destinations = ['DE', 'FR', 'BR', 'IN', 'AE', 'JP', 'SG', 'MX'];
      db.transaction(() => {
        for (let i = 0; i < 100_000; i++) {
          const month = String(1 + (i % 12)).padStart(2, '0');
          const day = String(1 + (i % 28)).padStart(2, '0');
          const doc = {
            format: 'tierline.case/1',
            reference: `PO-${String(i).padStart(6, '0')}`,
            date: `2026-${month}-${day}`,
            destination: destinations[i % destinations.length],
            endUser: { name: `Customer ${i % 997}`, headquarters: destinations[i % destinations.length] },
            items: [{ kind: 'ic', quantity: 1 + (i % 500), tppPerUnit: 15832 }],
          };
          const r = saveCase(db, doc, canonicalSha256(doc), { actor: 'seed' });
          if (!r.ok) throw new Error(r.error.message);
        }
      })();
      await page.goto(`${suite.origin}/index.html#/cases`);
      // The count stops at 10,000; the list grows page by page (by key) as it is scrolled past that.
      await page.getByText('10,000+ in total').waitFor({ timeout: 30_000 });
      const rendered = await page.getByTestId('case-row').count();
      assert.ok(rendered > 10 && rendered < 120, `only the visible rows are in the DOM (${rendered})`);
      await page.getByTestId('case-rows').focus();
      const t0 = Date.now();
      await page.keyboard.press('End');
      await page.locator('[data-testid="case-row"][aria-rowindex="10001"][aria-selected="true"]').getByText(/^PO-/).waitFor({ timeout: 10_000 });
      const ms = Date.now() - t0;
      assert.ok(ms < 5000, `jumped to the 10,000th row in ${ms} ms`);
      // Past the counted rows the next pages load by key: the list grows, and End again reaches further.
      const grid = page.getByRole('grid', { name: 'Cases' });
      await page.waitForFunction(() => Number(document.querySelector('[role="grid"][aria-label="Cases"]')?.getAttribute('aria-rowcount')) > 10_201, null, { timeout: 10_000 });
      assert.ok(Number(await grid.getAttribute('aria-rowcount')) > 10_201);
      await page.keyboard.press('End');
      const further = page.locator('[data-testid="case-row"][aria-selected="true"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="case-row"][aria-selected="true"]')?.getAttribute('aria-rowindex')) > 10_001, null, { timeout: 10_000 });
      await further.getByText(/^PO-/).waitFor({ timeout: 10_000 });
      // Every row on screen is a real row, not a placeholder, once the pages ahead have loaded.
      await page.waitForTimeout(300);
      assert.equal(await page.locator('[data-testid="case-row"]').filter({ hasText: /^…$/ }).count(), 0, 'no placeholder rows on screen');
      await page.getByLabel('Destination').selectOption('BR');
      await page.getByText('10,000+ matching').waitFor({ timeout: 10_000 });
      // A search narrows through the trigram index: PO-000100 … PO-000199, those bound for Brazil.
      const brazil = Array.from({ length: 100 }, (_, j) => 100 + j).filter((i) => destinations[i % destinations.length] === 'BR').length;
      await page.getByLabel('Search cases').fill('po-0001');
      await page.getByText(`${brazil} matching`, { exact: true }).waitFor({ timeout: 10_000 });
      await page.getByLabel('Search cases').fill('po');
      await page.getByTestId('search-hint').waitFor();
      await screenshot(page, '01b-cases-100k');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
