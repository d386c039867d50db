// Built-in pack "as written": the Framework for AI Diffusion as codified (applied as if enforced), with
// the pre-rule regime before its 2025-05-15 compliance date.
import type { RulePackBody } from '../../shared/domain/rulepack';
import { commonParameters, D } from './common';
import { always, COVERAGE_FROM, param, timeline } from './define';
import { LATE_2026 } from './status-text';

const FR = '90 FR 4544 (FR Doc. 2025-00636)';

export function asWrittenPack(version: number, issued: string): RulePackBody {
  return {
    format: 'tierline.rulepack/1',
    id: 'us-bis.ai-diffusion.as-written',
    version,
    mode: 'as_written',
    title: 'Framework for Artificial Intelligence Diffusion, as written',
    summary:
      'The codified text of the Framework for AI Diffusion (90 FR 4544) applied as if enforced from its 2025-05-15 compliance date (Supp. 10 ¶¶14, 15, 18 from 2026-01-15); the October 2023 / December 2024 advanced-computing controls before that date.',
    issued,
    coverageFrom: COVERAGE_FROM,
    status: [
      {
        from: COVERAGE_FROM,
        to: '2025-01-12',
        procedure: 'advanced_computing',
        code: 'pre_rule',
        text: 'Pre-AI-Diffusion regime: the advanced-computing controls of October 2022, October 2023 and December 2024 apply; the Framework for AI Diffusion does not exist yet.',
        citation: '87 FR 62186; 88 FR 73458; 89 FR 96790',
        excerpt: 'License for 3A090 etc. to D:1/D:4/D:5 excluding A:5/A:6; headquarters test of § 744.23(a)(3).',
        confidence: 'high',
      },
      {
        from: D.effective,
        to: '2025-05-12',
        procedure: 'advanced_computing',
        code: 'effective_compliance_not_required',
        text: `Framework for AI Diffusion (${FR}) effective 2025-01-13; exporters are not required to comply until 2025-05-15. The pre-rule regime applies; AIA, LPP and the country allocations are effective, compliance not yet required.`,
        citation: `${FR}; bis.gov/advanced-compute-resources`,
        excerpt: '"exporters… are not required to comply… until 120 days from date of publication"',
        confidence: 'high',
      },
      {
        from: '2025-05-13',
        to: '2025-05-14',
        procedure: 'advanced_computing',
        code: 'effective_compliance_not_required',
        text: `Framework for AI Diffusion (${FR}) effective, compliance not required until 2025-05-15. On 2025-05-13 BIS announced it would not enforce the rule and would rescind it.`,
        citation: `${FR}; BIS press release 2025-05-13`,
        excerpt: 'Under Secretary Kessler "instructed BIS enforcement officials not to enforce"',
        confidence: 'high',
      },
      {
        from: D.compliance,
        to: '2026-01-14',
        procedure: 'ai_diffusion',
        code: 'codified_not_enforced',
        text: `As written: the Framework (${FR}) is codified in 15 CFR and is applied here as if enforced. BIS has not enforced it since 2025-05-13; the announced rescission has not been published. Supp. 10 ¶¶14, 15, 18 apply from 2026-01-15.`,
        citation: `${FR}; BIS press release 2025-05-13; Baker McKenzie (May 2025)`,
        excerpt: 'the FR rescission notice "has still not been published… the relevant provisions of the EAR… still remain unchanged"',
        confidence: 'high',
      },
      {
        from: D.supp10,
        to: '2026-05-11',
        procedure: 'ai_diffusion',
        code: 'codified_not_enforced',
        text: `As written: the Framework (${FR}) is codified in 15 CFR and is applied here as if enforced, including Supp. 10 ¶¶14, 15, 18 (from 2026-01-15). BIS has not enforced it since 2025-05-13; no rescission has been published.`,
        citation: `${FR}; 15 CFR 748.15(a)(2)(ii)(A), (iii)(A); ArentFox Schiff (Jan 2026)`,
        excerpt: 'the worldwide license requirements "have been scrapped, though they still appear in the Export Administration Regulations"',
        confidence: 'high',
      },
      {
        from: '2026-05-12',
        to: '2026-08-13',
        procedure: 'ai_diffusion',
        code: 'codified_not_enforced',
        text: `As written: the Framework (${FR}) is codified in 15 CFR and is applied here as if enforced. BIS has not enforced it since 2025-05-13; no rescission has been published; GAO (B-337935, 2026-05-12) found the non-enforcement press release to be a CRA rule that was not submitted.`,
        citation: `${FR}; GAO B-337935 (2026-05-12); Pillsbury (2026-05-28)`,
        excerpt: '"the AI Diffusion Rule remains legally in effect… without a legally valid action to exempt compliance"',
        confidence: 'high',
      },
      {
        from: '2026-08-14',
        to: null,
        procedure: 'ai_diffusion',
        code: 'codified_not_enforced',
        text: `As written (applied as if enforced). ${LATE_2026}`,
        citation: `${FR}; GAO B-337935; 2026 Unified Agenda (FR Doc. 2026-16603), RIN 0694-AJ90`,
        excerpt: 'RIN 0694-AJ90 "Implementation of the AI Action Plan Through Export Controls": planned interim final rule to formally rescind the Framework',
        confidence: 'medium',
        note: 'The Unified Agenda entry is known second-hand.',
      },
    ],
    parameters: {
      ...commonParameters(),
      'eccn.4e091.status': param(
        { title: 'ECCN 4E091 status (as written)', citation: `ECCN 4E091; 15 CFR 742.6(a)(13) (${FR})`, excerpt: '"A license is required for the export, reexport, and transfer (in-country) of items specified in ECCN 4E091 to all destinations worldwide."', confidence: 'high' },
        timeline({ from: COVERAGE_FROM, value: 'not_in_ear' }, { from: D.effective, value: 'compliance_not_required' }, { from: D.compliance, value: 'controlled' }),
      ),
      'aca.tier2Expansion': param(
        {
          title: 'ACA extended to all Tier 2 destinations by the AI rule',
          citation: '15 CFR 740.8 as amended by 90 FR 4544 (Akin; SemiAnalysis)',
          excerpt: 'ACA now covers non-datacenter 3A090.a-type items (e.g., gaming GPUs) to all Tier 2 without notification, while D:5 still needs NAC',
          confidence: 'medium',
          note: 'The amended § 740.8 text is UNSOURCED.',
        },
        timeline({ from: COVERAGE_FROM, value: false }, { from: D.compliance, value: true }),
      ),
      'enforced.hqTestWorldwideForA': param(
        { title: 'Enforcement posture: worldwide headquarters test for .a items', citation: 'not part of the rule as written', excerpt: 'As written, § 742.6(a)(6)(iii)(A) already requires a license for .a items worldwide.', confidence: 'high' },
        always(false),
      ),
      'enforced.chinaPolicy': param(
        { title: 'Enforcement posture: January 2026 China case-by-case policy', citation: 'not part of the rule as written', excerpt: 'The January 2026 review policy is applied only in the enforced mode.', confidence: 'high' },
        always(null),
      ),
    },
  };
}
