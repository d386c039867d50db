// The batch screen in Chromium against the real core: drop the LibreOffice order book, see the guessed
// column mapping, evaluate with a progress bar, read the results grid (filter, sort, open a case), export
// as XLSX; a bad file shows every invalid line by row and column before anything is stored, and
// "evaluate the valid lines" keeps the report; a 5,000-line book can be cancelled and stores nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { assertAccessible, missingPrerequisite, openApp, ROOT, SCREENSHOTS, screenshot, suiteBrowser, type AppSession } from './harness';
import { storeOf } from '../../../main/core/handlers/store';

const skip = missingPrerequisite();
const FIX = join(ROOT, 'test', 'fixtures', 'batch');

function count(app: AppSession, table: string): number {
  return (storeOf(app.ctx).prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('batch screen', { skip: skip ?? false }, () => {
  const suite = suiteBrowser();

  test('order book in, mapping confirmed, progress, results grid, open a case, export XLSX', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/batch');
    const { page } = app;
    try {
      await page.getByTestId('batch-page').waitFor();
      await page.getByTestId('batch-drop-input').setInputFiles({ name: 'orders.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(join(FIX, 'orders.xlsx')) });
      const mapping = page.getByTestId('batch-mapping');
      await mapping.waitFor();
      assert.equal(await page.getByLabel('Field for column Qty').inputValue(), 'quantity');
      assert.equal(await page.getByLabel('Field for column Ship-to country').inputValue(), 'destination');
      assert.equal(await page.getByLabel('Field for column Notes').inputValue(), '');
      assert.match(await page.getByTestId('batch-counts').innerText(), /6 of 6 line\(s\) valid, 5 order\(s\)/);
      await screenshot(page, '40-batch-mapping');
      await assertAccessible(page, 'batch mapping');
      assert.equal(count(app, 'cases'), 0, 'nothing stored before the user starts');

      // A double click starts one job: the order book is stored once, and not again after it is done.
      await page.getByTestId('batch-start').dblclick();
      await page.getByTestId('batch-results').waitFor();
      assert.match(await page.getByTestId('batch-progress-text').innerText(), /^Done: 6 line\(s\) in 5 case\(s\), stored; license required: enforced 0, as written 5/);
      assert.equal(count(app, 'cases'), 5);
      assert.equal(await page.getByTestId('batch-start').isDisabled(), true, 'Evaluate is not offered again for lines already stored');
      const grid = page.getByTestId('batch-grid');
      assert.equal(await grid.locator('tbody tr').count(), 6);
      await screenshot(page, '41-batch-results');
      await assertAccessible(page, 'batch results');

      // Filter, then sort by quantity descending.
      await page.getByTestId('batch-filter').fill('nordic');
      assert.match(await page.getByTestId('batch-shown').innerText(), /^2 of 6/);
      await page.getByTestId('batch-filter').fill('');
      await grid.getByRole('button', { name: /^Qty/ }).click();
      await grid.getByRole('button', { name: /^Qty/ }).click();
      assert.equal(await grid.locator('tbody tr').first().getAttribute('data-row'), '3', 'row 3 (64 × H20) has the largest quantity');

      // Export as XLSX: numbers and dates typed.
      await page.getByTestId('batch-export-xlsx').click();
      for (let i = 0; i < 50 && app.platform.saved.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(app.platform.saved.length, 1);
      assert.match(app.platform.saved[0].path, /orders-results\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(app.platform.saved[0].bytes) as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('Results')!;
      assert.equal(ws.rowCount, 7);
      assert.equal(typeof ws.getRow(2).getCell(5).value, 'number');
      assert.ok(ws.getRow(2).getCell(8).value instanceof Date);

      // Open the case of a line.
      await grid.getByRole('link', { name: 'SO-1003' }).click();
      await page.waitForURL(/#\/cases\/\d+\/determination$/);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('a bad file: every invalid line by row and column, nothing stored; evaluate the valid lines keeps the report', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/batch');
    const { page } = app;
    try {
      const bad = readFileSync(join(FIX, 'orders.csv'), 'utf8').replace('SO-1003,2025-06-04', 'SO-1003,04/06/2025').replace('nvidia-a100,2', 'nvidia-a999,2');
      await page.getByTestId('batch-drop-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      const problems = page.getByTestId('batch-problems');
      await problems.waitFor();
      const text = await problems.innerText();
      assert.match(text, /5\s+Order date\s+expected a date written YYYY-MM-DD/);
      assert.match(text, /6\s+Part No\s+.*nvidia-a999/);
      assert.match(await page.getByTestId('batch-counts').innerText(), /4 of 6 line\(s\) valid/);
      await screenshot(page, '42-batch-invalid-lines');
      await assertAccessible(page, 'batch invalid lines');
      assert.equal(count(app, 'cases'), 0);
      await page.getByTestId('batch-start-valid').click();
      await page.getByTestId('batch-results').waitFor();
      assert.equal(count(app, 'cases'), 3, 'SO-1001, SO-1002 (two lines) and SO-1005');
      const grid = page.getByTestId('batch-grid');
      assert.equal(await grid.locator('tbody tr').count(), 6, 'the invalid lines stay in the report');
      assert.match(await grid.locator('tr[data-row="6"]').innerText(), /invalid/);
      // Remapping a column in the UI replans: ignoring the part number column makes every line invalid.
      await page.getByLabel('Field for column Part No').selectOption('');
      await page.getByTestId('batch-counts').filter({ hasText: /0 of 6 line\(s\) valid/ }).waitFor();
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('a 5,000-line book: progress shows count and rate; cancel stores nothing', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/batch');
    const { page } = app;
    try {
      const lines = ['reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity'];
      for (let i = 0; i < 5000; i++) lines.push(`SO-${i},2025-06-02,${['DE', 'IN', 'BR'][i % 3]},Customer ${i},${['DE', 'IN', 'BR'][i % 3]},nvidia-h100-sxm,${1 + (i % 9)}`);
      await page.getByTestId('batch-drop-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
      await page.getByTestId('batch-counts').filter({ hasText: /5000 of 5000 line\(s\) valid/ }).waitFor();
      await page.getByTestId('batch-start').click();
      await page.getByTestId('batch-progress-text').filter({ hasText: /Evaluating: \d+ of 5000 line\(s\), \d+ lines\/s/ }).waitFor();
      // The striped bar animates for as long as the batch runs: capture it with animations stopped.
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, '43-batch-progress.png'), animations: 'disabled' });
      await page.getByTestId('batch-cancel').click();
      await page.getByTestId('batch-progress-text').filter({ hasText: 'Cancelled: nothing was stored.' }).waitFor();
      assert.equal(count(app, 'cases'), 0);
      assert.equal(count(app, 'determinations'), 0);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
