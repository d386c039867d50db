// The four registers out as CSV and XLSX through dispatch, against a real store: the XLSX read back with
// exceljs has dates as dates, numbers as numbers, and text that begins with = + - @ neutralised; the
// CSV the same text with a leading apostrophe. Filters apply as on the screens; letters.register and
// audit.list's filters answer what the export writes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';

const HOSTILE = '=HYPERLINK("http://evil.example","x")';

function weights(name: string, ref: string, dest = 'IN') {
  return {
    format: 'tierline.case/1',
    reference: ref,
    date: '2026-03-02',
    destination: dest,
    endUser: { name, type: 'ai_lab', headquarters: dest, ultimateParentHeadquarters: dest },
    items: [{ description: 'closed model weights', kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 3e26, weightsPublished: false }],
  };
}

describe('exports.table', () => {
  let ctx: HandlerContext;
  let dir: string;
  async function must<C extends Channel>(c: C, p: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const r = await dispatch(c, p, ctx);
    assert.ok(r.ok, `${c}: ${JSON.stringify(r)}`);
    return r.value as ChannelOutput<C>;
  }
  async function sheet(req: ChannelInput<'exports.table'>): Promise<ExcelJS.Worksheet> {
    const out = await must('exports.table', req);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    return wb.worksheets[0];
  }
  function col(ws: ExcelJS.Worksheet, header: string): number {
    const row = ws.getRow(1).values as unknown[];
    const i = row.indexOf(header);
    assert.ok(i > 0, `no column ${header} in ${JSON.stringify(row)}`);
    return i;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tierline-exports-'));
    ctx = { dataDir: dir, actor: 'test', appVersion: '0.0.0', platform: headlessPlatform, today: () => '2026-11-26', logError: (_c, e) => assert.fail(String(e)), resources: new Map() };
    const india = await must('cases.import', { fileName: 'a.json', text: JSON.stringify(weights(HOSTILE, '+PO-1')) });
    await must('cases.import', { fileName: 'b.json', text: JSON.stringify(weights('@Gulf Lab', '-PO-2', 'AE')) });
    const det = await must('determinations.evaluate', { caseId: india.id });
    await must('identity.create', { office: 'Export Office', passphrase: 'pass phrase 1' });
    await must('letters.issue', { determinationId: det.id, officerName: 'Dana Officer', passphrase: 'pass phrase 1' });
    await must('shipments.import', { fileName: 'h.csv', text: 'date,destination,consignee,tpp,authorization\n2026-02-10,BR,=cmd|calc,15832000,LPP\n' });
  });
  after(() => {
    closeResources(ctx);
    rmSync(dir, { recursive: true, force: true });
  });

  test('the case list as XLSX: typed cells, both modes, the letter, formulas neutralised', async () => {
    const ws = await sheet({ register: 'cases', format: 'xlsx' });
    assert.equal(ws.rowCount, 3);
    const india = [2, 3].map((r) => ws.getRow(r)).find((r) => r.getCell(col(ws, 'Reference')).value === "'+PO-1")!;
    assert.ok(india, 'the reference starting with + is neutralised');
    assert.equal(india.getCell(col(ws, 'End user')).value, `'${HOSTILE}`);
    assert.equal(india.getCell(col(ws, 'End user')).type, ExcelJS.ValueType.String);
    const date = india.getCell(col(ws, 'Date'));
    assert.ok(date.value instanceof Date, 'the case date is a date cell');
    assert.equal((date.value as Date).toISOString().slice(0, 10), '2026-03-02');
    assert.equal(typeof india.getCell(col(ws, 'Case')).value, 'number');
    assert.equal(typeof india.getCell(col(ws, 'Items')).value, 'number');
    assert.equal(india.getCell(col(ws, 'Enforced outcome')).value, 'No license required');
    assert.equal(india.getCell(col(ws, 'As written outcome')).value, 'License required');
    assert.match(String(india.getCell(col(ws, 'Letter')).value), /^TL-2026-\d{6}$/);
    assert.ok(india.getCell(col(ws, 'Updated')).value instanceof Date);
    // No cell anywhere is a formula.
    ws.eachRow((row) => row.eachCell((c) => assert.notEqual(c.type, ExcelJS.ValueType.Formula)));
  });

  test('the case list as CSV, filtered as on the screen', async () => {
    const out = await must('exports.table', { register: 'cases', format: 'csv', filter: { destination: 'AE' } });
    assert.equal(out.rows, 1);
    const text = Buffer.from(out.base64, 'base64').toString('utf8');
    assert.ok(text.startsWith('\uFEFFCase,Reference,End user'));
    assert.match(text, /\r\n\d+,'-PO-2,'@Gulf Lab,AE,United Arab Emirates,2026-03-02,1,draft,Not evaluated,/);
  });

  test('the letter register: end user, destination, outcome per mode, status; searchable', async () => {
    const reg = await must('letters.register', { search: 'hyperlink' });
    assert.equal(reg.rows.length, 1);
    assert.equal(reg.rows[0].destination, 'IN');
    assert.equal(reg.rows[0].enforced?.code, 'no_license_required');
    assert.equal(reg.rows[0].asWritten?.code, 'license_required');
    assert.equal((await must('letters.register', { search: 'nobody' })).rows.length, 0);
    const ws = await sheet({ register: 'letters', format: 'xlsx' });
    const row = ws.getRow(2);
    assert.ok(row.getCell(col(ws, 'Issued')).value instanceof Date);
    assert.ok(row.getCell(col(ws, 'Case date')).value instanceof Date);
    assert.equal(row.getCell(col(ws, 'End user')).value, `'${HOSTILE}`);
    assert.equal(row.getCell(col(ws, 'Status')).value, 'issued');
    assert.equal(row.getCell(col(ws, 'Officer')).value, 'Dana Officer');
  });

  test('the ledger: TPP a number, the ship date a date, the consignee neutralised', async () => {
    const ws = await sheet({ register: 'ledger', format: 'xlsx' });
    const row = ws.getRow(2);
    assert.equal(row.getCell(col(ws, 'TPP')).value, 15832000);
    assert.equal(row.getCell(col(ws, 'TPP')).type, ExcelJS.ValueType.Number);
    assert.ok(row.getCell(col(ws, 'Shipped')).value instanceof Date);
    assert.equal(row.getCell(col(ws, 'Consignee')).value, "'=cmd|calc");
  });

  test('the audit log: plain action names, filters by group and search, typed', async () => {
    const all = await must('audit.list', {});
    const letters = await must('audit.list', { group: 'letter' });
    assert.ok(letters.total >= 1 && letters.total < all.total);
    assert.ok(letters.entries.every((e) => e.action.startsWith('letter.')));
    const found = await must('audit.list', { search: 'dana officer' });
    assert.ok(found.entries.some((e) => e.action === 'letter.issued'));
    assert.equal((await must('audit.list', { dateFrom: '2999-01-01' })).total, 0);
    const ws = await sheet({ register: 'audit', format: 'xlsx', filter: { group: 'case' } });
    assert.equal(ws.rowCount - 1, (await must('audit.list', { group: 'case' })).total);
    const names = new Set<unknown>();
    for (let r = 2; r <= ws.rowCount; r++) names.add(ws.getRow(r).getCell(col(ws, 'Action')).value);
    assert.deepEqual([...names].sort(), ['Case created', 'Case evaluated']);
    assert.ok(ws.getRow(2).getCell(col(ws, 'When (UTC)')).value instanceof Date);
    assert.equal(typeof ws.getRow(2).getCell(col(ws, 'Entry')).value, 'number');
  });

  test('bad requests are refused by the contract', async () => {
    const r = await dispatch('exports.table', { register: 'everything', format: 'csv' }, ctx);
    assert.equal(!r.ok && r.error.code, 'INVALID_INPUT');
    const f = await dispatch('exports.table', { register: 'cases', format: 'ods' }, ctx);
    assert.equal(!f.ok && f.error.code, 'INVALID_INPUT');
  });
});
