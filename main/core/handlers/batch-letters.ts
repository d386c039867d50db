// batch.letters / batch.lettersStatus: letters for the lines selected in the batch results grid. The
// passphrase unlocks the office key here, before the job exists, so a wrong one answers at once and
// issues nothing; the letters are then issued one by one in the background (progress by status), each
// line that cannot have one skipped with its reason (main/core/letters/issue-many.ts).
import type { BatchLettersStatus } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { issueMany, type ManyLetterLine } from '../letters/issue-many';
import type { HandlerContext } from './context';
import { unlock } from './letters';
import { resource } from './resources';
import { storeOf } from './store';
import type { Handlers } from './types';

interface LettersJob {
  id: number;
  state: 'running' | 'done' | 'failed';
  lines: ManyLetterLine[];
  done: number;
  error: string | null;
}

interface LettersJobs {
  next: number;
  byId: Map<number, LettersJob>;
  controller: AbortController;
}

function jobsOf(ctx: HandlerContext): LettersJobs {
  return resource(ctx, 'batch.letters', (): LettersJobs => ({ next: 1, byId: new Map(), controller: new AbortController() }), (j) => j.controller.abort());
}

function statusOf(job: LettersJob): BatchLettersStatus {
  return {
    jobId: job.id,
    state: job.state,
    done: job.done,
    total: job.lines.length,
    issued: job.lines.filter((l) => l.state === 'issued').length,
    skipped: job.lines.filter((l) => l.state === 'skipped').length,
    lines: job.lines.map((l) => ({ ...l })),
    error: job.error,
  };
}

export const batchLetterHandlers: Handlers<'batch.letters' | 'batch.lettersStatus'> = {
  'batch.letters': ({ determinationIds, officerName, passphrase, pageSize }, ctx) => {
    const db = storeOf(ctx);
    const identity = unlock(db, passphrase);
    if (!identity.ok) return identity;
    const jobs = jobsOf(ctx);
    const ids = [...new Set(determinationIds)];
    const job: LettersJob = {
      id: jobs.next++,
      state: 'running',
      lines: ids.map((determinationId) => ({ determinationId, caseId: null, state: 'pending', reason: null, letterId: null, number: null })),
      done: 0,
      error: null,
    };
    jobs.byId.set(job.id, job);
    void issueMany(db, ids, {
      identity: identity.value,
      officer: officerName,
      pageSize,
      write: { actor: ctx.actor },
      signal: jobs.controller.signal,
      onLine: (line, i) => {
        job.lines[i] = { ...line };
        job.done = i + 1;
      },
    })
      .then(() => {
        job.state = 'done';
      })
      .catch((e: unknown) => {
        ctx.logError('batch.letters', e);
        job.state = 'failed';
        job.error = `Issuing stopped inside Tierline after ${job.done} of ${ids.length}; the letters listed as issued are registered, the others were not issued.`;
      });
    return ok(statusOf(job));
  },
  'batch.lettersStatus': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    return job ? ok(statusOf(job)) : err('NOT_FOUND', `There are no batch letters ${jobId}.`);
  },
};
