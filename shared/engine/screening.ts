// What a screening result does to a determination: the consequences the lists' authorities state, applied
// to every item of one evaluation. Pure: the screening itself ran in main/core against a list snapshot and
// arrives here as the determination's `screening` section (see shared/domain/screening.ts).
//
// Sources (each with its date and a confidence; see docs/screening.md):
// - Entity List: 15 CFR 744.11 and Supp. No. 4 to part 744; the entry's License Requirement and License
//   Review Policy columns decide; no license exception applies (§ 744.11(a), "no license exceptions are
//   available … unless specifically authorized in the entry"). § 744.11 reaches parties under § 748.5(c)-(f):
//   intermediate consignee, ultimate consignee, end user, purchaser (not a forwarder).
// - Denied Persons List: a denial order (part 764; General Prohibition Four, § 736.2(b)(4)) forbids taking
//   part in any transaction involving items subject to the EAR: PROHIBITED.
// - Unverified List: § 744.15: no license exception may be used; for a transaction needing no license, the
//   UVL statement (§ 744.15(b)) must be obtained from the UVL party before shipping.
// - Military End-User List: § 744.21: a license for the items of Supp. No. 2 to part 744; review policy
//   presumption of denial (§ 744.21(e)).
// - SDN (OFAC): property and interests in property are blocked; U.S. persons may not deal with the person
//   absent an OFAC license (31 CFR part 501 and the programme's part; OFAC's 50 % rule, guidance of
//   2014-08-13, reaches entities owned 50 % or more by blocked persons). Also § 744.8 ([NPWMD], [IFSR]),
//   § 744.12 ([SDGT]), § 744.13 ([SDT]), § 744.14 ([FTO]) of the EAR.
// - BIS affiliates rule (90 FR 47201, 2025-09-30, effective 2025-09-29): an entity owned 50 % or more by
//   Entity List or MEU parties takes their restrictions; suspended for one year from 2025-11-10 to
//   2026-11-09 (BIS final rule "One Year Suspension of Expansion of End-User Controls for Affiliates of
//   Certain Listed Entities", 90 FR, 2025-11-12, effective 2025-11-10), and back in effect from 2026-11-10
//   absent an extension.
import type { Authorization } from '../domain/case';
import type { Confidence, Evaluation, ItemDetermination, ReviewPolicy, TraceStep } from '../domain/determination';
import { bindingCandidates, type ScreenedParty, type ScreeningCandidate, type ScreeningSection } from '../domain/screening';

/** ECCNs of Supp. No. 2 to part 744 (items subject to § 744.21), as published in 85 FR 23459 (2020-04-28). */
export const SUPP2_PART744_ECCNS: readonly string[] = [
  '1A290', '1C990', '1C996', '1D993', '1D999', '1E994', '1E999', '2A290', '2A291', '2A991', '2A992', '2A994', '2A999', '2B999',
  '2D290', '2D992', '2D994', '2E290', '2E994', '3A991', '3A992', '3A999', '3B991', '3B992', '3C992', '3D991', '3E991', '4A994',
  '4D993', '4D994', '4E992', '4E993', '5A991', '5A992', '5B991', '5D991', '5D992', '5E991', '5E992', '6A991', '6A993', '6A995',
  '6A996', '6C992', '6D991', '6D992', '6D993', '6E991', '6E992', '6E993', '7A994', '7B994', '7D994', '7E994', '8A992', '8D992',
  '8E992', '9A991', '9B990', '9D991', '9E991',
];
const SUPP2_SOURCE = 'Supp. No. 2 to part 744 as published in 85 FR 23459 (2020-04-28); not in this repository\'s eCFR extract';

export const AFFILIATES_RULE = {
  effective: '2025-09-29',
  suspendedFrom: '2025-11-10',
  suspendedTo: '2026-11-09',
  citation: '90 FR 47201 (2025-09-30), effective 2025-09-29; suspended 2025-11-10 through 2026-11-09 (BIS final rule of 2025-11-12)',
};

const LICENSE_EXCEPTIONS: ReadonlySet<Authorization> = new Set(['AIA', 'ACM', 'LPP', 'ACA', 'NAC']);
/** § 748.5(c)-(f): the parties § 744.11 and § 744.15 reach. */
const TRANSACTION_PARTIES: ReadonlySet<ScreenedParty['role']> = new Set(['end_user', 'purchaser', 'intermediate_consignee', 'ultimate_consignee']);

const STRICTNESS: ReviewPolicy[] = ['presumption_of_approval', 'case_by_case', 'presumption_of_denial', 'policy_of_denial'];

/**
 * The review policy an Entity List entry states. Several policies in one entry (e.g. "case-by-case for
 * ECCNs …; presumption of denial for all other items") read as the strictest of them (conservative, with a
 * warning from the caller); none that can be read: null.
 */
export function entityListPolicy(text: string | null): { policy: ReviewPolicy | null; several: boolean } {
  if (!text) return { policy: null, several: false };
  const t = text.toLowerCase();
  const found = new Set<ReviewPolicy>();
  if (/presumption (of|for) denial/.test(t)) found.add('presumption_of_denial');
  if (/case[- ]by[- ]case/.test(t)) found.add('case_by_case');
  if (/policy of denial/.test(t)) found.add('policy_of_denial');
  if (/presumption of approval/.test(t)) found.add('presumption_of_approval');
  if (found.size === 0) return { policy: null, several: false };
  const strictest = [...found].sort((a, b) => STRICTNESS.indexOf(b) - STRICTNESS.indexOf(a))[0];
  return { policy: strictest, several: found.size > 1 };
}

function stricter(a: ReviewPolicy | null, b: ReviewPolicy | null): ReviewPolicy | null {
  if (a === null) return b;
  if (b === null) return a;
  return STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b;
}

function baseEccn(eccn: string | null): string | null {
  return eccn ? eccn.slice(0, 5) : null;
}

interface Mutable {
  item: ItemDetermination;
}

function cite(c: ScreeningCandidate): string {
  return `${c.list} entry "${c.name}"${c.entityNumber ? ` (no. ${c.entityNumber})` : ''}${c.federalRegisterNotice ? `; ${c.federalRegisterNotice}` : ''}`;
}

function step(rule: string, citation: string, test: string, result: string, confidence: Confidence): TraceStep {
  return { rule, citation, test, result, confidence };
}

function setLicense(m: Mutable, policy: ReviewPolicy | null, why: TraceStep, keepStricter = true): void {
  const it = m.item;
  if (it.authorization === 'PROHIBITED') {
    it.trace.push(why);
    return;
  }
  const prior = it.authorization === 'LICENSE' ? it.reviewPolicy : undefined;
  it.authorization = 'LICENSE';
  it.licenseRequired = true;
  it.reviewPolicy = prior === undefined || !keepStricter ? policy : stricter(prior, policy);
  it.trace.push(why);
}

function setProhibited(m: Mutable, why: TraceStep, obligation: string): void {
  const it = m.item;
  it.authorization = 'PROHIBITED';
  it.licenseRequired = true;
  it.reviewPolicy = null;
  if (!it.obligations.includes(obligation)) it.obligations.push(obligation);
  it.trace.push(why);
}

function affiliatesInForce(date: string): 'in_force' | 'suspended' | 'not_yet' {
  if (date < AFFILIATES_RULE.effective) return 'not_yet';
  if (date >= AFFILIATES_RULE.suspendedFrom && date <= AFFILIATES_RULE.suspendedTo) return 'suspended';
  return 'in_force';
}

/**
 * Applies the screening section to one evaluation (in place on a copy the caller owns): items give way to
 * LICENSE or PROHIBITED where a binding candidate says so; warnings say what the lists mean otherwise.
 */
export function applyScreening(ev: Evaluation, s: ScreeningSection, caseDate: string, items: readonly { eccn?: string }[]): void {
  const warn = (w: string) => {
    if (!ev.warnings.includes(w)) ev.warnings.push(w);
  };
  const at = s.list ? `the Consolidated Screening List of ${s.list.date} (sha256 ${s.list.sha256.slice(0, 12)}…)` : 'no list';
  if (s.status === 'not_screened') warn('The parties were not screened: no Consolidated Screening List is imported. A determination without screening is incomplete (tierline lists import FILE).');
  if (s.list?.stale) warn(`Screening used an out-of-date list: the Consolidated Screening List of ${s.list.date}, ${s.list.ageDays} days old (limit ${s.list.maxAgeDays}).`);
  for (const w of s.warnings) warn(w);
  if (s.status === 'needs_review') {
    const open = s.parties.flatMap((p) => p.candidates.filter((c) => c.decision === 'review' && !c.officer).map((c) => `${p.name} ~ ${c.list} "${c.name}" (${c.score.toFixed(2)})`));
    warn(`Screening needs review: ${open.join('; ')}. An officer must confirm or clear each candidate before a letter can be issued.`);
  }
  const ms: Mutable[] = ev.items.map((item) => ({ item }));

  const applyCandidate = (p: ScreenedParty, c: ScreeningCandidate, via: string | null) => {
    const who = `${p.role.replace(/_/g, ' ')} "${p.name}"${via ? ` (${via})` : ''}`;
    const test = `${who} screened against ${at}: ${c.decision}${c.officer ? ` (${c.officer.verdict} by ${c.officer.by}: ${c.officer.reason})` : ''}, score ${c.score.toFixed(2)}`;
    const transactionParty = TRANSACTION_PARTIES.has(p.role) || (p.role === 'owner' && via !== null);
    switch (c.list) {
      case 'EL': {
        if (!transactionParty) {
          warn(`${who} is on the Entity List (${cite(c)}): § 744.11 reaches the purchaser, consignees and end user; a listed ${p.role.replace(/_/g, ' ')} is a red flag to resolve before shipping.`);
          return;
        }
        const { policy, several } = entityListPolicy(c.licensePolicy);
        const all = !c.licenseRequirement || /all items subject to the ear/i.test(c.licenseRequirement);
        if (!all) warn(`Entity List entry "${c.name}" states its license requirement as "${c.licenseRequirement}"; read conservatively as every item of this case.`);
        if (several) warn(`Entity List entry "${c.name}" states several review policies ("${c.licensePolicy}"); the strictest, ${policy?.replace(/_/g, ' ')}, is applied (conservative): check which one covers these items.`);
        if (policy === null) warn(`Entity List entry "${c.name}" states its review policy as "${c.licensePolicy ?? '(none)'}", which names no policy this tool can read; review policy left open.`);
        for (const m of ms) {
          setLicense(
            m,
            policy,
            step(
              'screening.entity_list',
              `15 CFR 744.11; Supp. No. 4 to part 744: ${cite(c)}`,
              test,
              `Entity List: license required (${c.licenseRequirement ?? 'for all items subject to the EAR'}); review policy: ${c.licensePolicy ?? 'not stated'}; no license exception applies`,
              all ? 'high' : 'medium',
            ),
          );
          m.item.obligations = m.item.obligations.filter((o) => !/license exception/i.test(o));
        }
        return;
      }
      case 'MEU': {
        if (!transactionParty) {
          warn(`${who} is on the Military End-User List (${cite(c)}): a red flag to resolve before shipping.`);
          return;
        }
        ms.forEach((m, i) => {
          const eccn = baseEccn(m.item.eccn ?? items[i]?.eccn ?? null);
          if (eccn === null) {
            warn(`Item ${i}: its ECCN is not known, so it cannot be checked against Supp. No. 2 to part 744; treated as covered by § 744.21 (conservative).`);
            setLicense(m, 'presumption_of_denial', step('screening.meu', `15 CFR 744.21; ${SUPP2_SOURCE}`, test, 'Military end user; item ECCN unknown: license required (conservative), presumption of denial', 'medium'));
          } else if (SUPP2_PART744_ECCNS.includes(eccn)) {
            setLicense(m, 'presumption_of_denial', step('screening.meu', `15 CFR 744.21; ${SUPP2_SOURCE}`, test, `Military end user; ${m.item.eccn} is among the items of Supp. No. 2 to part 744: license required, presumption of denial (§ 744.21(e))`, 'medium'));
          } else if (m.item.authorization === 'LICENSE') {
            // § 744.21(e)(3): an item needing a license for any reason, for a military end user, is reviewed
            // with the presumption of denial of (e)(1).
            setLicense(m, 'presumption_of_denial', step('screening.meu', '15 CFR 744.21(e)(3) (eCFR, text of 85 FR 83797, 2020-12-23)', test, `Military end user; ${m.item.eccn} is not among the ECCNs of Supp. No. 2 to part 744, but it needs a license for another reason, so the application is reviewed with a presumption of denial`, 'high'));
          } else {
            m.item.trace.push(step('screening.meu', `15 CFR 744.21; ${SUPP2_SOURCE}`, test, `Military end user; ${m.item.eccn} is not among the ECCNs of Supp. No. 2 to part 744: § 744.21 adds no license requirement for this item`, 'medium'));
          }
        });
        warn(`${who} is on the Military End-User List: § 744.21 was checked against Supp. No. 2 to part 744 as published in 85 FR 23459 (2020-04-28); confirm against the current eCFR text.`);
        return;
      }
      case 'DPL':
        for (const m of ms) {
          setProhibited(
            m,
            step('screening.denied_persons', `15 CFR 736.2(b)(4) (General Prohibition Four); part 764: ${cite(c)}`, test, 'Denied Persons List: a denial order forbids taking part in this transaction: PROHIBITED', 'high'),
            'do not proceed: a party is subject to a BIS denial order',
          );
        }
        return;
      case 'UVL': {
        if (!transactionParty) {
          warn(`${who} is on the Unverified List (${cite(c)}): a red flag to resolve before shipping.`);
          return;
        }
        for (const m of ms) {
          const it = m.item;
          if (LICENSE_EXCEPTIONS.has(it.authorization) || it.authorization === 'UVEU' || it.authorization === 'NVEU') {
            const was = it.authorization;
            setLicense(m, null, step('screening.unverified_list', `15 CFR 744.15(a); Supp. No. 6 to part 744: ${cite(c)}`, test, `Unverified List: no license exception may be used (${was} gives way): license required`, was === 'UVEU' || was === 'NVEU' ? 'medium' : 'high'));
            if (was === 'UVEU' || was === 'NVEU') warn(`Item ${it.index}: ${was} is a validated end-user authorization, not a part 740 exception; with a UVL party it is treated as unavailable (conservative).`);
            warn(`Item ${it.index}: a license is required because a party is on the Unverified List; the EAR states no review policy for it.`);
          } else {
            it.trace.push(step('screening.unverified_list', `15 CFR 744.15(b): ${cite(c)}`, test, 'Unverified List: obtain the UVL statement from the listed party before shipping', 'high'));
          }
          const ob = `obtain the UVL statement (15 CFR 744.15(b)) from "${c.name}" before shipping`;
          if (!it.obligations.includes(ob)) it.obligations.push(ob);
        }
        return;
      }
      case 'SDN': {
        const ear: string[] = [];
        const progs = c.programs.join(' ').toUpperCase();
        if (/NPWMD|IFSR/.test(progs)) ear.push('§ 744.8 (license for all items subject to the EAR, policy of denial)');
        if (/SDGT/.test(progs)) ear.push('§ 744.12');
        if (/\bSDT\b/.test(progs)) ear.push('§ 744.13');
        if (/FTO/.test(progs)) ear.push('§ 744.14');
        for (const m of ms) {
          setProhibited(
            m,
            step(
              'screening.sdn',
              `31 CFR part 501 and the programme regulations (${c.programs.join(', ') || 'programme not stated'}); ${cite(c)}${ear.length ? `; EAR ${ear.join(', ')}` : ''}`,
              test,
              `OFAC SDN: the party's property and interests in property are blocked; U.S. persons may not deal with it without an OFAC license: PROHIBITED${ear.length ? `; under the EAR also ${ear.join(', ')}` : ''}`,
              'high',
            ),
            'do not proceed without an OFAC license: a party is a Specially Designated National (blocked)',
          );
        }
        return;
      }
      default: {
        const what: Record<string, string> = {
          SSI: 'Sectoral Sanctions Identifications (OFAC directives under E.O. 13662): the directives prohibit certain dealings (new debt or equity, or the directive\'s named activities); not a blocking, but check the directive',
          CMIC: 'Non-SDN Chinese Military-Industrial Complex Companies (E.O. 13959 as amended by E.O. 14032): U.S. persons may not buy or sell its publicly traded securities; exports are not barred by this list, but it is a strong warning about the party',
          'NS-MBS': 'Non-SDN Menu-Based Sanctions (OFAC): the sanctions chosen from the menu apply; check which before proceeding',
          PLC: 'Palestinian Legislative Council list (OFAC): members of the PLC elected on the party slate of Hamas or another designated group; check the OFAC restrictions before dealing',
          CAP: 'CAPTA list (OFAC): correspondent or payable-through account restrictions for the financial institution',
          DTC: 'ITAR debarred (State, 22 CFR 127.7): may not take part in exports of defense articles; a strong warning for any transaction',
          ISN: 'Nonproliferation sanctions (State): the measures of the designation apply and may include a ban on U.S. export licenses; check the Federal Register notice',
        };
        warn(`${who} is on ${c.source} (${cite(c)}): ${what[c.list] ?? 'check what this list requires before proceeding'}.`);
      }
    }
  };

  const byName = new Map(s.parties.filter((p) => p.role !== 'owner').map((p) => [p.name, p]));
  for (const p of s.parties) {
    if (p.role === 'owner') continue;
    for (const c of bindingCandidates(p)) applyCandidate(p, c, null);
  }

  // Owners: OFAC's 50 % rule always; BIS's affiliates rule (Entity List, MEU) while in force.
  const owned = new Map<string, { el: { c: ScreeningCandidate; owner: ScreenedParty }[]; elPct: number; sdnPct: number; sdn: { c: ScreeningCandidate; owner: ScreenedParty }[]; any: string[] }>();
  for (const o of s.parties) {
    if (o.role !== 'owner' || !o.ownerOf) continue;
    const bind = bindingCandidates(o);
    if (!bind.length) continue;
    const g = owned.get(o.ownerOf.name) ?? { el: [], elPct: 0, sdn: [], sdnPct: 0, any: [] };
    const el = bind.filter((c) => c.list === 'EL' || c.list === 'MEU');
    const sdn = bind.filter((c) => c.list === 'SDN');
    if (el.length) {
      g.elPct += o.ownerOf.percent;
      g.el.push(...el.map((c) => ({ c, owner: o })));
    }
    if (sdn.length) {
      g.sdnPct += o.ownerOf.percent;
      g.sdn.push(...sdn.map((c) => ({ c, owner: o })));
    }
    g.any.push(`${o.name} (${o.ownerOf.percent} %, ${bind.map((c) => c.list).join('/')})`);
    owned.set(o.ownerOf.name, g);
  }
  for (const [name, g] of owned) {
    const party = byName.get(name);
    if (!party) continue;
    if (g.sdnPct >= 50) {
      for (const { c, owner } of g.sdn) applyCandidate(party, { ...c, name: `${c.name}`, explanation: c.explanation }, `owned ${g.sdnPct} % in aggregate by blocked persons, incl. "${owner.name}": OFAC 50 % rule`);
    }
    if (g.elPct >= 50) {
      const state = affiliatesInForce(caseDate);
      if (state === 'in_force') {
        for (const { c, owner } of g.el) applyCandidate(party, c, `owned ${g.elPct} % in aggregate by listed parties, incl. "${owner.name}": BIS affiliates rule, ${AFFILIATES_RULE.citation}`);
      } else if (state === 'not_yet') {
        warn(`"${name}" is owned ${g.elPct} % by Entity List / MEU parties (${g.any.join('; ')}). On ${caseDate} BIS's affiliates rule (${AFFILIATES_RULE.citation}) was not yet in effect, so the listed owners' restrictions do not pass to it; such ownership is still a red flag to resolve before shipping.`);
      } else if (state === 'suspended') {
        warn(`"${name}" is owned ${g.elPct} % by Entity List / MEU parties (${g.any.join('; ')}). BIS's affiliates rule (${AFFILIATES_RULE.citation}) is suspended on ${caseDate}, so the listed owners' restrictions do not pass to it; BIS still treats such ownership as a red flag, and the rule returns on 2026-11-10 absent an extension.`);
      }
    }
    if (g.elPct < 50 && g.sdnPct < 50) warn(`"${name}" has listed owners below 50 % (${g.any.join('; ')}): significant minority ownership by a listed party is a red flag (BIS, ${AFFILIATES_RULE.citation}).`);
  }
  ev.licenseRequired = ev.items.some((i) => i.licenseRequired);
}
