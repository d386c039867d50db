import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCase, insertDetermination, ledgerRowsFor, listCases, recordShipment, saveCase, verifyAuditChain } from '../../../main/core/db/index';
import { AS, caseSha, sampleCase, sampleDetermination, tempDb } from './helpers';

test('a case goes from import to evaluation to shipment, with its audit trail', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok, JSON.stringify(saved));
  const det = insertDetermination(db, saved.value.id, sampleDetermination(caseSha(doc), ['AIA', 'AIA']), AS);
  assert.ok(det.ok, JSON.stringify(det));
  const shipped = recordShipment(db, { caseId: saved.value.id }, AS);
  assert.ok(shipped.ok, JSON.stringify(shipped));
  assert.equal(getCase(db, saved.value.id)?.status, 'shipped');
  assert.equal(listCases(db).total, 1);
  assert.equal(ledgerRowsFor(db, { consignee: 'example compute gmbh', destination: 'FR', asOf: '2025-12-31' }).length, 2);
  const v = verifyAuditChain(db);
  assert.ok(v.ok);
  assert.equal(v.head.seq, 3);
});
