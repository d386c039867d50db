import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatLetterNumber,
  getLetter,
  insertLetter,
  listAudit,
  listLetters,
  nextLetterNumber,
  parseLetterNumber,
  sha256Hex,
  supersedeLetter,
  voidLetter,
  type Db,
  type NewLetter,
} from '../../../main/core/db/index';
import { AS, evaluatedCase, tempDb } from './helpers';

const AT_2026 = { ...AS, at: '2026-03-04T10:00:00.000Z' };

function letterFor(db: Db, ids: { caseId: number; determinationId: number }, year = 2026, text = 'pdf'): NewLetter {
  return {
    number: nextLetterNumber(db, year),
    caseId: ids.caseId,
    determinationId: ids.determinationId,
    pdf: Buffer.from(`%PDF-1.7 ${text}`),
    officer: 'A. Officer',
    issuedAt: `${year}-03-04T10:00:00.000Z`,
  };
}

test('letter numbers are TL-YYYY-NNNNNN, gapless per year', (t) => {
  const { db } = tempDb(t);
  const ids = evaluatedCase(db);
  assert.equal(nextLetterNumber(db, 2026), 'TL-2026-000001');
  const numbers: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = insertLetter(db, letterFor(db, ids), AT_2026);
    assert.ok(r.ok, JSON.stringify(r));
    numbers.push(r.value.number);
  }
  assert.deepEqual(numbers, [1, 2, 3, 4, 5].map((n) => formatLetterNumber(2026, n)));
  assert.equal(nextLetterNumber(db, 2027), 'TL-2027-000001', 'each year starts at 1');
  const r2027 = insertLetter(db, letterFor(db, ids, 2027), AT_2026);
  assert.ok(r2027.ok && r2027.value.number === 'TL-2027-000001');
  assert.equal(nextLetterNumber(db, 2026), 'TL-2026-000006');
  assert.deepEqual(parseLetterNumber('TL-2026-000042'), { year: 2026, seq: 42 });
  assert.equal(parseLetterNumber('TL-2026-000000'), null);
  assert.equal(parseLetterNumber('TL-26-1'), null);
});

test('a number already taken, skipped ahead, or from another year than the issue date is refused', (t) => {
  const { db } = tempDb(t);
  const ids = evaluatedCase(db);
  const first = letterFor(db, ids);
  assert.ok(insertLetter(db, first, AT_2026).ok);
  const taken = insertLetter(db, { ...first, pdf: Buffer.from('other') }, AT_2026);
  assert.ok(!taken.ok && taken.error.code === 'LETTER_NUMBER_TAKEN');
  const skip = insertLetter(db, { ...first, number: 'TL-2026-000003' }, AT_2026);
  assert.ok(!skip.ok && skip.error.code === 'LETTER_NUMBER_TAKEN');
  const wrongYear = insertLetter(db, { ...letterFor(db, ids), issuedAt: '2025-12-31T23:00:00.000Z' }, AT_2026);
  assert.ok(!wrongYear.ok && wrongYear.error.path === '$.number');
  // The schema holds the line even when the code is bypassed.
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO letters (number, year, seq, case_id, determination_id, pdf_sha256, pdf, issued_at, officer)
           VALUES ('TL-2026-000005', 2026, 5, ?, ?, ?, x'00', 'x', 'o')`,
        )
        .run(ids.caseId, ids.determinationId, 'a'.repeat(64)),
    /gapless/,
  );
  assert.deepEqual(listLetters(db).map((l) => l.number), ['TL-2026-000001']);
});

test('a letter keeps its PDF and sha256; the determination must belong to the case', (t) => {
  const { db } = tempDb(t);
  const ids = evaluatedCase(db);
  const other = evaluatedCase(db, { reference: 'other' });
  const l = letterFor(db, ids);
  const r = insertLetter(db, l, AT_2026);
  assert.ok(r.ok);
  const stored = getLetter(db, r.value.number);
  assert.ok(stored);
  assert.deepEqual(Buffer.from(stored.pdf), Buffer.from(l.pdf));
  assert.equal(stored.pdfSha256, sha256Hex(l.pdf));
  assert.equal(getLetter(db, r.value.id)?.number, r.value.number);
  const mismatch = insertLetter(db, { ...letterFor(db, ids), determinationId: other.determinationId }, AT_2026);
  assert.ok(!mismatch.ok && mismatch.error.path === '$.caseId');
  const badSha = insertLetter(db, { ...letterFor(db, ids), pdfSha256: 'f'.repeat(64) }, AT_2026);
  assert.ok(!badSha.ok && badSha.error.code === 'SHA256_MISMATCH');
  const noPdf = insertLetter(db, { ...letterFor(db, ids), pdf: new Uint8Array() }, AT_2026);
  assert.ok(!noPdf.ok && noPdf.error.path === '$.pdf');
  assert.equal(listAudit(db, { action: 'letter.issued' }).length, 1);
});

test('void and supersede are the only changes, each once, from issued', (t) => {
  const { db } = tempDb(t);
  const ids = evaluatedCase(db);
  const a = insertLetter(db, letterFor(db, ids), AT_2026);
  const b = insertLetter(db, letterFor(db, ids), AT_2026);
  assert.ok(a.ok && b.ok);
  const noReason = voidLetter(db, a.value.id, '  ', AT_2026);
  assert.ok(!noReason.ok && noReason.error.code === 'INVALID_INPUT');
  const v = voidLetter(db, a.value.id, 'sent to the wrong address', AT_2026);
  assert.ok(v.ok && v.value.status === 'void' && v.value.voidReason === 'sent to the wrong address');
  const again = voidLetter(db, a.value.id, 'twice', AT_2026);
  assert.ok(!again.ok && again.error.code === 'INVALID_TRANSITION');
  const s = supersedeLetter(db, b.value.id, letterFor(db, ids, 2026, 'corrected'), AT_2026);
  assert.ok(s.ok, JSON.stringify(s));
  assert.equal(s.value.old.status, 'superseded');
  assert.equal(s.value.old.supersededBy, s.value.replacement.id);
  assert.equal(s.value.replacement.number, 'TL-2026-000003');
  const voidSuperseded = voidLetter(db, b.value.id, 'no', AT_2026);
  assert.ok(!voidSuperseded.ok && voidSuperseded.error.code === 'INVALID_TRANSITION');
  const supersedeVoid = supersedeLetter(db, a.value.id, letterFor(db, ids), AT_2026);
  assert.ok(!supersedeVoid.ok && supersedeVoid.error.code === 'INVALID_TRANSITION');
  assert.equal(nextLetterNumber(db, 2026), 'TL-2026-000004', 'a refused supersede uses no number');
  const otherCase = evaluatedCase(db, { reference: 'other' });
  const cross = supersedeLetter(db, s.value.replacement.id, letterFor(db, otherCase), AT_2026);
  assert.ok(!cross.ok && cross.error.path === '$.caseId');
  assert.deepEqual(listLetters(db, { status: 'issued' }).map((l) => l.number), ['TL-2026-000003']);
  assert.deepEqual(
    listAudit(db, { order: 'asc' }).map((e) => e.action).filter((a) => a.startsWith('letter.')),
    ['letter.issued', 'letter.issued', 'letter.voided', 'letter.issued', 'letter.superseded'],
  );
});

test('the schema refuses editing or deleting a letter, and any other status change', (t) => {
  const { db } = tempDb(t);
  const ids = evaluatedCase(db);
  const a = insertLetter(db, letterFor(db, ids), AT_2026);
  const b = insertLetter(db, letterFor(db, ids), AT_2026);
  assert.ok(a.ok && b.ok);
  const refused = /only go from issued/;
  assert.throws(() => db.prepare("UPDATE letters SET officer = 'someone else'").run(), refused);
  assert.throws(() => db.prepare("UPDATE letters SET pdf = x'01' WHERE id = ?").run(a.value.id), refused);
  assert.throws(() => db.prepare("UPDATE letters SET status = 'void', void_reason = 'x', status_changed_at = 'x', officer = 'y' WHERE id = ?").run(a.value.id), refused);
  assert.throws(() => db.prepare('DELETE FROM letters WHERE id = ?').run(a.value.id), /never deleted/);
  assert.ok(voidLetter(db, a.value.id, 'mistake', AT_2026).ok);
  assert.throws(() => db.prepare("UPDATE letters SET status = 'issued', void_reason = NULL WHERE id = ?").run(a.value.id), refused);
  assert.throws(() => db.prepare("UPDATE letters SET void_reason = 'other reason' WHERE id = ?").run(a.value.id), refused);
  assert.throws(
    () => db.prepare("UPDATE letters SET status = 'superseded', superseded_by = ?, status_changed_at = 'x' WHERE id = ?").run(b.value.id, b.value.id),
    /CHECK|only go from issued/,
  );
  assert.equal(getLetter(db, b.value.id)?.status, 'issued');
});
