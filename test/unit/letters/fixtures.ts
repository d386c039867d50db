// Cases and determinations for letter tests, built by hand to satisfy the zod schemas (the letters do
// not depend on the engine: they print whatever determination they are given).
import { createHash } from 'node:crypto';
import { Case } from '../../../shared/domain/case';
import { canonicalJson } from '../../../shared/domain/canonical';
import { Determination } from '../../../shared/domain/determination';
import type { Office } from '../../../main/core/identity';

export const OFFICE: Office = {
  name: 'Export Compliance Office — Field Unit 7',
  unit: 'Trade Compliance Department',
  address: ['1401 Constitution Ave NW', 'Washington, DC 20230'],
  country: 'US',
  contact: 'compliance@example.org · +1 202 555 0100',
};

export const PACK_AW = { id: 'ai-diffusion.as-written', version: 3, sha256: createHash('sha256').update('pack-as-written-v3').digest('hex') };
export const PACK_EN = { id: 'ai-diffusion.enforced', version: 2, sha256: createHash('sha256').update('pack-enforced-v2').digest('hex') };

export function makeCase(overrides: Partial<Case> = {}): Case {
  return Case.parse({
    format: 'tierline.case/1',
    reference: 'PO-2025-0142',
    date: '2025-06-02',
    destination: 'DE',
    endUse: 'datacenter',
    endUser: { name: 'Rechenzentrum Süd GmbH', type: 'data_center', headquarters: 'DE' },
    items: [
      { description: 'Accelerator board, 8×HBM3 (H100-class)', kind: 'ic', eccn: '3A090.a', quantity: 512, tppPerUnit: 15832, datacenter: true },
      { description: 'Frontier model weights (closed)', kind: 'model_weights', quantity: 1, trainingOperations: 3e26 },
    ],
    ...overrides,
  });
}

export function caseSha256(c: Case): string {
  return createHash('sha256').update(canonicalJson(c)).digest('hex');
}

export function makeDetermination(c: Case, opts: { lowConfidence?: boolean } = {}): Determination {
  const trace = (mode: string) => [
    { rule: 'classify.3a090a', citation: '15 CFR 774 Supp. 1, ECCN 3A090.a', test: 'TPP ≥ 4800', result: 'TPP 15832: 3A090.a', confidence: 'high' as const },
    { rule: 'tier.destination', citation: '15 CFR 740 Supp. 5(a)', test: 'Germany in Supp. 5(a)', result: 'Tier 1', confidence: 'high' as const },
    {
      rule: 'aia.eligible',
      citation: '15 CFR 740.27(a)(1)',
      test: 'Tier 1 destination and headquarters',
      result: mode === 'as_written' ? 'AIA available' : 'No license required under the rules BIS enforces',
      confidence: opts.lowConfidence ? ('low' as const) : ('high' as const),
    },
  ];
  const weightsTrace = [
    { rule: 'classify.4e091', citation: '15 CFR 774 Supp. 1, ECCN 4E091', test: 'training operations > 10^26', result: '4E091', confidence: 'medium' as const },
    { rule: 'aia.weights', citation: '15 CFR 740.27(a)(3)', test: 'storage complies with Supp. 10 ¶ 14, 15, 18', result: 'not attested: license required', confidence: 'unsourced' as const },
  ];
  const ev = (mode: 'as_written' | 'enforced') => ({
    mode,
    asOf: c.date,
    rulePack: mode === 'as_written' ? PACK_AW : PACK_EN,
    regimeStatus:
      mode === 'as_written'
        ? 'The AI Diffusion rule is in force as codified; compliance with most provisions is not yet required (from 2025-05-15).'
        : 'BIS announced on 2025-05-13 that it will not enforce the AI Diffusion rule; the earlier advanced computing rules apply.',
    destinationTier: 1 as const,
    effectiveTier: 1 as const,
    licenseRequired: mode === 'as_written',
    items: [
      {
        index: 0,
        eccn: '3A090.a',
        licenseRequired: false,
        authorization: mode === 'as_written' ? ('AIA' as const) : ('NLR' as const),
        reviewPolicy: null,
        obligations: mode === 'as_written' ? ['furnish the ECCN to the ultimate consignee', 'keep records of the transaction (15 CFR 762.6)'] : [],
        trace: trace(mode),
      },
      {
        index: 1,
        eccn: mode === 'as_written' ? '4E091' : null,
        licenseRequired: mode === 'as_written',
        authorization: mode === 'as_written' ? ('LICENSE' as const) : ('NOT_CONTROLLED' as const),
        reviewPolicy: mode === 'as_written' ? ('presumption_of_approval' as const) : null,
        obligations: [],
        trace: mode === 'as_written' ? weightsTrace : [{ rule: 'weights.none', citation: '15 CFR 734.3', test: 'ECCN 4E091 enforced', result: 'not controlled', confidence: 'high' as const }],
      },
    ],
    warnings: mode === 'as_written' ? ['The storage parameter for model weights is unsourced; confirm before relying on it.'] : [],
  });
  return Determination.parse({
    format: 'tierline.determination/1',
    caseSha256: caseSha256(c),
    evaluations: [ev('as_written'), ev('enforced')],
  });
}

/** A fast scrypt cost for tests (the default is N=2^15). */
export const TEST_KDF = { N: 1 << 10, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery staple';
/** Test identities are made "as of" this instant, so letters with fixed 2026 dates fall inside their validity. */
export const TEST_NOW = new Date('2026-01-01T00:00:00Z');
