// The advanced-computing controls before the Framework (Oct 2023 / Dec 2024: 88 FR 73458, 89 FR 96790),
// and BIS's enforcement posture after 2025-05-13, which reverts to them plus the worldwide license
// requirement for .a items to D:5/Macau-headquartered entities and the January 2026 China policy.
import { fmt } from '../context';
import { inD145NotA56, isD5OrMacau } from '../tiers';
import type { ItemInput, ItemOutcome } from './common';
import { domesticCheck, hqTestReview, license, nacAca, nlr, notControlled, hbmItem } from './common';
import type { ParamId } from '../manifest';

// Parameter lists of the steps, hoisted so that each step's confidence is resolved once per snapshot.
const P1: readonly ParamId[] = ['enforced.chinaPolicy'];
const P2: readonly ParamId[] = ['group.d1', 'group.d4', 'group.d5', 'group.a5', 'group.a6', 'group.namedWithD145'];
const P3: readonly ParamId[] = ['enforced.hqTestWorldwideForA', 'group.d5'];
const P4: readonly ParamId[] = ['hq.testFrom2023', 'group.d5'];
const P5: readonly ParamId[] = ['group.d5'];
const P7: readonly ParamId[] = ['eccn.4e091.status'];


function chinaPolicy(x: ItemInput): ItemOutcome | null {
  const { ctx, c, p, t, item, cls } = x;
  const policy = ctx.v['enforced.chinaPolicy'];
  if (!policy || !policy.destinations.includes(p.location) || p.location !== c.destination) return null;
  const cite = '91 FR 1684 (FR Doc. 2026-00789), Revision to License Review Policy for Advanced Computing Commodities (effective 2026-01-15)';
  const fails: string[] = [];
  if (!policy.fromCountries.includes(c.transaction.from) || !policy.transactionTypes.includes(c.transaction.type))
    fails.push(`only ${policy.transactionTypes.join('/')} from ${policy.fromCountries.join('/')} qualify; reexports, exports from abroad and in-country transfers stay under presumption of denial`);
  // The policy's limits are per chip: a computer given by its ICs is tested IC by IC (every IC that is
  // 3A090), one given only by its summed TPP is tested on the sum (conservative).
  const controlled = cls.chips?.filter((ch) => ch.level === 'a' || ch.level === 'b');
  let tpp: number | undefined;
  let bw: number | undefined;
  if (controlled && controlled.length) {
    tpp = Math.max(...controlled.map((ch) => ch.tpp));
    bw = controlled.some((ch) => ch.dramBandwidthGBs === undefined) ? undefined : Math.max(...controlled.map((ch) => ch.dramBandwidthGBs!));
  } else {
    tpp = item.tppPerUnit;
    bw = item.dramBandwidthGBs;
    if (item.kind === 'computer') ctx.warn('China policy: a computer given without its ICs (items[].ics) is tested on its summed TPP against the per-chip limit (conservative default).');
  }
  const per = controlled && controlled.length ? 'TPP of the strongest IC' : 'TPP per unit';
  if (tpp === undefined || !(tpp < policy.tppPerUnitBelow)) fails.push(`${per} ${tpp === undefined ? 'unknown' : fmt(tpp)} is not below ${fmt(policy.tppPerUnitBelow)}`);
  if (bw === undefined || !(bw < policy.dramBandwidthBelowGBs)) fails.push(`total DRAM bandwidth ${bw === undefined ? 'not stated' : `${fmt(bw)} GB/s`} is not below ${fmt(policy.dramBandwidthBelowGBs)} GB/s`);
  const missing = policy.attestations.filter((a) => (c.attestations as Record<string, boolean | undefined> | undefined)?.[a.key] !== true);
  for (const m of missing) fails.push(`not attested: ${m.text}`);
  if (fails.length) {
    t.step('review.china-2026', cite, `${cls.eccn} to ${p.location}: case-by-case conditions met?`, `no: ${fails.join('; ')}; presumption of denial remains`, { params: P1 });
    if (fails.length <= 2) ctx.hint(x.index, () => `Case-by-case review (Jan 2026 China policy) would apply if: ${fails.join('; ')} were resolved.`);
    return license('presumption_of_denial');
  }
  t.step('review.china-2026', cite, `${cls.eccn} exported from the U.S. to ${p.location}; TPP ${fmt(tpp!)} < ${fmt(policy.tppPerUnitBelow)}; DRAM bandwidth ${fmt(bw!)} GB/s < ${fmt(policy.dramBandwidthBelowGBs)}; all conditions attested`, 'case-by-case review', { params: P1 });
  for (const u of policy.unrecordedConditions) ctx.warn(`China policy condition not recorded in the case format, confirm before applying: ${u}.`);
  return license('case_by_case');
}

function chipsAndComputers(x: ItemInput): ItemOutcome {
  const { ctx, p, g, cls, t, c } = x;
  if (c.transaction.type === 'deemed_export') {
    t.step('license.742.6(a)(6)(iv)', '15 CFR 742.6(a)(6)(iv)', 'deemed export or reexport', 'no license under § 742.6(a)(6)', {});
    return nlr();
  }
  if (domesticCheck(x)) return nlr();
  const worldwideHq = cls.level === 'a' && ctx.v['enforced.hqTestWorldwideForA'];
  let hqBasis = false;
  if (inD145NotA56(g, p.location)) {
    t.step('license.742.6(a)(6)(iii)', '15 CFR 742.6(a)(6)(iii) (pre-2025 text)', `${cls.eccn} to ${p.location}: in D:1/D:4/D:5 (or Macau) and not in A:5/A:6`, 'license required, unless an authorization applies', {
      params: P2,
    });
  } else if (p.hqD5 && (ctx.v['hq.testFrom2023'] || worldwideHq)) {
    hqBasis = true;
    if (worldwideHq)
      t.step('license.742.6(a)(6)(iii)(A).hq', '15 CFR 742.6(a)(6)(iii)(A); BIS guidance 2026-05-31', `${cls.eccn} (.a level) to an entity headquartered (or ultimate parent) in D:5/Macau, located in ${p.location}`, 'license required: BIS enforces this headquarters requirement anywhere outside the U.S.', { params: P3 });
    else
      t.step('license.744.23(a)(3)', '15 CFR 744.23(a)(3)(i)(A)', `${cls.eccn} to an entity headquartered (or ultimate parent) in D:5/Macau, located outside D:1/D:4/D:5`, 'license required, unless an authorization applies', { params: P4 });
  } else {
    t.step('license.742.6(a)(6)(iii)', '15 CFR 742.6(a)(6)(iii) (pre-2025 text); 744.23(a)(3)', `${p.location} is outside D:1/D:4/D:5 or in A:5/A:6, and the end user is not D:5/Macau-headquartered`, 'no license required (NLR)', {
      params: P2,
    });
    return nlr();
  }
  const acaOk = (dest: string) => !isD5OrMacau(g, dest) && !p.hqD5 && (g.d1.has(dest) || g.d4.has(dest));
  const exc = nacAca(x, acaOk, `destination ${p.location} in D:1/D:4 (not Macau/D:5), end user not D:5/Macau-headquartered`);
  if (exc) return exc;
  t.step('auth.none', '15 CFR 740.2(a)(9)(ii); 740.8', 'NAC/ACA', 'not available: an individual license is required', {});
  const china = chinaPolicy(x);
  if (china) return china;
  if (hqBasis) return hqTestReview(x);
  if (isD5OrMacau(g, p.location) || p.hqD5) {
    t.step('review.742.6(b)(10)(ii)', '15 CFR 742.6(b)(10)(ii) (pre-2025 text)', 'Macau/D:5 destination or D:5/Macau-headquartered entity', 'presumption of denial', { params: P5 });
    return license('presumption_of_denial');
  }
  t.step('review.742.6(b)(10)(ii)', '15 CFR 742.6(b)(10)(ii) (pre-2025 text)', 'destination other than Macau/D:5, entity not D:5/Macau-headquartered', 'presumption of approval', { params: P5 });
  return license('presumption_of_approval');
}

function weights(x: ItemInput): ItemOutcome {
  const { ctx, t } = x;
  const status = ctx.v['eccn.4e091.status'];
  if (status === 'compliance_not_required') {
    t.step('license.742.6(a)(13)', '15 CFR 742.6(a)(13); 90 FR 4544 (compliance date 2025-05-15)', '4E091 license requirement in force but compliance not yet required?', 'yes: no license needed before 2025-05-15', { params: P7 });
    ctx.warn('4E091 is effective but compliance is not required before 2025-05-15; check whether the export happens on or after that date.');
    return nlr();
  }
  if (status === 'controlled') {
    t.step('license.742.6(a)(13)', '15 CFR 742.6(a)(13)', '4E091 to any destination', 'license required', { params: P7 });
    return license(null);
  }
  t.step('license.4e091.not-enforced', 'BIS press release 2025-05-13; Baker McKenzie (May 2025)', '4E091 enforced on the as-of date?', 'no: BIS does not enforce 4E091 (codified, not rescinded); no license under the enforcement posture', { params: P7 });
  ctx.warn('Residual legal risk: 4E091 remains codified in 15 CFR; BIS\'s non-enforcement rests on an announcement, not on a published rule (see the regime status).');
  return nlr(['the part 744 catch-alls and the 2025-05-13 policy statement on training AI models still apply']);
}

export function advancedComputingItem(x: ItemInput): ItemOutcome {
  switch (x.cls.level) {
    case 'none':
      return notControlled();
    case 'a':
    case 'b':
      return chipsAndComputers(x);
    case 'c':
      return hbmItem(x);
    case 'weights':
      return weights(x);
  }
}
