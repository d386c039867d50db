// Built-in pack "enforced": what BIS enforces on each date. The pre-2025 advanced-computing controls,
// then (after the 2025-05-13 non-enforcement announcement) the same controls plus the worldwide D:5/Macau
// headquarters test for .a items and, from 2026-01-15, the China case-by-case policy; 4E091 not enforced.
import type { RulePackBody } from '../../shared/domain/rulepack';
import { commonParameters, D } from './common';
import { always, COVERAGE_FROM, param, timeline } from './define';
import { LATE_2026 } from './status-text';

const NON_ENFORCEMENT = 'BIS press release 2025-05-13; Miller & Chevalier; Baker McKenzie (May 2025)';
const BASE =
  'Enforced: BIS does not enforce the Framework for AI Diffusion (announced 2025-05-13); enforcement reverts to the December 2024 advanced-computing controls plus the license requirement for .a items to D:5/Macau-headquartered entities anywhere (§ 742.6(a)(6)(iii)(A)). 4E091 is not enforced.';

export function enforcedPack(version: number, issued: string): RulePackBody {
  return {
    format: 'tierline.rulepack/1',
    id: 'us-bis.ai-diffusion.enforced',
    version,
    mode: 'enforced',
    title: 'Advanced-computing controls as enforced by BIS',
    summary:
      'What BIS enforces on each date: the October 2023 / December 2024 advanced-computing controls, the worldwide headquarters test for D:5/Macau-headquartered entities, the January 2026 China case-by-case policy; 4E091 not enforced.',
    issued,
    coverageFrom: COVERAGE_FROM,
    status: [
      {
        from: COVERAGE_FROM,
        to: '2023-11-16',
        procedure: 'advanced_computing',
        code: 'pre_rule',
        text: 'October 2022 advanced-computing rule (87 FR 62186). Its own parameters are not encoded in this pack: the October 2023 thresholds are applied and flagged UNSOURCED.',
        citation: '87 FR 62186',
        excerpt: 'original advanced-computing rule, 2022-10-07',
        confidence: 'unsourced',
        note: 'The 2022 rule text was not part of the reference.',
      },
      {
        from: D.hq2023,
        to: '2025-01-12',
        procedure: 'advanced_computing',
        code: 'pre_rule',
        text: 'Pre-AI-Diffusion regime: the October 2023 (88 FR 73458) and December 2024 (89 FR 96790) advanced-computing controls.',
        citation: '88 FR 73458; 89 FR 96790; 15 CFR 742.6(a)(6), (b)(10) (pre-2025 text)',
        excerpt: 'License for 3A090 etc. to D:1/D:4/D:5 excluding A:5/A:6; presumption of denial for Macau/D:5 and D:5/Macau-headquartered entities, approval otherwise.',
        confidence: 'high',
      },
      {
        from: D.effective,
        to: '2025-05-12',
        procedure: 'advanced_computing',
        code: 'effective_compliance_not_required',
        text: 'Framework for AI Diffusion (90 FR 4544) effective 2025-01-13 with compliance not required until 2025-05-15: BIS enforces the pre-rule regime.',
        citation: '90 FR 4544; bis.gov/advanced-compute-resources',
        excerpt: '"exporters… are not required to comply… until 120 days from date of publication"',
        confidence: 'high',
      },
      {
        from: D.announcement,
        to: '2026-01-14',
        procedure: 'advanced_computing',
        code: 'enforced_posture',
        text: `${BASE} The text remains codified; no rescission has been published.`,
        citation: NON_ENFORCEMENT,
        excerpt: '"Following rescission, BIS controls… revert to the December 2024 status quo."',
        confidence: 'medium',
      },
      {
        from: D.supp10,
        to: '2026-05-11',
        procedure: 'advanced_computing',
        code: 'enforced_posture',
        text: `${BASE} From 2026-01-15, exports from the U.S. to China/Macau of chips below 21,000 TPP and 6,500 GB/s DRAM bandwidth are reviewed case by case when the conditions are met.`,
        citation: `${NON_ENFORCEMENT}; Revision to License Review Policy for Advanced Computing Commodities (eff. 2026-01-15)`,
        excerpt: 'case-by-case review for H200-class chips exported from the U.S. to China/Macau',
        confidence: 'medium',
      },
      {
        from: '2026-05-12',
        to: '2026-05-30',
        procedure: 'advanced_computing',
        code: 'enforced_posture',
        text: `${BASE} January 2026 China case-by-case policy in effect. GAO (B-337935, 2026-05-12) found the non-enforcement press release to be a CRA rule that was not submitted: residual legal risk.`,
        citation: `${NON_ENFORCEMENT}; GAO B-337935`,
        excerpt: 'the May-2025 press release is an APA "rule" subject to CRA submission',
        confidence: 'medium',
      },
      {
        from: '2026-05-31',
        to: '2026-08-13',
        procedure: 'advanced_computing',
        code: 'enforced_posture',
        text: `${BASE} BIS guidance of 2026-05-31 reaffirmed the headquarters requirement. January 2026 China policy in effect. GAO (2026-05-12): residual legal risk.`,
        citation: `${NON_ENFORCEMENT}; BIS guidance 2026-05-31 (Hogan Lovells, Holland & Knight); GAO B-337935`,
        excerpt: 'a license is still required under § 742.6(a)(6)(iii)(A) for ".a" items to entities headquartered in D:5/Macau, or whose ultimate parent is, anywhere outside the U.S.',
        confidence: 'medium',
      },
      {
        from: '2026-08-14',
        to: null,
        procedure: 'advanced_computing',
        code: 'enforced_posture',
        text: LATE_2026,
        citation: `${NON_ENFORCEMENT}; BIS guidance 2026-05-31; GAO B-337935; 2026 Unified Agenda (RIN 0694-AJ90)`,
        excerpt: 'planned interim final rule to formally rescind the Framework and set up a new framework; no effective date',
        confidence: 'medium',
        note: 'The Unified Agenda entry is known second-hand.',
      },
    ],
    parameters: {
      ...commonParameters(),
      'eccn.4e091.status': param(
        { title: 'ECCN 4E091 status (enforcement)', citation: `ECCN 4E091; ${NON_ENFORCEMENT}`, excerpt: '"ECCN 4E091… has effectively been removed" (Baker McKenzie); still codified', confidence: 'medium' },
        timeline({ from: COVERAGE_FROM, value: 'not_in_ear', confidence: 'high' }, { from: D.effective, value: 'compliance_not_required', confidence: 'high' }, { from: D.announcement, value: 'not_enforced' }),
      ),
      'aca.tier2Expansion': param(
        { title: 'ACA extended to Tier 2 (not enforced)', citation: '15 CFR 740.8 (pre-2025 text)', excerpt: 'ACA covers D:1 and D:4 destinations (not Macau/D:5/HQ) and in-country transfers within Macau/D:5.', confidence: 'high' },
        always(false),
      ),
      'enforced.hqTestWorldwideForA': param(
        {
          title: 'License for .a items to D:5/Macau-headquartered entities anywhere outside the U.S.',
          citation: '15 CFR 742.6(a)(6)(iii)(A); BIS guidance 2026-05-31',
          excerpt: 'the non-enforcement policy covers only the rule\'s destination-based requirements; a license is still required for ".a" items to entities headquartered in D:5/Macau',
          confidence: 'medium',
          note: 'Applied from the compliance date 2025-05-15; BIS reaffirmed it on 2026-05-31.',
        },
        timeline({ from: COVERAGE_FROM, value: false, confidence: 'high' }, { from: D.compliance, value: true }),
      ),
      'enforced.chinaPolicy': param(
        {
          title: 'January 2026 China/Macau case-by-case review policy',
          citation: 'Revision to License Review Policy for Advanced Computing Commodities (released 2026-01-13, eff. 2026-01-15); Covington; Morgan Lewis',
          excerpt: 'exports from the U.S. to China/Macau of chips with TPP < 21,000 and total DRAM bandwidth < 6,500 GB/s get case-by-case review if conditions are met; reexports, exports from abroad and in-country transfers stay under presumption of denial',
          confidence: 'medium',
        },
        timeline(
          { from: COVERAGE_FROM, value: null, confidence: 'high' },
          {
            from: D.supp10,
            value: {
              destinations: ['CN', 'MO'],
              fromCountries: ['US'],
              transactionTypes: ['export'],
              tppPerUnitBelow: 21000,
              dramBandwidthBelowGBs: 6500,
              attestations: [
                { key: 'usSupplySufficient', text: 'U.S. supply is sufficient' },
                { key: 'chinaShipmentsWithin50pctOfUs', text: 'aggregate China/Macau shipments are at most 50% of U.S. shipments' },
                { key: 'kycRemoteAccessControls', text: 'the consignee applies rigorous KYC and remote-access screening' },
                { key: 'thirdPartyUsLabTested', text: 'each shipment passes third-party lab testing in the U.S.' },
              ],
              unrecordedConditions: ['the chip is commercially available in the U.S.', 'no part 744 control applies to the transaction'],
            },
          },
        ),
      ),
    },
  };
}
