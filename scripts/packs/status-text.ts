// The regime status per period, for both packs: `text` is what the banner says (at most two sentences),
// `detail` the longer account one click away, and `event` what happened on the period's first day (listed
// under "since then" for cases dated earlier). Every period says only what was known on its dates.
import type { StatusPeriod } from '../../shared/domain/rulepack';
import { COVERAGE_FROM } from './define';

export const FR = '90 FR 4544 (FR Doc. 2025-00636)';
const NON_ENFORCEMENT = 'BIS press release 2025-05-13; Miller & Chevalier; Baker McKenzie (May 2025)';
const CHINA_RULE = '91 FR 1684 (FR Doc. 2026-00789, RIN 0694-AK43), effective 2026-01-15';
const GAO = 'GAO B-337935 (2026-05-12)';
const GUIDANCE = 'BIS guidance 2026-05-31 (Wilmarth & Associates; Hogan Lovells; Holland & Knight)';
const AGENDA = '2026 Unified Agenda (FR Doc. 2026-16603), RIN 0694-AJ90';

const EVENTS = {
  hq2023: 'The October 2023 advanced-computing rule (88 FR 73458) took effect, with its thresholds and the headquarters test of § 744.23(a)(3).',
  effective: `The Framework for AI Diffusion (${FR}) took effect; compliance is required from 2025-05-15.`,
  announcement: 'BIS announced that it would not enforce the Framework for AI Diffusion and would rescind it.',
  compliance: 'The Framework\'s compliance date; BIS does not enforce it.',
  supp10: `Supp. 10 to part 748 ¶¶14, 15 and 18 became required (as written), and BIS's case-by-case review of H200-class chips to China and Macau took effect (${CHINA_RULE}).`,
  gao: `${GAO}: the May 2025 non-enforcement press release is a rule under the Congressional Review Act that was not submitted to Congress.`,
  guidance: 'BIS guidance reaffirmed the license requirement for advanced computing items to entities headquartered in D:5 or Macau, wherever they are located.',
  agenda: 'The 2026 Unified Agenda listed a planned interim final rule to rescind and replace the Framework (RIN 0694-AJ90); no rule has been published.',
};

type P = Omit<StatusPeriod, 'to'> & { to: string | null };

const AS_WRITTEN_CODIFIED = 'As written: the Framework for AI Diffusion is codified in 15 CFR and is applied here as if enforced.';

export function asWrittenStatus(): P[] {
  return [
    {
      from: COVERAGE_FROM,
      to: '2025-01-12',
      procedure: 'advanced_computing',
      code: 'pre_rule',
      text: 'Before the Framework for AI Diffusion: the advanced-computing controls of October 2022, October 2023 and December 2024 apply.',
      citation: '87 FR 62186; 88 FR 73458; 89 FR 96790',
      excerpt: 'License for 3A090 etc. to D:1/D:4/D:5 excluding A:5/A:6; headquarters test of § 744.23(a)(3).',
      confidence: 'high',
    },
    {
      from: '2025-01-13',
      to: '2025-05-12',
      procedure: 'advanced_computing',
      code: 'effective_compliance_not_required',
      text: `The Framework for AI Diffusion (${FR}) is in effect, but exporters need not comply until 2025-05-15. The pre-Framework controls apply.`,
      detail: 'AIA, ACM, LPP, the Data Center VEU and the country allocations are effective, with compliance not yet required.',
      event: EVENTS.effective,
      citation: `${FR}; bis.gov/advanced-compute-resources`,
      excerpt: '"exporters… are not required to comply… until 120 days from date of publication"',
      confidence: 'high',
    },
    {
      from: '2025-05-13',
      to: '2025-05-14',
      procedure: 'advanced_computing',
      code: 'effective_compliance_not_required',
      text: 'The Framework for AI Diffusion is in effect, with compliance not required until 2025-05-15. On 2025-05-13 BIS announced that it would not enforce it and would rescind it.',
      event: EVENTS.announcement,
      citation: `${FR}; BIS press release 2025-05-13`,
      excerpt: 'Under Secretary Kessler "instructed BIS enforcement officials not to enforce"',
      confidence: 'high',
    },
    {
      from: '2025-05-15',
      to: '2026-01-14',
      procedure: 'ai_diffusion',
      code: 'codified_not_enforced',
      text: `${AS_WRITTEN_CODIFIED} BIS has not enforced it since 2025-05-13 and has published no rescission.`,
      detail: `The Framework (${FR}) stays in the regulations; BIS announced on 2025-05-13 that it would not enforce it and would publish a rescission, which has not appeared. Supp. 10 to part 748 ¶¶14, 15 and 18 are required from 2026-01-15.`,
      event: EVENTS.compliance,
      citation: `${FR}; BIS press release 2025-05-13; Baker McKenzie (May 2025)`,
      excerpt: 'the FR rescission notice "has still not been published… the relevant provisions of the EAR… still remain unchanged"',
      confidence: 'high',
    },
    {
      from: '2026-01-15',
      to: '2026-05-11',
      procedure: 'ai_diffusion',
      code: 'codified_not_enforced',
      text: `${AS_WRITTEN_CODIFIED} BIS has not enforced it since 2025-05-13 and has published no rescission.`,
      detail: 'Supp. 10 to part 748 ¶¶14, 15 and 18 apply from 2026-01-15 (Data Center VEU certification; AIA for model weights). Commentators note the worldwide requirements "still appear in the Export Administration Regulations".',
      event: EVENTS.supp10,
      citation: `${FR}; 15 CFR 748.15(a)(2)(ii)(A), (iii)(A); ArentFox Schiff (Jan 2026)`,
      excerpt: 'the worldwide license requirements "have been scrapped, though they still appear in the Export Administration Regulations"',
      confidence: 'high',
    },
    {
      from: '2026-05-12',
      to: '2026-08-13',
      procedure: 'ai_diffusion',
      code: 'codified_not_enforced',
      text: `${AS_WRITTEN_CODIFIED} BIS has not enforced it since 2025-05-13, and GAO (B-337935) found that its non-enforcement announcement is a rule never submitted to Congress.`,
      detail: 'No rescission has been published. Pillsbury (2026-05-28): "the AI Diffusion Rule remains legally in effect… without a legally valid action to exempt compliance".',
      event: EVENTS.gao,
      citation: `${FR}; ${GAO}; Pillsbury (2026-05-28)`,
      excerpt: '"the AI Diffusion Rule remains legally in effect… without a legally valid action to exempt compliance"',
      confidence: 'high',
    },
    {
      from: '2026-08-14',
      to: null,
      procedure: 'ai_diffusion',
      code: 'codified_not_enforced',
      text: `${AS_WRITTEN_CODIFIED} BIS has not enforced it since 2025-05-13; a rescission and replacement is planned (RIN 0694-AJ90) but not published.`,
      detail:
        'GAO (B-337935, 2026-05-12) found the non-enforcement announcement to be a rule under the Congressional Review Act that was not submitted: residual legal risk. BIS enforces instead the pre-2025 advanced-computing controls, the worldwide license for .a items to D:5/Macau-headquartered entities (guidance of 2026-05-31) and the January 2026 China case-by-case policy (91 FR 1684). The Unified Agenda entry is known second-hand.',
      event: EVENTS.agenda,
      citation: `${FR}; GAO B-337935; ${AGENDA}`,
      excerpt: 'RIN 0694-AJ90 "Implementation of the AI Action Plan Through Export Controls": planned interim final rule to formally rescind the Framework',
      confidence: 'medium',
      note: 'The Unified Agenda entry is known second-hand.',
    },
  ];
}

const ENFORCED_BASE = 'BIS enforces the December 2024 advanced-computing controls and the license for .a items to entities headquartered in D:5 or Macau wherever located';
const NOT_FRAMEWORK = 'It does not enforce the Framework for AI Diffusion or 4E091.';

export function enforcedStatus(): P[] {
  return [
    {
      from: COVERAGE_FROM,
      to: '2023-11-16',
      procedure: 'advanced_computing',
      code: 'pre_rule',
      text: 'The October 2022 advanced-computing rule (87 FR 62186) applies. Its own parameters are not encoded here: the October 2023 thresholds are applied and flagged.',
      citation: '87 FR 62186',
      excerpt: 'original advanced-computing rule, 2022-10-07',
      confidence: 'unsourced',
      note: 'The 2022 rule text was not part of the reference.',
    },
    {
      from: '2023-11-17',
      to: '2025-01-12',
      procedure: 'advanced_computing',
      code: 'pre_rule',
      text: 'The October 2023 and December 2024 advanced-computing controls apply (88 FR 73458; 89 FR 96790).',
      detail: 'License for 3A090 and related items to D:1/D:4/D:5 excluding A:5/A:6, and to entities headquartered in D:5 or Macau (§ 744.23(a)(3)); presumption of denial for Macau/D:5 and D:5/Macau-headquartered entities, approval otherwise.',
      event: EVENTS.hq2023,
      citation: '88 FR 73458; 89 FR 96790; 15 CFR 742.6(a)(6), (b)(10) (pre-2025 text)',
      excerpt: 'License for 3A090 etc. to D:1/D:4/D:5 excluding A:5/A:6; presumption of denial for Macau/D:5 and D:5/Macau-headquartered entities, approval otherwise.',
      confidence: 'high',
    },
    {
      from: '2025-01-13',
      to: '2025-05-12',
      procedure: 'advanced_computing',
      code: 'effective_compliance_not_required',
      text: 'The Framework for AI Diffusion (90 FR 4544) is in effect with compliance not required until 2025-05-15. BIS enforces the pre-Framework controls.',
      event: EVENTS.effective,
      citation: '90 FR 4544; bis.gov/advanced-compute-resources',
      excerpt: '"exporters… are not required to comply… until 120 days from date of publication"',
      confidence: 'high',
    },
    {
      from: '2025-05-13',
      to: '2026-01-14',
      procedure: 'advanced_computing',
      code: 'enforced_posture',
      text: `${ENFORCED_BASE}. ${NOT_FRAMEWORK}`,
      detail: 'BIS announced on 2025-05-13 that it would not enforce the Framework and would rescind it; the text remains codified and no rescission has been published. Enforcement reverts to the December 2024 status quo, with the headquarters requirement for .a items under § 742.6(a)(6)(iii)(A).',
      event: EVENTS.announcement,
      citation: NON_ENFORCEMENT,
      excerpt: '"Following rescission, BIS controls… revert to the December 2024 status quo."',
      confidence: 'medium',
    },
    {
      from: '2026-01-15',
      to: '2026-05-11',
      procedure: 'advanced_computing',
      code: 'enforced_posture',
      text: `${ENFORCED_BASE}, and reviews H200-class chips exported from the U.S. to China and Macau case by case (91 FR 1684). ${NOT_FRAMEWORK}`,
      detail: 'The case-by-case policy covers chips below 21,000 TPP and 6,500 GB/s total DRAM bandwidth, commercially available in the U.S. on 2026-01-15, when the exporter certifies U.S. supply, the 50 % shipment ratio, the recipient\'s security procedures and third-party testing in the U.S.; reexports and transfers stay under presumption of denial.',
      event: EVENTS.supp10,
      citation: `${NON_ENFORCEMENT}; ${CHINA_RULE}`,
      excerpt: 'case-by-case review for H200-class chips exported from the U.S. to China/Macau',
      confidence: 'medium',
    },
    {
      from: '2026-05-12',
      to: '2026-05-30',
      procedure: 'advanced_computing',
      code: 'enforced_posture',
      text: `${ENFORCED_BASE}, and reviews H200-class chips to China and Macau case by case (91 FR 1684); not the Framework or 4E091. GAO (B-337935) found the non-enforcement announcement to be an unsubmitted rule: residual legal risk.`,
      detail: 'The Framework stays codified; GAO found the May 2025 press release to be a rule under the Congressional Review Act that was not submitted to Congress.',
      event: EVENTS.gao,
      citation: `${NON_ENFORCEMENT}; ${GAO}`,
      excerpt: 'the May-2025 press release is an APA "rule" subject to CRA submission',
      confidence: 'medium',
    },
    {
      from: '2026-05-31',
      to: '2026-08-13',
      procedure: 'advanced_computing',
      code: 'enforced_posture',
      text: `${ENFORCED_BASE} (reaffirmed by BIS on 2026-05-31), and reviews H200-class chips to China and Macau case by case; not the Framework or 4E091. GAO (B-337935): residual legal risk.`,
      detail: 'The guidance of 2026-05-31 answers that the headquarters requirement for .a items under § 742.6(a)(6)(iii)(A) is enforced for all destinations outside the U.S.; .b items stay under § 744.23(a)(3). Data centers that received items without a license need not stop using them until further notice.',
      event: EVENTS.guidance,
      citation: `${NON_ENFORCEMENT}; ${GUIDANCE}; GAO B-337935`,
      excerpt: 'a license is still required under § 742.6(a)(6)(iii)(A) for ".a" items to entities headquartered in D:5/Macau, or whose ultimate parent is, anywhere outside the U.S.',
      confidence: 'medium',
    },
    {
      from: '2026-08-14',
      to: null,
      procedure: 'advanced_computing',
      code: 'enforced_posture',
      text: `${ENFORCED_BASE}, and reviews H200-class chips to China and Macau case by case; not the Framework or 4E091. A rescission and replacement of the Framework is planned (RIN 0694-AJ90) but not published.`,
      detail: 'GAO (B-337935, 2026-05-12) found the non-enforcement announcement to be an unsubmitted rule under the Congressional Review Act: residual legal risk. The Unified Agenda entry is known second-hand.',
      event: EVENTS.agenda,
      citation: `${NON_ENFORCEMENT}; ${GUIDANCE}; GAO B-337935; ${AGENDA}`,
      excerpt: 'planned interim final rule to formally rescind the Framework and set up a new framework; no effective date',
      confidence: 'medium',
      note: 'The Unified Agenda entry is known second-hand.',
    },
  ];
}
