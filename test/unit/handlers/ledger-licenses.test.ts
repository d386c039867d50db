// The workbench channels of licenses, the ledger's rows and impact, through dispatch over a real store:
// the plan asks which mode when the modes differ and names the covering license (or why none covers),
// recording draws the license down, rows filter, reversal needs a reason and never deletes, a license
// file's errors are named by field, the draft application comes as JSON and a real PDF, and an impact run
// reports through status/report without changing anything stored.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import type { Result } from '../../../shared/ipc/result';
import type { ChannelOutput, Contract } from '../../../shared/ipc/contract';
import { brazilLicense } from '../../support/licenses';

const root = resolve(import.meta.dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'tierline-ledger-handlers-'));
const ctx: HandlerContext = { dataDir, actor: 'test', appVersion: '0', platform: headlessPlatform, today: () => '2026-11-26', logError: (_c, e) => assert.fail(String(e)), resources: new Map() };
after(() => {
  closeResources(ctx);
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<C extends string>(channel: C, payload: unknown): Promise<Result<C extends keyof Contract ? ChannelOutput<C> : unknown>> {
  return (await dispatch(channel, payload, ctx)) as never;
}
function value<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}
function refused(r: Result<unknown>, code: string, pattern: RegExp): { path?: string; details?: { path: string; message: string }[] } {
  assert.ok(!r.ok, 'expected a refusal');
  assert.equal(r.error.code, code, r.error.message);
  assert.match(r.error.message, pattern);
  return r.error;
}

/** The Brazil LPP case with both modes and 2,000 ICs: as written it needs a license, enforced it is NLR. */
function brazilBig(): Record<string, unknown> {
  const { mode: _m, ...br } = JSON.parse(readFileSync(join(root, 'test/fixtures/cases/sc63-lpp-brazil-2026.json'), 'utf8')) as Record<string, unknown> & { items: Record<string, unknown>[] };
  return { ...br, reference: 'BR-BIG', items: [{ ...br.items[0], quantity: 2000, unitValueUsd: 30_000 }] };
}

test('shipping under a license: the plan asks which mode, names the covering license, and recording draws it down', async () => {
  const created = value(await call('cases.create', { case: brazilBig() }));
  const caseId = created.id;
  value(await call('determinations.evaluate', { caseId }));
  const plan = value(await call('shipments.plan', { caseId }));
  assert.equal(plan.state, 'ready');
  assert.equal(plan.modesDiffer, true);
  const aw = plan.modes.find((m) => m.mode === 'as_written')!;
  const en = plan.modes.find((m) => m.mode === 'enforced')!;
  assert.equal(aw.summary, 'a BIS license (LICENSE)');
  assert.equal(en.summary, 'NLR (no license required)');
  assert.equal(aw.needsLicense, true);
  assert.deepEqual(aw.licenses, [], 'no license stored yet');

  // Without a mode the core refuses in plain words naming both authorizations.
  refused(await call('shipments.record', { caseId }), 'INVALID_INPUT', /^The two modes give different authorizations \(as written: a BIS license \(LICENSE\); enforced: NLR \(no license required\)\)/);

  // A license file with errors is refused field by field, and nothing is stored.
  const bad = brazilLicense({ destination: 'Brazil', items: [{ eccn: '3A090.a', description: 'x', quantity: 2.5 }] });
  const e = refused(await call('licenses.add', { fileName: 'bad.json', text: JSON.stringify(bad) }), 'INVALID_INPUT', /^bad\.json is not a valid tierline\.license\/1 file: \$\.destination: .*Nothing was stored\.$/);
  assert.deepEqual(e.details?.map((d) => d.path).sort(), ['$.destination', '$.items[0].quantity']);
  refused(await call('licenses.add', { fileName: 'broken.json', text: '{\n  "format": "tierline.license/1",\n  "number": }' }), 'INVALID_INPUT', /^broken\.json is not valid JSON: line 3, column 13: unexpected '}'/);
  assert.deepEqual(value(await call('licenses.list', {})), []);

  // A license for another end user is listed with its reason; the right one covers.
  value(await call('licenses.add', { fileName: 'other.json', text: JSON.stringify(brazilLicense({ number: 'D2026-0002', endUser: { name: 'Rio Compute Ltda', country: 'BR' }, consignee: { name: 'Rio Compute Ltda', country: 'BR' } })) }));
  const added = value(await call('licenses.add', { fileName: 'good.json', text: JSON.stringify(brazilLicense()) }));
  assert.equal(added.license.number, 'D2026-0001');
  assert.deepEqual(added.status.warnings, ['expires in 19 day(s), on 2026-12-15']);
  const again = value(await call('shipments.plan', { caseId })).modes.find((m) => m.mode === 'as_written')!;
  assert.deepEqual(again.licenses.map((l) => [l.number, l.covers]), [['D2026-0001', true], ['D2026-0002', false]]);
  assert.match(again.licenses[1].reason!, /license D2026-0002 does not cover this shipment: it names the end user "Rio Compute Ltda", not "Paulista Dados SA"/);

  value(await call('shipments.record', { caseId, mode: 'as_written', licenseNumber: 'D2026-0001' }));
  const lic = value(await call('licenses.get', { number: 'D2026-0001' }));
  assert.equal(lic.status.lines[0].quantity.left, 500);
  assert.equal(lic.status.lines[0].quantity.used, 2000);
  assert.ok(lic.status.warnings.includes('line 1 (3A090.a) is 80 % used'), lic.status.warnings.join());
  assert.equal(lic.drawdowns.length, 1);
  assert.equal(lic.drawdowns[0].tpp, 31_664_000);
  assert.equal(value(await call('shipments.plan', { caseId })).state, 'shipped');

  // The rows behind the allocation bar: the LICENSE row, with the license it drew on; the bar is marked global.
  const summary = value(await call('ledger.summary', { asOf: '2026-11-26' }));
  const bar = summary.countryAllocations.find((r) => r.key === 'BR')!;
  assert.equal(bar.global, true);
  assert.deepEqual(bar.rows, { destination: 'BR', authorization: 'LICENSE', dateFrom: bar.rows!.dateFrom, dateTo: '2026-11-26' });
  const rows = value(await call('ledger.rows', { ...bar.rows }));
  assert.equal(rows.total, 1);
  assert.deepEqual(rows.rows[0].license, { number: 'D2026-0001', line: 0 });

  // Reversal: the reason is required; the reversing entry frees the drawdown; nothing is deleted.
  const id = rows.rows[0].id;
  const noReason = refused(await call('shipments.reverse', { shipmentId: id, reason: '  ' }), 'INVALID_INPUT', /reason/);
  assert.equal(noReason.path, '$.reason');
  refused(await call('shipments.reverse', { shipmentId: id, caseId, reason: 'x' }), 'INVALID_INPUT', /exactly one/);
  assert.equal(value(await call('shipments.reverse', { shipmentId: id, reason: 'shipped under the wrong license' })).count, 1);
  const all = value(await call('ledger.rows', { caseId }));
  assert.equal(all.total, 2, 'the row and its reversing entry');
  assert.equal(value(await call('ledger.rows', { caseId, state: 'standing' })).total, 0);
  assert.equal(value(await call('ledger.rows', { caseId, state: 'reversed' })).total, 2);
  assert.equal(all.rows.find((r) => r.source === 'reversal')!.reason, 'shipped under the wrong license');
  assert.equal(value(await call('licenses.get', { number: 'D2026-0001' })).status.lines[0].quantity.left, 2500);
  assert.equal(value(await call('shipments.plan', { caseId })).state, 'ready');
});

test('rows filter by year, consignee and authorization; a whole import is reversed with one reason', async () => {
  const csv = ['date,destination,consignee,tpp,authorization', '2025-02-10,IN,Mumbai Compute Pvt Ltd,1000,LPP', '2026-03-14,IN,Mumbai Compute Pvt Ltd,2000,LPP', '2026-04-01,AE,Gulf AI Cloud LLC,5000,NVEU'].join('\n');
  value(await call('shipments.import', { fileName: 'history.csv', text: csv }));
  assert.equal(value(await call('ledger.rows', { consignee: 'mumbai compute pvt ltd', year: 2026 })).total, 1);
  assert.equal(value(await call('ledger.rows', { destination: 'in', authorization: 'LPP' })).total, 2);
  assert.equal(value(await call('ledger.rows', { authorization: 'NVEU' })).rows[0].consignee, 'Gulf AI Cloud LLC');
  const [imp] = value(await call('ledger.imports', {}));
  assert.equal(imp.fileName, 'history.csv');
  assert.equal(imp.standing, 3);
  assert.equal(value(await call('shipments.reverse', { importSha256: imp.sha256, reason: 'wrong export from the ERP' })).count, 3);
  const [after] = value(await call('ledger.imports', {}));
  assert.equal(after.standing, 0);
  assert.equal(value(await call('ledger.rows', { importSha256: imp.sha256 })).total, 6, 'three rows and three reversing entries');
});

test('a draft application from a determination that needs a license: JSON and a PDF; none for one that does not', async () => {
  const cases = value(await call('cases.list', { search: 'BR-BIG' }));
  const caseId = cases.rows[0].id;
  value(await call('determinations.evaluate', { caseId }));
  const d = value(await call('licenses.application', { caseId, applicant: { name: 'Tierline Exports Inc.', country: 'US', address: '1 Main St' } }));
  const app = JSON.parse(d.json) as { format: string; applicant: { name: string }; items: { quantity: number }[]; reasoning: { mode: string }[] };
  assert.equal(app.format, 'tierline.license-application/1');
  assert.equal(app.applicant.name, 'Tierline Exports Inc.');
  assert.deepEqual(app.items.map((i) => i.quantity), [2000]);
  assert.deepEqual(d.modes, ['as_written']);
  assert.equal(d.fileName, 'license-application-BR-BIG.json');
  assert.equal(Buffer.from(d.pdfBase64, 'base64').subarray(0, 5).toString(), '%PDF-');
  assert.ok(!d.missing.some((m) => m.startsWith('Block 14')), 'the applicant was given');
  const { mode: _m, ...de } = JSON.parse(readFileSync(join(root, 'test/fixtures/cases/sc01-aia-germany.json'), 'utf8')) as Record<string, unknown>;
  const g = value(await call('cases.create', { case: de }));
  value(await call('determinations.evaluate', { caseId: g.id }));
  refused(await call('licenses.application', { caseId: g.id }), 'CONFLICT', /needs no license: there is nothing to apply for\.$/);
});

test('impact: a file that is neither pack nor list is refused naming why; the installed pack again changes nothing', async () => {
  const e = refused(await call('impact.start', { fileName: 'notes.txt', base64: Buffer.from('hello').toString('base64') }), 'INVALID_INPUT', /^notes\.txt was not analysed \(nothing was installed\): it is neither a signed rule pack nor a valid screening list/);
  assert.ok((e.details ?? []).some((d) => d.path === 'header, column name'));
  const pack = readFileSync(join(root, 'assets/rulepacks/us-bis.ai-diffusion.as-written.json'));
  let s = value(await call('impact.start', { fileName: 'same.json', base64: pack.toString('base64') }));
  assert.match(s.candidate, /replacing the installed v\d+ \(the same pack\)/);
  for (let i = 0; i < 500 && s.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    s = value(await call('impact.status', { jobId: s.jobId }));
  }
  assert.equal(s.state, 'done');
  const r = value(await call('impact.report', { jobId: s.jobId }));
  assert.equal(r.total, 2);
  assert.deepEqual(r.changes, []);
  refused(await call('impact.report', { jobId: 99 }), 'NOT_FOUND', /no impact run 99/);
});
