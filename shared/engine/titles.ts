// Human titles of the rule steps. The step id (`rule`) stays in the JSON for tools; the trace, the
// letter and the UI show the title.
const EXACT: Record<string, string> = {
  status: 'Regime on the date',
  tier: 'Country tiers',
  'classify.3a090': 'Classification under ECCN 3A090',
  'classify.4a090': 'Classification of the computer, IC by IC (ECCN 4A090)',
  'classify.disagreement': 'Declared ECCN compared with the parameters',
  'classify.declared': 'Declared ECCN',
  'classify.hbm': 'High-bandwidth memory controls in force',
  'classify.4e091': 'Model weights: ECCN 4E091 in force',
  'classify.4e091.published': 'Model weights: published',
  'classify.4e091.threshold': 'Model weights: training operations',
  'classify.4e091.note1': 'Model weights derived from another model (Note 1 to 4E091)',
  'classify.4e091.note2': 'Model weights below the most capable published model (Note 2 to 4E091)',
  'classify.4e091.declared': 'Model weights: declared ECCN',
  'classify.734.9(l)': 'Foreign-produced model weights (foreign direct product rule)',
  'scope.domestic': 'Whether this is an export at all',
  'auth.AIA': 'License Exception AIA',
  'auth.AIA.report': 'AIA certification to BIS',
  'auth.AIA.sources': 'AIA: the exception\'s text and the CCL entry',
  'auth.ACM': 'License Exception ACM',
  'auth.ACM.sources': 'ACM: the exception\'s text and the CCL entry',
  'auth.LPP': 'License Exception LPP',
  'auth.LPP.sources': 'LPP: the exception\'s text and the CCL entry',
  'auth.LPP.groups': 'LPP and the country groups of § 740.2(a)(9)(ii)',
  'auth.LPP.cap': 'LPP limit per consignee and calendar year',
  'auth.NAC/ACA': 'License Exceptions NAC and ACA',
  'auth.NAC': 'License Exception NAC',
  'auth.ACA': 'License Exception ACA',
  'auth.UVEU': 'Universal Data Center VEU',
  'auth.UVEU.shares': 'Universal VEU geographic shares',
  'auth.NVEU': 'National Data Center VEU',
  'auth.NVEU.cap': 'National VEU installed-base cap',
  'auth.none': 'No authorization applies',
  'review.allocation': 'License review: country allocation',
  'review.ambiguity': 'License review: a reading the text leaves open',
  'review.china-2026': 'License review: China and Macau policy of January 2026',
  'review.744.23(d)(3)(i)': 'License review: headquarters-test license',
  'license.4e091.not-enforced': 'Model weights: enforcement',
};

const PREFIX: [string, string][] = [
  ['license.', 'License requirement'],
  ['review.', 'License review policy'],
  ['auth.', 'Authorization'],
  ['classify.', 'Classification'],
];

export function ruleTitle(rule: string): string {
  const exact = EXACT[rule];
  if (exact) return exact;
  const p = PREFIX.find(([k]) => rule.startsWith(k));
  if (!p) return 'Rule step';
  const rest = rule.slice(p[0].length);
  return /^\d/.test(rest) ? `${p[1]} (§ ${rest.replace(/\.hq$/, '')})` : p[1];
}
