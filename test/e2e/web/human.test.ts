// Human data for humans, in the served workbench in Chromium: one toast at a time, out of the way of every
// control at 1024×700; dates as a German reader's browser writes them (and a calendar date west of UTC
// stays the same day); rule-pack parameters as tables with country names; dark mode from the system,
// the ? sheet of shortcuts, and Ctrl+digit from inside a form field. Dark mode: dark.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { must } from './core-call';
import { assertAccessible, fixtureCase, launchBrowser, missingPrerequisite, openServed, screenshot } from './harness';

const skip = missingPrerequisite();

const CASE = {
  format: 'tierline.case/1',
  reference: 'PO-DE-DATES',
  date: '2026-01-15',
  destination: 'IN',
  endUser: { name: 'Bengaluru Frontier AI Pvt Ltd', type: 'ai_lab', headquarters: 'IN', ultimateParentHeadquarters: 'IN' },
  items: [{ description: 'closed model weights', kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 3e26, weightsPublished: false }],
};

/** Visible text of the main pane. */
const mainText = (page: Page) => page.locator('main').innerText();

describe('human data: toasts, dates, pack tables, shortcuts', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('toasts: a new one replaces the old (never two), in the nav slot, over no control at 1024×700', async () => {
    const app = await openServed(browser, '#/cases', { viewport: { width: 1024, height: 700 } });
    const { page, ctx } = app;
    try {
      await must('cases.import', { fileName: 'de.json', text: JSON.stringify(fixtureCase()) }, ctx);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      await page.getByTestId('export-cases-csv').click();
      await page.locator('.bp6-toast').getByText(/\.csv\./).waitFor();
      await page.getByTestId('export-cases-xlsx').click();
      await page.locator('.bp6-toast').getByText(/\.xlsx\./).waitFor();
      assert.equal(await page.locator('.bp6-toast').count(), 1, 'the second toast replaced the first');
      // (inline, no named helpers: the page gets the function's source as written)
      const overlaps = await page.evaluate(() => {
        const t = document.querySelector('.bp6-toast')!.getBoundingClientRect();
        const main = document.querySelector('main')!.getBoundingClientRect();
        const over: string[] = [];
        for (const el of Array.from(document.querySelectorAll('button, a[href], input, select, textarea, [tabindex], [role="gridcell"], [role="columnheader"]'))) {
          if (el.closest('.bp6-toast')) continue;
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.height > 0 && r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom) over.push(el.outerHTML.slice(0, 80));
        }
        const onMain = main.left < t.right && t.left < main.right && main.top < t.bottom && t.top < main.bottom;
        return { controls: over, main: onMain, inNav: !!document.querySelector('nav .bp6-toast'), inView: t.bottom <= window.innerHeight && t.top >= 0 };
      });
      assert.deepEqual(overlaps, { controls: [], main: false, inNav: true, inView: true });
      await screenshot(page, 'human-toast-1024x700');
      // Its close button dismisses it and leaves the slot empty.
      await page.locator('.bp6-toast button').click();
      await page.locator('.bp6-toast').waitFor({ state: 'detached' });
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('dates in de-DE: case list and determination in the German form, 2026-01-15 stays the 15th in Los Angeles, no ISO date on screen; operations as 3 × 10²⁶', async () => {
    const app = await openServed(browser, '#/cases', { locale: 'de-DE', timezoneId: 'America/Los_Angeles' });
    const { page, ctx } = app;
    try {
      const c = await must('cases.import', { fileName: 'in.json', text: JSON.stringify(CASE) }, ctx);
      await must('determinations.evaluate', { caseId: c.id }, ctx);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      const row = page.getByTestId('case-row').filter({ hasText: 'PO-DE-DATES' });
      await row.waitFor();
      const cells = await row.getByRole('gridcell').allInnerTexts();
      assert.equal(cells[3], '15. Jan. 2026');
      // The top bar's today (2026-11-26) too.
      await page.getByTitle('Today').getByText('26. Nov. 2026').waitFor();
      assert.doesNotMatch(await mainText(page), /\b\d{4}-\d{2}-\d{2}\b/);

      await page.goto(`${app.server.origin}/#/cases/${c.id}/determination`);
      await page.getByTestId('mode-enforced').waitFor();
      assert.match(await page.locator('.tl-page-header').innerText(), /15\. Jan\. 2026/);
      const enforced = page.getByTestId('mode-enforced');
      await enforced.getByTestId('toggle-details').click();
      await enforced.getByTestId('details').waitFor();
      assert.match(await enforced.getByTestId('details').innerText(), /Status on 15\. Jan\. 2026/);
      // Every reasoning step open: the operations read 3 × 10 with a raised 26, and no date is left ISO.
      for (const t of await page.getByTestId('toggle-trace').all()) await t.click();
      const asWrittenTrace = page.getByTestId('mode-as_written').getByTestId('trace');
      await asWrittenTrace.waitFor();
      assert.match(await asWrittenTrace.innerText(), /3 × 1026 operations/);
      assert.ok((await asWrittenTrace.locator('sup').allInnerTexts()).includes('26'), 'the exponent is a superscript');
      assert.doesNotMatch(await asWrittenTrace.innerText(), /10\^/);
      assert.doesNotMatch(await mainText(page), /\b\d{4}-\d{2}-\d{2}\b/);
      assert.match(await page.getByText(/^Evaluated /).innerText(), /Evaluated \d{1,2}\. \w+\.? 2026, \d{2}:\d{2} (GMT-8|PST|GMT-7|PDT)/);
      await screenshot(page, 'human-determination-de-DE');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('rule packs: each parameter a table of its dated values, country groups as names with codes, numbers with separators, the text folded', async () => {
    const app = await openServed(browser, '#/packs');
    const { page } = app;
    try {
      await page.getByTestId('pack-parameters').waitFor();
      const a5 = page.locator('[data-testid="pack-parameter"][data-key="group.supp5a"]');
      const versions = a5.getByTestId('parameter-version');
      assert.ok((await versions.count()) >= 2, 'both dated versions of Supplement 5 Part A are rows');
      const rows = await versions.allInnerTexts();
      assert.ok(rows.some((r) => /Germany \(DE\)/.test(r) && /Japan \(JP\)/.test(r) && /18 countries/.test(r)), rows.join('\n'));
      assert.ok(rows.some((r) => /none \(not in force\)/.test(r)), 'the version before the rule shows as not in force');
      const table = await page.getByTestId('pack-parameters').innerText();
      assert.doesNotMatch(table, /\["|":|\{"/, 'no JSON reaches the table');
      assert.match(await page.locator('[data-key="lpp.capTppPerConsigneeYear"]').innerText(), /26,900,000 TPP/);
      const ops = page.locator('[data-key="eccn.4e091.operationsThreshold"]');
      assert.match(await ops.innerText(), /10\s*26 operations/);
      assert.equal(await ops.locator('sup').first().innerText(), '26');
      assert.match(await page.locator('[data-key="eccn.3a090.thresholds"]').innerText(), /a TPP min\s+4,800 TPP/);
      // The excerpt is one click away, folded.
      const details = a5.locator('details').first();
      assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), false);
      await details.locator('summary').click();
      assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), true);
      await assertAccessible(page, 'rule-pack parameters table');
      await screenshot(page, 'human-pack-parameters');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('? opens the sheet of shortcuts outside a text field (not inside one), Esc closes it; Ctrl+digit works from inside a form field', async () => {
    const app = await openServed(browser, '#/cases');
    const { page } = app;
    try {
      const search = page.getByRole('searchbox', { name: 'Search cases' });
      await search.click();
      await page.keyboard.press('Shift+Slash');
      assert.equal(await search.inputValue(), '?', '? inside a field is typed, not a shortcut');
      assert.equal(await page.getByRole('dialog').count(), 0);
      await page.locator('h1').first().click();
      await page.keyboard.press('Shift+Slash');
      const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await sheet.waitFor();
      const listed = await sheet.innerText();
      for (const s of ['Go to Cases', 'Go to Rule packs', 'Go to Screening', 'New case', 'Open the selected case', 'Close a dialog or this list']) assert.ok(listed.includes(s), `${s} in:\n${listed}`);
      await screenshot(page, 'human-shortcut-sheet');
      await assertAccessible(page, 'shortcut sheet');
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });

      // Ctrl+3 from the search field goes to Rule packs; Ctrl+5 from a field of the case editor to the audit log.
      await search.fill('abc');
      await search.focus();
      await page.keyboard.press('Control+3');
      await page.waitForFunction(() => location.hash === '#/packs');
      await page.evaluate(() => (location.hash = '#/cases/new'));
      const reference = page.getByLabel(/^Your reference/).first();
      await reference.click();
      await page.keyboard.type('PO-1');
      await page.keyboard.press('Control+5');
      await page.waitForFunction(() => location.hash === '#/audit');
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
  test('errors in plain words where a person types: an imported file names the field and country meant; the form takes "1,000" and refuses "1,5" in words', async () => {
    const app = await openServed(browser, '#/cases?import=1');
    const { page } = app;
    try {
      const bad = { ...CASE, destination: 'UAE', endUser: { name: 'Gulf Lab', headquarter: 'AE' } };
      await page.getByTestId('case-import-input').setInputFiles({ name: 'gulf.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      const alert = page.getByTestId('error-callout');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /unknown field "headquarter": did you mean "headquarters"\?/);
      assert.match(text, /"UAE" is not a country code: did you mean AE \(United Arab Emirates\)\?/);
      assert.doesNotMatch(text, /Invalid input|Unrecognized key|expected \w+, received/);
      await screenshot(page, 'human-import-suggestions');

      await page.evaluate(() => (location.hash = '#/cases/new'));
      const qty = page.getByLabel('Quantity').first();
      await qty.fill('1,000');
      await qty.blur();
      assert.equal(await qty.getAttribute('aria-invalid'), 'false');
      await qty.fill('1,5');
      await qty.blur();
      await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
      // Training operations typed as digits read back as a power of ten beside the field.
      await page.getByLabel('Kind').first().selectOption('model_weights');
      const ops = page.getByLabel(/^Training operations/).first();
      await ops.fill('300,000,000,000,000,000,000,000,000');
      assert.equal(await page.getByTestId('ops-readout').innerText(), '= 3 × 1026');
      assert.equal(await page.getByTestId('ops-readout').locator('sup').innerText(), '26');
      const form = await page.locator('main').innerText();
      assert.doesNotMatch(form, /Invalid input|Too small|expected \w+, received/);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
