// Letters for several determinations at once (the batch screen's selected lines, `tierline batch
// --letters`): the caller unlocks the office key once, before the first letter, so a wrong passphrase
// issues nothing. Each determination is then checked and issued on its own, in its own transaction: a
// line that cannot have a letter (screening to review, already has one, PROHIBITED, case edited since)
// is skipped with its reason and the others go on. Between letters the event loop breathes, so a window
// or the local server stays responsive while a long selection is issued.
import { setImmediate as breathe } from 'node:timers/promises';
import { undecidedCandidates } from '../../../shared/domain/screening';
import { getCase, getDetermination, listLetters, type CaseRecord, type Db, type DeterminationRecord, type WriteOptions } from '../db';
import type { UnlockedIdentity } from '../identity/keys';
import { issueLetter } from './issue';
import type { PageSize } from './render';

export interface ManyLetterLine {
  determinationId: number;
  caseId: number | null;
  state: 'pending' | 'issued' | 'skipped';
  /** Why no letter was issued (skipped), in plain words. */
  reason: string | null;
  letterId: number | null;
  number: string | null;
}

type Blocker =
  | { ok: false; caseId?: number; reason: string }
  | { ok: true; caseId: number; det: DeterminationRecord; c: CaseRecord };

/** Why this determination cannot have a letter from a batch, or the evidence to issue it. */
export function letterBlocker(db: Db, determinationId: number): Blocker {
  const det = getDetermination(db, determinationId);
  if (!det) return { ok: false, reason: `there is no determination ${determinationId}` };
  const c = getCase(db, det.caseId);
  if (!c) return { ok: false, reason: `the case of determination ${determinationId} is gone`, caseId: det.caseId };
  const caseId = c.id;
  if (c.sha256 !== det.caseSha256) return { ok: false, caseId, reason: `case ${caseId} was edited after this determination: evaluate it again` };
  const screening = det.document.screening;
  const open = (screening?.parties ?? []).flatMap((p) => undecidedCandidates(p).map((x) => `${p.name} ~ ${x.list} "${x.name}"`));
  if (screening?.status === 'needs_review' || open.length) {
    return { ok: false, caseId, reason: `screening needs review (${open.join('; ') || 'a candidate is undecided'}): confirm or clear each candidate on the case first` };
  }
  const prohibited = det.document.evaluations.filter((e) => e.items.some((i) => i.authorization === 'PROHIBITED')).map((e) => (e.mode === 'as_written' ? 'as written' : 'enforced'));
  if (prohibited.length) return { ok: false, caseId, reason: `PROHIBITED (${prohibited.join(', ')}): a party is denied or blocked; do not proceed` };
  const held = listLetters(db, { caseId, status: 'issued', limit: 1 })[0];
  if (held) return { ok: false, caseId, reason: `the case already has letter ${held.number}; supersede it from the case if this determination should replace it` };
  return { ok: true, caseId, det, c };
}

export interface IssueManyOptions {
  identity: UnlockedIdentity;
  officer: string;
  pageSize?: PageSize;
  write: WriteOptions;
  signal?: AbortSignal;
  /** Called after each determination with its line (issued or skipped) and the PDF when issued. */
  onLine?: (line: ManyLetterLine, index: number, pdf: Buffer | null) => void;
}

/** Issues one letter per distinct determination id, in order; returns one line per id. */
export async function issueMany(db: Db, determinationIds: readonly number[], o: IssueManyOptions): Promise<ManyLetterLine[]> {
  const ids = [...new Set(determinationIds)];
  const lines: ManyLetterLine[] = ids.map((determinationId) => ({ determinationId, caseId: null, state: 'pending', reason: null, letterId: null, number: null }));
  for (let i = 0; i < ids.length; i++) {
    // First yield, then work: the caller gets its answer (the job, nothing issued yet) before the first letter.
    await breathe();
    if (o.signal?.aborted) break;
    const line = lines[i];
    const b = letterBlocker(db, ids[i]);
    line.caseId = b.caseId ?? null;
    let pdf: Buffer | null = null;
    if (!b.ok) {
      line.state = 'skipped';
      line.reason = b.reason;
    } else {
      const r = issueLetter(
        db,
        { caseId: b.c.id, determinationId: b.det.id, caseDocument: b.c.document, determination: b.det.document, identity: o.identity, officer: o.officer, pageSize: o.pageSize },
        o.write,
      );
      if (r.ok) {
        line.state = 'issued';
        line.letterId = r.value.letter.id;
        line.number = r.value.letter.number;
        pdf = r.value.pdf;
      } else {
        line.state = 'skipped';
        line.reason = r.error.message;
      }
    }
    o.onLine?.(line, i, pdf);
  }
  return lines;
}
