// The batch paths: evaluateAndRecordMany (one transaction, all or nothing) and the worker-pool stream,
// whose determinations must be exactly what the engine gives in process.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import { evaluateCase } from '../../../shared/engine';
import { canonicalSha256, getCaseBySha256, latestDetermination, latestPack, listAudit, listCases, openDatabaseOrThrow, verifyAuditChain } from '../../../main/core/db';
import { trustRootDir } from '../../../main/core/rulepacks';
import { evaluateAndRecordMany, evaluateAndRecordStream } from '../../../main/core/services/evaluate';
import { createEvaluatorPool } from '../../../main/core/services/evaluate-pool';
import { ACTIVE_PACK_IDS, activePacks, installBuiltinPacks } from '../../../main/core/services/packs';
import { generateCases } from '../../../bench/generate';
import { tempDir } from '../../support/cli';

describe('batch evaluation', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const file = join(dir.path, 'batch.sqlite');
  const db = openDatabaseOrThrow(file);
  installBuiltinPacks(db, 'test');
  const packs = activePacks(db);
  const pool = createEvaluatorPool({ packTexts: Object.values(ACTIVE_PACK_IDS).map((id) => latestPack(db, id)!.signedJson), trustDir: trustRootDir(), dbFile: file, size: 2 });
  after(async () => {
    await pool.close();
    db.close();
  });

  test('the worker pool stores what the in-process engine decides, for every case', async () => {
    const docs = generateCases(250, 7);
    const r = await evaluateAndRecordStream(db, docs, { actor: 'test', pool, batchSize: 100 });
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.equal(r.value.stored, 250);
    for (const doc of docs) {
      const sha = canonicalSha256(doc);
      const rec = getCaseBySha256(db, sha);
      assert.ok(rec);
      const stored = latestDetermination(db, rec.id)!.document;
      const direct = evaluateCase({ case: Case.parse(doc), caseSha256: sha, packs, ledger: [] }).determination;
      assert.deepEqual(stored, JSON.parse(JSON.stringify(direct)));
    }
    assert.equal(verifyAuditChain(db).ok, true);
  });

  test('a stream with an invalid case stores the batches before it and names the case and path', async () => {
    const before = listCases(db).total;
    const docs = generateCases(30, 99);
    (docs[25].items as Record<string, unknown>[])[0].quantity = 0;
    const r = await evaluateAndRecordStream(db, docs, { actor: 'test', pool, batchSize: 20 });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.errors.some((e) => e.path === '[25].items[0].quantity'));
    assert.equal(listCases(db).total, before + 20);
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
    assert.equal(listCases(db).total, before.cases + 10);
  });
});
