// External anchors: a signed checkpoint of the audit head, kept off the machine, against what the chain
// alone cannot catch: a log cut off together with its counter, and a consistent rewrite (every hash
// recomputed). Each tamper row is made on a copy of a real store file, triggers dropped, as an attacker
// with the file would; the anchor must say whether the store still extends it.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { anchorText, createAnchor, lastAnchor, MAX_ANCHOR_BYTES, verifyAnchor, type AuditAnchor } from '../../../main/core/audit/anchor';
import { auditHash, GENESIS_HASH, openDatabaseOrThrow, setCaseArchived, verifyAuditChain, type Db } from '../../../main/core/db/index';
import { ensureIdentity } from '../../../main/core/identity';
import { AS, evaluatedCase, tempDb, tempDir } from '../db/helpers';
import { OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from '../letters/fixtures';
import { runCli } from '../../support/cli';

function identityOf(db: Db, office = OFFICE) {
  return ensureIdentity(db, { passphrase: PASSPHRASE, office, actor: 'test', kdf: TEST_KDF, now: TEST_NOW }).identity;
}

/** A store with a few writes, an anchor of its head, and writes after it. */
function anchoredStore(t: TestContext) {
  const { db, file, dir } = tempDb(t);
  const identity = identityOf(db);
  const a = evaluatedCase(db);
  evaluatedCase(db, { reference: 'PO-2002', destination: 'FR' });
  const made = createAnchor(db, identity, AS);
  assert.ok(made.ok, JSON.stringify(made));
  assert.ok(setCaseArchived(db, a.caseId, true, AS).ok);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, file, dir, identity, anchor: made.value.anchor, text: made.value.text, caseId: a.caseId };
}

let copies = 0;
function tampered(t: TestContext, file: string, dir: string, change: (raw: Database.Database) => void): Db {
  const copy = join(dir, `tampered-${++copies}.sqlite`);
  copyFileSync(file, copy);
  const raw = new Database(copy);
  t.after(() => raw.close());
  raw.pragma('foreign_keys = OFF');
  for (const name of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) {
    if (!name.startsWith('cases_search')) raw.exec(`DROP TRIGGER ${name}`);
  }
  change(raw);
  return raw as unknown as Db;
}

/**
 * A consistent rewrite from entry `from` on: entry `from`'s actor is changed and every hash from there
 * to the end recomputed, so the chain alone verifies.
 */
function rewriteFrom(raw: Database.Database, from: number): void {
  raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = ?").run(from);
  let prev = from === 1 ? GENESIS_HASH : (raw.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(from - 1) as string);
  for (const r of raw.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(from) as { seq: number; at: string; actor: string; action: string; subject: string; details: string }[]) {
    const hash = auditHash(prev, { ...r, details: JSON.parse(r.details) });
    raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

test('an anchor signs the head with the office key; the store extends it, and says how many entries came since', (t) => {
  const s = anchoredStore(t);
  const parsed = JSON.parse(s.text) as AuditAnchor;
  assert.equal(parsed.format, 'tierline.audit-anchor/1');
  assert.equal(parsed.certificateSha256, s.identity.fingerprint);
  assert.equal(parsed.office, OFFICE.name);
  const v = verifyAnchor(s.db, Buffer.from(s.text));
  assert.equal(v.status, 'EXTENDS', JSON.stringify(v));
  if (v.status === 'EXTENDS') assert.equal(v.after, 2, 'the audit.anchored entry and the archive came after');
  const last = lastAnchor(s.db);
  assert.equal(last?.seq, s.anchor.seq);
  assert.equal(last?.at, s.anchor.createdAt);
});

test('anchor tamper table: cut below the anchor, rewritten before it, rewritten after it, the file edited or foreign', (t) => {
  const s = anchoredStore(t);
  const n = s.anchor.seq;
  const check = (db: Db, text = s.text) => verifyAnchor(db, Buffer.from(text));

  // 1. the log truncated (with its counter and the records the cut entries made): the chain and the
  //    records alone still look whole, the anchor does not.
  const cut = tampered(t, s.file, s.dir, (raw) => {
    raw.exec(`DELETE FROM audit_log WHERE seq >= ${n - 1}; UPDATE sqlite_sequence SET seq = ${n - 2} WHERE name = 'audit_log';`);
    raw.exec('DELETE FROM determinations WHERE id = 2');
  });
  const cutAlone = verifyAuditChain(cut);
  const cutAnchored = check(cut);
  assert.equal(cutAnchored.status, 'BROKEN');
  assert.match(cutAnchored.status === 'BROKEN' ? cutAnchored.reason : '', new RegExp(`the log ends at \\d+; entry ${n} was expected`));
  t.diagnostic(`log cut below the anchor → chain alone ok=${cutAlone.ok}; with the anchor: ${cutAnchored.status === 'BROKEN' ? cutAnchored.reason : ''}`);

  // 2. rewritten consistently from an entry before the anchor: the chain alone verifies; the anchor does not.
  const before = tampered(t, s.file, s.dir, (raw) => rewriteFrom(raw, 2));
  assert.equal(verifyAuditChain(before).ok, true, 'a consistent rewrite passes the chain check alone');
  const beforeAnchored = check(before);
  assert.equal(beforeAnchored.status, 'BROKEN');
  assert.match(beforeAnchored.status === 'BROKEN' ? beforeAnchored.reason : '', new RegExp(`entry ${n} is not the one recorded earlier`));
  t.diagnostic(`log rewritten before the anchor → ${beforeAnchored.status === 'BROKEN' ? beforeAnchored.reason : ''}`);

  // 3. rewritten after the anchor: this anchor vouches only up to its entry (and says how many entries
  //    came since); the next anchor, made before the rewrite, catches it.
  const second = createAnchor(s.db, s.identity, AS);
  assert.ok(second.ok);
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  const after = tampered(t, s.file, s.dir, (raw) => rewriteFrom(raw, n + 2));
  const first = check(after);
  assert.equal(first.status, 'EXTENDS');
  if (first.status === 'EXTENDS') assert.equal(first.after, 3);
  const next = check(after, second.value.text);
  assert.equal(next.status, 'BROKEN');
  assert.match(next.status === 'BROKEN' ? next.reason : '', new RegExp(`entry ${second.value.anchor.seq} is not the one recorded earlier`));
  t.diagnostic(`log rewritten after anchor #${n} → that anchor still extends (3 entries since, not vouched for); anchor #${second.value.anchor.seq}: ${next.status === 'BROKEN' ? next.reason : ''}`);

  // 4. the anchor file edited to vouch for another head: its signature no longer matches
  const edited = check(s.db, s.text.replace(`"seq": ${n},`, `"seq": ${n - 1},`));
  assert.equal(edited.status, 'INVALID');
  assert.match(edited.status === 'INVALID' ? edited.reason : '', /signature does not match/);

  // 5. an anchor signed by an office this store neither is nor trusts
  const { db: other } = tempDb(t);
  const stranger = identityOf(other, { name: 'Some Other Office' });
  evaluatedCase(other);
  const foreign = createAnchor(other, stranger, AS);
  assert.ok(foreign.ok);
  const f = check(s.db, foreign.value.text);
  assert.equal(f.status, 'INVALID');
  assert.match(f.status === 'INVALID' ? f.reason : '', /Some Other Office.*neither this office's identity nor on its trust list/);

  // 6. not an anchor: bounded before JSON.parse, schema errors name the field
  const big = check(s.db, ' '.repeat(MAX_ANCHOR_BYTES + 1));
  assert.match(big.status === 'INVALID' ? big.reason : '', /at most 65536/);
  const junk = check(s.db, '{"format":"tierline.audit-anchor/1"}');
  assert.equal(junk.status, 'INVALID');
  assert.match(junk.status === 'INVALID' ? (junk.path ?? '') : '', /^\$\./);
});

test('an empty log or a store that does not verify is not anchored', (t) => {
  const { db, file, dir } = tempDb(t);
  const identity = identityOf(db);
  // the identity's own write is the first entry; an empty log can only be made by hand
  db.pragma('wal_checkpoint(TRUNCATE)');
  const empty = tampered(t, file, dir, (raw) => raw.exec('DELETE FROM audit_log'));
  const e = createAnchor(empty, identity, AS);
  assert.ok(!e.ok && e.error.code === 'EMPTY_LOG', JSON.stringify(e));
  const { caseId } = evaluatedCase(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bad = tampered(t, file, dir, (raw) => raw.exec(`UPDATE cases SET destination = 'CN' WHERE id = ${caseId}`));
  const b = createAnchor(bad, identity, AS);
  assert.ok(!b.ok && b.error.code === 'CHAIN_BROKEN' && /cases record case:/.test(b.error.message), JSON.stringify(b));
  assert.equal(lastAnchor(bad), null, 'nothing recorded');
});

test('cli: audit anchor --out FILE, then audit verify --anchor FILE (exit 0; 1 when the store no longer extends it; 2 for a bad file)', async (t) => {
  const dir = tempDir(t);
  const dbFile = join(dir, 'tierline.sqlite');
  const db = openDatabaseOrThrow(dbFile);
  identityOf(db);
  evaluatedCase(db);
  db.close();
  const env = { TIERLINE_PASSPHRASE: PASSPHRASE };
  const anchorFile = join(dir, 'anchor.json');
  const made = await runCli(['audit', 'anchor', '--out', anchorFile, '--data-dir', dir], env);
  assert.equal(made.code, 0, made.stderr.join('\n'));
  assert.match(made.stdout[0], /^anchored head #\d+ [0-9a-f]{64} → /);
  const anchor = JSON.parse(readFileSync(anchorFile, 'utf8')) as AuditAnchor;
  assert.equal(anchorText(anchor), readFileSync(anchorFile, 'utf8'));

  const noOut = await runCli(['audit', 'anchor', '--data-dir', dir], env);
  assert.equal(noOut.code, 2);
  const wrong = await runCli(['audit', 'anchor', '--out', join(dir, 'x.json'), '--data-dir', dir], { TIERLINE_PASSPHRASE: 'not the passphrase' });
  assert.equal(wrong.code, 1);

  const ok = await runCli(['audit', 'verify', '--anchor', anchorFile, '--data-dir', dir]);
  assert.equal(ok.code, 0, ok.stdout.join('\n'));
  assert.match(ok.stdout.join('\n'), new RegExp(`extends the anchor of ${anchor.createdAt.replace(/[.]/g, '\\.')} signed by "${OFFICE.name}" \\(entry #${anchor.seq}\\); 1 entry since`));

  const raw = new Database(dbFile);
  raw.exec('DROP TRIGGER audit_log_no_delete');
  raw.exec(`DELETE FROM audit_log WHERE seq >= ${anchor.seq}; UPDATE sqlite_sequence SET seq = ${anchor.seq - 1} WHERE name = 'audit_log'`);
  raw.close();
  const bad = await runCli(['audit', 'verify', '--anchor', anchorFile, '--data-dir', dir]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout[0], new RegExp(`^BAD: the store no longer extends the anchor of .* \\(entry #${anchor.seq}\\): the log ends at ${anchor.seq - 1}; entry ${anchor.seq} was expected`));

  writeFileSync(anchorFile, readFileSync(anchorFile, 'utf8').replace(anchor.hash, 'f'.repeat(64)));
  const forged = await runCli(['audit', 'verify', '--anchor', anchorFile, '--data-dir', dir]);
  assert.equal(forged.code, 2);
  assert.match(forged.stdout[0], /^INVALID ANCHOR: the signature does not match/);
});
