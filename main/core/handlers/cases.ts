// cases.*: list, read, create, edit, import and export tierline.case/1 documents.
import { canonicalSha256, caseVerdicts, verdictsOf, getCase, listCases, saveCase, updateCase, type CaseRecord as StoredCase } from '../db';
import { Case } from '../../../shared/domain/case';
import { formatIssues } from '../../../shared/domain/issues';
import { parseStrictJson } from '../../../shared/domain/strict-json';
import type { CaseRecord } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { plainWords } from '../../../shared/ipc/plain-words';
import type { HandlerContext } from './context';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

function toRecord(r: StoredCase): CaseRecord {
  return { id: r.id, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt, case: r.document };
}

function read(ctx: HandlerContext, id: number): Result<CaseRecord> {
  const r = getCase(storeOf(ctx), id);
  return r ? ok(toRecord(r)) : err('NOT_FOUND', `There is no case ${id}.`);
}

function create(ctx: HandlerContext, doc: Case): Result<CaseRecord> {
  const db = storeOf(ctx);
  const saved = saveCase(db, doc, canonicalSha256(doc), { actor: ctx.actor });
  if (!saved.ok) return fromDbError(saved.error);
  return read(ctx, saved.value.id);
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

export const caseHandlers: Handlers<'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.import' | 'cases.export'> = {
  'cases.list': (q, ctx) => {
    const db = storeOf(ctx);
    const page = listCases(db, q);
    const verdicts = caseVerdicts(db, page.rows.map((r) => r.id));
    return ok({
      total: page.total,
      totalIsLowerBound: page.totalIsLowerBound,
      next: page.next,
      rows: page.rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        date: r.date,
        destination: r.destination,
        endUserName: r.endUserName,
        itemCount: r.itemCount,
        status: r.status,
        outcome: r.outcome ?? 'not_evaluated',
        ...verdictsOf(verdicts, r.id),
        updatedAt: r.updatedAt,
      })),
    });
  },
  'cases.get': ({ id }, ctx) => read(ctx, id),
  'cases.create': (input, ctx) => create(ctx, input.case),
  'cases.update': ({ id, case: doc }, ctx) => {
    const r = updateCase(storeOf(ctx), id, doc, canonicalSha256(doc), { actor: ctx.actor });
    if (!r.ok) return fromDbError(r.error);
    return read(ctx, id);
  },
  'cases.import': ({ fileName, text }, ctx) => {
    // a BOM is accepted; a key named twice is refused with its line (shared/domain/strict-json.ts)
    const json = parseStrictJson(text);
    if (!json.ok) {
      const e = json.errors[0];
      return e.path === '$'
        ? err('INVALID_INPUT', `${fileName} is ${e.message}.`, { path: '$' })
        : err('INVALID_INPUT', `${fileName}: ${e.path}: ${e.message}.`, { path: e.path, details: json.errors });
    }
    const raw = json.value;
    const parsed = Case.safeParse(raw);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error, Case, raw).map((i) => ({ path: i.path, message: plainWords(i.message) }));
      const first = issues[0];
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
      return err('INVALID_INPUT', `${fileName} is not a valid tierline.case/1 file: ${first.path}: ${first.message}${more}.`, { path: first.path, details: issues });
    }
    // The document is stored exactly as received (its hash is the case's identity), not as re-serialised.
    const db = storeOf(ctx);
    const saved = saveCase(db, raw, canonicalSha256(raw), { actor: ctx.actor });
    if (!saved.ok) return fromDbError(saved.error);
    return read(ctx, saved.value.id);
  },
  'cases.export': ({ id }, ctx) => {
    const r = getCase(storeOf(ctx), id);
    if (!r) return err('NOT_FOUND', `There is no case ${id}.`);
    const name = r.reference ? `${slug(r.reference)}` : `case-${id}`;
    return ok({ fileName: `${name || `case-${id}`}.tierline-case.json`, text: `${JSON.stringify(r.document, null, 2)}\n` });
  },
};
