// Reads for impact analysis (what a candidate pack or list would change): every stored case that has a
// determination, in id order and in pages, with the modes its latest determination evaluated; and the
// issued letters with the determinations they state. Read-only: nothing here writes.
import type { EvaluationMode } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';
import { expandDocument } from './determination-parts';
import type { Db } from './types';

export interface ImpactCaseRow {
  id: number;
  reference: string | null;
  date: string;
  destination: string;
  /** The stored (validated, catalogue-filled) case document, as JSON text. */
  document: string;
  sha256: string;
  latestDeterminationId: number;
  /** The modes the latest determination evaluated. */
  modes: EvaluationMode[];
}

interface Row {
  id: number;
  reference: string | null;
  case_date: string;
  destination: string;
  document: string;
  sha256: string;
  det_id: number;
  pack_refs: string;
}

/** How many stored cases have at least one determination. */
export function countEvaluatedCases(db: Db): number {
  return db.prepare('SELECT count(*) FROM cases c WHERE EXISTS (SELECT 1 FROM determinations d WHERE d.case_id = c.id)').pluck().get() as number;
}

/** The next page of evaluated cases after `afterId` (keyset on the primary key). */
export function evaluatedCasesPage(db: Db, afterId: number, limit: number): ImpactCaseRow[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.reference, c.case_date, c.destination, c.document, c.sha256, d.id AS det_id, d.pack_refs
       FROM cases c
       JOIN determinations d ON d.id = (SELECT max(id) FROM determinations WHERE case_id = c.id)
       WHERE c.id > ?
       ORDER BY c.id
       LIMIT ?`,
    )
    .all(afterId, limit) as Row[];
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    date: r.case_date,
    destination: r.destination,
    document: r.document,
    sha256: r.sha256,
    latestDeterminationId: r.det_id,
    modes: Object.keys(JSON.parse(r.pack_refs) as Record<string, unknown>).filter((m): m is EvaluationMode => m === 'as_written' || m === 'enforced'),
  }));
}

export interface IssuedLetterRow {
  id: number;
  number: string;
  caseId: number;
  determinationId: number;
  issuedAt: string;
  determination: Determination;
}

/** Letters still in force (status issued), with the determination each one states. */
export function issuedLetters(db: Db): IssuedLetterRow[] {
  const rows = db
    .prepare(
      `SELECT l.id, l.number, l.case_id, l.determination_id, l.issued_at, d.document, d.case_sha256, d.as_of
       FROM letters l JOIN determinations d ON d.id = l.determination_id
       WHERE l.status = 'issued'
       ORDER BY l.id`,
    )
    .all() as { id: number; number: string; case_id: number; determination_id: number; issued_at: string; document: string; case_sha256: string; as_of: string }[];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    caseId: r.case_id,
    determinationId: r.determination_id,
    issuedAt: r.issued_at,
    determination: expandDocument(db, r.document, { caseSha256: r.case_sha256, asOf: r.as_of }) as Determination,
  }));
}
