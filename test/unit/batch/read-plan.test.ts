// The order-book reader, the header mapping and order lines → cases, on real files: a CSV order book with
// the headers a person would write, the same book saved as XLSX by LibreOffice (test/fixtures/batch), and
// bad files (missing columns, unknown part numbers, wrong types, merged header cells, formulas, BOM, CRLF).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import ExcelJS from 'exceljs';
import { readCsv, readOrderBook, readXlsx, type Sheet } from '../../../main/core/batch/read';
import { MappingFile, mapColumns, mappingFile, type ColumnMapping } from '../../../main/core/batch/mapping';
import { planBatch, type BatchPlan } from '../../../main/core/batch/lines';
import { addProduct, productLookup } from '../../../main/core/db';
import { canonicalJson } from '../../../shared/domain/canonical';
import { AS, tempDb } from '../db/helpers';

const FIX = resolve(import.meta.dirname, '../../fixtures/batch');
const ORDERS_CSV = readFileSync(resolve(FIX, 'orders.csv'));
const ORDERS_XLSX = readFileSync(resolve(FIX, 'orders.xlsx'));

const HEAD = 'reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity';

function sheetOf(r: Awaited<ReturnType<typeof readXlsx>>): Sheet {
  assert.ok(r.ok, !r.ok ? JSON.stringify(r.problems) : '');
  return r.value;
}

function plan(t: TestContext, sheet: Sheet, mapping?: ColumnMapping, setup?: (db: ReturnType<typeof tempDb>['db']) => void): BatchPlan {
  const { db } = tempDb(t);
  setup?.(db);
  return planBatch(sheet, mapping ?? mapColumns(sheet.headers), productLookup(db));
}

function csvPlan(t: TestContext, text: string, mapping?: MappingFile): BatchPlan {
  const sheet = sheetOf(readCsv(text));
  return plan(t, sheet, mapColumns(sheet.headers, mapping));
}

const problems = (p: BatchPlan) => p.invalid.map((x) => `${x.row} ${x.column}: ${x.message}`);

describe('order book: reading and mapping', () => {
  test('headers a person writes are mapped by synonym; lines with one reference form one case; items filled from the catalogue', (t) => {
    const sheet = sheetOf(readCsv(ORDERS_CSV));
    const m = mapColumns(sheet.headers);
    assert.deepEqual(m.fields, ['reference', 'date', 'endUser.name', 'endUser.headquarters', 'destination', 'partNumber', 'quantity', null]);
    assert.deepEqual(m.how, ['synonym', 'synonym', 'synonym', 'synonym', 'synonym', 'synonym', 'synonym', 'unknown']);
    assert.deepEqual(m.missing, []);
    const p = plan(t, sheet, m);
    assert.deepEqual(problems(p), []);
    assert.equal(p.lines, 6);
    assert.equal(p.validLines, 6);
    assert.deepEqual(p.cases.map((c) => c.doc.reference), ['SO-1001', 'SO-1002', 'SO-1003', 'SO-1004', 'SO-1005']);
    const so1002 = p.cases[1];
    assert.deepEqual(so1002.rows, [3, 4]);
    assert.equal(so1002.doc.items.length, 2);
    assert.equal(so1002.doc.items[1].quantity, 16);
    // Filled from the built-in chip catalogue, with the entry and version recorded.
    assert.equal(so1002.doc.items[1].tppPerUnit, 20919);
    assert.deepEqual(so1002.used.map((u) => [u.partNumber, u.version]), [['nvidia-h20', 1], ['amd-mi300x', 1]]);
    assert.equal(p.cases[0].doc.endUser.name, 'Example Compute GmbH');
    assert.equal(p.cases[0].doc.destination, 'DE');
  });

  test('the XLSX written by LibreOffice (date cells, number cells) gives the very same case documents as the CSV', async (t) => {
    const x = sheetOf(await readXlsx(ORDERS_XLSX));
    assert.equal(x.name, 'orders');
    assert.ok(x.rows[0].cells[1] instanceof Date, 'LibreOffice stores the order date as a date cell');
    assert.equal(typeof x.rows[0].cells[6], 'number');
    const fromXlsx = plan(t, x);
    const fromCsv = plan(t, sheetOf(readCsv(ORDERS_CSV)));
    assert.deepEqual(problems(fromXlsx), []);
    assert.equal(canonicalJson(fromXlsx.cases.map((c) => c.raw)), canonicalJson(fromCsv.cases.map((c) => c.raw)));
    assert.deepEqual(fromXlsx.cases.map((c) => c.rows), fromCsv.cases.map((c) => c.rows));
  });

  test('a BOM and CRLF line ends change nothing; blank lines are skipped and rows keep their spreadsheet numbers', (t) => {
    const lf = ORDERS_CSV.toString('utf8');
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n').replace('SO-1003', '\r\nSO-1003');
    const a = csvPlan(t, lf);
    const b = csvPlan(t, crlf);
    assert.deepEqual(problems(b), []);
    assert.equal(b.lines, 6);
    assert.equal(canonicalJson(b.cases.map((c) => c.raw)), canonicalJson(a.cases.map((c) => c.raw)));
    // The blank line sits where row 5 was: SO-1003 is now on spreadsheet row 6.
    assert.deepEqual(b.cases[2].rows, [6]);
    assert.equal(sheetOf(readCsv(crlf)).headers[0], 'Order No', 'the BOM is not part of the first header');
  });

  test("the case format's own field names need no mapping", (t) => {
    const p = csvPlan(t, `${HEAD},eccn,tppPerUnit,kind,description\nSO-9,2025-06-02,DE,Acme,DE,,3,3A090.a,4800,ic,custom card\n`);
    assert.deepEqual(problems(p), []);
    assert.deepEqual(p.mapping.how.slice(0, 7), Array(7).fill('field name'));
    assert.equal(p.cases[0].doc.items[0].tppPerUnit, 4800);
  });

  test('a saved mapping (tierline.mapping/1) names columns and ignores others; it round-trips; a bad one is refused', (t) => {
    const text = 'Beleg,Datum,Land,Kunde,Sitz,Artikel,Menge,Qty\nB-1,2025-06-02,FR,Paris GPU SAS,FR,nvidia-h20,5,999\n';
    const sheet = sheetOf(readCsv(text));
    const guessed = mapColumns(sheet.headers);
    assert.ok(guessed.missing.includes('date') && guessed.missing.includes('partNumber'));
    const saved = MappingFile.parse({
      format: 'tierline.mapping/1',
      name: 'ERP export',
      columns: { Beleg: 'reference', Datum: 'date', Land: 'destination', Kunde: 'endUser.name', Sitz: 'endUser.headquarters', Artikel: 'partNumber', Menge: 'quantity', QTY: null },
    });
    const m = mapColumns(sheet.headers, saved);
    assert.deepEqual(m.missing, []);
    assert.equal(m.how[7], 'ignored', 'the mapping ignores "Qty" though it is a synonym (matched case-insensitively)');
    const p = plan(t, sheet, m);
    assert.deepEqual(problems(p), []);
    assert.equal(p.cases[0].doc.items[0].quantity, 5);
    const back = MappingFile.parse(JSON.parse(JSON.stringify(mappingFile(sheet.headers, m, { name: 'ERP export' }))));
    assert.deepEqual(mapColumns(sheet.headers, back).fields, m.fields);
    const bad = MappingFile.safeParse({ format: 'tierline.mapping/1', columns: { Menge: 'qty' } });
    assert.equal(bad.success, false);
    assert.match(JSON.stringify(bad.error?.issues), /expected a field name/);
  });
});

describe('order book: bad files and bad lines', () => {
  test('missing columns are named at the header row with headers that would work; nothing is valid', (t) => {
    const p = csvPlan(t, 'Order No,Customer,Part No\nSO-1,Acme,nvidia-h20\n');
    assert.equal(p.validLines, 0);
    assert.equal(p.cases.length, 0);
    const msgs = problems(p);
    for (const f of ['date', 'destination', 'endUser.headquarters', 'quantity']) assert.ok(msgs.some((m) => m.startsWith(`1 ${f}: no column for`)), `${f}: ${msgs.join('\n')}`);
    assert.match(msgs.find((m) => m.startsWith('1 quantity'))!, /"Qty"/);
  });

  test('two columns feeding one field are refused at the header', (t) => {
    const p = csvPlan(t, `${HEAD},Qty\nSO-1,2025-06-02,DE,Acme,DE,nvidia-h20,3,4\n`);
    assert.deepEqual(problems(p), ['1 Qty: both "quantity" and "Qty" would feed quantity: map one of them to another field or ignore it']);
    assert.equal(p.validLines, 0);
  });

  test('unknown part numbers and wrong types are reported by row and column; the valid lines stay valid', (t) => {
    const text = [
      'Order No,Order date,Customer,Customer country,Ship-to country,Part No,Qty',
      'SO-1,2025-06-02,Acme,DE,DE,nvidia-h20,3', // row 2 valid
      'SO-2,2025-06-02,Acme,DE,DE,NO-SUCH-PART,3', // row 3 unknown part
      'SO-3,03/06/2025,Acme,DE,DE,nvidia-h20,3', // row 4 ambiguous date
      'SO-4,2025-06-02,Acme,DE,Narnia,nvidia-h20,3', // row 5 country
      'SO-5,2025-06-02,Acme,DE,DE,nvidia-h20,eight', // row 6 quantity not a number
      'SO-6,2025-06-02,Acme,DE,DE,nvidia-h20,2.5', // row 7 not whole
      'SO-7,2025-06-02,Acme,DE,DE,nvidia-h20,-4', // row 8 not positive (schema)
      'SO-8,2025-06-02,Acme,Germany,germany,nvidia-h20,1', // row 9 valid (English names)
      'SO-9,2025-06-02,Acme,DE,DE,,1', // row 10 no product
    ].join('\n');
    const p = csvPlan(t, text);
    assert.equal(p.lines, 9);
    assert.deepEqual(p.invalidRows, [3, 4, 5, 6, 7, 8, 10]);
    assert.equal(p.validLines, 2);
    assert.deepEqual(p.cases.map((c) => c.rows), [[2], [9]]);
    assert.equal(p.cases[1].doc.destination, 'DE');
    const byRow = new Map(p.invalid.map((x) => [x.row, x]));
    assert.equal(byRow.get(3)?.column, 'Part No');
    assert.match(byRow.get(3)!.message, /NO-SUCH-PART/);
    assert.equal(byRow.get(4)?.column, 'Order date');
    assert.match(byRow.get(4)!.message, /day and month order is ambiguous/);
    assert.equal(byRow.get(5)?.column, 'Ship-to country');
    assert.match(byRow.get(5)!.message, /Narnia/);
    assert.equal(byRow.get(6)?.column, 'Qty');
    assert.match(byRow.get(6)!.message, /whole number.*eight/);
    assert.equal(byRow.get(7)?.column, 'Qty');
    assert.equal(byRow.get(8)?.column, 'Qty');
    assert.equal(byRow.get(10)?.column, 'Part No');
    assert.match(byRow.get(10)!.message, /names no product/);
    // Problems come in row order.
    assert.deepEqual(p.invalid.map((x) => x.row), [...p.invalid.map((x) => x.row)].sort((a, b) => a - b));
  });

  test("an order's lines must agree on order-level cells, and one bad line keeps the whole order out", (t) => {
    const text = [
      HEAD,
      'SO-1,2025-06-02,DE,Acme,DE,nvidia-h20,3',
      'SO-1,2025-06-02,FR,Acme,DE,nvidia-a100,1', // row 3: destination disagrees
      'SO-2,2025-06-02,DE,Beta,DE,nvidia-h20,1',
      'SO-2,2025-06-02,DE,Beta,DE,bogus-part,1', // row 5: unknown part → row 4 not evaluated either
      'SO-3,2025-06-02,DE,Gamma,DE,nvidia-h20,1',
      'SO-3,,,,,amd-mi210,2', // row 7: empty order-level cells take the order's values
    ].join('\n');
    const p = csvPlan(t, text);
    const msgs = problems(p);
    assert.ok(msgs.some((m) => /^3 destination: order SO-1 has "DE" here on row 2; this line says "FR"/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^2 reference: not evaluated: order SO-1 has an invalid line \(row 3\)/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^5 partNumber: .*bogus-part/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^4 reference: not evaluated: order SO-2/.test(m)), msgs.join('\n'));
    assert.deepEqual(p.invalidRows, [2, 3, 4, 5]);
    assert.equal(p.validLines, 2);
    assert.deepEqual(p.cases.map((c) => [c.doc.reference, c.rows, c.doc.items.length]), [['SO-3', [6, 7], 2]]);
  });

  test('a line with more cells than the header has is invalid at the first extra column', (t) => {
    const p = csvPlan(t, `${HEAD}\nSO-1,2025-06-02,DE,Acme,DE,nvidia-h20,3,oops\nSO-2,2025-06-02,DE,Acme,DE,nvidia-h20,3\n`);
    assert.deepEqual(p.invalidRows, [2]);
    assert.match(problems(p)[0], /^2 column H: the line has 8 cells but the header names 7 columns/);
    assert.equal(p.validLines, 1);
  });

  test('a formula in a cell (XLSX by LibreOffice) is refused by row and column', async (t) => {
    const sheet = sheetOf(await readXlsx(readFileSync(resolve(FIX, 'formula-cell.xlsx'))));
    const p = plan(t, sheet);
    assert.deepEqual(problems(p), ['2 quantity: the cell holds a formula (=2*4): Tierline reads values only; paste the values instead']);
    assert.equal(p.validLines, 0);
  });

  test('merged header cells are refused with their range; a named sheet is read; a missing sheet is named', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing here']);
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['Order', '', 'Customer', 'Customer country', 'Ship-to country', 'Part No', 'Qty', 'Order date']);
    ws.addRow(['SO-1', '', 'Acme', 'DE', 'DE', 'nvidia-h20', 3, new Date(Date.UTC(2025, 5, 2))]);
    ws.mergeCells('A1:B1');
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const merged = await readOrderBook(bytes, 'xlsx', { sheet: 'Orders' });
    assert.equal(merged.ok, false);
    assert.deepEqual(!merged.ok && merged.problems, [{ row: 1, column: 'A1:B1', message: 'merged header cells A1:B1: unmerge them so that every column has its own header' }]);
    ws.unMergeCells('A1:B1');
    const ok = sheetOf(await readOrderBook(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx', { sheet: 'Orders' }));
    assert.equal(ok.name, 'Orders');
    assert.equal(ok.rows.length, 1);
    const first = await readOrderBook(bytes, 'xlsx');
    assert.equal(first.ok && first.value.name, 'Notes');
    const missing = await readOrderBook(bytes, 'xlsx', { sheet: 'Sales' });
    assert.match(!missing.ok ? missing.problems[0].message : '', /no sheet named "Sales" \(the workbook has: Notes, Orders\)/);
  });

  test('not a spreadsheet: a clear file-level problem, never a crash', async () => {
    const x = await readXlsx(Buffer.from('this is not a zip'));
    assert.equal(x.ok, false);
    assert.match(!x.ok ? x.problems[0].message : '', /not readable as an XLSX workbook/);
    const c = readCsv('a,"b\n1,2');
    assert.equal(c.ok, false);
    assert.match(!c.ok ? c.problems[0].message : '', /not readable as CSV/);
    const e = readCsv('');
    assert.match(!e.ok ? e.problems[0].message : '', /empty/);
  });

  test('user catalogue entries fill lines too; a line value that differs from the entry is a warning', (t) => {
    const sheet = sheetOf(readCsv(`${HEAD},tppPerUnit\nSO-1,2025-06-02,DE,Acme,DE,ACME-X100,4,5000\n`));
    const p = plan(t, sheet, undefined, (db) => {
      const a = addProduct(db, { partNumber: 'ACME-X100', description: 'Acme X100', kind: 'ic', tppPerUnit: 5200, performanceDensity: 6.4, datacenter: true, source: 'datasheet' }, AS);
      assert.ok(a.ok);
    });
    assert.deepEqual(problems(p), []);
    assert.equal(p.cases[0].doc.items[0].tppPerUnit, 5000);
    assert.equal(p.cases[0].doc.items[0].performanceDensity, 6.4);
    assert.equal(p.cases[0].warnings.length, 1);
  });
});
