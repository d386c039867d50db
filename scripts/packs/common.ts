// Parameters both built-in packs share. Values, citations, excerpts and confidences follow
// ../shared/rules/REFERENCE.md; [P] primary text → high, [S] secondary → medium, [M]/UNSOURCED → low or
// unsourced, and the note says why.
import type { JsonValue, Parameter } from '../../shared/domain/rulepack';
import { always, COVERAGE_FROM, param, timeline } from './define';
import { countryGroupParameters } from './groups';
import { ECFR_DATE, exceptionLines } from './ecfr';

const ECFR = `eCFR, ${ECFR_DATE}`;

export const D = {
  hq2023: '2023-11-17',
  hbm: '2024-12-05',
  effective: '2025-01-13',
  dueDiligence: '2025-01-16',
  announcement: '2025-05-13',
  compliance: '2025-05-15',
  supp10: '2026-01-15',
  allocationEnd: '2028-01-01',
} as const;

const SUPP5A = ['AU', 'BE', 'CA', 'DK', 'FI', 'FR', 'DE', 'IE', 'IT', 'JP', 'NL', 'NZ', 'NO', 'KR', 'ES', 'SE', 'TW', 'GB'];

const Z_A_COMMODITIES = ['3A001.z.1.a', '3A001.z.2.a', '3A001.z.3.a', '3A001.z.4.a', '4A003.z.1.a', '4A003.z.2.a', '4A004.z.1', '4A005.z.1', '5A002.z.1.a', '5A002.z.2.a', '5A002.z.3.a', '5A002.z.4.a', '5A002.z.5.a', '5A004.z.1.a', '5A004.z.2.a', '5A992.z.1'];
const Z_A_SOFTWARE = ['5D002.z.1.a', '5D002.z.2.a', '5D002.z.3.a', '5D002.z.4.a', '5D002.z.5.a', '5D002.z.6.a', '5D002.z.7.a', '5D002.z.8.a', '5D002.z.9.a', '5D992.z.1'];
const Z_B = ['3A001.z.1.b', '3A001.z.2.b', '3A001.z.3.b', '3A001.z.4.b', '4A003.z.1.b', '4A003.z.2.b', '4A004.z.2', '4A005.z.2', '5A002.z.1.b', '5A002.z.2.b', '5A002.z.3.b', '5A002.z.4.b', '5A002.z.5.b', '5A004.z.1.b', '5A004.z.2.b', '5A992.z.2', '5D002.z.1.b', '5D002.z.2.b', '5D002.z.3.b', '5D002.z.4.b', '5D002.z.5.b', '5D002.z.6.b', '5D002.z.7.b', '5D002.z.8.b', '5D002.z.9.b', '5D992.z.2'];
const RELATED_SOFTWARE_TECH = ['3D001', '3E001', '4D001', '4D090', '4E001', '5E002', '5E992'];

export function commonParameters(): Record<string, Parameter> {
  return {
    'group.supp5a': param(
      {
        title: 'Supp. No. 5 to part 740, paragraph (a) (Tier 1 destinations besides the U.S.)',
        citation: '15 CFR part 740, Supp. No. 5 ¶(a) (90 FR 4544)',
        excerpt: '18 countries: Australia, Belgium, Canada, Denmark, Finland, France, Germany, Ireland, Italy, Japan, Netherlands, New Zealand, Norway, Republic of Korea, Spain, Sweden, Taiwan, United Kingdom.',
        confidence: 'high',
        note: 'Taiwan News, CSIS/TrendForce list all 18; NatLawReview omits France and 6699global omits Spain (treated as errors).',
      },
      timeline({ from: COVERAGE_FROM, value: null, note: 'Supplement No. 5 did not exist before the Framework took effect.' }, { from: D.effective, value: SUPP5A }),
    ),
    'group.supp5b': param(
      {
        title: 'Supp. No. 5 to part 740, paragraph (b) (allocation may be raised by government-to-government assurances)',
        citation: '15 CFR 742.6(b)(10)(iii)(C); part 740, Supp. No. 5 ¶(b)',
        excerpt: 'allocation "may be increased up to 100%… pursuant to government-to-government assurances"',
        confidence: 'unsourced',
        note: 'Whether ¶(b) named any country at publication is UNSOURCED (probably empty); kept as an empty, updatable list.',
      },
      timeline({ from: COVERAGE_FROM, value: null }, { from: D.effective, value: [] }),
    ),
    ...countryGroupParameters(),
    'hq.usCountsAsSupp5a': param(
      {
        title: 'U.S.-headquartered entities count as headquartered in Supp. 5(a)',
        citation: 'REFERENCE §2.1; 15 CFR 748.15 (U.S.-HQ UVEUs keep ≥50% in the U.S.)',
        excerpt: 'The rule treats U.S.-HQ entities as Tier-1-headquartered; whether Supp. 5 ¶(a) names the United States is UNSOURCED.',
        confidence: 'unsourced',
        note: 'Engine rule: treat the U.S. as a Supp. 5(a) headquarters',
      },
      always(true),
    ),
    'hq.testFrom2023': param(
      {
        title: 'Headquarters test of § 744.23(a)(3) (D:5/Macau-headquartered entities)',
        citation: '15 CFR 744.23(a)(3) (88 FR 73458, effective 2023-11-17)',
        excerpt: 'license for entities headquartered in, or whose ultimate parent is headquartered in, Macau or D:5, located outside D:1/D:4/D:5',
        confidence: 'high',
      },
      timeline({ from: COVERAGE_FROM, value: false, confidence: 'medium', note: 'Before the October 2023 rule there was no headquarters test.' }, { from: D.hq2023, value: true }),
    ),
    'eccn.3a090.thresholds': param(
      {
        title: 'ECCN 3A090.a/.b thresholds (TPP, performance density)',
        citation: 'ECCN 3A090 (88 FR 73458); FR 2023-23055 ¶¶935-945',
        excerpt: '.a: TPP ≥ 4800, or TPP ≥ 1600 and PD ≥ 5.92. .b: 2400 ≤ TPP < 4800 and 1.6 ≤ PD < 5.92, or TPP ≥ 1600 and 3.2 ≤ PD < 5.92. Non-datacenter ICs with TPP < 4800 are not controlled.',
        confidence: 'medium',
        note: 'From secondary transcriptions (thresholdData.js, SemiAnalysis); the exact Technical Notes were not read.',
        unit: 'TPP; TPP per mm²',
      },
      timeline(
        {
          from: COVERAGE_FROM,
          value: { aTppMin: 4800, aTppMinWithDensity: 1600, aDensityMin: 5.92, b1TppMin: 2400, b1DensityMin: 1.6, b2TppMin: 1600, b2DensityMin: 3.2, nonDatacenterTppMin: 4800 },
          confidence: 'unsourced',
          citation: 'ECCN 3A090 (87 FR 62186, October 2022)',
          excerpt: 'The October 2022 parameters (TPP and bidirectional transfer rate) are not encoded in this pack.',
          note: 'The 2022 rule\'s parameters are not encoded; the October 2023 thresholds are applied to dates before 2023-11-17',
        },
        { from: D.hq2023, value: { aTppMin: 4800, aTppMinWithDensity: 1600, aDensityMin: 5.92, b1TppMin: 2400, b1DensityMin: 1.6, b2TppMin: 1600, b2DensityMin: 3.2, nonDatacenterTppMin: 4800 } },
      ),
    ),
    'eccn.aLevel': param(
      {
        title: '".a-level" items (worldwide license, § 742.6(a)(6)(iii)(A))',
        citation: '15 CFR 742.6(a)(6)(iii)(A); 740.28(b)',
        excerpt: '3A090.a, 4A090.a and the .z.a paragraphs; related software and technology 3D001, 3E001, 4D001, 4D090, 4E001, 5E002, 5E992.',
        confidence: 'high',
        note: 'Related software/technology declared without a level are taken at the .a level (conservative default).',
      },
      always(['3A090.a', '4A090.a', ...Z_A_COMMODITIES, ...Z_A_SOFTWARE, ...RELATED_SOFTWARE_TECH]),
    ),
    'eccn.bLevel': param(
      { title: '".b-level" items (D:1/D:4/D:5 excluding A:5/A:6, § 742.6(a)(6)(iii)(B))', citation: '15 CFR 742.6(a)(6)(iii)(B)', excerpt: '3A090.b, 4A090.b and the .z.b paragraphs.', confidence: 'high' },
      always(['3A090.b', '4A090.b', ...Z_B]),
    ),
    'eccn.hbm': param(
      { title: 'High-bandwidth memory (3A090.c)', citation: 'ECCN 3A090.c (89 FR 96790)', excerpt: 'memory bandwidth density > 2 GB/s/mm²; co-packaged HBM excluded', confidence: 'medium' },
      always(['3A090.c']),
    ),
    'hbm.controlled': param(
      { title: '3A090.c (HBM) controls in force', citation: '89 FR 96790 (2024-12-05)', excerpt: 'HBM (3A090.c), FDP additions', confidence: 'high' },
      timeline({ from: COVERAGE_FROM, value: false }, { from: D.hbm, value: true }),
    ),
    'eccn.4e091.operationsThreshold': param(
      {
        title: 'Training operations from which model weights are 4E091',
        citation: `ECCN 4E091 heading (90 FR 4544; ${ECFR})`,
        excerpt: "\"'Parameters' for an artificial intelligence model trained utilizing 10^26 or more 'operations.'\" Operations count pre-training and any subsequent training such as fine-tuning (Technical Note 2); Note 3 adds a data-generation model's operations when its unpublished data is over ten percent of training.",
        confidence: 'high',
        note: 'Exactly 10^26 is controlled ("or more"). The earlier reading ("more than", from secondary sources) is replaced by the CCL heading.',
        unit: 'operations',
      },
      timeline({ from: COVERAGE_FROM, value: null }, { from: D.effective, value: 1e26 }),
    ),
    'eccn.4e091.note1': param(
      {
        title: 'Weights derived from a published model (Note 1 to 4E091)',
        citation: `Note 1 to ECCN 4E091 (${ECFR})`,
        excerpt: "4E091 \"also does not control the 'parameters' of any artificial intelligence model derived from a model whose parameters have been 'published,' except where the model has been derived using additional training 'operations' that constitute more than 2.5 × 10^25 'operations' or more than 25 percent of the training 'operations' defined in Note 2, whichever is higher.\"",
        confidence: 'high',
        note: 'The 25 % is taken of the total training operations of the derived model (Note 2 counts pre-training and all later training). "More than": additional training equal to the limit stays excluded.',
        unit: 'operations; share of the total',
      },
      timeline({ from: COVERAGE_FROM, value: null }, { from: D.effective, value: { additionalOperationsFloor: 2.5e25, shareOfTotal: 0.25 } }),
    ),
    'eccn.4e091.note2ByOperations': param(
      {
        title: 'Note 2 to 4E091 tested by training operations',
        citation: 'Note 2 to ECCN 4E091; 15 CFR 742.6(b)(14); 748.3(f)',
        excerpt: '"does not control the \'parameters\' of any artificial intelligence model trained utilizing fewer \'operations\' than the number needed to train an artificial intelligence model as capable, according to an aggregate of widely used benchmarks, as the most advanced… \'published\'"',
        confidence: 'low',
        note: 'Note 2 compares benchmark capability; the engine compares declared training operations as a proxy',
      },
      always(true),
    ),
    'aia.eligibleEccns': param(
      {
        title: 'Items eligible for License Exception AIA',
        citation: '15 CFR 740.27(a)(1), (a)(2)(i)',
        excerpt: '3A001.z.1.a-z.4.a; 3A090.a; 4A003.z.1.a, z.2.a; 4A004.z.1; 4A005.z.1; 4A090.a; 5A002.z.1.a-z.5.a; 5A004.z.1.a, z.2.a; 5A992.z.1; software/technology 3D001, 4D001, 4D090, 4E001, 5D002.z.*.a, 5D992.z.1, 5E002, 5E992',
        confidence: 'high',
      },
      always(['3A090.a', '4A090.a', ...Z_A_COMMODITIES, ...Z_A_SOFTWARE, '3D001', '4D001', '4D090', '4E001', '5E002', '5E992']),
    ),
    'aia.approvedDesignerEccns': param(
      {
        title: 'AIA items that must come from an approved or authorized IC designer',
        citation: '15 CFR 740.27(a)(1) as amended by 90 FR 5309 (2025-01-16)',
        excerpt: '3A090.a, 5A002.z and 5A992.z qualify only "if designed by an approved or authorized integrated circuit designer, as described in Note 1 to ECCN 3A090.a"',
        confidence: 'high',
      },
      timeline({ from: COVERAGE_FROM, value: [] }, { from: D.dueDiligence, value: ['3A090.a', '5A002.z', '5A992.z'] }),
    ),
    'aia.reportThresholdTpp': param(
      {
        title: 'AIA certification submitted to BIS from this cumulative TPP',
        citation: '15 CFR 740.27(c)',
        excerpt: '"only applicable if the ultimate consignee is receiving items… with a cumulative total processing performance (TPP) of 253,000,000"',
        confidence: 'medium',
        note: 'The text omits "at least"/"more than"; ≥ 253,000,000 triggers.',
        unit: 'TPP',
      },
      always(253_000_000),
    ),
    'acm.eligibleEccns': param(
      { title: 'Items eligible for License Exception ACM', citation: '15 CFR 740.28(b)', excerpt: '3A001.z; 3A090; 3D001; 3E001; 4A003.z; 4A004.z; 4A005.z; 4A090; 4D001; 4D090; 4E001; 5A002.z; 5A004.z; 5A992.z; 5D002.z; 5D992.z; 5E002; 5E992. Not 4E091.', confidence: 'high' },
      always(['3A001.z', '3A090', '3D001', '3E001', '4A003.z', '4A004.z', '4A005.z', '4A090', '4D001', '4D090', '4E001', '5A002.z', '5A004.z', '5A992.z', '5D002.z', '5D992.z', '5E002', '5E992']),
    ),
    'acm.endUses': param(
      { title: 'ACM end uses', citation: '15 CFR 740.28(a)', excerpt: '"development," "production," or storage (warehouse) before onward shipment to the ultimate end user', confidence: 'high' },
      always(['development', 'production', 'storage']),
    ),
    'lpp.capTppPerConsigneeYear': param(
      {
        title: 'LPP limit per ultimate consignee per calendar year',
        citation: '15 CFR 740.29(a)',
        excerpt: '"authorizes the export and reexport of up to 26,900,000 cumulative total processing performance (TPP)… per-calendar year directly to a single ultimate consignee"',
        confidence: 'high',
        unit: 'TPP',
      },
      always(26_900_000),
    ),
    'lpp.eligibleEccns': param(
      {
        title: 'Items eligible for License Exception LPP',
        citation: '15 CFR 740.29 (swzoll glossary)',
        excerpt: '3A001.z.1.a-z.4.a; 3A090.a; 4A003.z.1.a, z.2.a; 4A004.z.1; 4A005.z.1; 4A090.a; 5A004.z.1.a, z.2.a; 5A992.z.1',
        confidence: 'medium',
        note: '5A002.z.1.a is an apparent drafting conflict (referenced elsewhere, not listed) and is left out.',
      },
      always(['3A090.a', '4A090.a', '3A001.z.1.a', '3A001.z.2.a', '3A001.z.3.a', '3A001.z.4.a', '4A003.z.1.a', '4A003.z.2.a', '4A004.z.1', '4A005.z.1', '5A004.z.1.a', '5A004.z.2.a', '5A992.z.1']),
    ),
    ...cclLineParameters(),
    'lpp.transactionTypes': param(
      { title: 'Transactions LPP covers', citation: '15 CFR 740.29(a)', excerpt: '"authorizes the export and reexport" (transfers in-country are not listed)', confidence: 'high' },
      always(['export', 'reexport']),
    ),
    'lpp.barredForD1D4NotA5A6': param(
      {
        title: 'LPP unavailable for D:1/D:4 destinations outside A:5/A:6 (§ 740.2(a)(9)(ii))',
        citation: '15 CFR 740.2(a)(9)(ii)',
        excerpt: 'for 3A090/4A090/4E091/.z items to D:1, D:4 or D:5 (excluding A:5/A:6)… the only exceptions allowed are TMP, NAC/ACA, RPL, GOV, TSU, HBM, AIA (4E091 only) and ACM; LPP is not listed',
        confidence: 'low',
        note: 'Conflict unresolved (SemiAnalysis says LPP opened such markets); conservative default: LPP not available there',
      },
      always(true),
    ),
    'lpp.barredForD5MacauHeadquartered': param(
      {
        title: 'LPP unavailable to D:5/Macau-headquartered entities',
        citation: '15 CFR 740.2(a)(9)(ii); 740.29',
        excerpt: '§ 740.2(a)(9)(ii) restricts exceptions for D:5/Macau-headquartered entities wherever located; LPP is not in its list',
        confidence: 'medium',
      },
      always(true),
    ),
    'lpp.approvedDesignerRequired': param(
      {
        title: 'LPP requires an approved or authorized IC designer for 3A090.a',
        citation: 'Due Diligence IFR, 90 FR 5298 (2025-01-16); DLA Piper',
        excerpt: 'the IFR amended "two of the new license exceptions", probably AIA and LPP; only the AIA amendment was confirmed in text',
        confidence: 'low',
        note: 'Conservative default: required, as for AIA',
      },
      always(true),
    ),
    'lpp.notifyBis': param(
      { title: 'LPP buyers inform BIS', citation: 'SemiAnalysis (secondary)', excerpt: '"buyers will need to inform the BIS"', confidence: 'unsourced', note: 'Exact notice or report text UNSOURCED' },
      always(true),
    ),
    'nacAca.eligibleEccns': param(
      {
        title: 'Items eligible for NAC/ACA',
        citation: '15 CFR 740.8(a) (89 FR 23884)',
        excerpt: 'any 3A090, 4A090, 3A001.z, 4A003.z, 4A004.z, 4A005.z, 5A002.z, 5A004.z, 5A992.z, 5D002.z, 5D992.z item, "except for items designed or marketed for use in a datacenter and meeting the parameters of 3A090.a"',
        confidence: 'high',
        note: '3A090.c is not NAC/ACA eligible (§ 740.2(a)(9)(ii) Note 1).',
      },
      always(['3A090', '4A090', '3A001.z', '4A003.z', '4A004.z', '4A005.z', '5A002.z', '5A004.z', '5A992.z', '5D002.z', '5D992.z']),
    ),
    'nac.noticeDays': param(
      { title: 'NAC prior notification period', citation: '15 CFR 740.8(a)(1)', excerpt: 'prior notification to BIS via SNAP-R at least 25 calendar days before export', confidence: 'high', unit: 'days' },
      always(25),
    ),
    'allocation.supp5bCapTpp': param(
      { title: 'Country allocation for Supp. 5(b) destinations', citation: '15 CFR 742.6(b)(10)(iii)(C)', excerpt: 'may be increased up to 100% (up to 1,580,000,000 TPP)', confidence: 'high', unit: 'TPP' },
      timeline({ from: COVERAGE_FROM, value: null }, { from: D.effective, value: 1_580_000_000 }, { from: D.allocationEnd, value: null, confidence: 'unsourced', note: 'No allocation is published beyond 2027.' }),
    ),
    'allocation.capTpp': param(
      {
        title: 'Per-country TPP allocation 2025-2027 (licensed .a-level items)',
        citation: '15 CFR 742.6(b)(10)(iii)(B)(1)',
        excerpt: 'presumption of approval up to a per-country allocation of 790,000,000 TPP for 2025-2027 (cumulative installed base; only licensed 3A090.a/4A090.a/.z TPP from 2025 counts)',
        confidence: 'high',
        unit: 'TPP',
      },
      timeline({ from: COVERAGE_FROM, value: null }, { from: D.effective, value: 790_000_000 }, { from: D.allocationEnd, value: null, confidence: 'unsourced', note: 'No allocation is published beyond 2027.' }),
    ),
    'allocation.countFrom': param(
      { title: 'Allocation counting starts', citation: '15 CFR 742.6(b)(10)(iii)(B)(1)', excerpt: 'BIS totals TPP licensed to each destination "beginning in 2025"; pre-2025 exports do not count', confidence: 'high' },
      always('2025-01-01'),
    ),
    'allocation.crossingPolicy': param(
      {
        title: 'Review policy for an application that would cross the allocation',
        citation: '15 CFR 742.6(b)(10)(iii)(B)(2)',
        excerpt: '"After the country allocations above are met, applications will be reviewed under a policy of denial."',
        confidence: 'unsourced',
        note: 'Partial approval up to the cap is unsourced; conservative default: policy of denial',
      },
      always('policy_of_denial'),
    ),
    'review.tier2HeadquarteredInTier1': param(
      {
        title: 'Tier-2-headquartered entity located in a Supp. 5(a) destination',
        citation: '15 CFR 742.6(b)(10)(iii)(A)(2), (B)',
        excerpt: '(A)(2) approval "to or within" Supp. 5(a) destinations vs (B) allocation "to entities headquartered… in a destination not listed"',
        confidence: 'low',
        note: 'Unresolved ambiguity; conservative default: the country allocation of (B)',
      },
      always('allocation'),
    ),
    'review.hqTestCaseByCase': param(
      {
        title: 'Review of licenses required only by the headquarters test',
        citation: '15 CFR 744.23(d)(3)(i)',
        excerpt: 'case-by-case review for .b-level items, and for .a-level items not designed or marketed for use in datacenters, to entities headquartered in (or whose ultimate parent is headquartered in) Macau or Country Group D:5 located outside those destinations; other .a-level items: presumption of denial',
        confidence: 'medium',
        note: 'Read from § 744.23(d) as summarized in the reference (§ 7) and the issue check against the primary text; the exact wording of (d)(3)(i) was not in the extract.',
      },
      always({ levels: ['b'], aNotDesignedForDatacenters: true }),
    ),
    'veu.transactionTypes': param(
      {
        title: 'Transactions a Data Center VEU authorizes',
        citation: '15 CFR 748.15(a); 748.15(d)(2)',
        excerpt: 'Data Center VEU authorizes the export and reexport of eligible items to the validated end user; in-country transfers and reexports go only to another authorized location of the same VEU or with separate authorization',
        confidence: 'low',
        note: 'Contested reading: § 748.15(a) names export and reexport; whether a transfer (in-country) to the VEU is covered is not settled. Conservative default: an in-country transfer needs its own authorization.',
      },
      always(['export', 'reexport']),
    ),
    'uveu.shares': param(
      {
        title: 'UVEU geographic shares of AI computing power',
        citation: 'Supp. 10 to part 748 ¶6; 15 CFR 748.15(a)(2)(ii)(B)',
        excerpt: 'at least 75% in Tier 1; at most 7% in any single Tier 2 country; U.S.-headquartered UVEUs at least 50% in the U.S.',
        confidence: 'medium',
        note: 'Values from Heim, SemiAnalysis, CSIS, Taiwan News; the text of Supp. 10 ¶6 itself was not read.',
      },
      always({ tier1Min: 0.75, singleTier2CountryMax: 0.07, usMinForUsHeadquartered: 0.5 }),
    ),
    'veu.supp10Paras14_15_18Required': param(
      {
        title: 'Data Center VEU certification to Supp. 10 ¶¶14, 15, 18 required',
        citation: '15 CFR 748.15(a)(2)(ii)(A), (iii)(A)',
        excerpt: 'certify to paragraphs 14, 15 and 18 of Supp. 10 to part 748 "on or before January 15, 2026"',
        confidence: 'high',
      },
      timeline({ from: COVERAGE_FROM, value: false }, { from: D.supp10, value: true }),
    ),
    'nveu.quarterCapsTpp': param(
      {
        title: 'NVEU cumulative installed-base cap per company per country',
        citation: '15 CFR 748.15(a)(2)(iii)(B)',
        excerpt: 'permitted cumulative installed base during a given quarter: 2025 Q1 633,000,000 … 2027 Q1-Q4 5,064,000,000 TPP; does not count towards country allocations',
        confidence: 'high',
        unit: 'TPP',
      },
      always({
        '2025Q1': 633_000_000,
        '2025Q2': 949_500_000,
        '2025Q3': 1_266_000_000,
        '2025Q4': 1_582_500_000,
        '2026Q1': 1_899_000_000,
        '2026Q2': 2_690_250_000,
        '2026Q3': 3_481_500_000,
        '2026Q4': 4_272_750_000,
        '2027Q1': 5_064_000_000,
        '2027Q2': 5_064_000_000,
        '2027Q3': 5_064_000_000,
        '2027Q4': 5_064_000_000,
      }),
    ),
    'weights.deemedExportEmployeeExclusion': param(
      {
        title: '4E091 deemed-export exclusion for permanent regular employees',
        citation: '15 CFR 742.6(a)(13); 734.20(d)(2)',
        excerpt: 'deemed exports/reexports to "permanent regular employees" of entities headquartered in (or with ultimate parent in) Supp. 5 ¶(a) are excluded',
        confidence: 'high',
      },
      always(true),
    ),
    'weights.reviewPolicyNonTier1Hq': param(
      {
        title: '4E091 review policy for end users headquartered outside Supp. 5(a)',
        citation: '15 CFR 742.6(b)(14)',
        excerpt: 'presumption of denial "for end users headquartered, or with an ultimate parent headquartered, outside of destinations listed in paragraph (a) to supplement No. 5"',
        confidence: 'high',
      },
      always('presumption_of_denial'),
    ),
  };
}

function cclLineParameters(): Record<string, Parameter> {
  const make = (exc: 'AIA' | 'ACM' | 'LPP', section: string) => {
    const v = exceptionLines(exc, ['4E091']);
    const excerpt = Object.entries(v.lines)
      .map(([e, l]) => `${e}: ${l}`)
      .join(' | ')
      .slice(0, 600);
    return param(
      {
        title: `License Exception ${exc} lines of the CCL entries`,
        citation: `Supp. No. 1 to part 774, License Exceptions section of each entry (${ECFR})`,
        excerpt,
        confidence: 'high',
        note: `Read verbatim from the entries in the extract (${v.entries.join(', ')}); compared with ${section} wherever both speak to an item, and a disagreement is shown in the trace. The exceptions exist from 2025-01-13 (90 FR 4544).`,
      },
      always(v as unknown as JsonValue),
    );
  };
  return {
    'ccl.aiaLines': make('AIA', '§ 740.27(a)(1), (a)(2)(i)'),
    'ccl.acmLines': make('ACM', '§ 740.28(b)'),
    'ccl.lppLines': make('LPP', '§ 740.29 (as transcribed by a secondary source)'),
  };
}
