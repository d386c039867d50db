import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  getCase,
  importShipments,
  insertDetermination,
  ledgerFor,
  ledgerRowsFor,
  reverseCaseShipment,
  reverseImport,
  reverseShipment,
  listAudit,
  listShipments,
  recordShipment,
  saveCase,
  updateCase,
} from '../../../main/core/db/index';
import { AS, caseSha, evaluatedCase, sampleCase, sampleDetermination, tempDb } from './helpers';

const HEADER = 'date,destination,consignee,tpp,authorization';

test('evaluating is not shipping: the ledger stays empty until a shipment is recorded', (t) => {
  const { db } = tempDb(t);
  const { caseId } = evaluatedCase(db, {}, ['AIA', 'LPP']);
  const q = { consignee: 'Example Compute GmbH', destination: 'DE', asOf: '2099-01-01' };
  assert.deepEqual(ledgerRowsFor(db, q), []);
  assert.equal(ledgerFor(db).installedUnder('AIA', 'example compute gmbh', null, '2099-01-01'), 0);
  const r = recordShipment(db, { caseId }, AS);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(ledgerFor(db).installedUnder('AIA', 'example compute gmbh', null, '2099-01-01'), 38400);
  assert.equal(ledgerFor(db).lppUsed('example compute gmbh', '2025-01-01', '2025-12-31'), 76800);
  assert.equal(ledgerFor(db, { excludeCaseId: caseId }).lppUsed('example compute gmbh', '2025-01-01', '2025-12-31'), 0, 'a case never counts its own shipments');
  assert.deepEqual(
    ledgerRowsFor(db, q),
    [
      { date: '2025-06-02', destination: 'DE', consignee: 'Example Compute GmbH', tpp: 38400, authorization: 'AIA' },
      { date: '2025-06-02', destination: 'DE', consignee: 'Example Compute GmbH', tpp: 76800, authorization: 'LPP' },
    ],
  );
  assert.equal(getCase(db, caseId)?.status, 'shipped');
  assert.equal(listAudit(db, { action: 'shipment.recorded' }).length, 1);
});

test('recording a shipment needs a current evaluation and happens once', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const id = saved.value.id;
  const notYet = recordShipment(db, { caseId: id }, AS);
  assert.ok(!notYet.ok && notYet.error.code === 'NOT_EVALUATED');
  assert.ok(insertDetermination(db, id, sampleDetermination(caseSha(doc), ['AIA', 'AIA']), AS).ok);
  const edited = sampleCase({ reference: 'changed' });
  assert.ok(updateCase(db, id, edited, caseSha(edited), AS).ok);
  const stale = recordShipment(db, { caseId: id }, AS);
  assert.ok(!stale.ok && stale.error.code === 'STALE_DETERMINATION');
  assert.ok(insertDetermination(db, id, sampleDetermination(caseSha(edited), ['AIA', 'AIA']), AS).ok);
  assert.ok(recordShipment(db, { caseId: id, date: '2025-07-01' }, AS).ok);
  const twice = recordShipment(db, { caseId: id }, AS);
  assert.ok(!twice.ok && twice.error.code === 'ALREADY_SHIPPED');
  const frozen = updateCase(db, id, doc, caseSha(doc), AS);
  assert.ok(!frozen.ok && frozen.error.code === 'ALREADY_SHIPPED');
  assert.equal(listShipments(db, { caseId: id }).length, 2);
  assert.equal(listShipments(db, { caseId: id })[0].date, '2025-07-01');
  const missing = recordShipment(db, { caseId: 404 }, AS);
  assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND');
  const badDate = recordShipment(db, { caseId: id, date: '2025-02-30' }, AS);
  assert.ok(!badDate.ok && badDate.error.path === '$.date');
});

test('when the modes disagree, the shipment must say which mode it went under', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const det = sampleDetermination(caseSha(doc), ['AIA', 'AIA']);
  det.evaluations[1].items[0].authorization = 'LICENSE';
  assert.ok(insertDetermination(db, saved.value.id, det, AS).ok);
  const r = recordShipment(db, { caseId: saved.value.id }, AS);
  assert.ok(!r.ok && r.error.code === 'AMBIGUOUS_MODE');
  // Under the enforced evaluation item 0 ships under LICENSE, which needs a license that covers it.
  const enforced = recordShipment(db, { caseId: saved.value.id, mode: 'enforced' }, AS);
  assert.ok(!enforced.ok && enforced.error.code === 'LICENSE_REQUIRED');
  const ok = recordShipment(db, { caseId: saved.value.id, mode: 'as_written' }, AS);
  assert.ok(ok.ok);
  assert.deepEqual(ok.value.map((s) => s.authorization), ['AIA', 'AIA']);
});

test('a CSV shipment history is imported in one go', (t) => {
  const { db } = tempDb(t);
  const csv = `\uFEFF${HEADER}\r\n2025-02-01,DE,Example Compute GmbH,1000,LPP\r\n\r\n2025-03-01,fr,"Other, Inc.",2.5e3,aia\r\n`;
  const r = importShipments(db, csv, { ...AS, fileName: 'history.csv' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.count, 2);
  const rows = listShipments(db, { source: 'imported' });
  assert.deepEqual(
    rows.map((s) => [s.date, s.destination, s.consignee, s.tpp, s.authorization]),
    [
      ['2025-03-01', 'FR', 'Other, Inc.', 2500, 'AIA'],
      ['2025-02-01', 'DE', 'Example Compute GmbH', 1000, 'LPP'],
    ],
  );
  const audit = listAudit(db, { action: 'shipments.imported' });
  assert.equal(audit[0].details.count, 2);
  assert.equal(audit[0].details.fileName, 'history.csv');
  const again = importShipments(db, csv, AS);
  assert.ok(!again.ok && again.error.code === 'DUPLICATE_IMPORT');
});

test('a CSV with one bad row stores nothing and names the row and column', (t) => {
  const { db } = tempDb(t);
  const cases: [string, RegExp, string][] = [
    [`${HEADER}\n2025-02-01,DE,A,1,LPP\n2025-02-30,DE,B,1,LPP\n`, /row 2 \(line 3\), column date/, 'row 2, column date'],
    [`${HEADER}\n2025-02-01,DE,A,1,LPP\n2025-02-01,DE,B,lots,LPP\n`, /row 2 \(line 3\), column tpp/, 'row 2, column tpp'],
    [`${HEADER}\n2025-02-01,DE,A,-5,LPP\n`, /row 1 \(line 2\), column tpp/, 'row 1, column tpp'],
    [`${HEADER}\n2025-02-01,ZZ,A,1,LPP\n`, /row 1 \(line 2\), column destination/, 'row 1, column destination'],
    [`${HEADER}\n2025-02-01,DE,,1,LPP\n`, /row 1 \(line 2\), column consignee/, 'row 1, column consignee'],
    [`${HEADER}\n2025-02-01,DE,A,1,PROBABLY\n`, /row 1 \(line 2\), column authorization/, 'row 1, column authorization'],
    [`${HEADER}\n2025-02-01,DE,A,1\n`, /row 1 \(line 2\), column authorization: expected 5 fields/, 'row 1, column authorization'],
    [`date,dest,consignee,tpp,authorization\n2025-02-01,DE,A,1,LPP\n`, /header/, 'row 0'],
    [`${HEADER}\n`, /no shipments/, 'row 1'],
    [`${HEADER}\n2025-02-01,DE,"A,1,LPP\n`, /line 2/, 'line 2'],
  ];
  for (const [csv, message, path] of cases) {
    const r = importShipments(db, csv, AS);
    assert.equal(r.ok, false, csv);
    if (r.ok) continue;
    assert.equal(r.error.code, 'INVALID_CSV');
    assert.match(r.error.message, message, csv);
    assert.equal(r.error.path, path, csv);
  }
  assert.equal(db.prepare('SELECT count(*) FROM shipments').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM audit_log').pluck().get(), 0);
});

test('every bad row is reported, not only the first', (t) => {
  const { db } = tempDb(t);
  const r = importShipments(db, `${HEADER}\nbad,DE,A,1,LPP\n2025-01-01,DE,A,1,LPP\n2025-01-01,DE,A,x,LPP\n`, AS);
  assert.ok(!r.ok);
  if (!r.ok) assert.deepEqual(r.error.issues?.map((i) => i.path), ['row 1, column date', 'row 3, column tpp']);
});

test('ledgerRowsFor: same consignee anywhere or anyone to the same destination, dated on or before asOf', (t) => {
  const { db } = tempDb(t);
  const csv = [
    HEADER,
    '2025-01-10,DE,Alpha AG,1,LPP', // consignee and destination
    '2025-01-11,FR,ALPHA  ag,2,LPP', // same consignee, other destination
    '2025-01-12,DE,Beta SA,3,AIA', // other consignee, same destination
    '2025-01-13,FR,Beta SA,4,AIA', // neither
    '2025-02-01,DE,Alpha AG,5,LPP', // after asOf
  ].join('\n');
  assert.ok(importShipments(db, csv, AS).ok);
  const rows = ledgerRowsFor(db, { consignee: 'alpha ag', destination: 'DE', asOf: '2025-01-31' });
  assert.deepEqual(rows.map((r) => r.tpp), [1, 2, 3]);
  assert.deepEqual(ledgerRowsFor(db, { consignee: 'alpha ag', destination: 'DE', asOf: '2025-01-10' }).map((r) => r.tpp), [1]);
  assert.deepEqual(ledgerRowsFor(db, { consignee: 'Gamma', destination: 'JP', asOf: '2030-01-01' }), []);
});

test('ledgerFor sums in SQL: consignee by its stored key, date bounds inclusive, authorization and destination apart', (t) => {
  const { db } = tempDb(t);
  const csv = [
    HEADER,
    '2024-12-31,DE,Alpha AG,100,LPP', // last year
    '2025-01-01,DE,Alpha AG,1,LPP',
    '2025-06-30,FR,ALPHA  ag,2,LPP', // same consignee (spacing, case), other destination
    '2025-07-01,DE,Alpha AG,4,NVEU',
    '2025-07-01,FR,Alpha AG,8,NVEU',
    '2025-03-01,DE,Beta SA,16,LICENSE',
    '2025-04-01,DE,Gamma,32,LICENSE',
    '2025-04-01,FR,Gamma,64,LICENSE',
  ].join('\n');
  assert.ok(importShipments(db, csv, AS).ok);
  const l = ledgerFor(db);
  assert.equal(l.lppUsed('alpha ag', '2025-01-01', '2025-12-31'), 3);
  assert.equal(l.lppUsed('alpha ag', '2025-01-01', '2025-06-29'), 1);
  assert.equal(l.lppUsed('alpha ag', '2024-01-01', '2024-12-31'), 100);
  assert.equal(l.installedUnder('NVEU', 'alpha ag', null, '2025-12-31'), 12);
  assert.equal(l.installedUnder('NVEU', 'alpha ag', 'FR', '2025-12-31'), 8);
  assert.equal(l.installedUnder('NVEU', 'alpha ag', 'FR', '2025-06-30'), 0);
  assert.equal(l.allocationUsed('DE', '2025-01-01', '2025-12-31'), 48);
  assert.equal(l.allocationUsed('DE', '2025-03-02', '2025-12-31'), 32);
  assert.equal(l.matching({ date: '2025-06-30', consignee: 'Alpha AG', destination: 'FR', tpp: 2, authorization: 'LPP' }), 1);
  assert.equal(l.matching({ date: '2025-06-30', consignee: 'Alpha AG', destination: 'FR', tpp: 3, authorization: 'LPP' }), 0);
  // The sums read a covering index, never the table.
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT total(tpp) FROM shipments INDEXED BY shipments_sum_by_consignee WHERE consignee_key = 'x' AND authorization = 'LPP' AND ship_date BETWEEN '2025-01-01' AND '2025-12-31' AND case_id IS NOT 0").all() as { detail: string }[];
  assert.match(plan.map((p) => p.detail).join(' '), /USING COVERING INDEX shipments_sum_by_consignee \(consignee_key=\? AND authorization=\? AND ship_date>\? AND ship_date<\?\)/);
});

test('a correction is a reversing entry with a reason: nothing is edited or deleted, the sums net out', (t) => {
  const { db } = tempDb(t);
  const { caseId } = evaluatedCase(db, {}, ['AIA', 'LPP']);
  assert.ok(recordShipment(db, { caseId }, AS).ok);
  const [aia, lpp] = listShipments(db, { caseId }).sort((a, b) => a.id - b.id);
  assert.throws(() => db.prepare('UPDATE shipments SET tpp = 0 WHERE id = ?').run(lpp.id), /never edited/);
  assert.throws(() => db.prepare('DELETE FROM shipments WHERE id = ?').run(lpp.id), /never deleted/);
  const noReason = reverseShipment(db, { shipmentId: lpp.id, reason: '  ' }, AS);
  assert.ok(!noReason.ok && noReason.error.path === '$.reason');
  const rev = reverseShipment(db, { shipmentId: lpp.id, reason: 'shipped under the wrong exception' }, AS);
  assert.ok(rev.ok, JSON.stringify(rev));
  assert.equal(rev.value.tpp, -76800);
  assert.equal(rev.value.reversesId, lpp.id);
  assert.equal(rev.value.source, 'reversal');
  assert.equal(ledgerFor(db).lppUsed('example compute gmbh', '2025-01-01', '2025-12-31'), 0);
  assert.equal(ledgerFor(db).installedUnder('AIA', 'example compute gmbh', null, '2025-12-31'), 38400);
  assert.equal(listShipments(db, { caseId }).find((s) => s.id === lpp.id)?.reversedBy, rev.value.id);
  const twice = reverseShipment(db, { shipmentId: lpp.id, reason: 'again' }, AS);
  assert.ok(!twice.ok && twice.error.code === 'ALREADY_REVERSED');
  const ofReversal = reverseShipment(db, { shipmentId: rev.value.id, reason: 'undo' }, AS);
  assert.ok(!ofReversal.ok && ofReversal.error.code === 'INVALID_INPUT');
  // The case is still shipped (its AIA row stands); reversing the rest frees it to be recorded again.
  assert.equal(getCase(db, caseId)?.status, 'shipped');
  const rest = reverseCaseShipment(db, { caseId, reason: 'the order was cancelled' }, AS);
  assert.ok(rest.ok);
  assert.deepEqual(rest.value.map((r) => r.reversesId), [aia.id]);
  assert.equal(getCase(db, caseId)?.status, 'evaluated');
  assert.ok(recordShipment(db, { caseId, date: '2025-08-01' }, AS).ok);
  assert.equal(ledgerFor(db).lppUsed('example compute gmbh', '2025-01-01', '2025-12-31'), 76800);
  assert.equal(db.prepare('SELECT count(*) FROM shipments').pluck().get(), 6);
  assert.equal(listAudit(db, { action: 'shipment.reversed' }).length, 2);
});

test('a whole CSV import is reversed with one reason and can then be imported again', (t) => {
  const { db } = tempDb(t);
  const csv = `${HEADER}\n2025-02-01,DE,Alpha AG,1000,LPP\n2025-03-01,DE,Alpha AG,500,LPP\n`;
  const imp = importShipments(db, csv, AS);
  assert.ok(imp.ok);
  const missing = reverseImport(db, { importSha256: 'a'.repeat(64), reason: 'wrong file' }, AS);
  assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND');
  const r = reverseImport(db, { importSha256: imp.value.importSha256, reason: 'the export double-counted March' }, AS);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.count, 2);
  assert.equal(ledgerFor(db).lppUsed('alpha ag', '2025-01-01', '2025-12-31'), 0);
  const again = reverseImport(db, { importSha256: imp.value.importSha256, reason: 'again' }, AS);
  assert.ok(!again.ok && again.error.code === 'NOT_FOUND');
  assert.ok(importShipments(db, csv, AS).ok, 'a reversed file may be imported again');
  assert.equal(ledgerFor(db).lppUsed('alpha ag', '2025-01-01', '2025-12-31'), 1500);
  assert.equal(listAudit(db, { action: 'shipments.reversed' })[0].details.reason, 'the export double-counted March');
});
