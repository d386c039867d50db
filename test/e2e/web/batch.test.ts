// The batch screen in Chromium against the real core: drop the LibreOffice order book, see the guessed
// column mapping, evaluate with a progress bar, read the results grid (filter, sort, open a case), export
// as XLSX; a bad file shows every invalid line by row and column before anything is stored, and
// "evaluate the valid lines" keeps the report; a 5,000-line book can be cancelled and stores nothing;
// in the served workbench, letters for three selected lines (one a screening review) with one passphrase:
// a wrong one issues nothing, the right one two letters that pdfsig verifies, the third line says why not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { assertAccessible, launchBrowser, missingPrerequisite, openApp, openServed, ROOT, SCREENSHOTS, screenshot, suiteBrowser, type AppSession } from './harness';
import { storeOf } from '../../../main/core/handlers/store';
import { must } from './core-call';
import { FULL_CSV } from '../../support/csl';

const skip = missingPrerequisite();
const FIX = join(ROOT, 'test', 'fixtures', 'batch');

function count(app: Pick<AppSession, 'ctx'>, table: string): number {
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

  test('served: letters for three selected lines with one passphrase; a wrong one issues nothing; the review line says why', async () => {
    const browser = await launchBrowser();
    const app = await openServed(browser, '#/batch');
    const { page, ctx } = app;
    try {
      await must('lists.import', { fileName: 'consolidated-2026-07-31.csv', base64: readFileSync(FULL_CSV).toString('base64') }, ctx);
      await must('identity.create', { office: 'Export Control Office', passphrase: 'correct horse battery' }, ctx);
      // ExaCompute Technology Pte (SG) resembles the listed Example Compute Technologies (CN): a review candidate.
      const book = [
        'reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity',
        'SO-1,2026-06-02,DE,Rheinwerk Cloud GmbH,DE,nvidia-h100-sxm,8',
        'SO-2,2026-06-03,SG,ExaCompute Technology Pte,SG,nvidia-h100-sxm,8',
        'SO-3,2026-06-04,FR,Lyon Calcul SAS,FR,nvidia-h100-sxm,2',
        'SO-4,2026-06-05,JP,Tokyo Inference KK,JP,nvidia-h20,4',
      ].join('\n');
      await page.getByTestId('batch-drop-input').setInputFiles({ name: 'letters.csv', mimeType: 'text/csv', buffer: Buffer.from(book) });
      await page.getByTestId('batch-counts').filter({ hasText: /4 of 4 line\(s\) valid/ }).waitFor();
      await page.getByTestId('batch-start').click();
      await page.getByTestId('batch-results').waitFor({ timeout: 60_000 });
      const grid = page.getByTestId('batch-grid');
      assert.match(await grid.locator('tr[data-row="3"]').innerText(), /needs review/);

      // Select all of the filtered rows: the three H100 lines, not the H20 one.
      await page.getByTestId('batch-filter').fill('h100');
      assert.match(await page.getByTestId('batch-shown').innerText(), /^3 of 4/);
      // Blueprint draws its box over the native input: the click lands on the box, as a user's does.
      await page.getByTestId('batch-select-all').check({ force: true });
      await page.getByTestId('batch-filter').fill('');
      assert.match(await page.getByTestId('batch-shown').innerText(), /^4 of 4/);
      assert.equal(await page.getByTestId('batch-selected').innerText(), '3 line(s) selected');
      assert.equal(await grid.locator('tr[data-row="5"]').getByTestId('batch-select').isChecked(), false);
      await page.getByTestId('batch-officer').fill('A. Officer');

      // A wrong passphrase: refused before the first letter, nothing stored.
      const lettersBefore = count(app, 'letters');
      const auditBefore = count(app, 'audit_log');
      await page.getByTestId('batch-passphrase').fill('wrong passphrase');
      await page.getByTestId('batch-issue-letters').click();
      await page.getByTestId('batch-results').getByText('The passphrase does not unlock the signing key.').waitFor();
      assert.equal(count(app, 'letters'), lettersBefore);
      assert.equal(count(app, 'audit_log'), auditBefore);
      assert.equal(await page.getByTestId('batch-letters-progress').count(), 0);

      await page.getByTestId('batch-passphrase').fill('correct horse battery');
      await page.getByTestId('batch-issue-letters').click();
      await page.getByTestId('batch-letters-text').filter({ hasText: 'Letters: 2 issued, 1 skipped' }).waitFor({ timeout: 60_000 });
      const letterOf = (row: number) => grid.locator(`tr[data-row="${row}"]`).getByTestId('batch-letter').innerText();
      assert.match(await letterOf(2), /^TL-2026-\d{6}$/);
      assert.match(await letterOf(4), /^TL-2026-\d{6}$/);
      assert.match(await letterOf(3), /^Skipped: screening needs review \(ExaCompute Technology Pte ~ EL "Example Compute Technologies/);
      assert.equal(await letterOf(5), '—', 'the unselected line has no letter');
      assert.equal(await page.getByTestId('batch-passphrase').inputValue(), '', 'the passphrase is not kept');
      await grid.locator('tr[data-row="5"]').scrollIntoViewIfNeeded();
      // The pointer off the grid: a hovered row's highlight is not what axe should judge the colours on.
      await page.mouse.move(5, 5);
      await screenshot(page, '44-batch-letters');
      await assertAccessible(page, 'batch letters');

      // Two letters in the register, each signed over the whole file as poppler's pdfsig sees it.
      const register = await must('letters.list', {}, ctx);
      assert.equal(register.length, 2);
      for (const l of register) {
        const pdf = await must('letters.pdf', { id: l.id }, ctx);
        const file = join(app.dataDir, `${l.number}.pdf`);
        writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
        const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
        assert.equal(sig.status, 0, sig.stderr);
        assert.match(sig.stdout, /Signature Validation: Signature is Valid\./);
        assert.match(sig.stdout, /Total document signed/);
      }
      assert.deepEqual(app.blocked, []);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
      await browser.close();
    }
  });
});
