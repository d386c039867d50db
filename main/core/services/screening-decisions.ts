// The officer's confirm/clear of screening candidates on a case: each decision is recorded (audited, kept,
// with a reason) for the party and the list entry as the snapshot holds it, and the case is evaluated
// again in the same transaction so that its latest determination carries the decisions. A decision is
// remembered for the same party and entry in later screenings until the list changes that entry (its
// content hash), see screening/service.ts.
import { nameKey } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';
import type { ScreeningCandidate } from '../../../shared/domain/screening';
import { activeSnapshot, getCase, latestDetermination, recordScreeningDecisions, type Db, type Result, type ScreeningDecision, type ScreeningDecisionInput } from '../db';
import { abort, write } from '../db/tx';
import { evaluateAndRecord } from './evaluate';

export interface CandidateDecision {
  /** The screened party's name as the determination states it. */
  party: string;
  /** The candidate's list code (EL, DPL, SDN…) and entry id in the list snapshot. */
  list: string;
  entryId: string;
  verdict: 'confirmed' | 'cleared';
  reason: string;
}

export interface DecideResult {
  decisions: ScreeningDecision[];
  determinationId: number;
  determination: Determination;
}

/** The candidates of a case's current determination, numbered `P.C` (party, candidate; from 1). */
export function caseCandidates(d: Determination): { ref: string; party: string; role: string; candidate: ScreeningCandidate }[] {
  const out: { ref: string; party: string; role: string; candidate: ScreeningCandidate }[] = [];
  (d.screening?.parties ?? []).forEach((p, i) => p.candidates.forEach((c, k) => out.push({ ref: `${i + 1}.${k + 1}`, party: p.name, role: p.role, candidate: c })));
  return out;
}

export function decideScreening(db: Db, input: { caseId: number; decisions: readonly CandidateDecision[] }, opts: { actor: string; today?: string }): Result<DecideResult> {
  if (!input.decisions.length) return { ok: false, error: { code: 'INVALID_INPUT', message: 'give at least one decision', path: '$.decisions' } };
  return write(db, () => {
    const c = getCase(db, input.caseId);
    if (!c) return abort('NOT_FOUND', `no case ${input.caseId}`);
    const det = latestDetermination(db, input.caseId);
    if (!det) return abort('NOT_EVALUATED', `case ${input.caseId} has not been evaluated: evaluate it first`);
    if (det.caseSha256 !== c.sha256) abort('STALE_DETERMINATION', `case ${input.caseId} changed after its last evaluation: evaluate it again first`);
    const s = det.document.screening;
    if (!s?.list) return abort('CONFLICT', `case ${input.caseId} was not screened (no list imported when it was evaluated): import a list and evaluate it again`);
    const snap = activeSnapshot(db);
    if (!snap || snap.sha256 !== s.list.sha256) abort('STALE_DETERMINATION', `the active screening list is not the one case ${input.caseId} was screened against: evaluate it again first`);
    const rows: ScreeningDecisionInput[] = input.decisions.map((d, i) => {
      const party = s.parties.find((p) => p.name === d.party);
      if (!party) return abort('INVALID_INPUT', `no party "${d.party}" was screened on case ${input.caseId}`, `$.decisions[${i}].party`);
      const cand = party.candidates.find((x) => x.list === d.list && x.entryId === d.entryId);
      if (!cand) return abort('INVALID_INPUT', `"${d.party}" has no candidate ${d.list} ${d.entryId}`, `$.decisions[${i}].entryId`);
      return {
        partyKey: nameKey(party.name),
        partyName: party.name,
        listCode: cand.list,
        entryId: cand.entryId,
        entrySha256: cand.entrySha256,
        verdict: d.verdict,
        reason: d.reason,
        snapshotId: snap!.id,
        caseId: input.caseId,
      };
    });
    const recorded = recordScreeningDecisions(db, rows, { actor: opts.actor });
    if (!recorded.ok) return abort(recorded.error.code, recorded.error.message, recorded.error.path.replace(/^\$/, '$.decisions'));
    const ev = evaluateAndRecord(db, c.document, { actor: opts.actor, today: opts.today });
    if (!ev.ok) return abort('CONFLICT', `the case could not be evaluated again: ${ev.error.errors[0]?.message ?? ev.error.message}`);
    return { decisions: recorded.value, determinationId: ev.value.determinationId, determination: ev.value.determination };
  });
}
