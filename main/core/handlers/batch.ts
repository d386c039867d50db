// batch.*: an order book in (plan: mapping and every invalid line by row and column, nothing stored),
// evaluated in the background (start, then status for progress; cancel keeps nothing), results out (one
// row per line, paged) and exported as CSV, XLSX or JSON. A job lives in memory until the app closes.
import type { BatchJobStatus, BatchPlanView } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import {
  batchResultLines,
  batchSummary,
  LINE_FIELDS,
  loadBatch,
  mappingFile,
  resultsBytes,
  runBatch,
  type BatchPlan,
  type BatchProgress,
  type BatchResultLine,
  type BatchRun,
  type Sheet,
} from '../batch';
import { MAPPING_FORMAT, type MappingFile } from '../batch/mapping';
import type { HandlerContext } from './context';
import { resource } from './resources';
import { storeOf } from './store';
import { openDatabase } from '../db';
import { databasePath } from '../paths';
import type { Handlers } from './types';

interface Job {
  id: number;
  fileName: string;
  sheet: Sheet;
  plan: BatchPlan;
  controller: AbortController;
  progress: BatchProgress;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  run: Extract<BatchRun, { status: 'done' }> | null;
  lines: BatchResultLine[] | null;
  error: string | null;
  close: () => void;
}

interface Jobs {
  next: number;
  byId: Map<number, Job>;
}

function jobsOf(ctx: HandlerContext): Jobs {
  return resource(ctx, 'batch.jobs', (): Jobs => ({ next: 1, byId: new Map() }), (j) => {
    for (const job of j.byId.values()) {
      job.controller.abort();
      job.close();
    }
  });
}

function mappingOf(columns: Record<string, string | null> | undefined, sheet: string | undefined): MappingFile | undefined {
  return columns ? { format: MAPPING_FORMAT, columns, ...(sheet ? { sheet } : {}) } : undefined;
}

async function planFor(ctx: HandlerContext, input: { fileName: string; base64: string; columns?: Record<string, string | null>; sheet?: string }): Promise<Result<{ sheet: Sheet; plan: BatchPlan }>> {
  const bytes = Buffer.from(input.base64, 'base64');
  const loaded = await loadBatch(storeOf(ctx), bytes, input.fileName, { mapping: mappingOf(input.columns, input.sheet), sheet: input.sheet });
  if (!loaded.ok) {
    const first = loaded.problems[0];
    return err('INVALID_INPUT', `${input.fileName} cannot be read: ${first ? `row ${first.row}, ${first.column}: ${first.message}` : 'unknown problem'}`, {
      details: loaded.problems.map((p) => ({ path: `row ${p.row}, ${p.column}`, message: p.message })),
    });
  }
  return ok({ sheet: loaded.sheet, plan: loaded.plan });
}

const MAX_PROBLEMS = 1000;

function planView(fileName: string, sheet: Sheet, plan: BatchPlan): BatchPlanView {
  return {
    fileName,
    sheet: sheet.name,
    columns: sheet.headers.map((header, i) => ({ header, field: plan.mapping.fields[i], how: plan.mapping.how[i] })),
    fields: LINE_FIELDS.map((f) => ({ field: f.field, label: f.label })),
    missing: plan.mapping.missing,
    lines: plan.lines,
    validLines: plan.validLines,
    cases: plan.cases.length,
    invalidLines: plan.lines - plan.validLines,
    problems: plan.invalid.slice(0, MAX_PROBLEMS),
    problemCount: plan.invalid.length,
    mappingFile: JSON.stringify(mappingFile(sheet.headers, plan.mapping, { name: fileName, sheet: sheet.name === 'csv' ? undefined : sheet.name }), null, 2),
  };
}

function statusOf(job: Job): BatchJobStatus {
  return {
    jobId: job.id,
    state: job.state,
    progress: { phase: job.progress.phase, done: job.progress.done, total: job.progress.total, rate: Math.round(job.progress.rate), etaMs: job.progress.etaMs === null ? null : Math.round(job.progress.etaMs) },
    summary: job.lines ? batchSummary(job.plan, job.lines, job.run?.stored != null) : null,
    error: job.error,
  };
}

function jobOf(ctx: HandlerContext, id: number): Job | null {
  return jobsOf(ctx).byId.get(id) ?? null;
}

export const batchHandlers: Handlers<'batch.plan' | 'batch.start' | 'batch.status' | 'batch.cancel' | 'batch.results' | 'batch.export'> = {
  'batch.plan': async (input, ctx) => {
    const r = await planFor(ctx, input);
    if (!r.ok) return r;
    return ok(planView(input.fileName, r.value.sheet, r.value.plan));
  },
  'batch.start': async (input, ctx) => {
    const r = await planFor(ctx, input);
    if (!r.ok) return r;
    const { sheet, plan } = r.value;
    if (plan.invalid.length && !input.skipInvalid) {
      return err('INVALID_INPUT', `${plan.lines - plan.validLines} line(s) are invalid: fix the file, or evaluate the ${plan.validLines} valid line(s) and keep the report.`);
    }
    if (plan.validLines === 0) return err('INVALID_INPUT', 'No line of the file is valid: nothing to evaluate.');
    const jobs = jobsOf(ctx);
    const job: Job = {
      id: jobs.next++,
      fileName: input.fileName,
      sheet,
      plan,
      controller: new AbortController(),
      progress: { phase: 'evaluate', done: 0, total: plan.validLines, rate: 0, etaMs: null },
      state: 'running',
      run: null,
      lines: null,
      error: null,
      close: () => {},
    };
    jobs.byId.set(job.id, job);
    const db = storeOf(ctx);
    // The batch stores through a connection of its own, so that nothing another request writes while the
    // batch's transaction is open joins it (docs/batch.md).
    const own = openDatabase(databasePath(ctx.dataDir), { nativeBinding: ctx.sqliteBinding });
    if (!own.ok) return err('UNAVAILABLE', `The data folder could not be opened for the batch: ${own.error.message}.`);
    job.close = () => {
      if (own.value.open) own.value.close();
    };
    void runBatch(db, plan, { actor: ctx.actor, signal: job.controller.signal, today: ctx.today(), storeDb: own.value, onProgress: (p) => (job.progress = p) })
      .then((run) => {
        if (run.status === 'done') {
          job.run = run;
          job.lines = batchResultLines(sheet, plan, run);
          job.state = 'done';
        } else if (run.status === 'cancelled') job.state = 'cancelled';
        else {
          job.state = 'failed';
          job.error = `${run.message}; nothing was stored.`;
        }
      })
      .catch((e: unknown) => {
        ctx.logError('batch.start', e);
        job.state = 'failed';
        job.error = 'The batch failed inside Tierline; nothing was stored.';
      })
      .finally(() => job.close());
    return ok(statusOf(job));
  },
  'batch.status': ({ jobId }, ctx) => {
    const job = jobOf(ctx, jobId);
    return job ? ok(statusOf(job)) : err('NOT_FOUND', `There is no batch ${jobId}.`);
  },
  'batch.cancel': ({ jobId }, ctx) => {
    const job = jobOf(ctx, jobId);
    if (!job) return err('NOT_FOUND', `There is no batch ${jobId}.`);
    if (job.state === 'running') job.controller.abort();
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
    if (!job.lines) return err('CONFLICT', `Batch ${jobId} has no results (${job.state}).`);
    const bytes = await resultsBytes(format, job.fileName, job.plan, job.lines, job.run);
    const base = job.fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'batch';
    return ok({ fileName: `${base}-results.${format}`, base64: bytes.toString('base64') });
  },
};
