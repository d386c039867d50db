// determinations.*: evaluate a stored case in both modes (services/evaluate records it) and read back
// the latest determination with the engine's "what would change the outcome" hints.
import { getCase, getDetermination, latestDetermination } from '../db';
import { evaluateAndRecord, evaluatePreview } from '../services/evaluate';
import { canonicalJson } from '../../../shared/domain/canonical';
import { PackCoverageError } from '../../../shared/engine';
import type { DeterminationRecord } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { storeOf } from './store';
import type { Handlers } from './types';

function coverage<T>(fn: () => Result<T>): Result<T> {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PackCoverageError) {
      return err('INVALID_INPUT', `No installed rule pack answers for ${e.date}: ${e.message}. Change the case date or import a pack that covers it.`, { path: '$.date' });
    }
    if (e instanceof Error && /no rule pack .* is installed/.test(e.message)) return err('UNAVAILABLE', `${e.message}. Import the signed pack on the Rule packs screen.`);
    throw e;
  }
}

export function evaluateStored(ctx: HandlerContext, caseId: number): Result<DeterminationRecord> {
  const db = storeOf(ctx);
  const c = getCase(db, caseId);
  if (!c) return err('NOT_FOUND', `There is no case ${caseId}.`);
  return coverage(() => {
    const r = evaluateAndRecord(db, c.document, { actor: ctx.actor });
    if (!r.ok) {
      const first = r.error.errors[0];
      return err(r.error.code === 'INVALID_CASE' ? 'INVALID_INPUT' : 'CONFLICT', first ? `${first.path}: ${first.message}` : r.error.message, { path: first?.path, details: r.error.errors });
    }
    const stored = getDetermination(db, r.value.determinationId);
    return ok({
      id: r.value.determinationId,
      caseId: r.value.caseId,
      createdAt: stored?.createdAt ?? new Date().toISOString(),
      determination: r.value.determination,
      hints: r.value.hints,
    });
  });
}

export const determinationHandlers: Handlers<'determinations.evaluate' | 'determinations.latest'> = {
  'determinations.evaluate': ({ caseId }, ctx) => evaluateStored(ctx, caseId),
  'determinations.latest': ({ caseId }, ctx) => {
    const db = storeOf(ctx);
    const c = getCase(db, caseId);
    if (!c) return err('NOT_FOUND', `There is no case ${caseId}.`);
    const d = latestDetermination(db, caseId);
    if (!d || d.caseSha256 !== c.sha256) return ok(null);
    // Hints are not stored: recompute them, and show them only if today's engine gives the same answer.
    let hints: DeterminationRecord['hints'] = [];
    try {
      const p = evaluatePreview(db, c.document);
      if (p.ok && canonicalJson(p.value.determination) === canonicalJson(d.document)) hints = p.value.hints;
    } catch {
      hints = [];
    }
    return ok({ id: d.id, caseId: d.caseId, createdAt: d.createdAt, determination: d.document, hints });
  },
};
