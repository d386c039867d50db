// --out on the list commands: the case list, the letter register, the ledger and the audit log written
// as XLSX/CSV by the real CLI (in process), read back with exceljs: typed cells, neutralised text,
// the command's filters applied; a wrong extension is a usage error that writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli, tempDir } from '../../support/cli';

async function firstSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0];
}

function column(ws: ExcelJS.Worksheet, header: string): number {
  const i = (ws.getRow(1).values as unknown[]).indexOf(header);
  assert.ok(i > 0, `no column ${header}`);
  return i;
}

describe('list commands with --out', () => {
  const tmp = tempDir('tierline-out-');
  const data = join(tmp.path, 'data');
  const env = { TIERLINE_PASSPHRASE: 'a long pass phrase', TIERLINE_OFFICE: 'Export Office' };
  const cli = (...argv: string[]) => runCli(['--data-dir', data, ...argv], env, tmp.path);
  before(async () => {
    const doc = {
      format: 'tierline.case/1',
      reference: '=1+1',
      date: '2026-03-02',
      destination: 'IN',
      endUser: { name: '@Bengaluru Lab', type: 'ai_lab', headquarters: 'IN', ultimateParentHeadquarters: 'IN' },
      items: [{ kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 3e26, weightsPublished: false }],
    };
    writeFileSync(join(tmp.path, 'india.json'), JSON.stringify(doc));
    const letter = await cli('letter', 'india.json', '--out', 'india.pdf', '--officer', 'Dana Officer');
    assert.equal(letter.code, 0, letter.stderr.join('\n'));
    writeFileSync(join(tmp.path, 'h.csv'), 'date,destination,consignee,tpp,authorization\n2026-02-10,BR,-Paulista,15832000,LPP\n');
    const imp = await cli('shipments', 'import', 'h.csv');
    assert.equal(imp.code, 0, imp.stderr.join('\n'));
  });
  after(() => tmp.cleanup());

  test('cases list --out: both modes, the letter, a date cell, the formula-like reference neutralised', async () => {
    const r = await cli('cases', 'list', '--out', 'cases.xlsx');
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.deepEqual(r.stdout, ['1 row(s) of cases written to cases.xlsx']);
    const ws = await firstSheet(join(tmp.path, 'cases.xlsx'));
    const row = ws.getRow(2);
    assert.equal(row.getCell(column(ws, 'Reference')).value, "'=1+1");
    assert.equal(row.getCell(column(ws, 'End user')).value, "'@Bengaluru Lab");
    assert.ok(row.getCell(column(ws, 'Date')).value instanceof Date);
    assert.equal(row.getCell(column(ws, 'Enforced outcome')).value, 'No license required');
    assert.equal(row.getCell(column(ws, 'As written outcome')).value, 'License required');
    assert.match(String(row.getCell(column(ws, 'Letter')).value), /^TL-\d{4}-\d{6}$/);
    // The text listing shows both modes too.
    const text = await cli('cases', 'list');
    assert.match(text.stdout[1], /enforced: No license required; as written: License required/);
  });

  test('letter list --out, shipments list --out, audit export --out', async () => {
    assert.equal((await cli('letter', 'list', '--out', 'letters.csv')).code, 0);
    const csv = readFileSync(join(tmp.path, 'letters.csv'), 'utf8');
    assert.match(csv, /^\uFEFFLetter,Issued,Status/);
    assert.match(csv, /,'=1\+1,'@Bengaluru Lab,IN,India,2026-03-02,No license required,NLR,License required,LICENSE,Dana Officer,/);

    assert.equal((await cli('shipments', 'list', '--out', 'ledger.xlsx')).code, 0);
    const ledger = await firstSheet(join(tmp.path, 'ledger.xlsx'));
    assert.equal(ledger.getRow(2).getCell(column(ledger, 'TPP')).value, 15832000);
    assert.equal(ledger.getRow(2).getCell(column(ledger, 'Consignee')).value, "'-Paulista");

    const a = await cli('audit', 'export', '--out', 'audit.xlsx', '--group', 'letter', '--json');
    assert.equal(a.code, 0, a.stderr.join('\n'));
    assert.deepEqual(JSON.parse(a.stdout[0]), { out: 'audit.xlsx', format: 'xlsx', rows: 1 });
    const audit = await firstSheet(join(tmp.path, 'audit.xlsx'));
    assert.equal(audit.getRow(2).getCell(column(audit, 'Action')).value, 'Letter issued');
    assert.ok(audit.getRow(2).getCell(column(audit, 'When (UTC)')).value instanceof Date);
    assert.equal((await cli('audit', 'list', '--out', 'all.csv')).code, 0);
    assert.ok(readFileSync(join(tmp.path, 'all.csv'), 'utf8').includes('Case evaluated'));
  });

  test('a file that is neither .csv nor .xlsx, or a bad date, is a usage error and writes nothing', async () => {
    const r = await cli('cases', 'list', '--out', 'cases.ods');
    assert.equal(r.code, 2);
    assert.deepEqual(r.stderr, ['--out: expected a file ending in .csv or .xlsx, got "cases.ods"']);
    assert.equal(existsSync(join(tmp.path, 'cases.ods')), false);
    const d = await cli('audit', 'export', '--out', 'a.csv', '--from', '2026-13-01');
    assert.equal(d.code, 2);
    assert.match(d.stderr[0], /--from: expected a calendar date/);
    const missing = await cli('audit', 'export', '--out', join('no', 'such', 'folder', 'a.csv'));
    assert.equal(missing.code, 3);
    assert.match(missing.stderr[0], /its folder does not exist/);
  });
});
