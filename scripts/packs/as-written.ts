// Built-in pack "as written": the Framework for AI Diffusion as codified (applied as if enforced), with
// the pre-rule regime before its 2025-05-15 compliance date.
import type { RulePackBody } from '../../shared/domain/rulepack';
import { commonParameters, D } from './common';
import { always, COVERAGE_FROM, param, timeline } from './define';
import { asWrittenStatus } from './status-text';

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
    status: asWrittenStatus(),
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
