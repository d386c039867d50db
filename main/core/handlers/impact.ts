// impact.*: what a candidate rule pack or screening list would change, run in the background like a batch
// (start, then status for progress; cancel stops at the next step and keeps what was found). The
// candidate is verified as an import would verify it and is never installed; the run only reads. It runs
// in a worker thread with its own connection (main/core/jobs): this thread keeps answering meanwhile.
import type { ImpactJobStatus } from '../../../shared/ipc/contract-ledger';
import { err, ok } from '../../../shared/ipc/result';
import { startJob, type JobHandle } from '../jobs/host';
import type { ImpactProgress, ImpactReport } from '../services/impact';
import type { HandlerContext } from './context';
import { resource } from './resources';
import { jobOptions } from './jobs';
import type { Handlers } from './types';

interface Job {
  id: number;
  candidate: string;
  worker: JobHandle<'impact'>;
  progress: ImpactProgress;
  state: ImpactJobStatus['state'];
  report: ImpactReport | null;
  error: string | null;
}

function jobsOf(ctx: HandlerContext): { next: number; byId: Map<number, Job> } {
  return resource(ctx, 'impact.jobs', () => ({ next: 1, byId: new Map<number, Job>() }), (j) => {
    for (const job of j.byId.values()) job.worker.stop();
  });
}

function statusOf(job: Job): ImpactJobStatus {
  return { jobId: job.id, state: job.state, progress: { ...job.progress }, candidate: job.candidate, error: job.error };
}

export const impactHandlers: Handlers<'impact.start' | 'impact.status' | 'impact.cancel' | 'impact.report'> = {
  'impact.start': async ({ fileName, base64, listDate }, ctx) => {
    const live: { job?: Job } = {};
    const worker = startJob(
      { kind: 'impact', fileName, bytes: new Uint8Array(Buffer.from(base64, 'base64')), listDate },
      jobOptions(ctx, (p) => {
        if (live.job) live.job.progress = p as ImpactProgress;
      }),
    );
    const started = await worker.started;
    if (!started.ok) return started;
    const jobs = jobsOf(ctx);
    const j: Job = { id: jobs.next++, candidate: started.value.candidate, worker, progress: { done: 0, total: 0, changed: 0 }, state: 'running', report: null, error: null };
    live.job = j;
    jobs.byId.set(j.id, j);
    worker.result
      .then((report) => {
        if (!report) throw new Error('the impact run ended without a report');
        j.report = report;
        j.progress = { done: report.scanned, total: report.total, changed: report.changes.length };
        j.state = report.cancelled ? 'cancelled' : 'done';
      })
      .catch((e: unknown) => {
        ctx.logError('impact.start', e);
        j.state = 'failed';
        j.error = 'The impact run failed inside Tierline; nothing stored was changed.';
      });
    return ok(statusOf(j));
  },
  'impact.status': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    return job ? ok(statusOf(job)) : err('NOT_FOUND', `There is no impact run ${jobId}.`);
  },
  'impact.cancel': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    if (!job) return err('NOT_FOUND', `There is no impact run ${jobId}.`);
    if (job.state === 'running') job.worker.cancel();
    return ok(statusOf(job));
  },
  'impact.report': ({ jobId }, ctx) => {
    const job = jobsOf(ctx).byId.get(jobId);
    if (!job) return err('NOT_FOUND', `There is no impact run ${jobId}.`);
    if (!job.report) return err('CONFLICT', `Impact run ${jobId} has no report yet (${job.state}).`);
    return ok(job.report);
  },
};
