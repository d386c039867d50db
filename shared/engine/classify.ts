// Classification of one line item: 3A090.a/.b from TPP and performance density, 4A090 for computers,
// the ".z" paragraphs and related software/technology from the declared ECCN, 3A090.c (HBM), and
// 4E091 model weights with the published-weights and below-the-frontier exclusions.
import type { Item, NormalizedCase } from '../domain/case';
import { unitTppOf } from '../domain/case';
import type { EvalContext, ItemTrace } from './context';
import { fmt, fmtOps } from './context';
import type { ParamId } from './manifest';

// Parameter lists of the steps, hoisted so that each step's confidence is resolved once per snapshot.
const P1: readonly ParamId[] = ['eccn.3a090.thresholds'];
const P2: readonly ParamId[] = ['eccn.4e091.status'];
const P3: readonly ParamId[] = ['eccn.4e091.operationsThreshold'];
const P4: readonly ParamId[] = ['eccn.4e091.note2ByOperations'];
const P5: readonly ParamId[] = ['eccn.aLevel', 'eccn.bLevel'];
const P6: readonly ParamId[] = ['hbm.controlled'];
const P8: readonly ParamId[] = ['eccn.4e091.note1'];


export type Level = 'a' | 'b' | 'c' | 'weights' | 'none';

export interface Classification {
  eccn: string | null;
  level: Level;
  /** Total TPP of the line (units × TPP per unit); 0 where TPP does not apply. */
  tpp: number;
  /** Designed or marketed for datacenter use (unknown is taken as true). */
  datacenter: boolean;
  approvedDesigner: boolean;
  /** A computer given by its ICs: each IC judged on its own. */
  chips?: ChipResult[];
}

const RANK: Record<Level, number> = { none: 0, c: 1, b: 2, a: 3, weights: 4 };

const listSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Whether an ECCN is listed, itself or through a listed parent paragraph ("3A090" covers "3A090.a.1"). */
export function eccnMatches(eccn: string, list: readonly string[]): boolean {
  let set = listSets.get(list);
  if (!set) {
    set = new Set(list);
    listSets.set(list, set);
  }
  if (set.has(eccn)) return true;
  for (let i = eccn.lastIndexOf('.'); i > 0; i = eccn.lastIndexOf('.', i - 1)) {
    if (set.has(eccn.slice(0, i))) return true;
  }
  return false;
}

function levelOfDeclared(ctx: EvalContext, eccn: string): Level {
  if (eccn === '4E091' || eccn.startsWith('4E091.')) return 'weights';
  if (eccnMatches(eccn, ctx.v['eccn.hbm'])) return 'c';
  if (eccnMatches(eccn, ctx.v['eccn.aLevel'])) return 'a';
  if (eccnMatches(eccn, ctx.v['eccn.bLevel'])) return 'b';
  return 'none';
}

interface ChipLevel {
  level: Level;
  why: string;
}

/** One IC against 3A090.a/.b (and the non-datacenter carve-out). */
function chipLevel(ctx: EvalContext, tpp: number, pdGiven: number | undefined, dieAreaMm2: number | undefined, datacenter: boolean | undefined): ChipLevel {
  const th = ctx.v['eccn.3a090.thresholds'];
  let pd = pdGiven;
  let pdNote = '';
  if (pd === undefined && dieAreaMm2) {
    pd = tpp / dieAreaMm2;
    pdNote = ` (${fmt(tpp)} TPP ÷ ${dieAreaMm2} mm²)`;
  }
  if (datacenter === false && tpp < th.nonDatacenterTppMin) {
    return { level: 'none', why: `not designed or marketed for datacenters and TPP ${fmt(tpp)} is below ${fmt(th.nonDatacenterTppMin)}: outside 3A090 (the non-datacenter carve-out)` };
  }
  if (tpp >= th.aTppMin) return { level: 'a', why: `TPP ${fmt(tpp)} is at least ${fmt(th.aTppMin)}: 3A090.a` };
  if (pd === undefined) {
    if (tpp >= th.aTppMinWithDensity) {
      ctx.warn(`Item performance density unknown: an IC of ${fmt(tpp)} TPP is classified at the .a level (conservative default); give performanceDensity or dieAreaMm2.`);
      return { level: 'a', why: `TPP ${fmt(tpp)} is at least ${fmt(th.aTppMinWithDensity)} and the performance density is unknown, so it is taken as at least ${th.aDensityMin} (conservative default): 3A090.a` };
    }
    return { level: 'none', why: `TPP ${fmt(tpp)} is below ${fmt(th.aTppMinWithDensity)}: below 3A090` };
  }
  const pdText = `${pd.toFixed(2)}${pdNote}`;
  if (tpp >= th.aTppMinWithDensity && pd >= th.aDensityMin) return { level: 'a', why: `TPP ${fmt(tpp)} is at least ${fmt(th.aTppMinWithDensity)} and performance density ${pdText} at least ${th.aDensityMin}: 3A090.a` };
  if (tpp >= th.b1TppMin && pd >= th.b1DensityMin && pd < th.aDensityMin)
    return { level: 'b', why: `TPP ${fmt(tpp)} is between ${fmt(th.b1TppMin)} and ${fmt(th.aTppMin)} and performance density ${pdText} between ${th.b1DensityMin} and ${th.aDensityMin}: 3A090.b.1` };
  if (tpp >= th.b2TppMin && pd >= th.b2DensityMin && pd < th.aDensityMin)
    return { level: 'b', why: `TPP ${fmt(tpp)} is at least ${fmt(th.b2TppMin)} and performance density ${pdText} between ${th.b2DensityMin} and ${th.aDensityMin}: 3A090.b.2` };
  return { level: 'none', why: `TPP ${fmt(tpp)} and performance density ${pdText} are below both the .a and the .b thresholds: below 3A090` };
}

function classifyHardware(ctx: EvalContext, item: Item, t: ItemTrace): { level: Level; eccn: string | null } {
  const tpp = item.tppPerUnit!;
  const family = item.kind === 'computer' ? '4A090' : '3A090';
  const citation = item.kind === 'computer' ? 'ECCN 4A090; ECCN 3A090 (88 FR 73458)' : 'ECCN 3A090.a-.b (88 FR 73458)';
  if (item.kind === 'computer') {
    ctx.warn(
      'A computer given without its ICs (items[].ics) is tested as if its summed TPP were one IC, which can only over-classify (conservative default): 4A090 turns on each IC it contains.',
    );
  }
  const { level, why } = chipLevel(ctx, tpp, item.performanceDensity, item.dieAreaMm2, item.datacenter);
  const eccn = level === 'none' ? null : `${family}.${level}`;
  t.step('classify.3a090', citation, item.kind === 'computer' ? `the computer's ${fmt(tpp)} TPP tested as one IC: ${why}` : why, eccn ? `meets ${eccn}` : 'not 3A090/4A090 (outside these controls)', {
    params: P1,
  });
  return { level, eccn };
}

/** A chip of a computer judged on its own: what the China policy and the datacenter test need. */
export interface ChipResult {
  count: number;
  tpp: number;
  level: Level;
  datacenter: boolean | undefined;
  dramBandwidthGBs: number | undefined;
}

/** ECCN 4A090.a/.b: "containing integrated circuits, any of which meets or exceeds the limits in 3A090.a/.b". */
function classifyByIcs(ctx: EvalContext, item: Item, t: ItemTrace): { level: Level; eccn: string | null; chips: ChipResult[] } {
  const chips: ChipResult[] = [];
  const lines: string[] = [];
  let level: Level = 'none';
  for (const ic of item.ics!) {
    const dc = ic.datacenter ?? item.datacenter;
    const r = chipLevel(ctx, ic.tppPerUnit, ic.performanceDensity, ic.dieAreaMm2, dc);
    chips.push({ count: ic.count, tpp: ic.tppPerUnit, level: r.level, datacenter: dc, dramBandwidthGBs: ic.dramBandwidthGBs ?? item.dramBandwidthGBs });
    lines.push(`${fmt(ic.count)} × IC of ${fmt(ic.tppPerUnit)} TPP (${r.why})`);
    if (RANK[r.level] > RANK[level]) level = r.level;
  }
  const sum = item.ics!.reduce((s, ic) => s + ic.count * ic.tppPerUnit, 0);
  const eccn = level === 'none' ? null : `4A090.${level}`;
  t.step(
    'classify.4a090',
    'ECCN 4A090.a-.b ("containing integrated circuits, any of which meets or exceeds the limits in 3A090.a/.b"); ECCN 3A090',
    `each IC of the computer judged on its own: ${lines.join('; ')}`,
    eccn
      ? `an IC meets 3A090.${level}: the computer is ${eccn}`
      : `no IC meets 3A090.a or .b: the computer is not 4A090, whatever the sum of its ICs (${fmt(sum)} TPP)`,
    { params: P1 },
  );
  return { level, eccn, chips };
}

function classifyWeights(ctx: EvalContext, c: NormalizedCase, item: Item, t: ItemTrace): { level: Level; eccn: string | null } {
  const status = ctx.v['eccn.4e091.status'];
  const threshold = ctx.v['eccn.4e091.operationsThreshold'];
  if (status === 'not_in_ear' || threshold === null) {
    t.step('classify.4e091', 'ECCN 4E091 (added by 90 FR 4544, effective 2025-01-13)', 'ECCN 4E091 exists on the as-of date?', 'no: model weights are not controlled by these provisions on this date', {
      params: P2,
    });
    return { level: 'none', eccn: null };
  }
  if (item.weightsPublished === true) {
    t.step('classify.4e091.published', 'ECCN 4E091; 15 CFR 734.7(a)', 'weights "published" under § 734.7(a)?', 'yes: 4E091 does not control published weights', {
      params: P2,
      confidence: 'medium',
    });
    return { level: 'none', eccn: null };
  }
  const ops = item.trainingOperations;
  if (ops !== undefined) {
    if (!(ops >= threshold)) {
      t.step('classify.4e091.threshold', 'ECCN 4E091 heading (eCFR, 2026-07-23)', `trained with ${fmtOps(ops)} operations, fewer than the ${fmtOps(threshold)} of the heading ("10^26 or more")`, 'below the 4E091 threshold: not controlled', {
        params: P3,
      });
      return { level: 'none', eccn: null };
    }
    const base = item.derivedFrom;
    const note1 = ctx.v['eccn.4e091.note1'];
    if (base && base.weightsPublished && note1) {
      const additional = ops - base.trainingOperations;
      const limit = Math.max(note1.additionalOperationsFloor, note1.shareOfTotal * ops);
      const which = limit === note1.additionalOperationsFloor ? `${fmtOps(note1.additionalOperationsFloor)} operations` : `${note1.shareOfTotal * 100} % of the ${fmtOps(ops)} total (${fmtOps(limit)})`;
      // Declared operations are floating point: within one part in 10^12 of the limit counts as equal to it.
      const controlled = additional - limit > 1e-12 * limit;
      t.step(
        'classify.4e091.note1',
        'Note 1 to ECCN 4E091 (eCFR, 2026-07-23)',
        `derived from a published model (${fmtOps(base.trainingOperations)} operations) with ${fmtOps(additional)} additional training operations; the limit is the higher of ${fmtOps(note1.additionalOperationsFloor)} operations and ${note1.shareOfTotal * 100} % of the total: ${which}`,
        controlled ? 'the additional training exceeds the limit: Note 1 does not exclude the weights' : 'the additional training does not exceed the limit: excluded by Note 1, not controlled',
        { params: P8 },
      );
      if (!controlled) return { level: 'none', eccn: null };
    } else if (base && !base.weightsPublished) {
      t.step('classify.4e091.note1', 'Note 1 to ECCN 4E091', 'derived from a model whose weights are not published', 'Note 1 does not apply: the total training operations count', { params: P8 });
    }
    const frontier = item.mostCapablePublishedTrainingOperations;
    if (frontier !== undefined && ops < frontier && ctx.v['eccn.4e091.note2ByOperations']) {
      t.step(
        'classify.4e091.note2',
        'Note 2 to ECCN 4E091; 15 CFR 742.6(b)(14); 748.3(f)',
        `trained with ${fmtOps(ops)} operations, fewer than the most capable published model (${fmtOps(frontier)})`,
        'excluded by Note 2: not controlled',
        { params: P4 },
      );
      ctx.warn('Note 2 to 4E091 compares capability "according to an aggregate of widely used benchmarks", not training operations; keep the benchmark comparison on file or confirm by a classification request (§ 748.3(f)).');
      return { level: 'none', eccn: null };
    }
    t.step('classify.4e091.threshold', 'ECCN 4E091 heading (eCFR, 2026-07-23)', `trained with ${fmtOps(ops)} operations, at least the ${fmtOps(threshold)} of the heading ("10^26 or more"), and the weights are not published`, 'meets 4E091', {
      params: P3,
    });
  } else {
    t.step('classify.4e091.declared', 'ECCN 4E091', 'training operations not given; ECCN declared', 'classified 4E091 as declared', { confidence: 'medium' });
  }
  if (c.transaction.from !== 'US') {
    if (item.trainedOnUsControlledChips === false) {
      t.step('classify.734.9(l)', '15 CFR 734.9(l)', `foreign-produced weights (leaving ${c.transaction.from}) not trained on U.S.-controlled chips`, 'not subject to the EAR under the AI model weights FDP rule', {
        confidence: 'medium',
      });
      return { level: 'none', eccn: null };
    }
    t.step(
      'classify.734.9(l)',
      '15 CFR 734.9(l)',
      `foreign-produced weights (leaving ${c.transaction.from}); trained on U.S.-controlled chips: ${item.trainedOnUsControlledChips === true ? 'yes' : 'not stated, taken as yes'}`,
      'subject to the EAR under the AI model weights FDP rule',
      { confidence: item.trainedOnUsControlledChips === true ? 'high' : 'low' },
    );
    if (item.trainedOnUsControlledChips === undefined)
      ctx.warn('Foreign-produced weights: whether they were trained on U.S.-controlled chips is not stated; taken as yes (conservative default, § 734.9(l)).');
  }
  return { level: 'weights', eccn: '4E091' };
}

export function classifyItem(ctx: EvalContext, c: NormalizedCase, item: Item, t: ItemTrace): Classification {
  let fromParams: { level: Level; eccn: string | null } | null = null;
  let chips: ChipResult[] | undefined;
  if (item.kind === 'model_weights' || item.eccn === '4E091') {
    fromParams = classifyWeights(ctx, c, item, t);
  } else if (item.kind === 'computer' && item.ics) {
    const r = classifyByIcs(ctx, item, t);
    chips = r.chips;
    fromParams = { level: r.level, eccn: r.eccn };
  } else if ((item.kind === 'ic' || item.kind === 'computer') && item.tppPerUnit !== undefined) {
    fromParams = classifyHardware(ctx, item, t);
  }
  let result = fromParams ?? { level: 'none' as Level, eccn: null };
  if (item.eccn && item.kind !== 'model_weights') {
    const declared = levelOfDeclared(ctx, item.eccn);
    const declaredEccn = item.eccn;
    if (fromParams === null) {
      t.step('classify.declared', 'Commerce Control List (Supp. 1 to part 774)', `ECCN declared: ${item.eccn}`, declared === 'none' ? `${item.eccn} is outside the advanced-computing controls this tool covers` : `${item.eccn} is a ${declared === 'c' ? '3A090.c (HBM)' : `.${declared}-level`} item`, {
        params: P5,
      });
      result = { level: declared, eccn: declared === 'none' ? null : declaredEccn };
    } else if (declared !== fromParams.level && chips && /^[34]A090(\.|$)/.test(declaredEccn)) {
      // Judged chip by chip the classification is a fact of the ICs listed: a declared 3A090/4A090 ECCN does
      // not override it (a declared .z paragraph of another entry still can, below).
      const msg = `Item declared ${item.eccn}, but its ICs judged one by one give ${fromParams.eccn ?? 'no 3A090/4A090 classification'}; the per-chip classification is applied. Check the declaration.`;
      ctx.warn(msg);
      t.step('classify.disagreement', 'ECCN 4A090.a-.b', `declared ${item.eccn}; the ICs listed give ${fromParams.eccn ?? 'none'}`, `applied ${fromParams.eccn ?? 'none'} (4A090 turns on each IC)`, { confidence: 'high' });
    } else if (declared !== fromParams.level) {
      const stricter = RANK[declared] > RANK[fromParams.level] ? { level: declared, eccn: declaredEccn } : fromParams;
      const msg = `Item declared ${item.eccn} but its parameters give ${fromParams.eccn ?? 'no 3A090/4A090 classification'}; the stricter (${stricter.eccn ?? 'not controlled'}) is applied (conservative default).`;
      ctx.warn(msg);
      t.step('classify.disagreement', 'ECCN 3A090/4A090', `declared ${item.eccn} vs parameters ${fromParams.eccn ?? 'none'}`, `applied ${stricter.eccn ?? 'none'} (the stricter)`, { confidence: 'medium' });
      result = stricter;
    } else if (declared !== 'none') {
      result = { level: declared, eccn: item.eccn };
    }
  }
  if (result.level === 'c' && !ctx.v['hbm.controlled']) {
    t.step('classify.hbm', 'ECCN 3A090.c (89 FR 96790, 2024-12-05)', 'HBM controls in force on the as-of date?', 'no', { params: P6 });
    result = { level: 'none', eccn: null };
  }
  // A computer is "designed or marketed for datacenters" as declared, else as the ICs that classify it.
  const decisive = chips?.filter((ch) => ch.level === result.level && result.level !== 'none');
  const datacenter = item.datacenter ?? (decisive && decisive.length ? decisive.some((ch) => ch.datacenter !== false) : true);
  if (item.datacenter === undefined && (!decisive || decisive.some((ch) => ch.datacenter === undefined)) && (result.level === 'a' || result.level === 'b')) {
    ctx.warn('Whether the item is designed or marketed for datacenters is not stated: taken as yes (conservative default; it removes NAC/ACA and the non-datacenter carve-out).');
  }
  const unit = unitTppOf(item);
  const tpp = unit !== undefined ? unit * item.quantity : 0;
  return { eccn: result.eccn, level: result.level, tpp, datacenter, approvedDesigner: item.approvedDesigner ?? false, chips };
}
