// The batch path: evaluateAndRecordMany (one transaction, all or nothing) stores exactly what the
// engine decides in process.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import { evaluateCase } from '../../../shared/engine';
import { canonicalSha256, getCaseBySha256, latestDetermination, listAudit, listCases, openDatabaseOrThrow, verifyAuditChain } from '../../../main/core/db';
import { evaluateAndRecordMany } from '../../../main/core/services/evaluate';
import { screenCase } from '../../../main/core/screening/service';
import { activePacks, installBuiltinPacks } from '../../../main/core/services/packs';
import { generateCases } from '../../../bench/generate';
import { tempDir } from '../../support/cli';

describe('batch evaluation', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const file = join(dir.path, 'batch.sqlite');
  const db = openDatabaseOrThrow(file);
  installBuiltinPacks(db, 'test');
  const packs = activePacks(db);
  after(() => db.close());

  test('a batch stores what the engine decides, for every case, with an intact audit chain', () => {
    const docs = generateCases(250, 7);
    const r = evaluateAndRecordMany(db, docs, { actor: 'test', packs });
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.equal(r.value.caseIds.length, 250);
    for (const doc of docs) {
      const sha = canonicalSha256(doc);
      const rec = getCaseBySha256(db, sha);
      assert.ok(rec);
      const stored = latestDetermination(db, rec.id)!.document;
      const c = Case.parse(doc);
      // no list is imported here: the screening section says so (not_screened), as in the stored one
      const direct = evaluateCase({ case: c, caseSha256: sha, packs, ledger: [], hints: false, screening: screenCase(db, c) }).determination;
      assert.deepEqual(stored, JSON.parse(JSON.stringify(direct)));
    }
    assert.equal(verifyAuditChain(db).ok, true);
  });

  test('evaluateAndRecordMany is all or nothing', () => {
    const before = { cases: listCases(db).total, audit: listAudit(db).length };
    const docs = generateCases(10, 5);
    (docs[7] as Record<string, unknown>).destination = 'XX';
    const r = evaluateAndRecordMany(db, docs, { actor: 'test', packs });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.errors.some((e) => e.path === '[7].destination'));
    assert.deepEqual({ cases: listCases(db).total, audit: listAudit(db).length }, before);
    (docs[7] as Record<string, unknown>).destination = 'DE';
    const ok = evaluateAndRecordMany(db, docs, { actor: 'test', packs });
    assert.ok(ok.ok);
    assert.equal(listCases(db).total, (before.cases ?? 0) + 10);
  });
});
