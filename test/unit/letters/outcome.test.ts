// The verdicts of shared/domain/letter-outcome.ts, decided once (main/core/letters/outcome.ts) and
// reported the same by the CLI and the app's handler: VALID, VOID (reason and date), SUPERSEDED (by
// which letter), VALID_ELSEWHERE (another trusted office), INVALID (register mismatch, not in the
// register, a corrupt certificate inside the signature), ERROR.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../../shared/domain/canonical';
import { LETTER_OUTCOMES, OUTCOME_DEFINITIONS, formatOutcome } from '../../../shared/domain/letter-outcome';
import { insertDetermination, openDatabaseOrThrow, saveCase, voidLetter, type Db } from '../../../main/core/db';
import { ensureIdentity, trustedFingerprints } from '../../../main/core/identity';
import { sha256Hex } from '../../../main/core/identity/keys';
import { issueLetter, letterOutcome, registerOf, verifyLetter, verifyLetterPdf } from '../../../main/core/letters';
import { run } from '../../../main/cli';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { databasePath } from '../../../main/core/paths';
import type { CliIo } from '../../../main/core/cli/types';
import { makeCase, makeDetermination, OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from './fixtures';
import { officeIdentity, sampleLetter } from './helpers';

const AS = { actor: 'test' };

function store(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'tierline-outcome-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'data'));
  const db = openDatabaseOrThrow(databasePath(join(dir, 'data')));
  t.after(() => db.open && db.close());
  const id = ensureIdentity(db, { passphrase: PASSPHRASE, office: OFFICE, actor: 'test', kdf: TEST_KDF, now: TEST_NOW }).identity;
  const c = makeCase({ endUser: { name: 'Rheinwerk Cloud GmbH', type: 'data_center', headquarters: 'DE' } });
  const d = makeDetermination(c);
  const saved = saveCase(db, c, sha256Hex(canonicalJson(c)), AS);
  assert.ok(saved.ok);
  const det = insertDetermination(db, saved.value.id, d, AS);
  assert.ok(det.ok);
  const issue = (supersedes?: string) => {
    const r = issueLetter(db, { caseId: saved.value.id, determinationId: det.value.id, caseDocument: c, determination: d, identity: id, officer: 'Jane Q. Officer', issuedAt: new Date('2026-11-20T10:00:00Z'), supersedes }, AS);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  return { db, dir, issue };
}

function cli(dir: string): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (l) => out.push(l), stderr: () => {}, env: { TIERLINE_DATA_DIR: join(dir, 'data') }, cwd: dir };
}

const outcomeOf = (db: Db, pdf: Buffer) => verifyLetter(pdf, trustedFingerprints(db), registerOf(db)).outcome;

test('every outcome has a label, a meaning and an exit code; VOID and SUPERSEDED exit 1', () => {
  assert.deepEqual([...LETTER_OUTCOMES], ['VALID', 'VALID_ELSEWHERE', 'VOID', 'SUPERSEDED', 'INVALID', 'ERROR']);
  assert.deepEqual(
    LETTER_OUTCOMES.map((o) => OUTCOME_DEFINITIONS[o].exit),
    [0, 0, 1, 1, 1, 2],
  );
  for (const o of LETTER_OUTCOMES) assert.ok(OUTCOME_DEFINITIONS[o].meaning.length > 30);
});

test('issued → VALID; voided → VOID with reason and date; superseded → SUPERSEDED by the new number (CLI exit codes too)', async (t) => {
  const { db, dir, issue } = store(t);
  const first = issue();
  writeFileSync(join(dir, 'first.pdf'), first.pdf);
  assert.equal(outcomeOf(db, first.pdf).outcome, 'VALID');
  let io = cli(dir);
  assert.equal(await run(['verify', 'first.pdf'], io), 0);
  assert.equal(io.out[0], 'VALID');

  const second = issue(first.letter.number);
  const sup = outcomeOf(db, first.pdf);
  assert.deepEqual([sup.outcome, sup.supersededBy, sup.registerStatus], ['SUPERSEDED', second.letter.number, 'superseded']);
  assert.match(sup.statusChangedAt ?? '', /^2026-11-20T/);
  assert.equal(formatOutcome(sup), `SUPERSEDED letter ${first.letter.number} (by ${second.letter.number}, on ${sup.statusChangedAt})`);
  io = cli(dir);
  assert.equal(await run(['verify', 'first.pdf'], io), 1);
  assert.equal(io.out[0], 'SUPERSEDED');
  assert.ok(io.out.includes(`  superseded by ${second.letter.number} on ${sup.statusChangedAt}`), io.out.join('\n'));

  const v = voidLetter(db, second.letter.id, 'wrong consignee', { actor: 'test', at: '2026-11-21T09:00:00.000Z' });
  assert.ok(v.ok);
  const vo = outcomeOf(db, second.pdf);
  assert.deepEqual([vo.outcome, vo.voidReason, vo.statusChangedAt], ['VOID', 'wrong consignee', '2026-11-21T09:00:00.000Z']);
  writeFileSync(join(dir, 'second.pdf'), second.pdf);
  io = cli(dir);
  assert.equal(await run(['verify', 'second.pdf'], io), 1);
  assert.deepEqual(io.out.slice(0, 1), ['VOID']);
  assert.ok(io.out.includes('  voided 2026-11-21T09:00:00.000Z: wrong consignee'), io.out.join('\n'));
});

test('the app handler reports the same verdicts as the CLI', async (t) => {
  const { db, dir, issue } = store(t);
  const first = issue();
  const ctx: HandlerContext = { dataDir: join(dir, 'data'), actor: 'test', appVersion: '0', platform: headlessPlatform, today: () => '2026-11-26', logError: () => {}, resources: new Map() };
  t.after(() => closeResources(ctx));
  const ask = async (pdf: Buffer) => {
    const r = (await dispatch('letters.verify', { pdfBase64: pdf.toString('base64') }, ctx)) as { ok: true; value: { outcome: string; valid: boolean; supersededBy: string | null; voidReason: string | null } };
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  assert.deepEqual(((v) => [v.outcome, v.valid])(await ask(first.pdf)), ['VALID', true]);
  const second = issue(first.letter.number);
  assert.deepEqual(((v) => [v.outcome, v.valid, v.supersededBy])(await ask(first.pdf)), ['SUPERSEDED', false, second.letter.number]);
  assert.ok(voidLetter(db, second.letter.id, 'withdrawn', AS).ok);
  assert.deepEqual(((v) => [v.outcome, v.valid, v.voidReason])(await ask(second.pdf)), ['VOID', false, 'withdrawn']);
  const junk = await ask(Buffer.from('%PDF-1.7 nothing'));
  assert.deepEqual([junk.outcome, junk.valid], ['INVALID', false]);
  const notPdf = await ask(Buffer.from('hello'));
  assert.deepEqual([notPdf.outcome, notPdf.valid], ['ERROR', false]);
});

test('another trusted office → VALID_ELSEWHERE; own key but unknown number or other bytes → INVALID', (t) => {
  const { db, issue } = store(t);
  const mine = issue();
  // a letter from the shared test office (another identity), whose number coincides with ours
  const other = sampleLetter({ letterNumber: mine.letter.number });
  const trust = [...trustedFingerprints(db), officeIdentity().id.fingerprint];
  const elsewhere = verifyLetter(other.pdf, trust, registerOf(db)).outcome;
  assert.deepEqual([elsewhere.outcome, elsewhere.code], ['VALID_ELSEWHERE', 'OTHER_OFFICE']);
  assert.equal(OUTCOME_DEFINITIONS[elsewhere.outcome].exit, 0);

  const v = verifyLetterPdf(mine.pdf, { trustedFingerprints: trustedFingerprints(db) });
  const reg = registerOf(db);
  const unknown = letterOutcome(v, sha256Hex(mine.pdf), { ...reg, lookup: () => null });
  assert.deepEqual([unknown.outcome, unknown.code], ['INVALID', 'NOT_IN_REGISTER']);
  const differs = letterOutcome(v, 'ff'.repeat(32), reg);
  assert.deepEqual([differs.outcome, differs.code], ['INVALID', 'REGISTER_MISMATCH']);
  const noStore = letterOutcome(v, sha256Hex(mine.pdf), null);
  assert.deepEqual([noStore.outcome, noStore.code], ['VALID_ELSEWHERE', 'NO_REGISTER']);
});

test('a corrupted certificate inside the signature is INVALID, not an internal error', () => {
  const letter = sampleLetter();
  const cert = officeIdentity().id.certificateDer;
  const hexAt = letter.pdf.toString('latin1').indexOf(cert.toString('hex'));
  assert.ok(hexAt > 0, 'the certificate is inside /Contents');
  // Corrupt the certificate's public key bytes (the SubjectPublicKeyInfo), keeping every length intact.
  const spki = cert.indexOf(Buffer.from('2a864886f70d0101010500', 'hex'));
  assert.ok(spki > 0);
  for (const delta of [20, 30, 40]) {
    const bad = Buffer.from(letter.pdf);
    const at = hexAt + 2 * (spki + delta);
    bad.write(bad.toString('latin1', at, at + 2) === '00' ? 'ff' : '00', at, 'latin1');
    const r = verifyLetterPdf(bad, { trustedFingerprints: [officeIdentity().id.fingerprint] });
    assert.equal(r.status, 'INVALID', JSON.stringify(r));
  }
  // The certificate's outer SEQUENCE tag changed: not a certificate at all.
  const bad = Buffer.from(letter.pdf);
  bad.write('31', hexAt, 'latin1');
  const r = verifyLetterPdf(bad, { trustedFingerprints: [officeIdentity().id.fingerprint] });
  assert.equal(r.status, 'INVALID', JSON.stringify(r));
});
