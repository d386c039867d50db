// impact.*: what a candidate rule pack or screening list would change, run in the background like a batch
// (start, then status for progress; cancel stops at the next step and keeps what was found). The
// candidate is verified as an import would verify it and is never installed; the run only reads.
import type { ImpactJobStatus } from '../../../shared/ipc/contract-ledger';
import { err, ok } from '../../../shared/ipc/result';
import { loadCandidate, runImpact, type CandidateRef, type ImpactProgress, type ImpactReport } from '../services/impact';
import type { HandlerContext } from './context';
import { resource } from './resources';
import { storeOf } from './store';
import type { Handlers } from './types';

interface Job {
  id: number;
  candidate: string;
  controller: AbortController;
  progress: ImpactProgress;
  state: ImpactJobStatus['state'];
  report: ImpactReport | null;
  error: string | null;
}

function jobsOf(ctx: HandlerContext): { next: number; byId: Map<number, Job> } {
  return resource(ctx, 'impact.jobs', () => ({ next: 1, byId: new Map<number, Job>() }), (j) => {
    for (const job of j.byId.values()) job.controller.abort();
  });
}

function describe(c: CandidateRef): string {
  if (c.kind === 'pack') {
    const was = c.replaces ? `replacing the installed v${c.replaces.version}${c.replaces.sha256 === c.sha256 ? ' (the same pack)' : ''}` : 'no version installed';
    return `Rule pack ${c.id} v${c.version} (${c.mode === 'as_written' ? 'as written' : 'enforced'}) "${c.title}", signature verified (key ${c.keyId}); ${was}.`;
  }
  return `Screening list ${c.fileName} of ${c.date}, ${c.entryCount.toLocaleString('en-US')} entries; ${c.replaces ? `the active list is of ${c.replaces.date}` : 'no list is active'}.`;
}

function statusOf(job: Job): ImpactJobStatus {
  return { jobId: job.id, state: job.state, progress: { ...job.progress }, candidate: job.candidate, error: job.error };
}

export const impactHandlers: Handlers<'impact.start' | 'impact.status' | 'impact.cancel' | 'impact.report'> = {
  'impact.start': ({ fileName, base64, listDate }, ctx) => {
    const db = storeOf(ctx);
    const cand = loadCandidate(db, { bytes: new Uint8Array(Buffer.from(base64, 'base64')), fileName, listDate });
    if (!cand.ok) {
      const e = cand.error;
      const reason = e.message.startsWith(`${fileName} `) ? `it ${e.message.slice(fileName.length + 1).replace(/^is /, 'is ')}` : e.message;
      return err('INVALID_INPUT', `${fileName} was not analysed (nothing was installed): ${reason.replace(/\.$/, '')}.`, { details: e.errors });
    }
    const jobs = jobsOf(ctx);
    const job: Job = { id: jobs.next++, candidate: describe(cand.value.ref), controller: new AbortController(), progress: { done: 0, total: 0, changed: 0 }, state: 'running', report: null, error: null };
    jobs.byId.set(job.id, job);
    void runImpact(db, cand.value, { signal: job.controller.signal, onProgress: (p) => (job.progress = p) })
      .then((report) => {
        job.report = report;
        job.progress = { done: report.scanned, total: report.total, changed: report.changes.length };
        job.state = report.cancelled ? 'cancelled' : 'done';
      })
      .catch((e: unknown) => {
        ctx.logError('impact.start', e);
        job.state = 'failed';
        job.error = 'The impact run failed inside Tierline; nothing stored was changed.';
      });
    return ok(statusOf(job));
  },
  'impact.status': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    return job ? ok(statusOf(job)) : err('NOT_FOUND', `There is no impact run ${jobId}.`);
  },
  'impact.cancel': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    if (!job) return err('NOT_FOUND', `There is no impact run ${jobId}.`);
    if (job.state === 'running') job.controller.abort();
    return ok(statusOf(job));
  },
  'impact.report': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    if (!job) return err('NOT_FOUND', `There is no impact run ${jobId}.`);
    if (!job.report) return err('CONFLICT', `Impact run ${jobId} has no report yet (${job.state}).`);
    return ok(job.report);
  },
};
