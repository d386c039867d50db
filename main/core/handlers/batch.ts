// batch.*: an order book in (plan: mapping and every invalid line by row and column, nothing stored),
// evaluated in the background (start, then status for progress; cancel keeps nothing), results out (one
// row per line, paged) and exported as CSV, XLSX or JSON. A job lives in memory until the app closes.
// Planning and the run happen in a worker thread with its own connection (main/core/jobs), so this
// thread keeps answering status, cancel and every other channel while 10,000 lines run.
import type { BatchJobStatus } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { batchSummary, resultsBytesOf, type BatchProgress, type BatchResultLine, type BatchSummaryInput } from '../batch';
import { startJob, type JobHandle } from '../jobs/host';
import type { BatchCaseOut } from '../jobs/protocol';
import type { HandlerContext } from './context';
import { resource } from './resources';
import { jobOptions } from './jobs';
import { storeOf } from './store';
import { getDetermination } from '../db';
import type { Handlers } from './types';

interface Job {
  id: number;
  fileName: string;
  worker: JobHandle<'batch.run'>;
  progress: BatchProgress;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  plan: BatchSummaryInput | null;
  cases: BatchCaseOut[];
  stored: boolean;
  lines: BatchResultLine[] | null;
  error: string | null;
}

interface Jobs {
  next: number;
  byId: Map<number, Job>;
}

function jobsOf(ctx: HandlerContext): Jobs {
  return resource(ctx, 'batch.jobs', (): Jobs => ({ next: 1, byId: new Map() }), (j) => {
    for (const job of j.byId.values()) job.worker.stop();
  });
}

function statusOf(job: Job): BatchJobStatus {
  return {
    jobId: job.id,
    state: job.state,
    progress: { phase: job.progress.phase, done: job.progress.done, total: job.progress.total, rate: Math.round(job.progress.rate), etaMs: job.progress.etaMs === null ? null : Math.round(job.progress.etaMs) },
    summary: job.lines && job.plan ? batchSummary(job.plan, job.lines, job.stored) : null,
    error: job.error,
  };
}

function jobOf(ctx: HandlerContext, id: number): Job | null {
  return jobsOf(ctx).byId.get(id) ?? null;
}

function orderBook(input: { fileName: string; base64: string; columns?: Record<string, string | null>; sheet?: string }) {
  return { fileName: input.fileName, bytes: new Uint8Array(Buffer.from(input.base64, 'base64')), columns: input.columns, sheet: input.sheet };
}

export const batchHandlers: Handlers<'batch.plan' | 'batch.start' | 'batch.status' | 'batch.cancel' | 'batch.results' | 'batch.export'> = {
  'batch.plan': async (input, ctx) => {
    const w = startJob({ kind: 'batch.plan', ...orderBook(input) }, jobOptions(ctx));
    return w.result;
  },
  'batch.start': async (input, ctx) => {
    const live: { job?: Job } = {};
    const worker = startJob(
      { kind: 'batch.run', skipInvalid: input.skipInvalid, ...orderBook(input) },
      jobOptions(ctx, (p) => {
        if (live.job) live.job.progress = p as BatchProgress;
      }),
    );
    const started = await worker.started;
    if (!started.ok) return started;
    const jobs = jobsOf(ctx);
    const id = jobs.next++;
    const j: Job = {
      id,
      fileName: input.fileName,
      worker,
      progress: { phase: 'evaluate', done: 0, total: started.value.validLines, rate: 0, etaMs: null },
      state: 'running',
      plan: null,
      cases: [],
      stored: false,
      lines: null,
      error: null,
    };
    live.job = j;
    jobs.byId.set(id, j);
    worker.result
      .then((run) => {
        if (run.status === 'done') {
          j.plan = run.plan;
          j.cases = run.cases;
          j.stored = run.stored;
          j.lines = run.lines;
          j.state = 'done';
        } else if (run.status === 'cancelled') j.state = 'cancelled';
        else {
          j.state = 'failed';
          j.error = run.message;
        }
      })
      .catch((e: unknown) => {
        ctx.logError('batch.start', e);
        j.state = 'failed';
        j.error = 'The batch failed inside Tierline; nothing was stored.';
      });
    return ok(statusOf(j));
  },
  'batch.status': ({ jobId }, ctx) => {
    const job = jobOf(ctx, jobId);
    return job ? ok(statusOf(job)) : err('NOT_FOUND', `There is no batch ${jobId}.`);
  },
  'batch.cancel': ({ jobId }, ctx) => {
    const job = jobOf(ctx, jobId);
    if (!job) return err('NOT_FOUND', `There is no batch ${jobId}.`);
    if (job.state === 'running') job.worker.cancel();
    return ok(statusOf(job));
  },
  'batch.results': ({ jobId, offset, limit }, ctx) => {
    const job = jobOf(ctx, jobId);
    if (!job) return err('NOT_FOUND', `There is no batch ${jobId}.`);
    if (!job.lines) return err('CONFLICT', `Batch ${jobId} has no results (${job.state}).`);
    return ok({ total: job.lines.length, lines: job.lines.slice(offset, offset + limit) });
  },
  'batch.export': async ({ jobId, format }, ctx) => {
    const job = jobOf(ctx, jobId);
    if (!job) return err('NOT_FOUND', `There is no batch ${jobId}.`);
    if (!job.lines || !job.plan) return err('CONFLICT', `Batch ${jobId} has no results (${job.state}).`);
    // The determinations were stored by the worker; a JSON export reads them back by id.
    const db = storeOf(ctx);
    const cases = () =>
      job.cases.map((c) => {
        const det = c.determinationId === null ? null : getDetermination(db, c.determinationId);
        if (!det) throw new Error(`determination ${c.determinationId} of batch ${jobId} is not in the store`);
        return { reference: c.reference, rows: c.rows, caseSha256: c.sha256, caseId: c.caseId, determinationId: c.determinationId, determination: det.document };
      });
    const bytes = await resultsBytesOf(format, job.fileName, job.plan, job.lines, cases, job.stored);
    const base = job.fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'batch';
    return ok({ fileName: `${base}-results.${format}`, base64: bytes.toString('base64') });
  },
};
