// The Framework for Artificial Intelligence Diffusion as written (90 FR 4544, compliance from
// 2025-05-15): worldwide license for .a-level items, license exceptions AIA / ACM / LPP, NAC/ACA, Data
// Center VEU (UVEU / NVEU), country allocations and 4E091 model weights.
import { quarterOf } from '../../domain/dates';
import { unitTppOf } from '../../domain/case';
import { eccnMatches } from '../classify';
import { fmt } from '../context';
import { inD145NotA56, isD5OrMacau } from '../tiers';
import type { ItemInput, ItemOutcome } from './common';
import { RECORDS, SCREEN_744, domesticCheck, exceptionEligible, hqTestReview, license, nacAca, nlr, notControlled, hbmItem } from './common';
import type { ParamId } from '../manifest';

// Parameter lists of the steps, hoisted so that each step's confidence is resolved once per snapshot.
const P1: readonly ParamId[] = ['aia.eligibleEccns'];
const P2: readonly ParamId[] = ['aia.approvedDesignerEccns'];
const P3: readonly ParamId[] = ['aia.reportThresholdTpp'];
const P4: readonly ParamId[] = ['acm.eligibleEccns'];
const P5: readonly ParamId[] = ['acm.endUses', 'group.d5'];
const P6: readonly ParamId[] = ['lpp.eligibleEccns'];
const P7: readonly ParamId[] = ['lpp.transactionTypes'];
const P8: readonly ParamId[] = ['group.d5'];
const P9: readonly ParamId[] = ['lpp.barredForD5MacauHeadquartered'];
const P10: readonly ParamId[] = ['lpp.barredForD1D4NotA5A6', 'group.d1', 'group.d4', 'group.a5', 'group.a6', 'group.namedWithD145'];
const P11: readonly ParamId[] = ['group.d1', 'group.d4'];
const P12: readonly ParamId[] = ['group.a5', 'group.a6'];
const P13: readonly ParamId[] = ['lpp.approvedDesignerRequired'];
const P14: readonly ParamId[] = ['lpp.capTppPerConsigneeYear', 'lpp.eligibleEccns'];
const P15: readonly ParamId[] = ['veu.supp10Paras14_15_18Required'];
const P16: readonly ParamId[] = ['group.supp5a'];
const P17: readonly ParamId[] = ['uveu.shares'];
const P18: readonly ParamId[] = ['nveu.quarterCapsTpp'];
const P19: readonly ParamId[] = ['review.tier2HeadquarteredInTier1'];
const P20: readonly ParamId[] = ['allocation.capTpp'];
const P21: readonly ParamId[] = ['allocation.capTpp', 'allocation.countFrom'];
const P22: readonly ParamId[] = ['group.d1', 'group.d4', 'group.d5', 'group.a5', 'group.a6', 'group.namedWithD145'];
const P23: readonly ParamId[] = ['group.d1', 'group.d4', 'group.a5', 'group.a6', 'group.namedWithD145'];
const P24: readonly ParamId[] = ['weights.deemedExportEmployeeExclusion'];
const P25: readonly ParamId[] = ['group.supp5a', 'group.d5'];
const P26: readonly ParamId[] = ['weights.reviewPolicyNonTier1Hq'];
const VEU_TX: readonly ParamId[] = ['veu.transactionTypes'];


function relyOnUsHq(x: ItemInput): void {
  if (x.p.hqTier1ViaUs) x.ctx.rely('hq.usCountsAsSupp5a');
}

function aia(x: ItemInput): ItemOutcome | null {
  const { ctx, c, p, cls, t, counters, g } = x;
  const eccn = cls.eccn ?? '';
  if (!exceptionEligible(x, 'AIA', eccn, { list: ctx.v['aia.eligibleEccns'], cite: '15 CFR 740.27(a)(1), (a)(2)(i)', id: 'aia.eligibleEccns' }, 'ccl.aiaLines')) {
    t.step('auth.AIA', '15 CFR 740.27(a)(1)', `${eccn} listed in AIA (a)(1)?`, 'no', { params: P1 });
    return null;
  }
  const located = !!g.supp5a?.has(p.location);
  if (!located || !p.hqTier1) {
    t.step(
      'auth.AIA',
      '15 CFR 740.27(a)',
      `end user located in a Supp. 5(a) destination (${p.location}: ${located ? 'yes' : 'no'}) and headquartered there with its ultimate parent (${p.hq}/${p.parent}: ${p.hqTier1 ? 'yes' : 'no'})?`,
      'no: AIA not available',
      { params: p.hqTier1ViaUs ? ['group.supp5a', 'hq.usCountsAsSupp5a'] : ['group.supp5a'] },
    );
    return null;
  }
  if (eccnMatches(eccn, ctx.v['aia.approvedDesignerEccns']) && !cls.approvedDesigner) {
    t.step('auth.AIA', '15 CFR 740.27(a)(1) (as amended by 90 FR 5309)', `${eccn} designed by an approved or authorized IC designer (Note 1 to 3A090.a)?`, 'no or not stated: AIA not available', { params: P2 });
    ctx.hint(x.index, () => 'AIA would apply if the IC is designed by an approved or authorized IC designer (Note 1 to 3A090.a).');
    return null;
  }
  relyOnUsHq(x);
  const threshold = ctx.v['aia.reportThresholdTpp'];
  const cumulative = counters.installedUnder('AIA', c.endUser.name) + cls.tpp;
  t.step('auth.AIA', '15 CFR 740.27(a)(1), (b)', `${p.location} is a Supp. 5(a) destination and the end user and its ultimate parent are headquartered in Supp. 5(a)`, 'AIA available', {
    params: p.hqTier1ViaUs ? ['group.supp5a', 'hq.usCountsAsSupp5a'] : ['group.supp5a'],
  });
  const obligations = [
    'furnish the ECCN to the ultimate consignee (15 CFR 740.27(b)(1))',
    'obtain the one-time ultimate consignee certification before the first shipment (15 CFR 740.27(b)(2))',
    'give the consignee written notice with each shipment that it is made under AIA (15 CFR 740.27(b)(3))',
  ];
  t.step(
    'auth.AIA.report',
    '15 CFR 740.27(c)',
    `${fmt(cumulative)} TPP received by the consignee under AIA, this shipment included: ${cumulative >= threshold ? 'at or above' : 'below'} the ${fmt(threshold)} TPP reporting threshold`,
    cumulative >= threshold ? 'the certification must be submitted to BIS before the initial shipment' : 'no submission to BIS is needed',
    { params: P3 },
  );
  if (cumulative >= threshold) obligations.push(`submit the AIA certification to EARReports@bis.doc.gov ("AIA Certification") before the initial shipment: cumulative TPP ${fmt(cumulative)} ≥ ${fmt(threshold)} (15 CFR 740.27(c))`);
  else ctx.hint(x.index, () => `The AIA certification would go to BIS once the consignee has received ${fmt(threshold - cumulative)} TPP more under AIA.`);
  obligations.push(SCREEN_744, RECORDS);
  return { authorization: 'AIA', reviewPolicy: null, obligations };
}

function acm(x: ItemInput): ItemOutcome | null {
  const { ctx, c, p, cls, t, g } = x;
  const eccn = cls.eccn ?? '';
  if (!exceptionEligible(x, 'ACM', eccn, { list: ctx.v['acm.eligibleEccns'], cite: '15 CFR 740.28(b)', id: 'acm.eligibleEccns' }, 'ccl.acmLines')) {
    t.step('auth.ACM', '15 CFR 740.28(b)', `${eccn} eligible for ACM?`, 'no', { params: P4 });
    return null;
  }
  const uses = ctx.v['acm.endUses'];
  const reasons: string[] = [];
  if (!c.endUse || !uses.includes(c.endUse)) reasons.push(`end use ${c.endUse ?? 'not stated'} is not ${uses.join(', ')}`);
  if (!c.endUser.privateSector) reasons.push('the end user is owned or controlled by a government other than the U.S. (not a private sector end user)');
  if (isD5OrMacau(g, p.location)) reasons.push(`destination ${p.location} is Macau or in D:5`);
  if (p.hqD5) reasons.push('the ultimate consignee or its ultimate parent is headquartered in Macau or D:5 (§ 740.28(c))');
  if (c.attestations?.ultimateCustomersOutsideD5Macau !== true) reasons.push('not attested that the items are ultimately destined to customers outside Macau and D:5');
  if (reasons.length) {
    t.step('auth.ACM', '15 CFR 740.28', 'development, production or storage by a private sector end user, for customers outside Macau/D:5?', `no: ${reasons.join('; ')}`, { params: P5 });
    if (reasons.length === 1 && !p.hqD5 && !isD5OrMacau(g, p.location)) ctx.hint(x.index, () => `ACM would apply if: ${reasons[0].replace(/^not attested/, 'it were attested')}.`);
    return null;
  }
  t.step('auth.ACM', '15 CFR 740.28', `${c.endUse} by a private sector end user, for customers outside Macau/D:5`, 'ACM available', { params: P5 });
  return {
    authorization: 'ACM',
    reviewPolicy: null,
    obligations: [
      'use only for development, production or storage before onward shipment, by a private sector end user (15 CFR 740.28)',
      'keep distribution records for each facility, updated at least every six months (15 CFR 740.28)',
      'ship onward only to customers outside Macau and Country Group D:5 unless otherwise authorized',
      SCREEN_744,
      RECORDS,
    ],
  };
}

function lpp(x: ItemInput): ItemOutcome | null {
  const { ctx, c, p, cls, t, counters, g } = x;
  const eccn = cls.eccn ?? '';
  if (cls.level !== 'a' || !exceptionEligible(x, 'LPP', eccn, { list: ctx.v['lpp.eligibleEccns'], cite: '15 CFR 740.29', id: 'lpp.eligibleEccns' }, 'ccl.lppLines')) {
    t.step('auth.LPP', '15 CFR 740.29(a)', `${eccn} eligible for LPP?`, 'no', { params: P6 });
    return null;
  }
  if (!ctx.v['lpp.transactionTypes'].includes(c.transaction.type)) {
    t.step('auth.LPP', '15 CFR 740.29(a)', `LPP covers ${ctx.v['lpp.transactionTypes'].join(' and ')}; this is a ${c.transaction.type}`, 'no', { params: P7 });
    return null;
  }
  if (isD5OrMacau(g, p.location)) {
    t.step('auth.LPP', '15 CFR 740.29', `destination ${p.location} is Macau or in D:5`, 'no: LPP not available', { params: P8 });
    return null;
  }
  if (p.hqD5 && ctx.v['lpp.barredForD5MacauHeadquartered']) {
    t.step('auth.LPP', '15 CFR 740.2(a)(9)(ii); 740.29', 'end user headquartered (or ultimate parent) in D:5 or Macau', 'no: LPP is not among the exceptions § 740.2(a)(9)(ii) allows', { params: P9 });
    return null;
  }
  if (ctx.v['lpp.barredForD1D4NotA5A6'] && inD145NotA56(g, p.location)) {
    t.step('auth.LPP', '15 CFR 740.2(a)(9)(ii)', `destination ${p.location} is in D:1 or D:4 and not in A:5 or A:6`, 'no: § 740.2(a)(9)(ii) does not list LPP (conservative reading)', {
      params: P10,
    });
    ctx.warn(`LPP vs § 740.2(a)(9)(ii): read literally, LPP is unavailable for ${p.location} (D:1/D:4, not A:5/A:6); secondary sources say LPP was meant for such buyers. Conservative default applied; flag for counsel.`);
    return null;
  }
  if (!ctx.v['lpp.barredForD1D4NotA5A6'] || !g.a5.has(p.location) && !g.a6.has(p.location)) {
    t.step('auth.LPP.groups', '15 CFR 740.2(a)(9)(ii)', `destination ${p.location} in D:1/D:4 and not in A:5/A:6?`, 'no: § 740.2(a)(9)(ii) does not bar LPP', { params: P11 });
  } else {
    t.step('auth.LPP.groups', '15 CFR 740.2(a)(9)(ii)', `destination ${p.location} in A:5 or A:6?`, 'yes: § 740.2(a)(9)(ii) does not bar LPP', { params: P12 });
  }
  if (ctx.v['lpp.approvedDesignerRequired'] && eccnMatches(eccn, ctx.v['aia.approvedDesignerEccns']) && !cls.approvedDesigner) {
    t.step('auth.LPP', '15 CFR 740.29 (Due Diligence IFR, 90 FR 5298)', `${eccn} designed by an approved or authorized IC designer?`, 'no or not stated: LPP not available (conservative reading)', { params: P13 });
    return null;
  }
  const cap = ctx.v['lpp.capTppPerConsigneeYear'];
  const year = c.date.slice(0, 4);
  const used = counters.lppUsed(c.endUser.name, year);
  const after = used + cls.tpp;
  const inCap = after <= cap;
  t.step(
    'auth.LPP.cap',
    '15 CFR 740.29(a)',
    `LPP TPP to ${c.endUser.name} in ${year} known to this workbench: ${fmt(used)} already + ${fmt(cls.tpp)} this line = ${fmt(after)} ≤ ${fmt(cap)}?`,
    inCap ? 'yes: within the LPP limit' : `no: over by ${fmt(after - cap)} TPP`,
    { params: P14 },
  );
  if (!inCap) {
    const room = Math.max(0, cap - used);
    const per = unitTppOf(x.item) ?? 0;
    ctx.hint(x.index, () => `Under LPP by quantity: ${fmt(room)} TPP of LPP room left for ${c.endUser.name} in ${year}${per > 0 ? ` (${Math.floor(room / per)} units of this item)` : ''}; this line needs ${fmt(cls.tpp)}.`);
    return null;
  }
  ctx.hint(x.index, () => `LPP headroom after this shipment: ${fmt(cap - after)} TPP for ${c.endUser.name} in ${year}.`);
  const obligations = [`counts against the consignee's ${fmt(cap)} TPP calendar-year LPP limit: ${fmt(after)} TPP used in ${year} after this shipment (15 CFR 740.29(a))`];
  if (ctx.v['lpp.notifyBis']) {
    ctx.rely('lpp.notifyBis');
    obligations.push('inform BIS of the LPP shipment (reported by secondary sources; the exact notice or report text is UNSOURCED)');
  }
  obligations.push(SCREEN_744, RECORDS);
  return { authorization: 'LPP', reviewPolicy: null, obligations };
}

function veuCertified(x: ItemInput, kind: string): boolean {
  const { ctx, c, t } = x;
  if (ctx.v['veu.supp10Paras14_15_18Required'] && c.endUser.veu?.certifiedSupp10Paras14_15_18 === false) {
    t.step(`auth.${kind}`, kind === 'UVEU' ? '15 CFR 748.15(a)(2)(ii)(A)' : '15 CFR 748.15(a)(2)(iii)(A)', 'certified to Supp. 10 to part 748 ¶¶14, 15 and 18 (required on or before 2026-01-15)?', `no: ${kind} not available`, { params: P15 });
    return false;
  }
  return true;
}

/** § 748.15(a): a Data Center VEU authorizes export and reexport; an in-country transfer needs its own authorization. */
function veuCoversTransaction(x: ItemInput, kind: 'UVEU' | 'NVEU'): boolean {
  const { ctx, c, t } = x;
  const types = ctx.v['veu.transactionTypes'];
  if (types.includes(c.transaction.type)) return true;
  t.step(`auth.${kind}`, '15 CFR 748.15(a); 748.15(d)(2)', `the Data Center VEU authorizes ${types.join(' and ')}; this is ${c.transaction.type === 'transfer' ? 'an in-country transfer' : `a ${c.transaction.type.replace('_', ' ')}`}`, `no: ${kind} does not cover it; the transfer needs its own authorization`, { params: VEU_TX });
  return false;
}

function uveu(x: ItemInput): ItemOutcome | null {
  const { ctx, c, p, cls, t, g } = x;
  const veu = c.endUser.veu;
  if (veu?.kind !== 'UVEU') return null;
  if (!veuCoversTransaction(x, 'UVEU')) return null;
  if (!p.hqTier1) {
    t.step('auth.UVEU', '15 CFR 748.15(b)(2)(i)', `UVEU holder headquartered with its ultimate parent in Supp. 5(a) (${p.hq}/${p.parent})?`, 'no: UVEU not available', { params: P16 });
    return null;
  }
  if (isD5OrMacau(g, p.location)) {
    t.step('auth.UVEU', '15 CFR 748.15(b)(2)(i)', `data center in ${p.location} (Macau or D:5)?`, 'yes: a VEU cannot cover it', { params: P8 });
    return null;
  }
  if (!veuCertified(x, 'UVEU')) return null;
  if (!veu.computeByCountryTpp) {
    t.step('auth.UVEU', 'Supp. 10 to part 748 ¶6; 15 CFR 748.15(a)(2)(ii)(B)', 'installed AI compute by country declared, to check the geographic shares?', 'no: the shares cannot be checked, UVEU not applied (conservative default)', { params: P17 });
    ctx.warn('UVEU: declare endUser.veu.computeByCountryTpp so the Supp. 10 ¶6 geographic shares can be checked; without it UVEU is not applied (conservative default).');
    return null;
  }
  const shares = ctx.v['uveu.shares'];
  const after: Record<string, number> = { ...veu.computeByCountryTpp };
  after[p.location] = (after[p.location] ?? 0) + cls.tpp;
  let total = 0;
  let tier1 = 0;
  for (const [k, v] of Object.entries(after)) {
    total += v;
    if (k === 'US' || g.supp5a?.has(k)) tier1 += v;
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(2)}%`;
  const fails: string[] = [];
  if (tier1 < shares.tier1Min * total) fails.push(`Tier 1 share ${pct(tier1)} < ${shares.tier1Min * 100}%`);
  const destShare = after[p.location];
  const destIsTier2 = p.location !== 'US' && !g.supp5a?.has(p.location);
  if (destIsTier2 && destShare > shares.singleTier2CountryMax * total) fails.push(`${p.location} share ${pct(destShare)} > ${shares.singleTier2CountryMax * 100}%`);
  if (p.hq === 'US' && (after.US ?? 0) < shares.usMinForUsHeadquartered * total) fails.push(`U.S. share ${pct(after.US ?? 0)} < ${shares.usMinForUsHeadquartered * 100}%`);
  t.step(
    'auth.UVEU.shares',
    'Supp. 10 to part 748 ¶6; 15 CFR 748.15(a)(2)(ii)(B)',
    `after this shipment: Tier 1 ${pct(tier1)} (≥ ${shares.tier1Min * 100}%)${destIsTier2 ? `, ${p.location} ${pct(destShare)} (≤ ${shares.singleTier2CountryMax * 100}%)` : ''}${p.hq === 'US' ? `, U.S. ${pct(after.US ?? 0)} (≥ ${shares.usMinForUsHeadquartered * 100}%)` : ''}`,
    fails.length ? `no: ${fails.join('; ')}` : 'yes: within the geographic shares, UVEU available',
    { params: P17 },
  );
  if (fails.length) {
    if (destIsTier2) {
      const others = total - destShare;
      const maxDest = (shares.singleTier2CountryMax * others) / (1 - shares.singleTier2CountryMax);
      const room = Math.max(0, maxDest - ((veu.computeByCountryTpp as Record<string, number>)[p.location] ?? 0));
      ctx.hint(x.index, () => `UVEU: at most about ${fmt(room)} TPP more can go to ${p.location} within the ${shares.singleTier2CountryMax * 100}% single-country share.`);
    }
    return null;
  }
  relyOnUsHq(x);
  return {
    authorization: 'UVEU',
    reviewPolicy: null,
    obligations: [
      'report semi-annually (inventory, receipt dates), due January 15 and July 15 (15 CFR 748.15(e), (f))',
      'use the items only at the authorized data center; no part 744 activities (15 CFR 748.15(d)(2))',
      'notify BIS 180 days before exports to a new data-center location (15 CFR 748.15)',
      'keep the Supp. 10 to part 748 ¶6 geographic shares (Tier 1, single Tier 2 country, U.S.)',
      RECORDS,
    ],
  };
}

function nveu(x: ItemInput): ItemOutcome | null {
  const { ctx, c, p, cls, t, counters, g } = x;
  const veu = c.endUser.veu;
  if (veu?.kind !== 'NVEU') return null;
  if (!veuCoversTransaction(x, 'NVEU')) return null;
  if (veu.country !== p.location) {
    t.step('auth.NVEU', '15 CFR 748.15(a)(2)(iii)(A)', `NVEU granted for ${veu.country}; data center in ${p.location}`, 'no: a separate NVEU is needed for each country', {});
    ctx.hint(x.index, () => `NVEU is per country: an NVEU for ${p.location} would be needed.`);
    return null;
  }
  if (isD5OrMacau(g, p.location) || p.hqD5) {
    t.step('auth.NVEU', '15 CFR 748.15(b)(2)(ii)', 'located, headquartered or ultimate parent in Macau or D:5?', 'yes: NVEU not available', { params: P8 });
    return null;
  }
  if (!veuCertified(x, 'NVEU')) return null;
  const caps = ctx.v['nveu.quarterCapsTpp'];
  const q = quarterOf(c.date);
  const cap = caps[q];
  if (cap === undefined) {
    t.step('auth.NVEU.cap', '15 CFR 748.15(a)(2)(iii)(B)', `installed-base cap for ${q}`, 'not in the table: NVEU not applied (conservative default)', { params: P18 });
    ctx.warn(`NVEU: the pack has no installed-base cap for ${q}; NVEU not applied (conservative default).`);
    return null;
  }
  const used = counters.installedUnder('NVEU', c.endUser.name, p.location);
  const after = used + cls.tpp;
  const ok = after <= cap;
  t.step('auth.NVEU.cap', '15 CFR 748.15(a)(2)(iii)(B)', `installed base in ${p.location} ${fmt(used)} + ${fmt(cls.tpp)} = ${fmt(after)} ≤ ${fmt(cap)} (${q})?`, ok ? 'yes: NVEU available' : `no: over the ${q} cap by ${fmt(after - cap)} TPP`, {
    params: P18,
  });
  ctx.hint(x.index, () => ok ? `NVEU room left in ${q}: ${fmt(cap - after)} TPP.` : `NVEU: ${fmt(Math.max(0, cap - used))} TPP of room left in ${q}; this line needs ${fmt(cls.tpp)}.`);
  if (!ok) return null;
  return {
    authorization: 'NVEU',
    reviewPolicy: null,
    obligations: [
      'report semi-annually with the customer list, due January 15 and July 15 (15 CFR 748.15(e), (f))',
      `use the items only at the authorized data center in ${p.location}; no part 744 activities (15 CFR 748.15(d)(2))`,
      `stay within the quarterly installed-base cap: ${fmt(after)} of ${fmt(cap)} TPP in ${q} (15 CFR 748.15(a)(2)(iii)(B))`,
      RECORDS,
    ],
  };
}

function reviewA(x: ItemInput): ItemOutcome {
  const { ctx, p, g, cls, t, counters, c } = x;
  if (isD5OrMacau(g, p.location) || p.hqD5) {
    t.step('review.742.6(b)(10)(iii)(A)(1)', '15 CFR 742.6(b)(10)(iii)(A)(1)', 'to or within Macau/D:5, or to an entity headquartered (or ultimate parent) there', 'presumption of denial', { params: P8 });
    return license('presumption_of_denial');
  }
  const destTier1 = p.location === 'US' || !!g.supp5a?.has(p.location);
  if (p.hqTier1) {
    relyOnUsHq(x);
    t.step('review.742.6(b)(10)(iii)(A)(2)', '15 CFR 742.6(b)(10)(iii)(A)(2)', `to an entity headquartered in Supp. 5(a) (${p.hq}/${p.parent})`, 'presumption of approval', { params: p.hqTier1ViaUs ? ['group.supp5a', 'hq.usCountsAsSupp5a'] : ['group.supp5a'] });
    return license('presumption_of_approval');
  }
  if (destTier1) {
    const reading = ctx.v['review.tier2HeadquarteredInTier1'];
    ctx.warn(`Ambiguous: ${p.location} is a Supp. 5(a) destination ((A)(2): presumption of approval) but the entity is headquartered outside Supp. 5(a) ((B): country allocation). Reading applied: ${reading === 'allocation' ? 'the allocation of (B) (conservative default)' : 'presumption of approval'}.`);
    t.step('review.ambiguity', '15 CFR 742.6(b)(10)(iii)(A)(2), (B)', `located in Supp. 5(a) (${p.location}), headquartered outside (${p.hq}/${p.parent})`, `reading: ${reading}`, { params: P19 });
    if (reading === 'presumption_of_approval') return license('presumption_of_approval');
  }
  const inSupp5b = g.supp5b.has(p.location);
  const cap = inSupp5b ? ctx.v['allocation.supp5bCapTpp'] : ctx.v['allocation.capTpp'];
  if (cap === null) {
    t.step('review.742.6(b)(10)(iii)(B)', '15 CFR 742.6(b)(10)(iii)(B)', 'country allocation on the as-of date', 'no allocation is set for this date: review policy unknown', { params: P20 });
    ctx.warn('No country allocation is set for this date (the published allocations cover 2025-2027): the review policy is left open.');
    return license(null);
  }
  const from = ctx.v['allocation.countFrom'];
  const used = counters.allocationUsed(p.location, from);
  // The allocation is global: it counts every exporter's licensed shipments to the country, which no one
  // workbench sees. The figure is a floor, and the trace and warnings say so.
  ctx.warn(`Country allocation for ${p.location}: the licensed TPP counted (${fmt(used)}) is only what this workbench knows (its ledger and the case's declared prior shipments); the allocation counts every exporter's licensed shipments, so the true figure may be higher.`);
  const after = used + cls.tpp;
  const rule = '15 CFR 742.6(b)(10)(iii)(B)';
  // Supp. 5(b) membership matters only where the doubled allocation would change the outcome.
  const supp5bCap = ctx.v['allocation.supp5bCapTpp'];
  const supp5bMatters = !inSupp5b && after > cap && supp5bCap !== null && after <= supp5bCap;
  const capParams = supp5bMatters ? (['allocation.capTpp', 'group.supp5b'] as const) : (['allocation.capTpp'] as const);
  if (after <= cap) {
    t.step('review.allocation', `${rule}(1)`, `licensed TPP to ${p.location} since ${from} known to this workbench: ${fmt(used)} + ${fmt(cls.tpp)} = ${fmt(after)} ≤ ${fmt(cap)}`, 'within the country allocation: presumption of approval', { params: P21 });
    ctx.hint(x.index, () => `Country allocation for ${p.location}: ${fmt(cap - after)} TPP left after this application (of ${fmt(cap)}).`);
    return license('presumption_of_approval');
  }
  if (used >= cap) {
    t.step('review.allocation', `${rule}(2)`, `licensed TPP to ${p.location} known to this workbench: ${fmt(used)} ≥ ${fmt(cap)}`, 'allocation met: policy of denial', { params: [...capParams, 'allocation.countFrom'] });
    return license('policy_of_denial');
  }
  const policy = ctx.v['allocation.crossingPolicy'];
  t.step('review.allocation', `${rule}(2)`, `licensed TPP to ${p.location} known to this workbench: ${fmt(used)} + ${fmt(cls.tpp)} = ${fmt(after)} > ${fmt(cap)}`, `the application crosses the allocation: ${policy ?? 'no policy stated'}`, { params: [...capParams, 'allocation.crossingPolicy'] });
  ctx.hint(x.index, () => `Country allocation for ${p.location}: ${fmt(cap - used)} TPP left; an application up to that amount stays within the allocation.`);
  void c;
  return license(policy);
}

function reviewB(x: ItemInput, hqBasis: boolean): ItemOutcome {
  const { p, g, t } = x;
  if (hqBasis && !isD5OrMacau(g, p.location)) return hqTestReview(x);
  if (isD5OrMacau(g, p.location) || p.hqD5) {
    t.step('review.742.6(b)(10)(iv)', '15 CFR 742.6(b)(10)(iv); 744.23(d)', 'Macau/D:5 destination or D:5/Macau-headquartered entity', 'presumption of denial', { params: P8 });
    return license('presumption_of_denial');
  }
  t.step('review.742.6(b)(10)(iv)', '15 CFR 742.6(b)(10)(iv)', 'other destinations', 'presumption of approval', {});
  return license('presumption_of_approval');
}

function chipsAndComputers(x: ItemInput): ItemOutcome {
  const { ctx, c, p, g, cls, t } = x;
  if (c.transaction.type === 'deemed_export') {
    t.step('license.742.6(a)(6)(iv)', '15 CFR 742.6(a)(6)(iv)', 'deemed export or reexport', '§ 742.6(a)(6)(i)-(iii) do not apply: no license under these provisions', {});
    return nlr();
  }
  if (domesticCheck(x)) return nlr();
  let hqBasis = false;
  if (cls.level === 'a') {
    t.step('license.742.6(a)(6)(iii)(A)', '15 CFR 742.6(a)(6)(iii)(A)', `${cls.eccn} (.a level) to or within any destination`, 'license required worldwide, unless an authorization applies', {});
  } else {
    if (inD145NotA56(g, p.location)) {
      t.step('license.742.6(a)(6)(iii)(B)', '15 CFR 742.6(a)(6)(iii)(B)', `${cls.eccn} (.b level) to ${p.location}, in D:1/D:4/D:5 and not A:5/A:6`, 'license required, unless an authorization applies', { params: P22 });
    } else if (p.hqD5) {
      hqBasis = true;
      t.step('license.744.23(a)(3)(i)(A)', '15 CFR 744.23(a)(3)(i)(A)', `${cls.eccn} to an entity headquartered (or ultimate parent) in D:5/Macau, located outside D:1/D:4/D:5`, 'license required, unless an authorization applies', { params: P8 });
    } else {
      t.step('license.742.6(a)(6)(iii)(B)', '15 CFR 742.6(a)(6)(iii)(B); 744.23(a)(3)', `${cls.eccn} (.b level) to ${p.location}: outside D:1/D:4/D:5 (or in A:5/A:6), end user not D:5/Macau-headquartered`, 'no license required (NLR)', { params: P23 });
      return nlr();
    }
  }
  const acaOk = (dest: string) => {
    if (isD5OrMacau(g, dest) || p.hqD5) return false;
    if (g.d1.has(dest) || g.d4.has(dest)) return true;
    return ctx.v['aca.tier2Expansion'] && p.destinationTier === 2;
  };
  const chain = [
    () => (cls.level === 'a' ? aia(x) : null),
    () => acm(x),
    () => lpp(x),
    () => nacAca(x, acaOk, `destination ${p.location} in D:1/D:4 or (as amended by the AI rule) Tier 2, end user not D:5/Macau-headquartered`),
    () => uveu(x),
    () => nveu(x),
  ];
  for (const f of chain) {
    const r = f();
    if (r) return r;
  }
  if (ctx.v['aca.tier2Expansion']) ctx.rely('aca.tier2Expansion');
  t.step('auth.none', '15 CFR 740.2(a)(9)(ii); part 740; 748.15', 'AIA, ACM, LPP, ACA, NAC, UVEU, NVEU', 'none applies: an individual license is required', {});
  return cls.level === 'a' ? reviewA(x) : reviewB(x, hqBasis);
}

function weights(x: ItemInput): ItemOutcome {
  const { ctx, c, p, g, t, item } = x;
  const usHqNote = p.hqTier1ViaUs ? (['hq.usCountsAsSupp5a'] as const) : ([] as const);
  if (c.transaction.type === 'deemed_export') {
    if (ctx.v['weights.deemedExportEmployeeExclusion'] && c.endUser.permanentRegularEmployee === true && p.hqTier1) {
      t.step('license.742.6(a)(13)', '15 CFR 742.6(a)(13); 734.20(d)(2)', `deemed export to a permanent regular employee of an entity headquartered in Supp. 5(a) (${p.hq})`, 'excluded from the 4E091 license requirement: NLR', { params: ['weights.deemedExportEmployeeExclusion', ...usHqNote] });
      return nlr();
    }
    t.step('license.742.6(a)(13)', '15 CFR 742.6(a)(13); 734.20(d)(2)', 'deemed export: permanent regular employee of a Supp. 5(a)-headquartered entity?', 'no: the exclusion does not apply', { params: P24 });
  } else {
    t.step('license.742.6(a)(13)', '15 CFR 742.6(a)(13)', '4E091 to any destination', 'license required worldwide, unless an authorization applies', {});
  }
  if (c.transaction.type !== 'deemed_export') {
    // § 740.27(a)(3) is the only AIA path for 4E091: headquartered in Supp. 5(a), located outside Macau/D:5,
    // and stored in a facility meeting Supp. 10 to part 748 ¶¶14, 15, 18, for every destination, Tier 1
    // included. Only (a)(1) chips and (a)(2)(i) software and technology go by location and headquarters.
    if (p.hqTier1 && !isD5OrMacau(g, p.location)) {
      const storage = item.storageCompliesSupp10Paras14_15_18;
      if (storage === true) {
        t.step('auth.AIA', '15 CFR 740.27(a)(3)', `4E091 to an entity headquartered in Supp. 5(a) (${p.hq}), located outside Macau and D:5 (${p.location}), stored in a facility that meets Supp. 10 to part 748 ¶¶14, 15 and 18`, 'AIA available', { params: ['group.supp5a', 'group.d5', ...usHqNote] });
        return {
          authorization: 'AIA',
          reviewPolicy: null,
          obligations: ['store the weights only in a facility that meets Supp. 10 to part 748 ¶¶14, 15 and 18 (15 CFR 740.27(a)(3)(ii))', 'no transfer to entities headquartered or located outside Supp. 5(a) destinations without authorization (15 CFR 740.27)', SCREEN_744, RECORDS],
        };
      }
      t.step('auth.AIA', '15 CFR 740.27(a)(3)(ii)', `weights stored in a facility that meets Supp. 10 to part 748 ¶¶14, 15 and 18 (required for every destination, ${p.destinationTier === 1 ? 'this Tier 1 one' : 'Tier 1'} included)?`, storage === false ? 'no: AIA not available' : 'not stated: taken as no (conservative default)', { params: P16 });
      ctx.hint(x.index, () => 'AIA (§ 740.27(a)(3)) would apply if the weights are stored in a facility that meets Supp. 10 to part 748 ¶¶14, 15 and 18.');
    } else {
      t.step('auth.AIA', '15 CFR 740.27(a)(3)', `4E091: headquartered in Supp. 5(a) (${p.hq}/${p.parent}) and located outside Macau and D:5 (${p.location})?`, 'no: AIA not available', { params: P25 });
    }
  }
  t.step('auth.none', '15 CFR 740.2(a)(9)(ii); 740.28(b)', 'ACM, LPP, NAC/ACA and VEU do not cover 4E091', 'an individual license is required', {});
  if (!p.hqTier1) {
    const policy = ctx.v['weights.reviewPolicyNonTier1Hq'];
    t.step('review.742.6(b)(14)', '15 CFR 742.6(b)(14)', `end user headquartered (or ultimate parent) outside Supp. 5(a) (${p.hq}/${p.parent})`, policy.replace(/_/g, ' '), { params: P26 });
    return license(policy);
  }
  t.step('review.742.6(b)(14)', '15 CFR 742.6(b)(14)', 'end user headquartered in Supp. 5(a)', 'the rule states no review policy for this case', { confidence: 'unsourced' });
  ctx.warn('4E091 license review policy for Supp. 5(a)-headquartered applicants is UNSOURCED: review policy left open.');
  return license(null);
}

export function aiDiffusionItem(x: ItemInput): ItemOutcome {
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
