// Classification of one line item: 3A090.a/.b from TPP and performance density, 4A090 for computers,
// the ".z" paragraphs and related software/technology from the declared ECCN, 3A090.c (HBM), and
// 4E091 model weights with the published-weights and below-the-frontier exclusions.
import type { Item, NormalizedCase } from '../domain/case';
import type { EvalContext, ItemTrace } from './context';
import { fmt } from './context';
import type { ParamId } from './manifest';

// Parameter lists of the steps, hoisted so that each step's confidence is resolved once per snapshot.
const P1: readonly ParamId[] = ['eccn.3a090.thresholds'];
const P2: readonly ParamId[] = ['eccn.4e091.status'];
const P3: readonly ParamId[] = ['eccn.4e091.operationsThreshold'];
const P4: readonly ParamId[] = ['eccn.4e091.note2ByOperations'];
const P5: readonly ParamId[] = ['eccn.aLevel', 'eccn.bLevel'];
const P6: readonly ParamId[] = ['hbm.controlled'];


export type Level = 'a' | 'b' | 'c' | 'weights' | 'none';

export interface Classification {
  eccn: string | null;
  level: Level;
  /** Total TPP of the line (units × TPP per unit); 0 where TPP does not apply. */
  tpp: number;
  /** Designed or marketed for datacenter use (unknown is taken as true). */
  datacenter: boolean;
  approvedDesigner: boolean;
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

function classifyHardware(ctx: EvalContext, item: Item, t: ItemTrace): { level: Level; eccn: string | null } {
  const th = ctx.v['eccn.3a090.thresholds'];
  const tpp = item.tppPerUnit!;
  const family = item.kind === 'computer' ? '4A090' : '3A090';
  let pd = item.performanceDensity;
  let pdNote = '';
  if (pd === undefined && item.dieAreaMm2) {
    pd = tpp / item.dieAreaMm2;
    pdNote = ` (derived: ${fmt(tpp)} TPP ÷ ${item.dieAreaMm2} mm²)`;
  }
  const citation = item.kind === 'computer' ? 'ECCN 4A090; ECCN 3A090 (88 FR 73458)' : 'ECCN 3A090.a-.b (88 FR 73458)';
  if (item.kind === 'computer' && !item.eccn) {
    ctx.warn(
      'A computer\'s tppPerUnit is the sum over its ICs, but 4A090 turns on the ICs it contains; with no ECCN declared the aggregate is tested, which can only over-classify (conservative default).',
    );
  }
  if (item.datacenter === false && tpp < th.nonDatacenterTppMin) {
    t.step(
      'classify.non-datacenter',
      citation,
      `not designed or marketed for datacenters and TPP ${fmt(tpp)} < ${fmt(th.nonDatacenterTppMin)}`,
      'outside 3A090/4A090 (the non-datacenter carve-out)',
      { params: P1 },
    );
    return { level: 'none', eccn: null };
  }
  let level: Level;
  let why: string;
  if (tpp >= th.aTppMin) {
    level = 'a';
    why = `TPP ${fmt(tpp)} ≥ ${fmt(th.aTppMin)}`;
  } else if (pd === undefined) {
    if (tpp >= th.aTppMinWithDensity) {
      level = 'a';
      why = `TPP ${fmt(tpp)} ≥ ${fmt(th.aTppMinWithDensity)} and performance density unknown: taken as ≥ ${th.aDensityMin} (conservative default)`;
      ctx.warn(`Item performance density unknown: classified at the .a level (conservative default); give performanceDensity or dieAreaMm2.`);
    } else {
      level = 'none';
      why = `TPP ${fmt(tpp)} < ${fmt(th.aTppMinWithDensity)}`;
    }
  } else if (tpp >= th.aTppMinWithDensity && pd >= th.aDensityMin) {
    level = 'a';
    why = `TPP ${fmt(tpp)} ≥ ${fmt(th.aTppMinWithDensity)} and performance density ${pd.toFixed(2)}${pdNote} ≥ ${th.aDensityMin}`;
  } else if (tpp >= th.b1TppMin && pd >= th.b1DensityMin && pd < th.aDensityMin) {
    level = 'b';
    why = `.b.1: ${fmt(th.b1TppMin)} ≤ TPP ${fmt(tpp)} < ${fmt(th.aTppMin)} and ${th.b1DensityMin} ≤ PD ${pd.toFixed(2)}${pdNote} < ${th.aDensityMin}`;
  } else if (tpp >= th.b2TppMin && pd >= th.b2DensityMin && pd < th.aDensityMin) {
    level = 'b';
    why = `.b.2: TPP ${fmt(tpp)} ≥ ${fmt(th.b2TppMin)} and ${th.b2DensityMin} ≤ PD ${pd.toFixed(2)}${pdNote} < ${th.aDensityMin}`;
  } else {
    level = 'none';
    why = `TPP ${fmt(tpp)} and PD ${pd.toFixed(2)}${pdNote} are below both the .a and the .b thresholds`;
  }
  const eccn = level === 'none' ? null : `${family}.${level}`;
  t.step('classify.3a090', citation, why, eccn ? `meets ${eccn}` : 'not 3A090/4A090 (outside these controls)', {
    params: P1,
  });
  return { level, eccn };
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
    if (!(ops > threshold)) {
      t.step('classify.4e091.threshold', 'ECCN 4E091', `training operations ${ops.toExponential(2)} > ${threshold.toExponential(0)}?`, 'no: below the 4E091 threshold, not controlled', {
        params: P3,
      });
      if (ops === threshold) ctx.warn('Training operations equal 10^26 exactly: the sources disagree ("more than" vs "on"); treated as not controlled (medium confidence).');
      return { level: 'none', eccn: null };
    }
    const frontier = item.mostCapablePublishedTrainingOperations;
    if (frontier !== undefined && ops < frontier && ctx.v['eccn.4e091.note2ByOperations']) {
      t.step(
        'classify.4e091.note2',
        'Note 2 to ECCN 4E091; 15 CFR 742.6(b)(14); 748.3(f)',
        `trained with ${ops.toExponential(2)} operations, fewer than the most capable published model (${frontier.toExponential(2)})`,
        'excluded by Note 2: not controlled',
        { params: P4 },
      );
      ctx.warn('Note 2 to 4E091 compares capability "according to an aggregate of widely used benchmarks", not training operations; keep the benchmark comparison on file or confirm by a classification request (§ 748.3(f)).');
      return { level: 'none', eccn: null };
    }
    t.step('classify.4e091.threshold', 'ECCN 4E091', `training operations ${ops.toExponential(2)} > ${threshold.toExponential(0)} and weights not published`, 'meets 4E091', {
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
  if (item.kind === 'model_weights' || item.eccn === '4E091') {
    fromParams = classifyWeights(ctx, c, item, t);
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
  const datacenter = item.datacenter ?? true;
  if (item.datacenter === undefined && (result.level === 'a' || result.level === 'b')) {
    ctx.warn('Whether the item is designed or marketed for datacenters is not stated: taken as yes (conservative default; it removes NAC/ACA and the non-datacenter carve-out).');
  }
  const tpp = item.tppPerUnit !== undefined ? item.tppPerUnit * item.quantity : 0;
  return { eccn: result.eccn, level: result.level, tpp, datacenter, approvedDesigner: item.approvedDesigner ?? false };
}
