// The registry and the audit log around letters: gapless numbers, the printed audit head, void and
// supersede, and the chain catching an edited, deleted or reordered row (through the CLI too).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../../shared/domain/canonical';
import {
  getLetter,
  insertDetermination,
  listAudit,
  openDatabaseOrThrow,
  saveCase,
  verifyAuditChain,
  type Db,
} from '../../../main/core/db';
import { ensureIdentity, loadStoredIdentity, trustedFingerprints, trustedQrKeys } from '../../../main/core/identity';
import { issueLetter, verifyLetterPdf, verifyQrRecord } from '../../../main/core/letters';
import { sha256Hex } from '../../../main/core/identity/keys';
import { run } from '../../../main/cli';
import type { CliIo } from '../../../main/core/cli/types';
import { makeCase, makeDetermination, OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from './fixtures';

const AS = { actor: 'test' };

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierline-letters-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function setup(t: TestContext): { db: Db; dir: string } {
  const dir = tempDir(t);
  const db = openDatabaseOrThrow(join(dir, 'tierline.sqlite'));
  t.after(() => {
    if (db.open) db.close();
  });
  return { db, dir };
}

function recordCase(db: Db, name = 'Rheinwerk Cloud GmbH') {
  const c = makeCase({ endUser: { name, type: 'data_center', headquarters: 'DE' } });
  const d = makeDetermination(c);
  const saved = saveCase(db, c, sha256Hex(canonicalJson(c)), AS);
  assert.ok(saved.ok, JSON.stringify(saved));
  const det = insertDetermination(db, saved.value.id, d, AS);
  assert.ok(det.ok, JSON.stringify(det));
  return { c, d, caseId: saved.value.id, determinationId: det.value.id };
}

function identity(db: Db) {
  return ensureIdentity(db, { passphrase: PASSPHRASE, office: OFFICE, actor: 'test', kdf: TEST_KDF, now: TEST_NOW }).identity;
}

test('letters are numbered without gaps; the printed audit head is the entry just before the letter', (t) => {
  const { db } = setup(t);
  const id = identity(db);
  const r = recordCase(db);
  const issued = [];
  for (let i = 0; i < 3; i++) {
    const out = issueLetter(db, { ...r, caseDocument: r.c, determination: r.d, identity: id, officer: 'Jane Q. Officer', issuedAt: new Date(`2026-11-2${i}T10:00:00Z`) }, AS);
    assert.ok(out.ok, JSON.stringify(out));
    issued.push(out.value);
  }
  assert.deepEqual(issued.map((x) => x.letter.number), ['TL-2026-000001', 'TL-2026-000002', 'TL-2026-000003']);
  for (const x of issued) {
    const entry = listAudit(db, { subject: `letter:${x.letter.number}`, action: 'letter.issued' })[0];
    assert.equal(entry.seq, x.auditHead.seq + 1);
    assert.equal(entry.prevHash, x.auditHead.hash);
    assert.equal(entry.details.pdfSha256, x.sha256);
    const stored = getLetter(db, x.letter.number)!;
    assert.equal(sha256Hex(stored.pdf), x.sha256);
    const v = verifyLetterPdf(stored.pdf, { trustedFingerprints: trustedFingerprints(db) });
    assert.equal(v.status, 'VALID');
    if (v.status === 'VALID') assert.deepEqual(v.letter.auditHead, x.auditHead);
    // the chain still agrees with the head printed on the letter
    assert.equal(verifyAuditChain(db, { expectedHead: x.auditHead }).ok, true);
    // the QR record checks against the store's trust list, as a scanner of the paper copy would
    assert.equal(verifyQrRecord(x.qrRecord, trustedQrKeys(db)).ok, true);
  }
  assert.equal(verifyAuditChain(db).ok, true);
});

test('a letter can be voided or superseded, never edited or deleted', (t) => {
  const { db } = setup(t);
  const id = identity(db);
  const r = recordCase(db);
  const first = issueLetter(db, { ...r, caseDocument: r.c, determination: r.d, identity: id, officer: 'J. Officer' }, AS);
  assert.ok(first.ok);
  const second = issueLetter(db, { ...r, caseDocument: r.c, determination: r.d, identity: id, officer: 'J. Officer', supersedes: first.value.letter.number }, AS);
  assert.ok(second.ok, JSON.stringify(second));
  assert.equal(second.value.superseded?.status, 'superseded');
  const v = verifyLetterPdf(second.value.pdf, { trustedFingerprints: trustedFingerprints(db) });
  assert.ok(v.status === 'VALID' && v.letter.supersedes === first.value.letter.number);
  // superseding an already superseded letter is refused, and nothing is numbered for it
  const again = issueLetter(db, { ...r, caseDocument: r.c, determination: r.d, identity: id, officer: 'J. Officer', supersedes: first.value.letter.number }, AS);
  assert.equal(again.ok, false);
  const third = issueLetter(db, { ...r, caseDocument: r.c, determination: r.d, identity: id, officer: 'J. Officer' }, AS);
  assert.ok(third.ok);
  assert.equal(third.value.letter.number.slice(-6), '000003');
  assert.throws(() => db.prepare("UPDATE letters SET officer = 'x' WHERE id = ?").run(third.value.letter.id));
  assert.throws(() => db.prepare('DELETE FROM letters WHERE id = ?').run(third.value.letter.id));
  assert.equal(verifyAuditChain(db).ok, true);
});

test('the identity is created once, sealed in the store, and its certificate is trusted', (t) => {
  const { db } = setup(t);
  const a = ensureIdentity(db, { passphrase: PASSPHRASE, office: OFFICE, actor: 'test', kdf: TEST_KDF, now: TEST_NOW });
  const b = ensureIdentity(db, { passphrase: PASSPHRASE, office: { name: 'ignored' }, actor: 'test', kdf: TEST_KDF, now: TEST_NOW });
  assert.equal(a.created, true);
  assert.equal(b.created, false);
  assert.equal(a.identity.fingerprint, b.identity.fingerprint);
  assert.deepEqual(trustedFingerprints(db), [a.identity.fingerprint]);
  const stored = loadStoredIdentity(db)!;
  assert.ok(!JSON.stringify(stored).includes('PRIVATE KEY'), 'no clear private key at rest');
  assert.throws(() => ensureIdentity(db, { passphrase: 'wrong passphrase', office: OFFICE, actor: 'test' }), /wrong passphrase/);
});

/** Rows as an attacker with the database file would change them (the triggers dropped first). */
function tamper(db: Db, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.prepare(sql).run(...params);
}

function issuedThree(t: TestContext) {
  const { db, dir } = setup(t);
  const id = identity(db);
  const r = recordCase(db);
  const heads = [];
  for (let i = 0; i < 3; i++) {
    const out = issueLetter(db, { ...r, caseDocument: r.c, determination: r.d, identity: id, officer: 'J. Officer' }, AS);
    assert.ok(out.ok);
    heads.push(out.value.auditHead);
  }
  return { db, dir, heads };
}

test('the audit chain reports the first bad entry: an edited row (and `tierline audit verify` says so)', async (t) => {
  const { db, dir } = issuedThree(t);
  const target = listAudit(db, { action: 'letter.issued', order: 'asc' })[1];
  tamper(db, 'UPDATE audit_log SET details = ? WHERE seq = ?', JSON.stringify({ ...target.details, officer: 'Someone Else' }), target.seq);
  const v = verifyAuditChain(db);
  assert.equal(v.ok, false);
  if (!v.ok) assert.equal(v.seq, target.seq);
  db.close();
  const io = cliIo(dir, { TIERLINE_DATA_DIR: dir });
  assert.equal(await run(['audit', 'verify'], io), 1);
  assert.match(io.out[0], new RegExp(`^BAD: first bad entry #${target.seq}: `));
});

test('the audit chain reports the first bad entry: a deleted row, and a cut-off tail against the printed head', (t) => {
  const { db, heads } = issuedThree(t);
  const target = listAudit(db, { action: 'letter.issued', order: 'asc' })[0];
  tamper(db, 'DELETE FROM audit_log WHERE seq = ?', target.seq);
  const v = verifyAuditChain(db);
  assert.equal(v.ok, false);
  if (!v.ok) assert.equal(v.seq, target.seq);

  const other = issuedThree(t);
  const last = heads[2];
  // cut the tail and the AUTOINCREMENT counter together: the letters those entries recorded are still
  // stored, so the records no longer agree with the log; the head printed on a letter catches it too
  tamper(other.db, 'DELETE FROM audit_log WHERE seq > ?', other.heads[1].seq);
  other.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(other.heads[1].seq);
  const cut = verifyAuditChain(other.db);
  assert.equal(cut.ok, false);
  if (!cut.ok && 'record' in cut) assert.equal(cut.record.table, 'letters');
  else assert.fail('the cut tail is found through the records');
  const withHead = verifyAuditChain(other.db, { expectedHead: other.heads[2] });
  assert.equal(withHead.ok, false);
  assert.ok(last.seq > 0);
});

test('the audit chain reports the first bad entry: two rows swapped', (t) => {
  const { db } = issuedThree(t);
  const [a, b] = listAudit(db, { action: 'letter.issued', order: 'asc' });
  tamper(db, 'UPDATE audit_log SET seq = -1 WHERE seq = ?', a.seq);
  tamper(db, 'UPDATE audit_log SET seq = ? WHERE seq = ?', a.seq, b.seq);
  tamper(db, 'UPDATE audit_log SET seq = ? WHERE seq = -1', b.seq);
  const v = verifyAuditChain(db);
  assert.equal(v.ok, false);
  if (!v.ok) assert.equal(v.seq, a.seq);
});

// ---- the CLI, in process ----

function cliIo(dir: string, env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: { TIERLINE_DATA_DIR: join(dir, 'data'), TIERLINE_PASSPHRASE: PASSPHRASE, TIERLINE_OFFICE: 'Export Compliance Office', ...env },
    cwd: dir,
  };
}

const CASE_FIXTURE = join(import.meta.dirname, '../../fixtures/cases/sc01-aia-germany.json');

test('cli: letter issues a verified letter; verify says VALID; audit verify says OK', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'case.json'), readFileSync(CASE_FIXTURE));
  const io = cliIo(dir);
  assert.equal(await run(['letter', 'case.json', '--out', 'letter.pdf', '--officer', 'Jane Q. Officer'], io), 0, io.err.join('\n'));
  assert.match(io.out[0], /^issued TL-\d{4}-000001 → letter\.pdf$/);
  const v = cliIo(dir);
  assert.equal(await run(['verify', 'letter.pdf'], v), 0, v.out.join('\n'));
  assert.equal(v.out[0], 'VALID');
  assert.ok(v.out.some((l) => l.includes('register: issued')));
  const a = cliIo(dir);
  assert.equal(await run(['audit', 'verify'], a), 0);
  assert.match(a.out[0], /^OK: \d+ entries, \d+ records match them; head #\d+ [0-9a-f]{64}$/);

  // the QR text a scanner reads from the paper copy checks against the trust list alone
  const js = cliIo(dir);
  assert.equal(await run(['verify', 'letter.pdf', '--json'], js), 0);
  const verdict = JSON.parse(js.out[0]);
  assert.deepEqual([verdict.outcome, verdict.registerStatus], ['VALID', 'issued']);
  const qrText = verdict.verification.letter.qrRecord as string;
  const q = cliIo(dir);
  assert.equal(await run(['letter', 'qr', qrText], q), 0, q.out.join('\n'));
  assert.equal(q.out[0], 'VALID');
  assert.ok(q.out.some((l) => l.includes('registry: issued')));
  const q2 = cliIo(dir);
  assert.equal(await run(['letter', 'qr', qrText.replace('"AIA"', '"NLR"')], q2), 1);

  // tampered → INVALID, exit 1; not a PDF → ERROR, exit 2; missing → ERROR, exit 2
  const pdf = readFileSync(join(dir, 'letter.pdf'));
  pdf[100] ^= 1;
  writeFileSync(join(dir, 'bad.pdf'), pdf);
  const b = cliIo(dir);
  assert.equal(await run(['verify', 'bad.pdf'], b), 1);
  assert.match(b.out[0], /^INVALID\(/);
  writeFileSync(join(dir, 'junk.pdf'), 'hello');
  const j = cliIo(dir);
  assert.equal(await run(['verify', 'junk.pdf'], j), 2);
  assert.match(j.out[0], /^ERROR\(/);
  const m = cliIo(dir);
  assert.equal(await run(['verify', 'missing.pdf'], m), 2);

  // void, then verify says VOID with the reason and date, exit 1
  const vd = cliIo(dir);
  const number = /TL-\d{4}-\d{6}/.exec(io.out[0])![0];
  assert.equal(await run(['letter', 'void', number, '--reason', 'issued to the wrong party'], vd), 0, vd.err.join('\n'));
  const v2 = cliIo(dir);
  assert.equal(await run(['verify', 'letter.pdf'], v2), 1, v2.out.join('\n'));
  assert.equal(v2.out[0], 'VOID');
  assert.ok(v2.out.some((l) => /^ {2}voided \d{4}-\d{2}-\d{2}T[\d:.]+Z: issued to the wrong party$/.test(l)), v2.out.join('\n'));
  const v2j = cliIo(dir);
  assert.equal(await run(['verify', 'letter.pdf', '--json'], v2j), 1);
  assert.deepEqual(
    (({ outcome, voidReason, registerStatus }) => ({ outcome, voidReason, registerStatus }))(JSON.parse(v2j.out[0])),
    { outcome: 'VOID', voidReason: 'issued to the wrong party', registerStatus: 'void' },
  );

  // another installation does not trust the office until its certificate is added
  const cert = cliIo(dir);
  assert.equal(await run(['letter', 'identity', '--export-cert', 'office.pem'], cert), 0, cert.err.join('\n'));
  const elsewhere = tempDir(t);
  const e0 = cliIo(elsewhere);
  e0.cwd = dir;
  assert.equal(await run(['verify', 'letter.pdf'], e0), 3, 'no store there and no --trust: nothing to trust');
  assert.match(e0.err[0], /no Tierline store in /);
  assert.equal(existsSync(join(elsewhere, 'data')), false, 'verify creates no store');
  const e1 = cliIo(elsewhere);
  e1.cwd = dir;
  assert.equal(await run(['verify', 'letter.pdf', '--trust', '00'.repeat(32)], e1), 1);
  assert.match(e1.out[0], /not in the trust list/);
  const e2 = cliIo(elsewhere);
  e2.cwd = dir;
  assert.equal(await run(['letter', 'trust', 'add', 'office.pem'], e2), 0, e2.err.join('\n'));
  const e3 = cliIo(elsewhere);
  e3.cwd = dir;
  assert.equal(await run(['verify', 'letter.pdf'], e3), 0, e3.out.join('\n'));
  // genuine, from another trusted office: not this office's register to judge (its own letter numbers may coincide)
  assert.equal(e3.out[0], 'VALID (not in this register)');
});

test('cli: wrong passphrase, missing passphrase and bad usage are refused with the right exit codes', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'case.json'), readFileSync(CASE_FIXTURE));
  const nobody = cliIo(dir);
  assert.equal(await run(['letter', 'case.json', '--out', 'a.pdf'], nobody), 2, 'a letter names its officer; the login name is never used');
  assert.match(nobody.err.join('\n'), /--officer.*TIERLINE_OFFICER/);
  assert.equal(await run(['letter', 'case.json', '--out', 'a.pdf'], cliIo(dir, { TIERLINE_OFFICER: 'Jane Q. Officer' })), 0);
  const wrong = cliIo(dir, { TIERLINE_PASSPHRASE: 'not the passphrase' });
  assert.equal(await run(['letter', 'case.json', '--out', 'b.pdf', '--officer', 'Jane Q. Officer'], wrong), 1);
  assert.match(wrong.err.join('\n'), /BAD_PASSPHRASE/);
  const none = cliIo(dir, { TIERLINE_PASSPHRASE: '' });
  assert.equal(await run(['letter', 'case.json', '--out', 'b.pdf', '--officer', 'Jane Q. Officer'], none), 2);
  assert.equal(await run(['letter', 'case.json'], cliIo(dir)), 2);
  assert.equal(await run(['audit', 'frobnicate'], cliIo(dir)), 2);
  assert.equal(await run(['verify'], cliIo(dir)), 2);
});
