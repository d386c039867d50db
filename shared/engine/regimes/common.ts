// Pieces both procedures share: the per-item inputs, outcomes, obligations and the NAC/ACA test.
import type { Authorization, Item, NormalizedCase } from '../../domain/case';
import type { ReviewPolicy } from '../../domain/determination';
import type { Classification } from '../classify';
import { eccnMatches } from '../classify';
import type { EvalContext, ItemTrace } from '../context';
import type { Counters } from '../counters';
import type { Geography, Parties } from '../tiers';
import { isD5OrMacau } from '../tiers';
import type { ParamId } from '../manifest';

// Parameter lists of the steps, hoisted so that each step's confidence is resolved once per snapshot.
const P1: readonly ParamId[] = ['nacAca.eligibleEccns'];
const P2: readonly ParamId[] = ['nac.noticeDays', 'group.d5'];
const P3: readonly ParamId[] = ['group.d1', 'group.d4'];


export interface ItemInput {
  ctx: EvalContext;
  c: NormalizedCase;
  g: Geography;
  p: Parties;
  item: Item;
  index: number;
  cls: Classification;
  t: ItemTrace;
  counters: Counters;
}

export interface ItemOutcome {
  authorization: Authorization;
  reviewPolicy: ReviewPolicy | null;
  obligations: string[];
}

export const RECORDS = 'keep the export records for five years (15 CFR 762.6)';
export const SCREEN_744 = 'screen end uses and end users under part 744: the catch-all controls still apply';
export const APPLY_LICENSE = 'apply for an individual license through SNAP-R (15 CFR 748.1) and do not ship until it is granted';

export function notControlled(): ItemOutcome {
  return { authorization: 'NOT_CONTROLLED', reviewPolicy: null, obligations: [SCREEN_744] };
}

export function nlr(extra: string[] = []): ItemOutcome {
  return { authorization: 'NLR', reviewPolicy: null, obligations: [...extra, SCREEN_744, RECORDS] };
}

export function license(reviewPolicy: ReviewPolicy | null): ItemOutcome {
  return { authorization: 'LICENSE', reviewPolicy, obligations: [APPLY_LICENSE, RECORDS] };
}

/** Shipments that are not exports at all: a release to a U.S. person in the U.S. or a U.S.-to-U.S. move. */
export function domesticCheck(x: ItemInput): boolean {
  const { c, t } = x;
  if (c.transaction.type !== 'deemed_export' && c.destination === 'US' && c.transaction.from === 'US') {
    t.step('scope.domestic', '15 CFR 734.13-734.16', 'leaves from and goes to the United States', 'not an export, reexport or transfer: no license under these provisions', { confidence: 'medium' });
    return true;
  }
  return false;
}

/**
 * NAC/ACA, 15 CFR 740.8: the listed items except those designed or marketed for datacenters that meet
 * 3A090.a. NAC (with 25-day notice) for Macau/D:5 destinations and D:5/Macau-headquartered entities; ACA
 * for the other destinations in scope (D:1/D:4, and under the AI rule all of Tier 2 when the pack says so).
 */
export function nacAca(x: ItemInput, acaDestinationOk: (dest: string) => boolean, acaWhy: string): ItemOutcome | null {
  const { ctx, g, p, cls, t } = x;
  const eccn = cls.eccn ?? '';
  if (!eccnMatches(eccn, ctx.v['nacAca.eligibleEccns'])) {
    t.step('auth.NAC/ACA', '15 CFR 740.8(a)', `${eccn} eligible for NAC/ACA?`, 'no', { params: P1 });
    return null;
  }
  if (cls.datacenter && cls.level === 'a') {
    t.step('auth.NAC/ACA', '15 CFR 740.8(a)', 'item designed or marketed for datacenters and meets 3A090.a?', 'yes: excluded from NAC and ACA', { params: P1 });
    return null;
  }
  const toD5 = isD5OrMacau(g, p.location);
  if (toD5 || p.hqD5) {
    const days = ctx.v['nac.noticeDays'];
    t.step('auth.NAC', '15 CFR 740.8(a)(1)', toD5 ? `destination ${p.location} is Macau or in D:5` : 'end user headquartered (or ultimate parent) in D:5 or Macau', 'NAC available after prior notification to BIS', { params: P2 });
    return {
      authorization: 'NAC',
      reviewPolicy: null,
      obligations: [
        'hold a written purchase order from the customer (15 CFR 740.8)',
        `notify BIS through SNAP-R at least ${days} calendar days before the export, with TPP, performance density and a datasheet showing the item is not designed or marketed for datacenters where that applies (15 CFR 740.8)`,
        `ship only after BIS confirms through STELA (day ${days}) and has not objected`,
        RECORDS,
      ],
    };
  }
  if (acaDestinationOk(p.location)) {
    t.step('auth.ACA', '15 CFR 740.8(a)(2)', acaWhy, 'ACA available (no prior notification)', { params: P3 });
    return { authorization: 'ACA', reviewPolicy: null, obligations: ['no prior notification to BIS is needed under ACA (15 CFR 740.8)', SCREEN_744, RECORDS] };
  }
  t.step('auth.NAC/ACA', '15 CFR 740.8', `destination ${p.location} within the scope of NAC or ACA?`, 'no', {});
  return null;
}

const HBM_PARAMS: readonly ParamId[] = ['group.d5', 'hbm.controlled'];

/** 3A090.c (HBM): license to Macau/D:5 only (§ 742.6(a)(6)(i)(B)); the same in both procedures. */
export function hbmItem(x: ItemInput): ItemOutcome {
  const { p, g, t, ctx } = x;
  if (!isD5OrMacau(g, p.location)) {
    t.step('license.742.6(a)(6)(i)(B)', '15 CFR 742.6(a)(6)(i)(B)', `3A090.c to ${p.location}: Macau or D:5?`, 'no: no license required (NLR)', { params: HBM_PARAMS });
    return nlr();
  }
  t.step('license.742.6(a)(6)(i)(B)', '15 CFR 742.6(a)(6)(i)(B)', `3A090.c to ${p.location} (Macau or D:5)`, 'license required', { params: HBM_PARAMS });
  ctx.warn('License Exception HBM (§ 740.25) may apply to 3A090.c; its conditions are UNSOURCED in this pack and are not evaluated.');
  t.step('review.742.6(b)(10)(ii)', '15 CFR 742.6(b)(10)(ii)', 'entity headquartered (or ultimate parent) in D:5/Macau?', p.hqD5 ? 'yes: presumption of denial' : 'no: presumption of approval', {});
  return license(p.hqD5 ? 'presumption_of_denial' : 'presumption_of_approval');
}

/**
 * Whether an item is eligible for AIA, ACM or LPP, by the exception's own section and by the License
 * Exception line of its CCL entry (both pack data). Where they disagree the trace says so: for LPP the
 * entry line governs (§ 740.29 is known here only from a secondary transcription); for AIA and ACM, whose
 * sections were read in full, the narrower of the two applies (conservative).
 */
export function exceptionEligible(x: ItemInput, exc: 'AIA' | 'ACM' | 'LPP', eccn: string, section: { list: readonly string[]; cite: string; id: ParamId }, linesId: 'ccl.aiaLines' | 'ccl.acmLines' | 'ccl.lppLines'): boolean {
  const { ctx, t } = x;
  const lines = ctx.v[linesId];
  const sec = eccnMatches(eccn, section.list);
  const entry = lines.entries.find((e) => eccn === e || eccn.startsWith(`${e}.`));
  if (!entry) return sec;
  const ent = eccnMatches(eccn, lines.eligible);
  if (ent === sec) return sec;
  const entryGoverns = exc === 'LPP';
  const eligible = entryGoverns ? ent : sec && ent;
  const line = lines.lines[entry];
  const said = `${section.cite} ${sec ? 'lists' : 'does not list'} ${eccn}; the License Exceptions section of the ${entry} entry ${line ? `reads "${exc}: ${line}"` : `has no ${exc} line`}`;
  const applied = entryGoverns ? 'the entry line is applied (primary text of the CCL)' : 'the narrower reading is applied (conservative)';
  t.step(`auth.${exc}.sources`, `${section.cite}; CCL entry ${entry} (eCFR, 2026-07-23)`, said, `the two disagree: ${applied}, so ${eccn} is ${eligible ? '' : 'not '}eligible for ${exc}`, { params: [section.id, linesId] });
  ctx.warn(`${exc} for ${eccn}: ${said}. They disagree; ${applied}.`);
  return eligible;
}

const HQ_REVIEW: readonly ParamId[] = ['review.hqTestCaseByCase', 'group.d5'];

/**
 * Review of a license required only by the headquarters test (the end user, or its ultimate parent, is
 * headquartered in D:5 or Macau; the destination is not): § 744.23(d)(3)(i) gives case-by-case review for
 * .b items and for .a items not designed or marketed for datacenters; other .a items, presumption of denial.
 */
export function hqTestReview(x: ItemInput): ItemOutcome {
  const { ctx, cls, t } = x;
  const r = ctx.v['review.hqTestCaseByCase'];
  const caseByCase = (r.levels as readonly string[]).includes(cls.level) || (cls.level === 'a' && r.aNotDesignedForDatacenters && !cls.datacenter);
  const what = cls.level === 'a' ? (cls.datacenter ? 'a .a item designed or marketed for datacenters' : 'a .a item not designed or marketed for datacenters') : `a .${cls.level} item`;
  t.step('review.744.23(d)(3)(i)', '15 CFR 744.23(d)(3)(i)', `license required only by the headquarters test (headquarters or ultimate parent in D:5 or Macau, destination outside them), for ${what}`, caseByCase ? 'case-by-case review' : 'presumption of denial', { params: HQ_REVIEW });
  return license(caseByCase ? 'case_by_case' : 'presumption_of_denial');
}
