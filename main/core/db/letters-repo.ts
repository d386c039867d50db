// Issued letters: numbered TL-YYYY-NNNNNN without gaps per year, the signed PDF kept with its sha256.
// A letter is never edited or deleted; it can only be voided (with a reason) or superseded by a newer
// letter for the same case. The schema enforces all of this too (see migration 0002).
import { appendAudit } from './audit-repo';
import { sha256Hex } from './hash';
import { recordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export type LetterStatus = 'issued' | 'void' | 'superseded';

export interface LetterSummary {
  id: number;
  number: string;
  year: number;
  seq: number;
  caseId: number;
  determinationId: number;
  pdfSha256: string;
  pdfSize: number;
  status: LetterStatus;
  supersededBy: number | null;
  voidReason: string | null;
  issuedAt: string;
  officer: string;
  statusChangedAt: string | null;
}

export interface LetterRecord extends LetterSummary {
  pdf: Buffer;
}

export interface NewLetter {
  /** From nextLetterNumber; checked again when inserted (another letter may have taken it). */
  number: string;
  caseId: number;
  determinationId: number;
  pdf: Uint8Array;
  /** If given, must equal the sha256 of `pdf`. */
  pdfSha256?: string;
  officer: string;
  /** ISO instant printed on the letter; its UTC year must be the number's year. Defaults to now. */
  issuedAt?: string;
}

interface LetterRow {
  id: number;
  number: string;
  year: number;
  seq: number;
  case_id: number;
  determination_id: number;
  pdf_sha256: string;
  pdf_size: number;
  pdf?: Buffer;
  status: LetterStatus;
  superseded_by: number | null;
  void_reason: string | null;
  issued_at: string;
  officer: string;
  status_changed_at: string | null;
}

const SUMMARY_COLUMNS = `id, number, year, seq, case_id, determination_id, pdf_sha256, length(pdf) AS pdf_size, status,
  superseded_by, void_reason, issued_at, officer, status_changed_at`;

function toSummary(r: LetterRow): LetterSummary {
  return {
    id: r.id,
    number: r.number,
    year: r.year,
    seq: r.seq,
    caseId: r.case_id,
    determinationId: r.determination_id,
    pdfSha256: r.pdf_sha256,
    pdfSize: r.pdf_size,
    status: r.status,
    supersededBy: r.superseded_by,
    voidReason: r.void_reason,
    issuedAt: r.issued_at,
    officer: r.officer,
    statusChangedAt: r.status_changed_at,
  };
}

const NUMBER_RE = /^TL-(\d{4})-(\d{6})$/;

export function formatLetterNumber(year: number, seq: number): string {
  return `TL-${String(year).padStart(4, '0')}-${String(seq).padStart(6, '0')}`;
}

export function parseLetterNumber(number: string): { year: number; seq: number } | null {
  const m = NUMBER_RE.exec(number);
  if (!m) return null;
  const seq = Number(m[2]);
  return seq >= 1 ? { year: Number(m[1]), seq } : null;
}

/** The number the next letter of `year` (default: this UTC year) will carry. */
export function nextLetterNumber(db: Db, year: number = new Date().getUTCFullYear()): string {
  const max = db.prepare('SELECT coalesce(max(seq), 0) FROM letters WHERE year = ?').pluck().get(year) as number;
  return formatLetterNumber(year, max + 1);
}

function getSummary(db: Db, id: number): LetterSummary | null {
  const r = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM letters WHERE id = ?`).get(id) as LetterRow | undefined;
  return r ? toSummary(r) : null;
}

function validateLetter(letter: NewLetter, opts: WriteOptions): Result<{ year: number; seq: number; sha: string; issuedAt: string }> {
  const parsed = parseLetterNumber(letter.number);
  if (!parsed) return fail('INVALID_INPUT', 'a letter number looks like TL-2026-000001', '$.number');
  if (!(letter.pdf instanceof Uint8Array) || letter.pdf.length === 0) return fail('INVALID_INPUT', 'the letter has no PDF', '$.pdf');
  const sha = sha256Hex(letter.pdf);
  if (letter.pdfSha256 !== undefined && letter.pdfSha256 !== sha) {
    return fail('SHA256_MISMATCH', `the PDF hashes to ${sha}, not ${letter.pdfSha256}`, '$.pdfSha256');
  }
  if (!letter.officer || !letter.officer.trim()) return fail('INVALID_INPUT', 'a letter names the officer who issued it', '$.officer');
  const issuedAt = letter.issuedAt ?? nowIso(opts);
  const issued = new Date(issuedAt);
  if (Number.isNaN(issued.getTime())) return fail('INVALID_INPUT', 'issuedAt is not an ISO 8601 instant', '$.issuedAt');
  if (issued.getUTCFullYear() !== parsed.year) {
    return fail('INVALID_INPUT', `letter ${letter.number} cannot be issued in ${issued.getUTCFullYear()}`, '$.number');
  }
  return { ok: true, value: { ...parsed, sha, issuedAt } };
}

/** Inside a transaction: checks the number is still the next one and the references hold, then inserts. */
function insertChecked(db: Db, letter: NewLetter, v: { year: number; seq: number; sha: string; issuedAt: string }, opts: WriteOptions): LetterSummary {
  const next = nextLetterNumber(db, v.year);
  if (letter.number !== next) abort('LETTER_NUMBER_TAKEN', `${letter.number} is not the next letter number (${next} is): render the letter again`, '$.number');
  const det = db.prepare('SELECT case_id FROM determinations WHERE id = ?').pluck().get(letter.determinationId) as number | undefined;
  if (det === undefined) abort('NOT_FOUND', `no determination ${letter.determinationId}`, '$.determinationId');
  if (det !== letter.caseId) abort('INVALID_INPUT', `determination ${letter.determinationId} belongs to case ${det}, not ${letter.caseId}`, '$.caseId');
  const id = Number(
    db
      .prepare(
        `INSERT INTO letters (number, year, seq, case_id, determination_id, pdf_sha256, pdf, status, issued_at, officer)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?)`,
      )
      .run(letter.number, v.year, v.seq, letter.caseId, letter.determinationId, v.sha, Buffer.from(letter.pdf), v.issuedAt, letter.officer.trim())
      .lastInsertRowid,
  );
  appendAudit(
    db,
    {
      action: 'letter.issued',
      subject: `letter:${letter.number}`,
      details: { id, caseId: letter.caseId, determinationId: letter.determinationId, pdfSha256: v.sha, officer: letter.officer.trim() },
      records: [recordRef(db, 'letter', letter.number)],
    },
    opts,
  );
  const row = getSummary(db, id);
  if (!row) throw new Error(`letter ${id} vanished after insert`);
  return row;
}

export function insertLetter(db: Db, letter: NewLetter, opts: WriteOptions): Result<LetterSummary> {
  const v = validateLetter(letter, opts);
  if (!v.ok) return v;
  return write(db, () => insertChecked(db, letter, v.value, opts));
}

export function voidLetter(db: Db, id: number, reason: string, opts: WriteOptions): Result<LetterSummary> {
  if (!reason || !reason.trim()) return fail('INVALID_INPUT', 'say why the letter is void', '$.reason');
  return write(db, () => {
    const current = getSummary(db, id);
    if (!current) return abort('NOT_FOUND', `no letter ${id}`);
    if (current.status !== 'issued') abort('INVALID_TRANSITION', `letter ${current.number} is ${current.status}; only an issued letter can be voided`);
    const at = nowIso(opts);
    db.prepare("UPDATE letters SET status = 'void', void_reason = ?, status_changed_at = ? WHERE id = ?").run(reason.trim(), at, id);
    appendAudit(
      db,
      { action: 'letter.voided', subject: `letter:${current.number}`, details: { id, reason: reason.trim() }, records: [recordRef(db, 'letter', current.number)] },
      { ...opts, at },
    );
    return getSummary(db, id) as LetterSummary;
  });
}

/** Issues `replacement` and marks letter `oldId` superseded by it, in one transaction. Same case only. */
export function supersedeLetter(
  db: Db,
  oldId: number,
  replacement: NewLetter,
  opts: WriteOptions,
): Result<{ old: LetterSummary; replacement: LetterSummary }> {
  const v = validateLetter(replacement, opts);
  if (!v.ok) return v;
  return write(db, () => {
    const current = getSummary(db, oldId);
    if (!current) return abort('NOT_FOUND', `no letter ${oldId}`);
    if (current.status !== 'issued') abort('INVALID_TRANSITION', `letter ${current.number} is ${current.status}; only an issued letter can be superseded`);
    if (current.caseId !== replacement.caseId) abort('INVALID_INPUT', `letter ${current.number} is for case ${current.caseId}; its replacement must be too`, '$.caseId');
    const created = insertChecked(db, replacement, v.value, opts);
    const at = nowIso(opts);
    db.prepare("UPDATE letters SET status = 'superseded', superseded_by = ?, status_changed_at = ? WHERE id = ?").run(created.id, at, oldId);
    appendAudit(
      db,
      {
        action: 'letter.superseded',
        subject: `letter:${current.number}`,
        details: { id: oldId, by: created.id, byNumber: created.number },
        records: [recordRef(db, 'letter', current.number)],
      },
      { ...opts, at },
    );
    return { old: getSummary(db, oldId) as LetterSummary, replacement: created };
  });
}

/** A letter with its PDF, by id or by number. */
export function getLetter(db: Db, idOrNumber: number | string): LetterRecord | null {
  const r = db
    .prepare(`SELECT ${SUMMARY_COLUMNS}, pdf FROM letters WHERE ${typeof idOrNumber === 'number' ? 'id' : 'number'} = ?`)
    .get(idOrNumber) as LetterRow | undefined;
  return r && r.pdf ? { ...toSummary(r), pdf: r.pdf } : null;
}

export interface LetterFilter {
  caseId?: number;
  status?: LetterStatus;
  year?: number;
  limit?: number;
  offset?: number;
}

/** Newest first, without the PDFs. */
export function listLetters(db: Db, f: LetterFilter = {}): LetterSummary[] {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM letters
       WHERE (@caseId IS NULL OR case_id = @caseId) AND (@status IS NULL OR status = @status) AND (@year IS NULL OR year = @year)
       ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({
      caseId: f.caseId ?? null,
      status: f.status ?? null,
      year: f.year ?? null,
      limit: Math.min(Math.max(Math.trunc(f.limit ?? 100), 1), 1000),
      offset: Math.max(Math.trunc(f.offset ?? 0), 0),
    }) as LetterRow[];
  return rows.map(toSummary);
}


