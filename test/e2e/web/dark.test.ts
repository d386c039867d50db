// Dark mode follows the system: the page turns dark the moment the system setting does (emulateMedia),
// and axe finds no contrast or other serious fault on the main screens and the ? sheet in it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { must } from './core-call';
import { assertAccessible, launchBrowser, missingPrerequisite, openServed, screenshot } from './harness';

const skip = missingPrerequisite();

const CASE = {
  format: 'tierline.case/1',
  reference: 'PO-DARK',
  date: '2026-01-15',
  destination: 'IN',
  endUser: { name: 'Bengaluru Frontier AI Pvt Ltd', type: 'ai_lab', headquarters: 'IN', ultimateParentHeadquarters: 'IN' },
  items: [{ description: 'closed model weights', kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 3e26, weightsPublished: false }],
};

describe('dark mode', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('dark mode follows the system (emulateMedia), at once and on every screen checked by axe, the ? sheet included', async () => {
    const app = await openServed(browser, '#/cases', { viewport: { width: 1024, height: 700 } });
    const { page, ctx } = app;
    try {
      const c = await must('cases.import', { fileName: 'in.json', text: JSON.stringify(CASE) }, ctx);
      await must('determinations.evaluate', { caseId: c.id }, ctx);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(await background(), 'rgb(246, 247, 249)');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => document.body.classList.contains('bp6-dark'));
      assert.equal(await background(), 'rgb(28, 33, 39)');
      for (const [hash, ready] of [
        ['#/cases', 'h1'],
        [`#/cases/${c.id}`, 'h1'],
        [`#/cases/${c.id}/determination`, '[data-testid="mode-enforced"]'],
        ['#/packs', '[data-testid="pack-parameters"]'],
        ['#/audit', 'h1'],
      ] as const) {
        await page.evaluate((h) => (location.hash = h), hash);
        await page.locator(ready).first().waitFor();
        if (hash.endsWith('determination')) for (const t of await page.getByTestId('toggle-trace').all()) await t.click();
        await assertAccessible(page, `${hash} in dark mode`);
      }
      await screenshot(page, 'human-packs-dark-1024x700');
      await page.locator('h1').first().click();
      await page.keyboard.press('Shift+Slash');
      const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await sheet.waitFor();
      // (the screenshot waits for the dialog's fade-in: axe on a half-transparent dialog reads low contrast)
      await screenshot(page, 'human-shortcut-sheet-dark');
      await assertAccessible(page, 'shortcut sheet in dark mode');
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });
      // Back to light when the system says so.
      await page.emulateMedia({ colorScheme: 'light' });
      await page.waitForFunction(() => !document.body.classList.contains('bp6-dark'));
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
