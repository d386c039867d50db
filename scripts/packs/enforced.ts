// Built-in pack "enforced": what BIS enforces on each date. The pre-2025 advanced-computing controls,
// then (after the 2025-05-13 non-enforcement announcement) the same controls plus the worldwide D:5/Macau
// headquarters test for .a items and, from 2026-01-15, the China case-by-case policy; 4E091 not enforced.
import type { RulePackBody } from '../../shared/domain/rulepack';
import { commonParameters, D } from './common';
import { always, COVERAGE_FROM, param, timeline } from './define';
import { enforcedStatus } from './status-text';

const NON_ENFORCEMENT = 'BIS press release 2025-05-13; Miller & Chevalier; Baker McKenzie (May 2025)';

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
    status: enforcedStatus(),
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
          title: 'License for .a items to entities headquartered in D:5 or Macau, wherever located (outside the U.S.)',
          citation: '15 CFR 742.6(a)(6)(iii)(A); 744.23(a)(3); BIS guidance of 2026-05-31 (text reproduced by Wilmarth & Associates; Hogan Lovells; Holland & Knight)',
          excerpt:
            'The requirement "was first introduced on November 17, 2023 … in § 744.23(a)(3) … and applied to all advanced computing items (e.g., … 3A090.a and .b, 4A090.a and .b, and related .z paragraph items). In January 2025, the AI Diffusion Rule transferred the requirement for these \'.a\' items … into § 742.6". Asked whether it is still enforced for ".a" items, BIS answers yes.',
          confidence: 'medium',
          note: 'Scope from the guidance text: the question and answer address .a items (the requirement moved to § 742.6(a)(6)(iii)(A)); .b items were never moved and stay under § 744.23(a)(3), which the non-enforcement announcement did not touch. Hogan Lovells summarizes the guidance as covering .a and .b. Both readings give a license for .a and .b items; this parameter is the .a part, and the .b part is the headquarters test of § 744.23(a)(3). Applied from the compliance date 2025-05-15; BIS reaffirmed it on 2026-05-31.',
        },
        timeline({ from: COVERAGE_FROM, value: false, confidence: 'high' }, { from: D.compliance, value: true }),
      ),
      'enforced.chinaPolicy': param(
        {
          title: 'China and Macau case-by-case review policy for H200-class chips (from 2026-01-15)',
          citation: '91 FR 1684 (FR Doc. 2026-00789, RIN 0694-AK43), "Revision to License Review Policy for Advanced Computing Commodities", final rule effective 2026-01-15; 15 CFR 742.6(b)(10)',
          excerpt:
            'BIS revises "its license review policy for exports of certain semiconductors to China and Macau—changing it from a presumption of denial to a case-by-case review", for the H200 and less advanced chips, "provided that (1) the semiconductors are commercially available in the United States at the time of publication of this rule and (2) the exporter certifies" supply, foundry capacity, security procedures and third-party testing.',
          confidence: 'medium',
          note: 'The conditions are the rule\'s summary (govinfo) and ST&R\'s reading of the amendatory text; the performance limits (TPP below 21,000 and total DRAM bandwidth below 6,500 GB/s) come from secondary sources (Covington, Morgan Lewis), not from the regulatory text itself.',
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
                { key: 'usSupplySufficient', text: 'there is sufficient supply in the United States: the export will not delay U.S. orders or divert global foundry capacity for similar or more advanced products from U.S. end users' },
                { key: 'chinaShipmentsWithin50pctOfUs', text: 'aggregate shipments to China and Macau are no more than 50 percent of the total shipped to U.S. customers for end use in the U.S.' },
                { key: 'kycRemoteAccessControls', text: 'the recipient has demonstrated sufficient security procedures: rigorous know-your-customer screening that prevents unauthorized remote access' },
                { key: 'thirdPartyUsLabTested', text: 'every shipment undergoes independent third-party testing in the United States to verify its performance specifications' },
              ],
              unrecordedConditions: [
                'the chip was commercially available in the United States on 2026-01-15, when the rule was published',
                'the application states how many units have been shipped in the United States',
                'no end-use or end-user control (part 744) prohibits the export, and the end use is not military',
              ],
            },
          },
        ),
      ),
    },
  };
}
