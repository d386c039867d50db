// Determinations are evidence: written once, never changed (the schema's triggers refuse UPDATE and
// DELETE). Each answers for one exact case document, named by its sha256.
import { canonicalJson } from '../../../shared/domain/canonical';
import type { Authorization, EvaluationMode } from '../../../shared/domain/case';
import { Determination, type PackRef } from '../../../shared/domain/determination';
import { parseWith } from '../../../shared/domain/issues';
import { appendAudit } from './audit-repo';
import { compactDocument, expandDocument, type RowFacts } from './determination-parts';
import { sha256Hex } from './hash';
import type { DeferredCaseAudit } from './cases-repo';
import { recordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export interface DeterminationSummary {
  id: number;
  caseId: number;
  caseSha256: string;
  createdAt: string;
  asOf: string;
  packRefs: Partial<Record<EvaluationMode, PackRef>>;
  licenseRequired: boolean;
  authorizations: Authorization[];
  actor: string;
}

export interface DeterminationRecord extends DeterminationSummary {
  document: Determination;
}

interface DeterminationRow {
  id: number;
  case_id: number;
  case_sha256: string;
  created_at: string;
  as_of: string;
  document?: string;
  pack_refs: string;
  license_required: number;
  authorizations: string;
  actor: string;
}

function toSummary(r: DeterminationRow): DeterminationSummary {
  return {
    id: r.id,
    caseId: r.case_id,
    caseSha256: r.case_sha256,
    createdAt: r.created_at,
    asOf: r.as_of,
    packRefs: JSON.parse(r.pack_refs) as Partial<Record<EvaluationMode, PackRef>>,
    licenseRequired: r.license_required === 1,
    authorizations: JSON.parse(r.authorizations) as Authorization[],
    actor: r.actor,
  };
}

function toRecord(db: Db, r: DeterminationRow): DeterminationRecord {
  return { ...toSummary(r), document: expandDocument(db, r.document ?? 'null', { caseSha256: r.case_sha256, asOf: r.as_of }) as Determination };
}

/**
 * Records the engine's determination for a case. Refused (STALE_DETERMINATION) unless it answers for the
 * case's current document. The case becomes `evaluated` with the outcome in its summary columns.
 */
export function insertDetermination(
  db: Db,
  caseId: number,
  determination: unknown,
  opts: WriteOptions & { fromEngine?: Determination; created?: DeferredCaseAudit },
): Result<DeterminationSummary> {
  // A document straight from the engine is typed by construction; anything else is validated first.
  let doc: Determination;
  if (opts.fromEngine !== undefined && opts.fromEngine === determination) doc = opts.fromEngine;
  else {
    const parsed = parseWith(Determination, determination);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      return fail('INVALID_INPUT', `not a valid determination: ${first.path}: ${first.message}`, first.path, parsed.errors);
    }
    doc = parsed.value;
  }
  // Exported as plain JSON (the engine builds it in a fixed key order), stored compactly
  // (determination-parts.ts); letters embed the canonical form.
  return insertDeterminationText(db, caseId, { text: JSON.stringify(doc), doc, ...summarizeDetermination(doc) }, opts);
}

/** The columns a determination is filed under: what filters and the ledger read without parsing it. */
export interface DeterminationFacts {
  caseSha256: string;
  asOf: string;
  packRefs: Partial<Record<EvaluationMode, PackRef>>;
  licenseRequired: boolean;
  authorizations: Authorization[];
}

export function summarizeDetermination(doc: Determination): DeterminationFacts {
  const packRefs: Partial<Record<EvaluationMode, PackRef>> = {};
  for (const e of doc.evaluations) packRefs[e.mode] = e.rulePack;
  const licenseRequired = doc.evaluations.some((e) => e.licenseRequired);
  const authorizations = [...new Set(doc.evaluations.flatMap((e) => e.items.map((i) => i.authorization)))].sort();
  return { caseSha256: doc.caseSha256, asOf: doc.evaluations[0].asOf, packRefs, licenseRequired, authorizations };
}

/**
 * Files a determination already serialized (by the engine's worker pool, which evaluates and
 * serializes off the main thread). `text` must be the JSON of a document whose facts are `facts`; `doc`,
 * when the caller has it, is that document (`JSON.stringify(doc) === text`), so it is not parsed again.
 */
export function insertDeterminationText(
  db: Db,
  caseId: number,
  record: DeterminationFacts & { text: string; doc?: object },
  opts: WriteOptions & { created?: DeferredCaseAudit },
): Result<DeterminationSummary> {
  const { caseSha256, asOf, packRefs, licenseRequired, authorizations, text } = record;
  return write(db, () => {
    const current = db.prepare('SELECT sha256, status, outcome FROM cases WHERE id = ?').get(caseId) as
      | { sha256: string; status: string; outcome: string | null }
      | undefined;
    if (!current) return abort('NOT_FOUND', `no case ${caseId}`);
    if (current.sha256 !== caseSha256) {
      abort('STALE_DETERMINATION', `the determination is for case document ${caseSha256}, but case ${caseId} is now ${current.sha256}`, '$.caseSha256');
    }
    const createdAt = nowIso(opts);
    const stored = storedForm(db, text, record.doc, { caseSha256, asOf });
    const id = Number(
      db
        .prepare(
          `INSERT INTO determinations (case_id, case_sha256, created_at, as_of, document, pack_refs, license_required,
                                       authorizations, actor)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(caseId, caseSha256, createdAt, asOf, stored, canonicalJson(packRefs), licenseRequired ? 1 : 0, JSON.stringify(authorizations), opts.actor)
        .lastInsertRowid,
    );
    const outcome = licenseRequired ? 'license_required' : 'no_license_required';
    const details: Record<string, unknown> = { determinationId: id, caseSha256, asOf, licenseRequired, authorizations, packs: packRefs };
    const determinationRef = recordRef(db, 'determination', id, { document: sha256Hex(text) });
    const created = opts.created;
    if (created) {
      // A case just stored with this outcome (saveCase with `evaluated`): one entry records both.
      if (current.status !== 'evaluated' || current.outcome !== outcome) abort('CONFLICT', `case ${caseId} was not stored as evaluated with this outcome`);
      appendAudit(
        db,
        // Lean: the packs and authorizations are in the determination record this entry hashes.
        { action: 'case.evaluated', subject: `case:${caseId}`, details: { determinationId: id, caseSha256, asOf, licenseRequired, created: created.details }, records: [...created.records, determinationRef] },
        { ...opts, at: createdAt },
      );
    } else {
      db.prepare(
        `UPDATE cases SET outcome = ?, status = CASE WHEN status = 'draft' THEN 'evaluated' ELSE status END, updated_at = ?
         WHERE id = ?`,
      ).run(outcome, createdAt, caseId);
      appendAudit(
        db,
        { action: 'case.evaluated', subject: `case:${caseId}`, details, records: [determinationRef, recordRef(db, 'case', caseId)] },
        { ...opts, at: createdAt },
      );
    }
    return { id, caseId, caseSha256, createdAt, asOf, packRefs, licenseRequired, authorizations, actor: opts.actor };
  });
}

/** The compact text stored for a document exported as `text`; the text itself when it is not plain JSON.stringify output. */
function storedForm(db: Db, text: string, doc: object | undefined, row: RowFacts): string {
  if (doc !== undefined) return compactDocument(db, doc, row);
  const parsed = JSON.parse(text) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || JSON.stringify(parsed) !== text) return text;
  return compactDocument(db, parsed, row);
}

export function getDetermination(db: Db, id: number): DeterminationRecord | null {
  const r = db.prepare('SELECT * FROM determinations WHERE id = ?').get(id) as DeterminationRow | undefined;
  return r ? toRecord(db, r) : null;
}

/** The newest determination of a case (it may answer for an older document: compare caseSha256). */
export function latestDetermination(db: Db, caseId: number): DeterminationRecord | null {
  const r = db.prepare('SELECT * FROM determinations WHERE case_id = ? ORDER BY id DESC LIMIT 1').get(caseId) as
    | DeterminationRow
    | undefined;
  return r ? toRecord(db, r) : null;
}

export interface DeterminationFilter {
  caseId?: number;
  licenseRequired?: boolean;
  authorization?: Authorization;
  limit?: number;
  offset?: number;
}

/** Newest first, without the documents. */
export function listDeterminations(db: Db, filter: DeterminationFilter = {}): DeterminationSummary[] {
  const rows = db
    .prepare(
      `SELECT id, case_id, case_sha256, created_at, as_of, pack_refs, license_required, authorizations, actor
       FROM determinations
       WHERE (@caseId IS NULL OR case_id = @caseId)
         AND (@licenseRequired IS NULL OR license_required = @licenseRequired)
         AND (@authorization IS NULL OR EXISTS (SELECT 1 FROM json_each(authorizations) WHERE value = @authorization))
       ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({
      caseId: filter.caseId ?? null,
      licenseRequired: filter.licenseRequired === undefined ? null : filter.licenseRequired ? 1 : 0,
      authorization: filter.authorization ?? null,
      limit: Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000),
      offset: Math.max(Math.trunc(filter.offset ?? 0), 0),
    }) as DeterminationRow[];
  return rows.map(toSummary);
}
