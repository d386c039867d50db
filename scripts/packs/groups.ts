// Country Groups (Supp. No. 1 to part 740) from the primary text: membership on 2026-07-23 is read from
// the eCFR extract, and earlier dates are reconstructed backwards through the amending rules found, each
// dated and cited. Where no amending rule was found (the United Arab Emirates' move into A:5), the earlier
// dates keep the conservative reading and the engine warns when a party is in that country.
import type { Parameter } from '../../shared/domain/rulepack';
import { COVERAGE_FROM, param, timeline } from './define';
import { countryGroupsExtract, ECFR_DATE, officialGroup } from './ecfr';

export const GROUP_DATES = {
  /** FR Doc. 2024-05696: Nicaragua moved from Country Group B to D:1 and added to D:5, effective 2024-03-15. */
  nicaragua: '2024-03-15',
  /** 22 CFR 126.1 amended by State (DDTC final rule, effective 2025-11-07): Cambodia no longer arms-embargoed. */
  cambodiaOut: '2025-11-07',
  /** First official text found that shows the UAE in A:5 and out of D:3/D:4 (amending rule not found). */
  uaeA5: ECFR_DATE,
} as const;

const SUPP1 = '15 CFR part 740, Supp. No. 1';
const ECFR = `${SUPP1} (eCFR, ${ECFR_DATE})`;
const NICARAGUA = 'FR Doc. 2024-05696 (BIS, effective 2024-03-15): Nicaragua moved from Country Group B to D:1 and added to D:5';
const without = (list: string[], ...codes: string[]) => list.filter((c) => !codes.includes(c));

function excerptOf(group: string): string {
  return `${group} on ${ECFR_DATE}: ${countryGroupsExtract().groups[group].join(', ')}`.slice(0, 600);
}

export function countryGroupParameters(): Record<string, Parameter> {
  const d1 = officialGroup('D:1');
  const d4 = officialGroup('D:4');
  const d5 = officialGroup('D:5');
  const a5 = officialGroup('A:5');
  const a6 = officialGroup('A:6');
  if (d5.includes('KH') || !d1.includes('NI') || !d5.includes('NI') || !a5.includes('AE') || d4.includes('AE') || a6.includes('BR'))
    throw new Error('the eCFR extract no longer matches the dated changes encoded here: review scripts/packs/groups.ts');
  return {
    'group.d1': param(
      {
        title: 'Country Group D:1 (national security)',
        citation: `${ECFR}, Country Group D:1`,
        excerpt: excerptOf('D:1'),
        confidence: 'high',
        note: 'Hong Kong is listed with China. Dates before the last change are reconstructed from the 2026-07-23 text through the amending rules found.',
      },
      timeline(
        { from: COVERAGE_FROM, value: without(d1, 'NI'), confidence: 'medium', note: 'Nicaragua was in Country Group B until 2024-03-14 (FR Doc. 2024-05696). No other amendment to D:1 between 2022-10-07 and 2026-07-23 was found.' },
        { from: GROUP_DATES.nicaragua, value: d1, citation: `${NICARAGUA}; ${ECFR}` },
      ),
    ),
    'group.d4': param(
      {
        title: 'Country Group D:4 (missile technology)',
        citation: `${ECFR}, Country Group D:4`,
        excerpt: excerptOf('D:4'),
        confidence: 'high',
        note: 'Venezuela is in D:4 since 2019 (84 FR 24018); Belarus since 2022-03-02 (87 FR 13048, FR Doc. 2022-04819, which moved it from A:4 to D:2 and D:4). Hong Kong is listed with China.',
      },
      timeline(
        {
          from: COVERAGE_FROM,
          value: [...d4, 'AE'],
          confidence: 'medium',
          note: 'The amending rule that took the United Arab Emirates out of D:3/D:4 was not found: until the first official text without it (eCFR 2026-07-23) the UAE is kept in D:4 (conservative reading; it keeps the license requirements).',
        },
        { from: GROUP_DATES.uaeA5, value: d4 },
      ),
    ),
    'group.d5': param(
      {
        title: 'Country Group D:5 (U.S. arms-embargoed countries)',
        citation: `${ECFR}, Country Group D:5 and its note (the countries of 22 CFR 126.1 control)`,
        excerpt: excerptOf('D:5'),
        confidence: 'high',
        note: 'The note to D:5 makes the State Department\'s list in 22 CFR 126.1 controlling: a change there changes D:5 on its date, before BIS conforms the EAR. Hong Kong is listed with China; Macau is named beside D:5, not in it; Cyprus is not in D:5.',
      },
      timeline(
        { from: COVERAGE_FROM, value: [...without(d5, 'NI'), 'KH'], confidence: 'medium', note: 'Cambodia was in D:5 from 2021-12-09 (86 FR 70015) until 2025-11-06; Nicaragua joined on 2024-03-15.' },
        { from: GROUP_DATES.nicaragua, value: [...d5, 'KH'], citation: `${NICARAGUA}; ${ECFR}`, confidence: 'medium', note: 'Cambodia still in D:5 until 2025-11-06.' },
        {
          from: GROUP_DATES.cambodiaOut,
          value: d5,
          citation: `22 CFR 126.1 as amended by the State Department (DDTC final rule, effective 2025-11-07); ${ECFR}; BIS conforming rule RIN 0694-AK41 (effective 2026-02-03)`,
          excerpt: 'State removed Cambodia from 22 CFR 126.1 effective 2025-11-07; BIS published the conforming change to Supp. No. 1 to part 740 on 2026-02-03 (Fenwick; DLA Piper; Crowell & Moring).',
          note: 'Because the note to D:5 makes State\'s list controlling, Cambodia leaves D:5 on 2025-11-07, not on the date of BIS\'s conforming rule.',
        },
      ),
    ),
    'group.macau': param(
      { title: 'Macau (named beside D:5 throughout the advanced-computing rules)', citation: '15 CFR 742.6(a)(6), (b)(10); 740.27; 740.28(c)', excerpt: '"Macau or a destination specified in Country Group D:5"', confidence: 'high' },
      timeline({ from: COVERAGE_FROM, value: ['MO'] }),
    ),
    'group.a5': param(
      {
        title: 'Country Group A:5',
        citation: `${ECFR}, Country Group A:5`,
        excerpt: excerptOf('A:5'),
        confidence: 'high',
      },
      timeline(
        {
          from: COVERAGE_FROM,
          value: without(a5, 'AE'),
          confidence: 'medium',
          note: 'The United Arab Emirates is in A:5 on 2026-07-23, but the amending rule and its date were not found: earlier dates leave it out (conservative reading).',
        },
        { from: GROUP_DATES.uaeA5, value: a5 },
      ),
    ),
    'group.a6': param(
      {
        title: 'Country Group A:6',
        citation: `${ECFR}, Country Group A:6`,
        excerpt: excerptOf('A:6'),
        confidence: 'high',
        note: 'Brazil is not in A:6 (an earlier secondary table listed it). No amendment to A:6 between 2022-10-07 and 2026-07-23 was found.',
      },
      timeline({ from: COVERAGE_FROM, value: a6 }),
    ),
    'group.namedWithD145': param(
      {
        title: 'Destinations named beside Country Groups D:1, D:4 and D:5 in the .b-level license requirement',
        citation: `CCL entries 3A090, 4A090, 3A001.z, 4A003.z, 4A004.z, 4A005.z, 5A002.z, 5A004.z, 5A992.z (License Requirements, RS) (eCFR, ${ECFR_DATE}); 15 CFR 742.6(a)(6)(iii)(B)`,
        excerpt: '"To or within the United Arab Emirates or destinations specified in Country Groups D:1, D:4, and D:5 of supplement no. 1 to part 740 of the EAR, excluding any destination also specified in Country Groups A:5 or A:6."',
        confidence: 'high',
        note: 'A destination named here stays in scope although it is in A:5 or A:6. Before 2026-07-23 the UAE is in D:4 (conservative reading), so it is in scope either way.',
      },
      timeline({ from: COVERAGE_FROM, value: [], confidence: 'medium' }, { from: GROUP_DATES.uaeA5, value: ['AE'] }),
    ),
    'group.undatedChanges': param(
      {
        title: 'Country Group changes whose amending rule was not found',
        citation: `${ECFR}; amending rule not found`,
        excerpt: 'The United Arab Emirates appears in A:5 and not in D:3 or D:4 in the eCFR of 2026-07-23.',
        confidence: 'low',
        note: 'Searched the Federal Register and secondary sources for the rule that moved the UAE; none was found.',
      },
      timeline(
        {
          from: COVERAGE_FROM,
          value: [
            {
              country: 'AE',
              text: 'The United Arab Emirates is in Country Group A:5 and out of D:3/D:4 in the eCFR of 2026-07-23, but the amending rule and its date were not found; before 2026-07-23 it is treated as in D:4 and not in A:5 (the conservative reading, which keeps the license requirements). Confirm the date with counsel.',
            },
          ],
        },
        { from: GROUP_DATES.uaeA5, value: [], confidence: 'high', note: 'From 2026-07-23 the official text states the membership.' },
      ),
    ),
  };
}
