// tierline batch, in process against a real data folder: the order book in, a summary out, the results
// written as CSV/XLSX/JSON that a spreadsheet opens cleanly; customers screened against the real
// Consolidated Screening List; an invalid line stores nothing unless --skip-invalid; saved mappings.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { openDatabaseOrThrow } from '../../../main/core/db';
import { databasePath } from '../../../main/core/paths';
import { runCli, tempDir } from '../../support/cli';
import { REAL_CSV_GZ } from '../../support/csl';

const FIX = resolve(import.meta.dirname, '../../fixtures/batch');
const ORDERS_CSV = join(FIX, 'orders.csv');
const ORDERS_XLSX = join(FIX, 'orders.xlsx');

function storeCounts(data: string): { cases: number; audit: number; determinations: number } {
  const db = openDatabaseOrThrow(databasePath(data));
  try {
    const n = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { cases: n('cases'), audit: n('audit_log'), determinations: n('determinations') };
  } finally {
    db.close();
  }
}

describe('tierline batch', () => {
  const dir = tempDir('tierline-batch-');
  after(() => dir.cleanup());
  const data = join(dir.path, 'data');

  before(async () => {
    const imp = await runCli(['lists', 'import', '--data-dir', data, REAL_CSV_GZ]);
    assert.equal(imp.code, 0, imp.stderr.join('\n'));
  });

  test('an invalid line: exit 2, every problem by row and column on stderr, nothing evaluated, stored or written', async () => {
    const bad = join(dir.path, 'bad.csv');
    writeFileSync(bad, readFileSync(ORDERS_CSV, 'utf8').replace('SO-1003,2025-06-04', 'SO-1003,04/06/2025').replace('nvidia-a100,2', 'nvidia-a999,2'));
    const before = storeCounts(data);
    const out = join(dir.path, 'bad-results.csv');
    const r = await runCli(['batch', '--data-dir', data, '--out', out, bad]);
    assert.equal(r.code, 2);
    const err = r.stderr.join('\n');
    assert.match(err, /row 5, Order date: expected a date written YYYY-MM-DD.*day and month order is ambiguous/);
    assert.match(err, /row 6, Part No: .*nvidia-a999/);
    assert.match(err, /2 invalid line\(s\): nothing evaluated or stored, .*not written; .*--skip-invalid to evaluate the 4 valid line\(s\)/);
    assert.match(r.stdout[0], /^lines: 6, valid: 4, invalid: 2, evaluated: 0/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(storeCounts(data), before);
  });

  test('--skip-invalid evaluates and stores the valid lines, lists the invalid ones in the results, still exits 2', async () => {
    const bad = join(dir.path, 'bad2.csv');
    writeFileSync(bad, `${readFileSync(ORDERS_CSV, 'utf8')}SO-1006,2025-06-07,Example Lab,XX,DE,nvidia-h20,1,\n`);
    const out = join(dir.path, 'skip-results.json');
    const before = storeCounts(data);
    const r = await runCli(['batch', '--data-dir', data, '--skip-invalid', '--out', out, bad]);
    assert.equal(r.code, 2, r.stderr.join('\n'));
    assert.match(r.stderr.join('\n'), /row 8, Customer country: expected a country/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(doc.format, 'tierline.batch-results/1');
    assert.deepEqual(doc.summary.lines, 7);
    assert.equal(doc.summary.evaluated, 6);
    assert.equal(doc.summary.stored, true);
    const row8 = doc.lines.find((l: { row: number }) => l.row === 8);
    assert.equal(row8.status, 'invalid');
    assert.match(row8.problem, /^Customer country: expected a country/);
    assert.equal(row8.reference, 'SO-1006');
    assert.equal(doc.cases.length, 5);
    assert.equal(doc.cases[1].determination.evaluations.length, 2, 'both modes');
    const after = storeCounts(data);
    assert.equal(after.cases - before.cases, 5);
    assert.equal(after.determinations - before.determinations, 5);
  });

  test('the LibreOffice XLSX order book: summary, both modes, screening hits, results as XLSX with typed cells', async () => {
    // Add two lines for a listed party (Entity List: Sugon) to a copy of the book.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(ORDERS_XLSX);
    const ws = wb.worksheets[0];
    ws.addRow(['SO-2001', new Date(Date.UTC(2025, 6, 1)), 'Sugon', 'CN', 'CN', 'nvidia-a100', 10, 'listed party']);
    ws.addRow(['SO-2002', new Date(Date.UTC(2025, 6, 1)), '=HYPERLINK("http://x.example","click")', 'DE', 'DE', 'nvidia-h20', 1, 'injection attempt']);
    const book = join(dir.path, 'orders-plus.xlsx');
    await wb.xlsx.writeFile(book);
    const out = join(dir.path, 'results.xlsx');
    const r = await runCli(['batch', '--data-dir', data, '--out', out, book]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.deepEqual(r.stdout, [
      'lines: 8, valid: 8, invalid: 0, evaluated: 8 (7 case(s))',
      'license required: enforced 1 line(s), as written 6 line(s)',
      'screening: 1 listed, 0 to review',
      'stored: every evaluated case and its determination',
    ]);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    const sheet = res.getWorksheet('Results')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    assert.ok(col('Enforced outcome') > 0 && col('As-written outcome') > 0 && col('Screening') > 0);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    assert.equal(rows.length, 8);
    const sugon = rows.find((x) => x.getCell(col('Customer')).value === 'Sugon')!;
    assert.equal(sugon.getCell(col('Screening')).value, 'listed');
    assert.match(String(sugon.getCell(col('Screening candidate')).value), /Dawning Information Industry.*1\.00/);
    assert.equal(sugon.getCell(col('Enforced outcome')).value, 'license required', 'A100 (3A090.a) to a D:5 destination under the enforced controls');
    assert.equal(typeof sugon.getCell(col('Quantity')).value, 'number');
    assert.ok(sugon.getCell(col('Date')).value instanceof Date, 'dates are date cells');
    const inj = rows.find((x) => String(x.getCell(col('Customer')).value).includes('HYPERLINK'))!;
    assert.equal(inj.getCell(col('Customer')).value, `'=HYPERLINK("http://x.example","click")`, 'a text cell beginning with = is neutralised');
    assert.equal(res.getWorksheet('Problems')!.rowCount, 1, 'a header and no problems');
  });

  test('--json summary; CSV results neutralise formula-like text; the same book again stores no duplicate cases', async () => {
    const book = join(dir.path, 'inj.csv');
    writeFileSync(book, 'reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity\r\nINJ-1,2025-06-02,DE,"@SUM(A1:A9)",DE,nvidia-h20,3\r\nINJ-2,2025-06-02,DE,-Minus Corp,DE,nvidia-h20,3\r\n');
    const out = join(dir.path, 'inj.csv.out.csv');
    const r = await runCli(['batch', '--data-dir', data, '--json', '--out', out, book]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const j = JSON.parse(r.stdout.join('\n'));
    assert.equal(j.summary.evaluated, 2);
    assert.equal(j.cases[0].determination, undefined, 'stdout carries no determinations; the results file does');
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith('\uFEFFRow,'));
    assert.match(text, /\r\n2,INJ-1,nvidia-h20,NVIDIA H20,3,'@SUM\(A1:A9\),DE,2025-06-02,/);
    assert.match(text, /\r\n3,INJ-2,nvidia-h20,NVIDIA H20,3,'-Minus Corp,/);
    const n = storeCounts(data).cases;
    const again = await runCli(['batch', '--data-dir', data, '--quiet', book]);
    assert.equal(again.code, 0);
    assert.equal(storeCounts(data).cases, n, 'the same case documents are the same stored cases');
  });

  test('--save-map writes the mapping used; --map reads it back for a file whose headers need it', async () => {
    const book = join(dir.path, 'erp.csv');
    writeFileSync(book, 'Beleg,Datum,Land,Kunde,Sitz,Artikel,Menge\nB-1,2025-06-02,FR,Paris GPU SAS,FR,nvidia-h20,5\n');
    const first = await runCli(['batch', '--data-dir', data, book]);
    assert.equal(first.code, 2);
    assert.match(first.stderr.join('\n'), /row 1, date: no column for date: add one with a header such as date, "Order Date"/);
    const map = join(dir.path, 'erp.mapping.json');
    writeFileSync(map, JSON.stringify({ format: 'tierline.mapping/1', name: 'ERP', columns: { Beleg: 'reference', Datum: 'date', Land: 'destination', Kunde: 'endUser.name', Sitz: 'endUser.headquarters', Artikel: 'partNumber', Menge: 'quantity' } }));
    const saved = join(dir.path, 'saved.mapping.json');
    const ok = await runCli(['batch', '--data-dir', data, '--map', map, '--save-map', saved, '--quiet', book]);
    assert.equal(ok.code, 0, ok.stderr.join('\n'));
    const back = JSON.parse(readFileSync(saved, 'utf8'));
    assert.equal(back.format, 'tierline.mapping/1');
    assert.equal(back.columns.Menge, 'quantity');
    const badMap = join(dir.path, 'bad.mapping.json');
    writeFileSync(badMap, JSON.stringify({ format: 'tierline.mapping/1', columns: { Menge: 'qty' } }));
    const bm = await runCli(['batch', '--data-dir', data, '--map', badMap, book]);
    assert.equal(bm.code, 2);
    assert.match(bm.stderr.join('\n'), /bad\.mapping\.json: \$\.columns\.Menge: expected a field name/);
    const usage = await runCli(['batch', '--data-dir', data, '--out', 'x.pdf', book]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr[0], /--out: expected a file ending in \.csv, \.xlsx or \.json/);
  });
});
