import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import {
  appendAudit,
  auditHash,
  auditHead,
  GENESIS_HASH,
  insertDetermination,
  listAudit,
  saveCase,
  verifyAuditChain,
  type Db,
} from '../../../main/core/db/index';
import { AS, caseSha, sampleCase, sampleDetermination, tempDb } from './helpers';

/** A store with five audit entries, and a way to tamper with a copy whose guard triggers are dropped. */
function withLog(t: TestContext): { db: Db; tamperedCopy: (sql: string) => Db } {
  const { db, dir, file } = tempDb(t);
  for (let i = 1; i <= 5; i++) appendAudit(db, { action: 'case.changed', subject: `case:${i}`, details: { n: i } }, AS);
  let copies = 0;
  return {
    db,
    tamperedCopy(sql: string) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      const copy = join(dir, `copy-${++copies}.sqlite`);
      copyFileSync(file, copy);
      const c = new Database(copy);
      t.after(() => c.close());
      c.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      c.exec(sql);
      return c;
    },
  };
}

test('an empty log verifies with the genesis head', (t) => {
  const { db } = tempDb(t);
  assert.deepEqual(auditHead(db), { seq: 0, hash: GENESIS_HASH });
  assert.deepEqual(verifyAuditChain(db), { ok: true, head: { seq: 0, hash: GENESIS_HASH }, count: 0, records: 0 });
});

test('entries chain: each prev_hash is the hash before it, and the head is the last entry', (t) => {
  const { db } = withLog(t);
  const entries = listAudit(db, { order: 'asc' });
  assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4, 5]);
  assert.equal(entries[0].prevHash, GENESIS_HASH);
  for (let i = 1; i < entries.length; i++) assert.equal(entries[i].prevHash, entries[i - 1].hash);
  const v = verifyAuditChain(db);
  assert.ok(v.ok);
  assert.deepEqual(v.head, { seq: 5, hash: entries[4].hash });
  assert.deepEqual(auditHead(db), v.head);
  assert.deepEqual(listAudit(db, { subject: 'case:3' }).map((e) => e.details), [{ n: 3 }]);
  assert.deepEqual(listAudit(db, { limit: 2 }).map((e) => e.seq), [5, 4]);
  assert.deepEqual(listAudit(db, { afterSeq: 3, order: 'asc' }).map((e) => e.seq), [4, 5]);
});

test('the schema refuses UPDATE and DELETE on the audit log', (t) => {
  const { db } = withLog(t);
  assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run(), /append-only/);
});

test('an edited entry is found', (t) => {
  const { tamperedCopy } = withLog(t);
  const c = tamperedCopy(`UPDATE audit_log SET details = '{"n":99}' WHERE seq = 3`);
  assert.deepEqual(verifyAuditChain(c), { ok: false, seq: 3, reason: 'entry 3 was changed after it was written (hash differs)' });
  const actor = tamperedCopy(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`);
  const v = verifyAuditChain(actor);
  assert.ok(!v.ok && v.seq === 1);
});

test('an edited entry whose own hash was recomputed breaks the link to the next one', (t) => {
  const { db, tamperedCopy } = withLog(t);
  const e = listAudit(db, { subject: 'case:2' })[0];
  const forged = auditHash(e.prevHash, { ...e, actor: 'mallory' });
  const c = tamperedCopy(`UPDATE audit_log SET actor = 'mallory', hash = '${forged}' WHERE seq = 2`);
  const v = verifyAuditChain(c);
  assert.ok(!v.ok);
  assert.equal(v.seq, 3);
  assert.match(v.reason, /does not follow/);
});

test('a deleted entry is found, in the middle or at the end', (t) => {
  const { db, tamperedCopy } = withLog(t);
  const middle = verifyAuditChain(tamperedCopy('DELETE FROM audit_log WHERE seq = 2'));
  assert.deepEqual(middle, { ok: false, seq: 2, reason: 'entry 2 is missing (next is 3)' });
  const first = verifyAuditChain(tamperedCopy('DELETE FROM audit_log WHERE seq = 1'));
  assert.ok(!first.ok && first.seq === 1);
  const tail = verifyAuditChain(tamperedCopy('DELETE FROM audit_log WHERE seq = 5'));
  assert.ok(!tail.ok && tail.seq === 5, JSON.stringify(tail));
  // With the AUTOINCREMENT counter rewound too, only a head noted elsewhere can tell.
  const head = auditHead(db);
  const hidden = tamperedCopy("DELETE FROM audit_log WHERE seq = 5; UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_log'");
  assert.ok(verifyAuditChain(hidden).ok);
  const v = verifyAuditChain(hidden, { expectedHead: head });
  assert.ok(!v.ok && v.seq === 5);
  assert.ok(verifyAuditChain(db, { expectedHead: head }).ok);
  const wrong = verifyAuditChain(db, { expectedHead: { seq: 5, hash: 'e'.repeat(64) } });
  assert.ok(!wrong.ok && wrong.seq === 5);
});

test('reordered entries are found', (t) => {
  const { tamperedCopy } = withLog(t);
  const swappedSeq = tamperedCopy(`
    UPDATE audit_log SET seq = 100 WHERE seq = 2;
    UPDATE audit_log SET seq = 2 WHERE seq = 3;
    UPDATE audit_log SET seq = 3 WHERE seq = 100;`);
  const v = verifyAuditChain(swappedSeq);
  assert.ok(!v.ok && v.seq === 2, JSON.stringify(v));
  const cols = 'at, actor, action, subject, details, prev_hash, hash';
  const swappedContent = tamperedCopy(`
    CREATE TEMP TABLE r2 AS SELECT ${cols} FROM audit_log WHERE seq = 2;
    CREATE TEMP TABLE r3 AS SELECT ${cols} FROM audit_log WHERE seq = 3;
    UPDATE audit_log SET hash = printf('%064d', seq) WHERE seq IN (2, 3);
    UPDATE audit_log SET (${cols}) = (SELECT ${cols} FROM r3) WHERE seq = 2;
    UPDATE audit_log SET (${cols}) = (SELECT ${cols} FROM r2) WHERE seq = 3;`);
  const w = verifyAuditChain(swappedContent);
  assert.ok(!w.ok && w.seq === 2, JSON.stringify(w));
});

test('each write appends its audit entry in its own transaction, and a caller can wrap several', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const sha = caseSha(doc);
  // A service that fails after two repo writes: both the data and their audit entries roll back.
  assert.throws(() =>
    db.transaction(() => {
      const saved = saveCase(db, doc, sha, AS);
      if (!saved.ok) throw new Error('unexpected');
      insertDetermination(db, saved.value.id, sampleDetermination(sha, ['AIA', 'AIA']), AS);
      throw new Error('service failed');
    })(),
  );
  assert.equal(db.prepare('SELECT count(*) FROM cases').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM determinations').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM audit_log').pluck().get(), 0);
  const ids = db.transaction(() => {
    const saved = saveCase(db, doc, sha, AS);
    if (!saved.ok) throw new Error('unexpected');
    const det = insertDetermination(db, saved.value.id, sampleDetermination(sha, ['AIA', 'AIA']), AS);
    // A refused inner write leaves nothing behind, and the outer transaction carries on.
    const refused = insertDetermination(db, saved.value.id, sampleDetermination('d'.repeat(64), ['AIA', 'AIA']), AS);
    assert.equal(refused.ok, false);
    return { caseId: saved.value.id, det };
  })();
  assert.ok(ids.det.ok);
  assert.deepEqual(listAudit(db, { order: 'asc' }).map((e) => e.action), ['case.created', 'case.evaluated']);
  assert.ok(verifyAuditChain(db).ok);
});
