// Results out, from the screens in real Chromium against `tierline serve`: the case list, the letter
// register, the ledger and the audit log each download as XLSX/CSV (read back with exceljs: dates as
// dates, numbers as numbers, text beginning with = + - @ neutralised); the letter register shows end
// user, destination, outcome per mode and status and searches; the audit log names actions in plain
// words, filters by kind of action, and exports what it shows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, assertNoHorizontalOverflow, launchBrowser, missingPrerequisite, openServed, screenshot } from './harness';
import { must } from './core-call';

const skip = missingPrerequisite();
const HOSTILE = '=HYPERLINK("http://evil.example","Bengaluru")';

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

async function sheetOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

function cell(ws: ExcelJS.Worksheet, row: number, header: string): ExcelJS.Cell {
  const i = (ws.getRow(1).values as unknown[]).indexOf(header);
  assert.ok(i > 0, `no column ${header}`);
  return ws.getRow(row).getCell(i);
}

describe('exports and registers from the screens', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('case list, letter register, ledger and audit log download typed and neutralised; register search; audit filters', async () => {
    const app = await openServed(browser, '#/cases', { viewport: { width: 1024, height: 700 } });
    const { page, ctx } = app;
    try {
      const doc = {
        format: 'tierline.case/1',
        reference: '+PO-IN-1',
        date: '2026-03-02',
        destination: 'IN',
        endUser: { name: HOSTILE, type: 'ai_lab', headquarters: 'IN', ultimateParentHeadquarters: 'IN' },
        items: [{ kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 3e26, weightsPublished: false }],
      };
      const c = await must('cases.import', { fileName: 'in.json', text: JSON.stringify(doc) }, ctx);
      const other = await must('cases.import', { fileName: 'ae.json', text: JSON.stringify({ ...doc, reference: 'PO-AE-2', destination: 'AE', endUser: { ...doc.endUser, name: 'Gulf Lab', headquarters: 'AE', ultimateParentHeadquarters: 'AE' } }) }, ctx);
      const det = await must('determinations.evaluate', { caseId: c.id }, ctx);
      const det2 = await must('determinations.evaluate', { caseId: other.id }, ctx);
      await must('identity.create', { office: 'Export Office', passphrase: 'a long pass phrase' }, ctx);
      const l1 = await must('letters.issue', { determinationId: det.id, officerName: 'Dana Officer', passphrase: 'a long pass phrase' }, ctx);
      await must('letters.issue', { determinationId: det2.id, officerName: 'Dana Officer', passphrase: 'a long pass phrase' }, ctx);
      await must('shipments.import', { fileName: 'h.csv', text: 'date,destination,consignee,tpp,authorization\n2026-02-10,BR,@Paulista Dados,15832000,LPP\n' }, ctx);

      // The case list.
      await page.reload();
      await page.getByTestId('case-row').first().waitFor();
      const cases = await download(page, 'export-cases-xlsx');
      assert.match(cases.name, /^tierline-cases-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const cs = await sheetOf(cases.bytes);
      assert.equal(cs.rowCount, 3);
      const inRow = [2, 3].find((r) => cell(cs, r, 'Destination').value === 'IN')!;
      assert.equal(cell(cs, inRow, 'End user').value, `'${HOSTILE}`);
      assert.equal(cell(cs, inRow, 'Reference').value, "'+PO-IN-1");
      assert.ok(cell(cs, inRow, 'Date').value instanceof Date);
      assert.equal(typeof cell(cs, inRow, 'Case').value, 'number');
      assert.equal(cell(cs, inRow, 'Enforced outcome').value, 'No license required');
      assert.equal(cell(cs, inRow, 'As written outcome').value, 'License required');
      assert.equal(cell(cs, inRow, 'Letter').value, l1.letter.number);
      cs.eachRow((row) => row.eachCell((x) => assert.notEqual(x.type, ExcelJS.ValueType.Formula)));
      // The screen's filters go with the export.
      await page.getByLabel('Destination').selectOption('AE');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-row"]').length === 1);
      const filteredCsv = (await download(page, 'export-cases-csv')).bytes.toString('utf8');
      assert.equal(filteredCsv.trim().split('\r\n').length, 2);
      assert.match(filteredCsv, /,PO-AE-2,Gulf Lab,AE,United Arab Emirates,2026-03-02,/);

      // The letter register.
      await page.goto(`${app.server.origin}/#/letters`);
      const rows = page.getByTestId('letter-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2);
      const headers = await page.getByTestId('letter-register').locator('th').allInnerTexts();
      assert.deepEqual(headers.slice(0, 7), ['Number', 'End user', 'Dest.', 'Enforced', 'As written', 'Status', 'Issued']);
      const india = rows.filter({ hasText: 'HYPERLINK' });
      assert.equal(await india.getByTestId('letter-enforced').innerText(), 'No license required');
      assert.equal(await india.getByTestId('letter-as-written').innerText(), 'License required');
      assert.match(await india.getByTestId('letter-status').innerText(), /issued/);
      await page.getByLabel('Search letters').fill('gulf');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="letter-row"]').length === 1);
      assert.match(await rows.first().innerText(), /Gulf Lab/);
      await page.getByLabel('Search letters').fill('nobody at all');
      await page.getByText('No letter matches').waitFor();
      await page.getByLabel('Search letters').fill('');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="letter-row"]').length === 2);
      await assertNoHorizontalOverflow(page, 'letter register at 1024×700');
      await assertAccessible(page, 'letter register');
      await screenshot(page, 'letter-register-1024x700');
      const letters = await sheetOf((await download(page, 'export-letters-xlsx')).bytes);
      assert.equal(letters.rowCount, 3);
      assert.ok(cell(letters, 2, 'Issued').value instanceof Date);
      assert.ok([2, 3].some((r) => cell(letters, r, 'End user').value === `'${HOSTILE}`));

      // The ledger.
      await page.goto(`${app.server.origin}/#/ledger`);
      await page.getByRole('heading', { name: 'Ledger', exact: true }).waitFor();
      const ledger = await sheetOf((await download(page, 'export-ledger-xlsx')).bytes);
      assert.equal(cell(ledger, 2, 'TPP').value, 15832000);
      assert.equal(cell(ledger, 2, 'TPP').type, ExcelJS.ValueType.Number);
      assert.ok(cell(ledger, 2, 'Shipped').value instanceof Date);
      assert.equal(cell(ledger, 2, 'Consignee').value, "'@Paulista Dados");

      // The audit log: plain names, a filter, the export follows it.
      await page.goto(`${app.server.origin}/#/audit`);
      await page.getByTestId('audit-table').waitFor();
      const names = new Set(await page.getByTestId('audit-action').allInnerTexts());
      assert.ok(names.has('Letter issued') && names.has('Case evaluated') && names.has('Shipment history imported'), [...names].join(', '));
      assert.ok(![...names].some((n) => /^[a-z]+\.[a-z]+$/.test(n)), 'no raw action codes');
      await page.getByLabel('Kind of action').selectOption('letter');
      await page.getByTestId('audit-range').getByText('1–2 of 2 matching').waitFor();
      assert.deepEqual([...new Set(await page.getByTestId('audit-action').allInnerTexts())], ['Letter issued']);
      await assertNoHorizontalOverflow(page, 'audit log at 1024×700');
      await assertAccessible(page, 'audit log filtered');
      await screenshot(page, 'audit-filtered-1024x700');
      const audit = await sheetOf((await download(page, 'export-audit-xlsx')).bytes);
      assert.equal(audit.rowCount, 3);
      assert.equal(cell(audit, 2, 'Action').value, 'Letter issued');
      assert.ok(cell(audit, 2, 'When (UTC)').value instanceof Date);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
