// screening.* and lists.*: the workbench's quick look-up against the active list snapshot, the officer's
// confirm/clear of one candidate of a case's current determination (recorded with its reason, audited,
// and the case evaluated again), and the list snapshot's status and import.
import { activeSnapshot, getCase, getDetermination, latestDetermination, listSnapshots, type Db, type DbErrorCode } from '../db';
import { listRef, screenNames, staleWarning } from '../screening/service';
import { startJob } from '../jobs/host';
import { jobOptions } from './jobs';
import { DEFAULT_THRESHOLDS } from '../screening/matcher';
import { decideScreening } from '../services/screening-decisions';
import type { ListStatus } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { fromBase64 } from './base64';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

function status(db: Db, today: string): ListStatus {
  const snap = activeSnapshot(db);
  const snapshotCount = listSnapshots(db).length;
  if (!snap) {
    return { active: null, snapshotCount, warnings: ['No screening list is imported: parties are not screened. Import the Consolidated Screening List.'] };
  }
  const ref = listRef(db, snap, today);
  return {
    active: { ...ref, snapshotId: snap.id, fileName: snap.fileName, importedAt: snap.importedAt, importedBy: snap.importedBy, sources: snap.sources },
    snapshotCount,
    warnings: ref.stale ? [staleWarning(ref)] : [],
  };
}

export const screeningHandlers: Handlers<'screening.lookup' | 'screening.decide' | 'lists.status' | 'lists.import'> = {
  'screening.lookup': ({ name, country }, ctx) => {
    const db = storeOf(ctx);
    const cc = country ? country.toUpperCase() : null;
    const out = screenNames(db, [{ name, country: cc }], { today: ctx.today() });
    return ok({ list: out.list, warnings: out.warnings, query: name, country: cc, thresholds: { ...DEFAULT_THRESHOLDS }, matches: out.results[0]?.matches ?? [] });
  },

  'screening.decide': (input, ctx) => {
    const db = storeOf(ctx);
    if (!getCase(db, input.caseId)) return err('NOT_FOUND', `There is no case ${input.caseId}.`);
    const det = latestDetermination(db, input.caseId);
    if (!det) return err('CONFLICT', `Case ${input.caseId} has not been evaluated: evaluate it first.`);
    if (det.id !== input.determinationId) {
      return err('CONFLICT', `Case ${input.caseId} was evaluated again since determination ${input.determinationId}: reload it and decide on the current one.`, { path: '$.determinationId' });
    }
    const r = decideScreening(
      db,
      { caseId: input.caseId, decisions: [{ party: input.party, list: input.list, entryId: input.entryId, verdict: input.decision === 'confirm' ? 'confirmed' : 'cleared', reason: input.reason }] },
      { actor: ctx.actor, today: ctx.today() },
    );
    if (!r.ok) return fromDbError({ code: r.error.code as DbErrorCode, message: r.error.message, path: r.error.path.replace('$.decisions[0]', '$') });
    const stored = getDetermination(db, r.value.determinationId);
    return ok({ id: r.value.determinationId, caseId: input.caseId, createdAt: stored?.createdAt ?? new Date().toISOString(), determination: r.value.determination, hints: [] });
  },

  'lists.status': (_input, ctx) => ok(status(storeOf(ctx), ctx.today())),

  // Parsing and indexing a list of tens of thousands of entries runs in a job worker (main/core/jobs).
  'lists.import': async ({ fileName, base64, date }, ctx) => {
    const r = await startJob({ kind: 'lists.import', fileName, bytes: fromBase64(base64), date }, jobOptions(ctx)).result;
    if (!r.ok) return r;
    return ok(status(storeOf(ctx), ctx.today()));
  },
};
