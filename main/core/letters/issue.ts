// The letter registry's one way in: number, render, sign and record a letter in a single store
// transaction, so the number is the next one (no gaps, no reuse), the audit head printed on the letter is
// the entry just before this letter's own `letter.issued` entry, and the stored hash is of the exact
// bytes handed out. Rendering and signing are synchronous (~0.1 s), so holding the write lock is cheap.
import type { Case } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';
import { undecidedCandidates } from '../../../shared/domain/screening';
import {
  auditHead,
  getLetter,
  insertLetter,
  nextLetterNumber,
  supersedeLetter,
  voidLetter,
  type AuditHead,
  type Db,
  type LetterSummary,
  type Result,
  type WriteOptions,
} from '../db';
import { abort, write } from '../db/tx';
import type { UnlockedIdentity } from '../identity/keys';
import { buildSignedLetter } from './build';
import type { PageSize } from './render';

export interface IssueLetterInput {
  caseId: number;
  determinationId: number;
  /** The stored case document (its canonical JSON hashes to the determination's caseSha256). */
  caseDocument: Case;
  determination: Determination;
  identity: UnlockedIdentity;
  officer: string;
  pageSize?: PageSize;
  /** Defaults to opts.at, else now. */
  issuedAt?: Date;
  /** Id or number of an issued letter for the same case that this one replaces. */
  supersedes?: number | string;
}

export interface IssuedLetter {
  letter: LetterSummary;
  pdf: Buffer;
  sha256: string;
  qrRecord: string;
  /** The audit head printed on the letter (the entry before this letter's `letter.issued`). */
  auditHead: AuditHead;
  superseded: LetterSummary | null;
}

export function issueLetter(db: Db, input: IssueLetterInput, opts: WriteOptions): Result<IssuedLetter> {
  const issuedAt = input.issuedAt ?? new Date(opts.at ?? Date.now());
  if (Number.isNaN(issuedAt.getTime())) return { ok: false, error: { code: 'INVALID_INPUT', message: 'issuedAt is not a date', path: '$.issuedAt' } };
  const at = issuedAt.toISOString();
  const open = (input.determination.screening?.parties ?? []).flatMap((p) => undecidedCandidates(p).map((c) => `${p.name} ~ ${c.list} "${c.name}"`));
  if (input.determination.screening?.status === 'needs_review' || open.length) {
    return {
      ok: false,
      error: {
        code: 'SCREENING_REVIEW',
        message: `screening needs review: an officer must confirm or clear each candidate with a reason before a letter is issued (${open.join('; ')}); tierline screening decide ${input.caseId} …`,
        path: '$.determination.screening',
      },
    };
  }
  return write(db, () => {
    const number = nextLetterNumber(db, issuedAt.getUTCFullYear());
    const old = input.supersedes !== undefined ? getLetter(db, input.supersedes) : null;
    if (input.supersedes !== undefined && !old) abort('NOT_FOUND', `no letter ${input.supersedes} to supersede`, '$.supersedes');
    const head = auditHead(db);
    const signed = buildSignedLetter({
      case: input.caseDocument,
      determination: input.determination,
      letterNumber: number,
      issuedAt,
      officer: input.officer,
      auditHead: head,
      pageSize: input.pageSize ?? 'A4',
      identity: input.identity,
      supersedes: old?.number ?? null,
    });
    const row = {
      number,
      caseId: input.caseId,
      determinationId: input.determinationId,
      pdf: signed.pdf,
      pdfSha256: signed.sha256,
      officer: input.officer,
      issuedAt: at,
    };
    const wopts = { ...opts, at };
    if (old) {
      const r = supersedeLetter(db, old.id, row, wopts);
      if (!r.ok) return abort(r.error.code, r.error.message, r.error.path);
      return { letter: r.value.replacement, pdf: signed.pdf, sha256: signed.sha256, qrRecord: signed.qrRecord, auditHead: head, superseded: r.value.old };
    }
    const r = insertLetter(db, row, wopts);
    if (!r.ok) return abort(r.error.code, r.error.message, r.error.path);
    return { letter: r.value, pdf: signed.pdf, sha256: signed.sha256, qrRecord: signed.qrRecord, auditHead: head, superseded: null };
  });
}

export { voidLetter };

/** What the local registry says about a letter's bytes: unknown here, or its status. */
export type RegistryStatus =
  | { known: false }
  | { known: true; letter: LetterSummary; sameBytes: boolean };

export function registryStatus(db: Db, letterNumber: string, pdfSha256: string): RegistryStatus {
  const l = getLetter(db, letterNumber);
  if (!l) return { known: false };
  const { pdf: _pdf, ...summary } = l;
  return { known: true, letter: summary, sameBytes: l.pdfSha256 === pdfSha256 };
}
