// Evaluate a case document and record it: parse (errors name JSON paths), store the case, read the
// ledger, run the engine, store the immutable determination, all in one transaction. Evaluating is not
// shipping: nothing enters the ledger here.
import { Case, type EvaluationMode } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';
import type { FieldError } from '../../../shared/domain/issues';
import { formatIssues } from '../../../shared/domain/issues';
import { parseStrictJson } from '../../../shared/domain/strict-json';
import { evaluateCase, type Hint, type PackSet } from '../../../shared/engine';
import { canonicalJson } from '../../../shared/domain/canonical';
import { canonicalSha256, caseIdBySha, getCaseBySha256, insertDetermination, ledgerFor, productLookup, saveCase, sha256Hex, type Db, type UsedProduct } from '../db';
import { abort, write, writeBatch } from '../db/tx';
import { resolveCase, type ProductLookup } from '../catalogue/resolve';
import { activePacks } from './packs';
import { screenCase, todayIso } from '../screening/service';

export interface EvaluatedCase {
  caseId: number;
  caseCreated: boolean;
  determinationId: number;
  determination: Determination;
  hints: Hint[];
}

export type EvaluateResult = { ok: true; value: EvaluatedCase } | { ok: false; error: { code: string; message: string; errors: FieldError[] } };

/** A case file's text: a UTF-8 BOM is accepted, a key named twice in an object is refused (with its line). */
export function parseCaseText(text: string): { ok: true; value: unknown } | { ok: false; errors: FieldError[] } {
  return parseStrictJson(text);
}

export function validateCaseDocument(raw: unknown): { ok: true; value: Case } | { ok: false; errors: FieldError[] } {
  const r = Case.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatIssues(r.error, Case, raw) };
}

/**
 * Fills items named by part number from the product catalogue, then validates: the document that is
 * stored and hashed is the filled one; `used` says which catalogue entry and version filled each item.
 */
export function prepareCaseDocument(
  raw: unknown,
  lookup: ProductLookup,
): { ok: true; value: { raw: unknown; doc: Case; used: UsedProduct[]; warnings: string[] } } | { ok: false; errors: FieldError[] } {
  const resolved = resolveCase(raw, lookup);
  if (!resolved.ok) return resolved;
  const parsed = validateCaseDocument(resolved.value.doc);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { raw: resolved.value.doc, doc: parsed.value, used: resolved.value.used, warnings: resolved.value.warnings } };
}

/** Catalogue disagreements belong with the determination's own warnings, in every mode. */
function withCatalogueWarnings(d: Determination, warnings: string[]): Determination {
  if (warnings.length === 0) return d;
  return { ...d, evaluations: d.evaluations.map((e) => ({ ...e, warnings: [...e.warnings, ...warnings] })) };
}

export function evaluateAndRecord(db: Db, input: unknown, opts: { actor: string; packs?: PackSet; mode?: EvaluationMode; lookup?: ProductLookup; today?: string }): EvaluateResult {
  const prepared = prepareCaseDocument(input, opts.lookup ?? productLookup(db));
  if (!prepared.ok) return { ok: false, error: { code: 'INVALID_CASE', message: 'the case document is invalid', errors: prepared.errors } };
  const { raw, used, warnings } = prepared.value;
  const parsed = { value: prepared.value.doc };
  const packs = opts.packs ?? activePacks(db);
  const text = canonicalJson(raw);
  const sha = sha256Hex(text);
  const r = write(db, () => {
    const saved = saveCase(db, raw, sha, { actor: opts.actor, validated: { doc: parsed.value, text }, usedProducts: used });
    if (!saved.ok) return abort(saved.error.code, saved.error.message, saved.error.path);
    // --mode narrows the evaluation; the stored case stays the document as given.
    const c = opts.mode ? { ...parsed.value, mode: opts.mode } : parsed.value;
    // The case's own recorded shipments are this case, not priors.
    const ledger = ledgerFor(db, { excludeCaseId: saved.value.id });
    const evaluated = evaluateCase({ case: c, caseSha256: sha, packs, ledger, screening: screenCase(db, c, { today: opts.today }), today: opts.today ?? todayIso() });
    const hints = evaluated.hints;
    const determination = withCatalogueWarnings(evaluated.determination, warnings);
    const det = insertDetermination(db, saved.value.id, determination, { actor: opts.actor, fromEngine: determination });
    if (!det.ok) return abort(det.error.code, det.error.message, det.error.path);
    return { caseId: saved.value.id, caseCreated: saved.value.created, determinationId: det.value.id, determination, hints };
  });
  if (!r.ok) return { ok: false, error: { code: r.error.code, message: r.error.message, errors: [{ path: r.error.path, message: r.error.message }] } };
  return { ok: true, value: r.value };
}

/** Evaluates without storing anything (the "what if" preview). */
export function evaluatePreview(db: Db, input: unknown, opts: { packs?: PackSet; today?: string } = {}): { ok: true; value: { determination: Determination; hints: Hint[] } } | { ok: false; errors: FieldError[] } {
  const prepared = prepareCaseDocument(input, productLookup(db));
  if (!prepared.ok) return prepared;
  const c = prepared.value.doc;
  const packs = opts.packs ?? activePacks(db);
  const sha = canonicalSha256(prepared.value.raw);
  const ledger = ledgerFor(db, { excludeCaseId: getCaseBySha256(db, sha)?.id ?? null });
  const r = evaluateCase({ case: c, caseSha256: sha, packs, ledger, screening: screenCase(db, c, { today: opts.today }), today: opts.today ?? todayIso() });
  return { ok: true, value: { determination: withCatalogueWarnings(r.determination, prepared.value.warnings), hints: r.hints } };
}

/**
 * Evaluates and records many case documents in one transaction (a batch import). All or nothing: if
 * any document is invalid, nothing is stored and every error names the document index and JSON path.
 */
export function evaluateAndRecordMany(
  db: Db,
  inputs: readonly unknown[],
  opts: { actor: string; packs?: PackSet; today?: string },
): { ok: true; value: { caseIds: number[]; determinationIds: number[] } } | { ok: false; error: { code: string; message: string; errors: FieldError[] } } {
  const parsed: Case[] = [];
  const filled: unknown[] = [];
  const usedBy: UsedProduct[][] = [];
  const warningsBy: string[][] = [];
  const errors: FieldError[] = [];
  const lookup = productLookup(db);
  inputs.forEach((input, i) => {
    const v = prepareCaseDocument(input, lookup);
    if (v.ok) {
      parsed.push(v.value.doc);
      filled.push(v.value.raw);
      usedBy.push(v.value.used);
      warningsBy.push(v.value.warnings);
    } else for (const e of v.errors) errors.push({ path: `[${i}]${e.path.slice(1)}`, message: e.message });
  });
  const raws = filled;
  if (errors.length) return { ok: false, error: { code: 'INVALID_CASE', message: `${errors.length} error(s) in the batch; nothing stored`, errors } };
  const packs = opts.packs ?? activePacks(db);
  const r = writeBatch(db, () => {
    const caseIds: number[] = [];
    const determinationIds: number[] = [];
    parsed.forEach((c, i) => {
      const text = canonicalJson(raws[i]);
      const sha = sha256Hex(text);
      // Evaluated before it is stored, so a new case is written once, evaluated, with one audit entry
      // (saveCase `evaluated`). The case's own recorded shipments are this case, not priors.
      const existing = caseIdBySha(db, sha);
      const ledger = ledgerFor(db, { excludeCaseId: existing ?? null });
      const determination = withCatalogueWarnings(evaluateCase({ case: c, caseSha256: sha, packs, ledger, hints: false, screening: screenCase(db, c, { today: opts.today }), today: opts.today ?? todayIso() }).determination, warningsBy[i]);
      const outcome = determination.evaluations.some((e) => e.licenseRequired) ? 'license_required' : 'no_license_required';
      const saved = saveCase(db, raws[i], sha, { actor: opts.actor, validated: { doc: c, text }, usedProducts: usedBy[i], evaluated: outcome });
      if (!saved.ok) return abort(saved.error.code, `[${i}] ${saved.error.message}`, saved.error.path);
      const det = insertDetermination(db, saved.value.id, determination, { actor: opts.actor, fromEngine: determination, created: saved.value.deferred });
      if (!det.ok) return abort(det.error.code, `[${i}] ${det.error.message}`, det.error.path);
      caseIds.push(saved.value.id);
      determinationIds.push(det.value.id);
    });
    return { caseIds, determinationIds };
  });
  if (!r.ok) return { ok: false, error: { code: r.error.code, message: r.error.message, errors: [{ path: r.error.path, message: r.error.message }] } };
  return { ok: true, value: r.value };
}
