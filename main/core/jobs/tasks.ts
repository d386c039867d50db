// The long jobs themselves, as the worker runs them on its own connection (worker.ts). Each answers
// with plain data (an IPC Result where the channel answers with one), so the handler on the main thread
// only relays it. They are the same functions the command line calls (runBatch, runImpact, the imports):
// the worker changes where they run, not what they store.
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { BatchPlanView } from '../../../shared/ipc/contract';
import { batchResultLines, LINE_FIELDS, loadBatch, mappingFile, runBatch, type BatchPlan, type Sheet } from '../batch';
import { MAPPING_FORMAT, type MappingFile } from '../batch/mapping';
import type { Db, DbErrorCode } from '../db';
import { importShipments } from '../db';
import { fromDbError } from '../handlers/store';
import { importListFile } from '../screening/service';
import { loadCandidate, runImpact, type CandidateRef, type ImpactReport } from '../services/impact';
import type { BatchRunOut, OrderBookInput, Progress, Task } from './protocol';

export interface TaskHooks {
  signal: AbortSignal;
  actor: string;
  today: string;
  progress(p: Progress): void;
  /** Said once, before the end, by the tasks that have a start (see TaskStarts). */
  started(value: unknown): void;
}

function mappingOf(columns: Record<string, string | null> | undefined, sheet: string | undefined): MappingFile | undefined {
  return columns ? { format: MAPPING_FORMAT, columns, ...(sheet ? { sheet } : {}) } : undefined;
}

async function planFor(db: Db, input: OrderBookInput): Promise<Result<{ sheet: Sheet; plan: BatchPlan }>> {
  const loaded = await loadBatch(db, input.bytes, input.fileName, { mapping: mappingOf(input.columns, input.sheet), sheet: input.sheet });
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

export async function batchPlanTask(db: Db, input: OrderBookInput): Promise<Result<BatchPlanView>> {
  const r = await planFor(db, input);
  return r.ok ? ok(planView(input.fileName, r.value.sheet, r.value.plan)) : r;
}

/**
 * Plans the order book (refusing a file with invalid lines unless they are to be skipped), says so
 * through `started`, evaluates and screens every case and stores them all in one transaction
 * (runBatch: a cancel, even while storing, rolls everything back).
 */
export async function batchRunTask(db: Db, input: OrderBookInput & { skipInvalid: boolean }, hooks: TaskHooks): Promise<BatchRunOut> {
  const r = await planFor(db, input);
  const refuse = (e: Result<never>): BatchRunOut => {
    hooks.started(e);
    return { status: 'refused', message: e.ok ? '' : e.error.message };
  };
  if (!r.ok) return refuse(r);
  const { sheet, plan } = r.value;
  if (plan.invalid.length && !input.skipInvalid) {
    return refuse(err('INVALID_INPUT', `${plan.lines - plan.validLines} line(s) are invalid: fix the file, or evaluate the ${plan.validLines} valid line(s) and keep the report.`));
  }
  if (plan.validLines === 0) return refuse(err('INVALID_INPUT', 'No line of the file is valid: nothing to evaluate.'));
  hooks.started(ok({ validLines: plan.validLines }));
  // One connection: every read happens before the store transaction opens, and nothing else writes on it.
  const run = await runBatch(db, plan, { actor: hooks.actor, signal: hooks.signal, today: hooks.today, storeDb: db, onProgress: (p) => hooks.progress(p) });
  if (run.status === 'cancelled') return { status: 'cancelled' };
  if (run.status === 'refused') return { status: 'refused', message: `${run.message}; nothing was stored.` };
  const lines = batchResultLines(sheet, plan, run);
  return {
    status: 'done',
    plan: { lines: plan.lines, validLines: plan.validLines, sheet: plan.sheet, invalid: plan.invalid },
    lines,
    cases: run.cases.map((c, i) => ({
      reference: c.prepared.doc.reference ?? null,
      rows: c.prepared.rows,
      sha256: c.sha256,
      caseId: run.stored?.caseIds[i] ?? null,
      determinationId: run.stored?.determinationIds[i] ?? null,
    })),
    stored: run.stored !== null,
    timings: run.timings,
  };
}

export function describeCandidate(c: CandidateRef): string {
  if (c.kind === 'pack') {
    const was = c.replaces ? `replacing the installed v${c.replaces.version}${c.replaces.sha256 === c.sha256 ? ' (the same pack)' : ''}` : 'no version installed';
    return `Rule pack ${c.id} v${c.version} (${c.mode === 'as_written' ? 'as written' : 'enforced'}) "${c.title}", signature verified (key ${c.keyId}); ${was}.`;
  }
  return `Screening list ${c.fileName} of ${c.date}, ${c.entryCount.toLocaleString('en-US')} entries; ${c.replaces ? `the active list is of ${c.replaces.date}` : 'no list is active'}.`;
}

/** Verifies the candidate (said through `started`, refused or described), then runs the analysis; null when refused. */
export async function impactTask(db: Db, input: { fileName: string; bytes: Uint8Array; listDate?: string }, hooks: TaskHooks): Promise<ImpactReport | null> {
  const { fileName } = input;
  const cand = loadCandidate(db, { bytes: input.bytes, fileName, listDate: input.listDate });
  if (!cand.ok) {
    const e = cand.error;
    const reason = e.message.startsWith(`${fileName} `) ? `it ${e.message.slice(fileName.length + 1)}` : e.message;
    hooks.started(err('INVALID_INPUT', `${fileName} was not analysed (nothing was installed): ${reason.replace(/\.$/, '')}.`, { details: e.errors }));
    return null;
  }
  hooks.started(ok({ candidate: describeCandidate(cand.value.ref) }));
  return runImpact(db, cand.value, { signal: hooks.signal, onProgress: (p) => hooks.progress(p) });
}

/** Imports a screening list, all or nothing; answers the new snapshot's id (the handler reads the status). */
export function listsImportTask(db: Db, input: { fileName: string; bytes: Uint8Array; date?: string }, hooks: TaskHooks): Result<{ snapshotId: number }> {
  const r = importListFile(db, { bytes: input.bytes, fileName: input.fileName, date: input.date }, { actor: hooks.actor });
  if (!r.ok) {
    const first = r.error.issues[0];
    if (r.error.code === 'INVALID_LIST') return err('INVALID_INPUT', first ? `${first.path}: ${first.message}` : r.error.message, { path: first?.path, details: r.error.issues });
    return fromDbError({ code: r.error.code as DbErrorCode, message: r.error.message, path: first?.path ?? '$', issues: r.error.issues });
  }
  return ok({ snapshotId: r.value.snapshot.id });
}

/** Imports a shipment history CSV, all or nothing. */
export function shipmentsImportTask(db: Db, input: { fileName: string; text: string }, hooks: TaskHooks): Result<{ count: number }> {
  const r = importShipments(db, input.text, { actor: hooks.actor, fileName: input.fileName });
  if (!r.ok) {
    const e = fromDbError(r.error);
    return e.ok ? e : err(e.error.code, `${input.fileName} was not imported (nothing was stored): ${e.error.message}`, { path: e.error.path, details: e.error.details });
  }
  return ok({ count: r.value.count });
}

export async function runTask(db: Db, task: Task, hooks: TaskHooks): Promise<unknown> {
  switch (task.kind) {
    case 'batch.plan':
      return batchPlanTask(db, task);
    case 'batch.run':
      return batchRunTask(db, task, hooks);
    case 'impact':
      return impactTask(db, task, hooks);
    case 'lists.import':
      return listsImportTask(db, task, hooks);
    case 'shipments.import':
      return shipmentsImportTask(db, task, hooks);
  }
}
