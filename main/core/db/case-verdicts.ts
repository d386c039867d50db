// What the case list shows beside each case: the outcome per mode of the latest determination of its
// current document, and its latest letter. Read for one page of ids at a time (the list's keyset page),
// from the determination documents by SQLite's JSON functions, so nothing else needs a column of its own.
import type { Authorization, EvaluationMode } from '../../../shared/domain/case';
import { verdictOf, type ModeVerdict } from '../../../shared/domain/mode-verdict';
import { nameKey } from '../../../shared/domain/case';
import type { Db } from './types';

export interface CaseVerdicts {
  enforced: ModeVerdict | null;
  asWritten: ModeVerdict | null;
  letter: { id: number; number: string; status: 'issued' | 'void' | 'superseded' } | null;
}

const NONE: CaseVerdicts = { enforced: null, asWritten: null, letter: null };

export function caseVerdicts(db: Db, caseIds: readonly number[]): Map<number, CaseVerdicts> {
  const out = new Map<number, CaseVerdicts>();
  if (caseIds.length === 0) return out;
  const ids = JSON.stringify([...new Set(caseIds)]);
  const modes = db
    .prepare(
      `WITH page AS (SELECT value AS id FROM json_each(?)),
            latest AS (
              SELECT c.id AS case_id,
                     (SELECT d.id FROM determinations d WHERE d.case_id = c.id AND d.case_sha256 = c.sha256 ORDER BY d.id DESC LIMIT 1) AS det_id
              FROM cases c JOIN page ON page.id = c.id)
       SELECT l.case_id, e.value ->> '$.mode' AS mode,
              (SELECT json_group_array(i.value ->> '$.authorization') FROM json_each(e.value, '$.items') i) AS auths
       FROM latest l JOIN determinations d ON d.id = l.det_id, json_each(d.document, '$.evaluations') e`,
    )
    .all(ids) as { case_id: number; mode: EvaluationMode; auths: string }[];
  const letters = db
    .prepare(
      `SELECT c.value AS case_id, l.id, l.number, l.status FROM json_each(?) c
       JOIN letters l ON l.id = (SELECT max(id) FROM letters WHERE case_id = c.value)`,
    )
    .all(ids) as { case_id: number; id: number; number: string; status: 'issued' | 'void' | 'superseded' }[];
  const of = (id: number): CaseVerdicts => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { ...NONE }));
    return v;
  };
  for (const m of modes) {
    const verdict = verdictOf(JSON.parse(m.auths) as Authorization[]);
    if (m.mode === 'enforced') of(m.case_id).enforced = verdict;
    else of(m.case_id).asWritten = verdict;
  }
  for (const l of letters) of(l.case_id).letter = { id: l.id, number: l.number, status: l.status };
  return out;
}

export function verdictsOf(map: Map<number, CaseVerdicts>, id: number): CaseVerdicts {
  return map.get(id) ?? NONE;
}

/** The outcome per mode of given determinations (a letter's, not necessarily the case's latest). */
export function determinationVerdicts(db: Db, ids: readonly number[]): Map<number, { enforced: ModeVerdict | null; asWritten: ModeVerdict | null }> {
  const out = new Map<number, { enforced: ModeVerdict | null; asWritten: ModeVerdict | null }>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT d.id, e.value ->> '$.mode' AS mode,
              (SELECT json_group_array(i.value ->> '$.authorization') FROM json_each(e.value, '$.items') i) AS auths
       FROM json_each(?) page JOIN determinations d ON d.id = page.value, json_each(d.document, '$.evaluations') e`,
    )
    .all(JSON.stringify([...new Set(ids)])) as { id: number; mode: EvaluationMode; auths: string }[];
  for (const r of rows) {
    const v = out.get(r.id) ?? { enforced: null, asWritten: null };
    const verdict = verdictOf(JSON.parse(r.auths) as Authorization[]);
    if (r.mode === 'enforced') v.enforced = verdict;
    else v.asWritten = verdict;
    out.set(r.id, v);
  }
  return out;
}

export interface LetterRegisterRow {
  id: number;
  number: string;
  issuedAt: string;
  status: 'issued' | 'void' | 'superseded';
  /** Why it was voided; for a superseded letter, the number of the letter that replaced it. */
  statusReason: string | null;
  supersededByNumber: string | null;
  officer: string;
  caseId: number;
  determinationId: number;
  reference: string | null;
  caseDate: string;
  endUserName: string;
  destination: string;
  enforced: ModeVerdict | null;
  asWritten: ModeVerdict | null;
  pdfSha256: string;
}

export interface LetterRegisterFilter {
  /** Substring of the number, the case reference, the end user's name or the destination code. */
  search?: string;
  status?: 'issued' | 'void' | 'superseded';
  limit?: number;
}

/** The letter register, newest first, with each letter's case, parties and outcome per mode. */
export function letterRegister(db: Db, f: LetterRegisterFilter = {}): LetterRegisterRow[] {
  const search = f.search?.trim() ? `%${nameKey(f.search).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = db
    .prepare(
      `SELECT l.id, l.number, l.issued_at, l.status, l.void_reason, l.officer, l.case_id, l.determination_id, l.pdf_sha256,
              s.number AS superseded_by_number, c.reference, c.case_date, c.destination, p.name AS party_name
       FROM letters l JOIN cases c ON c.id = l.case_id JOIN parties p ON p.id = c.party_id
       LEFT JOIN letters s ON s.id = l.superseded_by
       WHERE (@status IS NULL OR l.status = @status)
         AND (@search IS NULL OR lower(l.number) LIKE @search ESCAPE '\\' OR p.name_key LIKE @search ESCAPE '\\'
              OR lower(coalesce(c.reference, '')) LIKE @search ESCAPE '\\' OR lower(c.destination) LIKE @search ESCAPE '\\')
       ORDER BY l.id DESC LIMIT @limit`,
    )
    .all({ status: f.status ?? null, search, limit: Math.min(Math.max(Math.trunc(f.limit ?? 1000), 1), 100_000) }) as {
    id: number;
    number: string;
    issued_at: string;
    status: 'issued' | 'void' | 'superseded';
    void_reason: string | null;
    officer: string;
    case_id: number;
    determination_id: number;
    pdf_sha256: string;
    superseded_by_number: string | null;
    reference: string | null;
    case_date: string;
    destination: string;
    party_name: string;
  }[];
  const verdicts = determinationVerdicts(db, rows.map((r) => r.determination_id));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issuedAt: r.issued_at,
    status: r.status,
    statusReason: r.status === 'void' ? r.void_reason : r.status === 'superseded' ? `replaced by ${r.superseded_by_number ?? 'a later letter'}` : null,
    supersededByNumber: r.superseded_by_number,
    officer: r.officer,
    caseId: r.case_id,
    determinationId: r.determination_id,
    reference: r.reference,
    caseDate: r.case_date,
    endUserName: r.party_name,
    destination: r.destination,
    enforced: verdicts.get(r.determination_id)?.enforced ?? null,
    asWritten: verdicts.get(r.determination_id)?.asWritten ?? null,
    pdfSha256: r.pdf_sha256,
  }));
}
