// Evaluates a planned batch: every case in both modes (as written and enforced) and its end user screened
// against the active list, in time slices that yield to the event loop (no slice runs longer than
// `sliceMs`, so the process keeps answering while 10,000 lines run), with progress (count, rate, time
// left) and cancellation. Nothing is stored until every case is evaluated; then all cases and
// determinations go in in one transaction (all or nothing), itself written in slices with the event
// loop free between them. A cancelled run, even while storing, stores nothing.
//
// The ledger is read when each case is evaluated, as `evaluate` does; evaluating records no shipment,
// so the cases of one batch do not count against each other.
import { canonicalJson } from '../../../shared/domain/canonical';
import type { Determination, Evaluation, ItemDetermination } from '../../../shared/domain/determination';
import { evaluateCase, type PackSet } from '../../../shared/engine';
import { getCaseBySha256, insertDetermination, ledgerFor, recordItemProducts, saveCase, sha256Hex, type Db } from '../db';
import { abort, writeBatchInSteps } from '../db/tx';
import { screenCase, todayIso } from '../screening/service';
import { bindingCandidates, undecidedCandidates, type ScreeningSection } from '../../../shared/domain/screening';
import { activePacks } from '../services/packs';
import type { BatchPlan, LineProblem, PreparedCase } from './lines';

export type ScreeningStatus = ScreeningSection['status'];

export interface CaseScreening {
  status: ScreeningStatus;
  /** The best binding or open candidate: listed name, list and score. */
  best: { name: string; list: string; score: number } | null;
  candidates: number;
}

export interface EvaluatedBatchCase {
  prepared: PreparedCase;
  sha256: string;
  text: string;
  determination: Determination;
  screening: CaseScreening;
}

export interface BatchProgress {
  phase: 'evaluate' | 'store';
  /** Lines done and in all (valid lines only). */
  done: number;
  total: number;
  /** Lines per second so far. */
  rate: number;
  /** Estimated milliseconds left (null until a rate is known). */
  etaMs: number | null;
}

export interface BatchTimings {
  /** Evaluation including screening (screenMs is the screening part of it). */
  evaluateMs: number;
  screenMs: number;
  storeMs: number;
  /** Longest single slice of synchronous work (the event loop was blocked at most this long). */
  longestSliceMs: number;
}

export type BatchRun =
  | { status: 'done'; cases: EvaluatedBatchCase[]; stored: { caseIds: number[]; determinationIds: number[] } | null; timings: BatchTimings; screeningList: string | null; warnings: string[] }
  | { status: 'cancelled'; done: number; total: number }
  | { status: 'refused'; code: string; message: string };

export interface RunBatchOptions {
  actor: string;
  /** Store the cases and determinations (default true). */
  store?: boolean;
  packs?: PackSet;
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
  /**
   * The connection to store through: in the app a second connection of the batch's own, so that nothing
   * another request writes while the batch's transaction is open (between its slices) joins it.
   * Default: `db` (the command line, where nothing else writes).
   */
  storeDb?: Db;
  /** Longest slice of synchronous work before yielding (default 50 ms). */
  sliceMs?: number;
  /** Today's date for the screening list's age (default: the clock). */
  today?: string;
}

const NO_LIST = 'No screening list is imported: no party was screened. Import the Consolidated Screening List (tierline lists import FILE).';

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

function screeningOf(sec: ScreeningSection | undefined): CaseScreening {
  if (!sec) return { status: 'not_screened', best: null, candidates: 0 };
  const open = sec.parties.flatMap((p) => bindingCandidates(p).concat(undecidedCandidates(p)));
  open.sort((x, y) => y.score - x.score);
  const best = open[0] ?? null;
  return { status: sec.status, best: best ? { name: best.name, list: best.list, score: best.score } : null, candidates: open.length };
}

/** Runs the plan's valid cases. Invalid lines are the caller's to refuse or skip (see `plan.invalid`). */
export async function runBatch(db: Db, plan: BatchPlan, opts: RunBatchOptions): Promise<BatchRun> {
  const sliceMs = opts.sliceMs ?? 50;
  const packs = opts.packs ?? activePacks(db);
  const total = plan.validLines;
  const out: EvaluatedBatchCase[] = [];
  const warnings = new Set<string>();
  let screeningList: string | null = null;
  let evaluateMs = 0;
  let screenMs = 0;
  let longest = 0;
  let done = 0;
  const t0 = performance.now();
  const progress = (phase: BatchProgress['phase'], d: number, all: number, since: number) => {
    if (!opts.onProgress) return;
    const secs = (performance.now() - since) / 1000;
    const rate = secs > 0 ? d / secs : 0;
    opts.onProgress({ phase, done: d, total: all, rate, etaMs: rate > 0 ? ((all - d) / rate) * 1000 : null });
  };
  let i = 0;
  progress('evaluate', 0, total, t0);
  while (i < plan.cases.length) {
    if (opts.signal?.aborted) return { status: 'cancelled', done, total };
    const s0 = performance.now();
    // Evaluate (with the parties screened, bound into the determination) until the slice's budget is spent.
    while (i < plan.cases.length && performance.now() - s0 < sliceMs * 0.8) {
      const pc = plan.cases[i];
      const text = canonicalJson(pc.raw);
      const sha = sha256Hex(text);
      const existing = getCaseBySha256(db, sha);
      const ledger = ledgerFor(db, { excludeCaseId: existing?.id ?? null });
      const q0 = performance.now();
      const screening = screenCase(db, pc.doc, { today: opts.today });
      screenMs += performance.now() - q0;
      if (screening.list) screeningList = `${screening.list.date} (${screening.list.sha256.slice(0, 12)})`;
      else warnings.add(NO_LIST);
      if (screening.list?.stale) warnings.add(`The screening list of ${screening.list.date} is ${screening.list.ageDays} days old (more than ${screening.list.maxAgeDays}): import a current Consolidated Screening List.`);
      const det = evaluateCase({ case: pc.doc, caseSha256: sha, packs, ledger, hints: false, screening, today: opts.today ?? todayIso() }).determination;
      const determination = pc.warnings.length ? { ...det, evaluations: det.evaluations.map((e) => ({ ...e, warnings: [...e.warnings, ...pc.warnings] })) } : det;
      out.push({ prepared: pc, sha256: sha, text, determination, screening: screeningOf(determination.screening) });
      i += 1;
      done += pc.rows.length;
    }
    const s1 = performance.now();
    evaluateMs += s1 - s0;
    longest = Math.max(longest, s1 - s0);
    progress('evaluate', done, total, t0);
    await yieldToLoop();
  }
  if (opts.signal?.aborted) return { status: 'cancelled', done, total };
  let stored: { caseIds: number[]; determinationIds: number[] } | null = null;
  const st0 = performance.now();
  if (opts.store !== false && out.length) {
    progress('store', 0, total, st0);
    const into = opts.storeDb ?? db;
    const cancelled = new Error('cancelled');
    let stepped = 0;
    const r = await writeBatchInSteps(into, async () => {
      const caseIds: number[] = [];
      const determinationIds: number[] = [];
      let w0 = performance.now();
      for (const c of out) {
        const saved = saveCase(into, c.prepared.raw, c.sha256, { actor: opts.actor, validated: { doc: c.prepared.doc, text: c.text } });
        if (!saved.ok) return abort(saved.error.code, `row ${c.prepared.rows[0]}: ${saved.error.message}`, saved.error.path);
        recordItemProducts(into, c.sha256, c.prepared.used);
        const det = insertDetermination(into, saved.value.id, c.determination, { actor: opts.actor, fromEngine: c.determination });
        if (!det.ok) return abort(det.error.code, `row ${c.prepared.rows[0]}: ${det.error.message}`, det.error.path);
        caseIds.push(saved.value.id);
        determinationIds.push(det.value.id);
        stepped += c.prepared.rows.length;
        if (performance.now() - w0 >= sliceMs * 0.8) {
          longest = Math.max(longest, performance.now() - w0);
          progress('store', stepped, total, st0);
          await yieldToLoop();
          if (opts.signal?.aborted) throw cancelled;
          w0 = performance.now();
        }
      }
      longest = Math.max(longest, performance.now() - w0);
      return { caseIds, determinationIds };
    }).catch((e: unknown) => {
      if (e === cancelled) return null;
      throw e;
    });
    if (r === null) return { status: 'cancelled', done: stepped, total };
    if (!r.ok) return { status: 'refused', code: r.error.code, message: r.error.message };
    stored = r.value;
    progress('store', total, total, st0);
  }
  const storeMs = performance.now() - st0;
  return { status: 'done', cases: out, stored, timings: { evaluateMs, screenMs, storeMs, longestSliceMs: longest }, screeningList, warnings: [...warnings] };
}

// ---------------------------------------------------------------------------------------------------
// Results: one row per order line.

export interface BatchResultLine {
  row: number;
  reference: string | null;
  partNumber: string | null;
  description: string | null;
  quantity: number | null;
  customer: string | null;
  destination: string | null;
  date: string | null;
  /** valid lines: "evaluated"; else "invalid" (with the problem) or "not evaluated". */
  status: 'evaluated' | 'invalid';
  problem: string | null;
  enforced: string | null;
  asWritten: string | null;
  authorizationEnforced: string | null;
  authorizationAsWritten: string | null;
  reviewPolicy: string | null;
  /** clear, listed, needs review, not screened. */
  screening: string | null;
  screeningMatch: string | null;
  caps: string | null;
  caseSha256: string | null;
  caseId: number | null;
  determinationId: number | null;
}

function evalOf(d: Determination, mode: Evaluation['mode']): Evaluation | undefined {
  return d.evaluations.find((e) => e.mode === mode);
}

function outcome(it: ItemDetermination | undefined): string | null {
  if (!it) return null;
  if (it.authorization === 'PROHIBITED') return 'prohibited';
  if (it.licenseRequired) return 'license required';
  if (it.authorization === 'NOT_CONTROLLED') return 'not controlled';
  return it.authorization === 'NLR' ? 'no license required' : `authorized under ${it.authorization}`;
}

const CAP_LABELS: Record<string, string> = { 'review.allocation': 'country allocation' };

/**
 * The caps a line's evaluation counted against: the trace steps that compare a running TPP total with a
 * limit (country allocation, LPP, AIA or NVEU totals), named by their rule.
 */
export function capsTouched(it: ItemDetermination | undefined): string[] {
  if (!it) return [];
  const caps = new Set<string>();
  for (const s of it.trace) {
    if (!/(≤|>|≥|<)/.test(s.test) || !/TPP/.test(s.test)) continue;
    caps.add(CAP_LABELS[s.rule] ?? s.rule.replace(/^(review|auth)\./, ''));
  }
  return [...caps];
}

export function resultLines(plan: BatchPlan, run: Extract<BatchRun, { status: 'done' }> | null, sheetRows: ReadonlyMap<number, Record<string, unknown>>): BatchResultLine[] {
  const byRow = new Map<number, BatchResultLine>();
  const problemsByRow = new Map<number, LineProblem[]>();
  for (const p of plan.invalid) {
    const l = problemsByRow.get(p.row);
    if (l) l.push(p);
    else problemsByRow.set(p.row, [p]);
  }
  run?.cases.forEach((c, ci) => {
    const asw = evalOf(c.determination, 'as_written');
    const enf = evalOf(c.determination, 'enforced');
    c.prepared.rows.forEach((row, idx) => {
      const item = c.prepared.doc.items[idx];
      const a = asw?.items[idx];
      const e = enf?.items[idx];
      byRow.set(row, {
        row,
        reference: c.prepared.doc.reference ?? null,
        partNumber: item.partNumber ?? null,
        description: item.description ?? null,
        quantity: item.quantity,
        customer: c.prepared.doc.endUser.name,
        destination: c.prepared.doc.destination,
        date: c.prepared.doc.date,
        status: 'evaluated',
        problem: null,
        enforced: outcome(e),
        asWritten: outcome(a),
        authorizationEnforced: e?.authorization ?? null,
        authorizationAsWritten: a?.authorization ?? null,
        reviewPolicy: [a?.reviewPolicy ? `as written: ${a.reviewPolicy.replace(/_/g, ' ')}` : null, e?.reviewPolicy ? `enforced: ${e.reviewPolicy.replace(/_/g, ' ')}` : null].filter(Boolean).join('; ') || null,
        screening: c.screening.status.replace(/_/g, ' '),
        screeningMatch: c.screening.best ? `${c.screening.best.name} (${c.screening.best.list}, ${c.screening.best.score.toFixed(2)})` : null,
        caps: [...new Set([...capsTouched(a), ...capsTouched(e)])].join('; ') || null,
        caseSha256: c.sha256,
        caseId: run.stored?.caseIds[ci] ?? null,
        determinationId: run.stored?.determinationIds[ci] ?? null,
      });
    });
  });
  const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  for (const [row, probs] of problemsByRow) {
    if (row === 1 && !sheetRows.has(1)) continue;
    if (byRow.has(row)) continue;
    const cells = sheetRows.get(row) ?? {};
    const q = Number(cells.quantity);
    byRow.set(row, {
      row,
      reference: str(cells.reference),
      partNumber: str(cells.partNumber),
      description: str(cells.description),
      quantity: Number.isFinite(q) && str(cells.quantity) !== null ? q : null,
      customer: str(cells['endUser.name']),
      destination: str(cells.destination),
      date: str(cells.date),
      status: 'invalid',
      problem: probs.map((p) => `${p.column}: ${p.message}`).join('; '),
      enforced: null,
      asWritten: null,
      authorizationEnforced: null,
      authorizationAsWritten: null,
      reviewPolicy: null,
      screening: null,
      screeningMatch: null,
      caps: null,
      caseSha256: null,
      caseId: null,
      determinationId: null,
    });
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}
