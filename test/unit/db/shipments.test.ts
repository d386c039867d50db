import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  getCase,
  importShipments,
  insertDetermination,
  ledgerFor,
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
  assert.deepEqual(ledgerFor(db, q), []);
  const r = recordShipment(db, { caseId }, AS);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(
    ledgerFor(db, q),
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
  const ok = recordShipment(db, { caseId: saved.value.id, mode: 'enforced' }, AS);
  assert.ok(ok.ok);
  assert.deepEqual(ok.value.map((s) => s.authorization), ['LICENSE', 'AIA']);
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

test('ledgerFor: same consignee anywhere or anyone to the same destination, dated on or before asOf', (t) => {
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
  const rows = ledgerFor(db, { consignee: 'alpha ag', destination: 'DE', asOf: '2025-01-31' });
  assert.deepEqual(rows.map((r) => r.tpp), [1, 2, 3]);
  assert.deepEqual(ledgerFor(db, { consignee: 'alpha ag', destination: 'DE', asOf: '2025-01-10' }).map((r) => r.tpp), [1]);
  assert.deepEqual(ledgerFor(db, { consignee: 'Gamma', destination: 'JP', asOf: '2030-01-01' }), []);
});
