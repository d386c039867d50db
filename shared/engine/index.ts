// evaluateCase(case, packs, ledger) → a tierline.determination/1 document. Pure: no I/O, no clock.
// Each mode is evaluated as of the case date with the procedure its pack names for that date.
import type { Case, EvaluationMode, NormalizedCase } from '../domain/case';
import { normalizeCase } from '../domain/case';
import type { Confidence, Determination, Evaluation, ItemDetermination, TraceStep } from '../domain/determination';
import { DETERMINATION_FORMAT } from '../domain/determination';
import type { LoadedPack, Procedure, StatusCode } from '../domain/rulepack';
import type { ScreeningSection } from '../domain/screening';
import { classifyItem } from './classify';
import { applyScreening } from './screening';
import { EvalContext, ItemTrace, fmt } from './context';
import { Counters } from './counters';
import type { ItemInput, ItemOutcome } from './regimes/common';
import { advancedComputingItem } from './regimes/advanced-computing';
import { aiDiffusionItem } from './regimes/ai-diffusion';
import { snapshotAt, weakest, type Snapshot } from './snapshot';
import { geography, parties } from './tiers';
import { ruleTitle } from './titles';
import type { Hint, LedgerShipment, LedgerTotals, PackSet } from './types';

export type { Hint, LedgerShipment, LedgerTotals, PackSet } from './types';
export { arrayLedger } from './counters';
export { PARAMETERS, validatePackSemantics } from './manifest';
export type { ParamId } from './manifest';
export { snapshotAt, PackCoverageError } from './snapshot';

const PROCEDURES: Record<Procedure, (x: ItemInput) => ItemOutcome> = {
  advanced_computing: advancedComputingItem,
  ai_diffusion: aiDiffusionItem,
};

/** The procedures this engine implements: a pack that names any other is refused before it is stored. */
export const ENGINE_PROCEDURES: readonly string[] = Object.keys(PROCEDURES);

const STATUS_LABEL: Record<StatusCode, string> = {
  pre_rule: 'before the Framework for AI Diffusion',
  effective_compliance_not_required: 'Framework effective, compliance not yet required',
  in_force: 'in force',
  codified_not_enforced: 'Framework codified, not enforced by BIS',
  enforced_posture: 'BIS enforcement posture',
};

const PROCEDURE_LABEL: Record<Procedure, string> = {
  advanced_computing: 'the advanced-computing controls (pre-Framework text, as BIS enforces it)',
  ai_diffusion: 'the Framework for AI Diffusion as written',
};

/**
 * Steps shared by every item of every case with the same snapshot and key (steps are frozen: never
 * mutated, so the store may also keep each once). One map per kind of step, kept on the snapshot.
 */
interface SharedSteps {
  /** the status step, by mode and date */
  status: Map<string, TraceStep>;
  /** the tier step, by location, headquarters and parent */
  tier: Map<string, TraceStep>;
}

function sharedSteps(snap: Snapshot): SharedSteps {
  let m = snap.derived.get('steps') as SharedSteps | undefined;
  if (!m) snap.derived.set('steps', (m = { status: new Map(), tier: new Map() }));
  return m;
}

function sharedStep(map: Map<string, TraceStep>, key: string, make: () => TraceStep): TraceStep {
  let step = map.get(key);
  if (!step) map.set(key, (step = Object.freeze(make())));
  return step;
}

export const MODES: readonly EvaluationMode[] = ['as_written', 'enforced'];

export interface EvaluateInput {
  case: Case;
  caseSha256: string;
  packs: PackSet;
  /**
   * The store's ledger: its sums (LedgerTotals, computed in SQL) or a list of shipments (any date; later
   * ones are ignored). It must not hold the case's own shipments: those are this case, not priors.
   */
  ledger: readonly LedgerShipment[] | LedgerTotals;
  /** Compute the "what would change the outcome" hints (default true). */
  hints?: boolean;
  /**
   * The parties screened against the active list snapshot (main/core runs the screening); its
   * consequences are applied to every evaluation and it is recorded in the determination.
   */
  screening?: ScreeningSection;
  /**
   * The day of the evaluation (the engine has no clock): past a pack's `reviewBy` every evaluation under
   * it warns that the rules may be out of date. Without it, no such warning is given.
   */
  today?: string;
}

export interface EvaluateOutput {
  determination: Determination;
  hints: Hint[];
}

function evaluateMode(mode: EvaluationMode, pack: LoadedPack, c: NormalizedCase, ledger: readonly LedgerShipment[] | LedgerTotals, hints: Hint[], withHints: boolean): Evaluation {
  const snap = snapshotAt(pack, c.date);
  const ctx = new EvalContext(mode, snap, withHints);
  const g = geography(ctx);
  const p = parties(g, c);
  // location, headquarters and parent, each once (no Set: this runs for every mode of every case)
  if (g.undated.size) {
    for (const country of [p.location, p.hq, p.parent]) {
      const undated = g.undated.get(country);
      if (undated) ctx.warn(undated);
    }
  }
  const counters = new Counters(ledger, c.date, c.priorShipments ?? []);
  const dupes = counters.duplicatesOfLedger;
  if (dupes.length) {
    ctx.warn(
      `${dupes.length} declared prior shipment(s) match a row of this workbench's ledger (same date, consignee and TPP) and are counted once, from the ledger: ${dupes
        .slice(0, 3)
        .map((s) => `${s.date} ${s.consignee} ${fmt(s.tpp)} TPP`)
        .join('; ')}${dupes.length > 3 ? '; …' : ''}.`,
    );
  }
  const procedure = PROCEDURES[snap.status.procedure];
  // The status and tier steps are the same for every item (and every case of the same date and
  // parties): they are built once per snapshot and shared; trace steps are never mutated.
  const shared = sharedSteps(snap);
  const statusStep = sharedStep(shared.status, mode === 'as_written' ? `w${c.date}` : `e${c.date}`, () => ({
    rule: 'status',
    title: ruleTitle('status'),
    citation: snap.status.citation,
    test: `regime on ${c.date} (${mode === 'as_written' ? 'as written' : 'as enforced'})`,
    result: `${STATUS_LABEL[snap.status.code]}; applying ${PROCEDURE_LABEL[snap.status.procedure]}`,
    confidence: snap.status.confidence,
  }));
  const tierParams = ['group.supp5a', 'group.d5'] as const;
  const tierStep =
    p.destinationTier === null
      ? null
      : sharedStep(shared.tier, `${p.location}${p.hq}${p.parent}`, () => ({
          rule: 'tier',
          title: ruleTitle('tier'),
          citation: '15 CFR part 740, Supp. No. 5 ¶(a); Country Group D:5 (Supp. No. 1 to part 740); Macau',
          test: `destination ${p.location}; headquarters ${p.hq}; ultimate parent ${p.parent}`,
          result: `destination Tier ${p.destinationTier}, effective Tier ${p.effectiveTier}`,
          confidence: tierParams.reduce<Confidence>((acc, id) => weakest(acc, snap.uses[id].confidence), 'high'),
        }));
  const items: ItemDetermination[] = c.items.map((item, index) => {
    const t = new ItemTrace(ctx);
    t.steps.push(statusStep);
    if (tierStep) {
      for (const id of tierParams) ctx.rely(id);
      t.steps.push(tierStep);
    }
    const cls = classifyItem(ctx, c, item, t);
    const outcome = procedure({ ctx, c, g, p, item, index, cls, t, counters });
    if (cls.tpp > 0 && outcome.authorization !== 'NOT_CONTROLLED' && outcome.authorization !== 'NLR') {
      counters.add({ date: c.date, destination: c.destination, consignee: c.endUser.name, tpp: cls.tpp, authorization: outcome.authorization });
    }
    return {
      index,
      eccn: cls.eccn,
      licenseRequired: outcome.authorization === 'LICENSE',
      authorization: outcome.authorization,
      reviewPolicy: outcome.authorization === 'LICENSE' ? outcome.reviewPolicy : null,
      obligations: outcome.obligations,
      trace: t.steps,
    };
  });
  hints.push(...ctx.hints);
  return {
    mode,
    asOf: c.date,
    rulePack: { id: pack.body.id, version: pack.body.version, sha256: pack.sha256 },
    regimeStatus: snap.status.text,
    ...(snap.status.detail ? { regimeStatusDetail: snap.status.detail } : {}),
    ...sinceThen(pack, c.date),
    destinationTier: p.destinationTier,
    effectiveTier: p.effectiveTier,
    licenseRequired: items.some((i) => i.licenseRequired),
    items,
    warnings: [...ctx.warnings],
  };
}

/** The pack's later status events (after the as-of date), kept apart from the status on the date. */
function sinceThen(pack: LoadedPack, asOf: string): { sinceThen?: { date: string; text: string }[] } {
  const later = pack.body.status.filter((s) => s.from > asOf && s.event).map((s) => ({ date: s.from, text: s.event! }));
  return later.length ? { sinceThen: later } : {};
}

/** Past the pack's review date the rules may have changed since: say so, naming the pack and its date. */
export function reviewWarning(ev: Evaluation, pack: LoadedPack, today: string): void {
  const by = pack.body.reviewBy;
  if (by === undefined || today <= by) return;
  ev.warnings = [
    ...ev.warnings,
    `The rules may be out of date: rule pack ${pack.body.id} v${pack.body.version} (issued ${pack.body.issued}) was to be reviewed by ${by} and no newer pack is installed; check for a newer rule pack before relying on this determination.`,
  ];
}

export function evaluateCase(input: EvaluateInput): EvaluateOutput {
  const c = normalizeCase(input.case);
  const modes = c.mode ? [c.mode] : MODES;
  const hints: Hint[] = [];
  const evaluations = modes.map((m) => evaluateMode(m, input.packs[m], c, input.ledger, hints, input.hints !== false));
  if (input.today !== undefined) for (const ev of evaluations) reviewWarning(ev, input.packs[ev.mode], input.today);
  if (!input.screening) return { determination: { format: DETERMINATION_FORMAT, caseSha256: input.caseSha256, evaluations }, hints };
  for (const ev of evaluations) {
    // items and their traces are fresh per evaluation; copy the arrays this overlay extends
    ev.items = ev.items.map((it) => ({ ...it, obligations: [...it.obligations], trace: [...it.trace] }));
    applyScreening(ev, input.screening, c.date, c.items);
  }
  return {
    determination: { format: DETERMINATION_FORMAT, caseSha256: input.caseSha256, evaluations, screening: input.screening },
    hints,
  };
}
