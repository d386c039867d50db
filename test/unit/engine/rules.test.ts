// The engine's rules beyond the public scenarios: boundaries, dates, counters, modes and conservative
// defaults, each checked on a case built for it (the unseen cases check the same rules).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import type { Evaluation, ItemDetermination } from '../../../shared/domain/determination';
import { evaluateCase, type Hint, type LedgerShipment } from '../../../shared/engine';
import { builtinPackSet } from '../../support/packs';

const packs = builtinPackSet();
const H100 = { description: 'H100', kind: 'ic', quantity: 1, tppPerUnit: 15832, performanceDensity: 19.45, datacenter: true, approvedDesigner: true };

function ev(doc: Record<string, unknown>, mode: 'as_written' | 'enforced' = 'as_written', ledger: LedgerShipment[] = []): { e: Evaluation; i: ItemDetermination; hints: Hint[] } {
  const c = Case.parse({ format: 'tierline.case/1', date: '2025-07-01', destination: 'BR', endUser: { name: 'Consignee SA', headquarters: 'BR' }, items: [H100], ...doc });
  const out = evaluateCase({ case: c, caseSha256: 'f'.repeat(64), packs, ledger });
  const e = out.determination.evaluations.find((x) => x.mode === mode)!;
  return { e, i: e.items[0], hints: out.hints.filter((h) => h.mode === mode) };
}
const item = (o: Record<string, unknown>) => ({ items: [{ ...H100, ...o }] });

describe('classification boundaries (ECCN 3A090)', () => {
  const cases: [string, Record<string, unknown>, string | null][] = [
    ['TPP 4800 exactly is .a', { tppPerUnit: 4800, performanceDensity: 1 }, '3A090.a'],
    ['TPP 1600 with PD 5.92 exactly is .a', { tppPerUnit: 1600, performanceDensity: 5.92 }, '3A090.a'],
    ['TPP 1599 with PD 10 is nothing', { tppPerUnit: 1599, performanceDensity: 10 }, null],
    ['TPP 2400 with PD 1.6 is .b.1', { tppPerUnit: 2400, performanceDensity: 1.6 }, '3A090.b'],
    ['TPP 2399 with PD 3.19 is nothing', { tppPerUnit: 2399, performanceDensity: 3.19 }, null],
    ['TPP 1600 with PD 3.2 is .b.2', { tppPerUnit: 1600, performanceDensity: 3.2 }, '3A090.b'],
    ['PD derived from the die area', { tppPerUnit: 4000, performanceDensity: undefined, dieAreaMm2: 500 }, '3A090.a'],
    ['non-datacenter below 4800 is not controlled', { tppPerUnit: 4000, performanceDensity: 8, datacenter: false }, null],
    ['non-datacenter at 4800 stays .a', { tppPerUnit: 4800, performanceDensity: 8, datacenter: false }, '3A090.a'],
  ];
  for (const [name, o, eccn] of cases) {
    test(name, () => assert.equal(ev(item(o)).i.eccn, eccn));
  }

  test('unknown performance density between 1600 and 4800 TPP: classified .a with a warning (conservative)', () => {
    const { i, e } = ev(item({ tppPerUnit: 3000, performanceDensity: undefined }));
    assert.equal(i.eccn, '3A090.a');
    assert.ok(e.warnings.some((w) => /performance density unknown/.test(w)));
  });

  test('declared ECCN disagreeing with the parameters: the stricter applies and is reported', () => {
    const { i, e } = ev(item({ eccn: '3A090.b', tppPerUnit: 15832 }));
    assert.equal(i.eccn, '3A090.a');
    assert.ok(e.warnings.some((w) => /declared 3A090.b/.test(w)));
    const weaker = ev(item({ eccn: '3A090.a', tppPerUnit: 2368, performanceDensity: 2.91 }));
    assert.equal(weaker.i.eccn, '3A090.a');
  });

  test('a declared .z ECCN without parameters is classified from the pack lists', () => {
    assert.equal(ev({ items: [{ kind: 'other', eccn: '5A992.z.1', quantity: 1 }] }).i.eccn, '5A992.z.1');
    assert.equal(ev({ items: [{ kind: 'other', eccn: '5A992.c', quantity: 1 }] }).i.authorization, 'NOT_CONTROLLED');
  });
});

describe('4E091 model weights', () => {
  const weights = (o: Record<string, unknown>) => ({ destination: 'AE', endUser: { name: 'Lab', headquarters: 'AE' }, items: [{ kind: 'model_weights', quantity: 1, trainingOperations: 3e26, weightsPublished: false, ...o }] });
  test('exactly 10^26 operations is controlled ("10^26 or more", CCL heading)', () => {
    const { i } = ev(weights({ trainingOperations: 1e26 }));
    assert.equal(i.eccn, '4E091');
    assert.equal(i.authorization, 'LICENSE');
  });
  test('published weights are not controlled', () => assert.equal(ev(weights({ weightsPublished: true })).i.authorization, 'NOT_CONTROLLED'));
  test('before 2025-01-13 4E091 does not exist in either mode', () => {
    for (const mode of ['as_written', 'enforced'] as const) assert.equal(ev({ ...weights({}), date: '2024-12-31' }, mode).i.authorization, 'NOT_CONTROLLED');
  });
  test('effective but compliance not required before 2025-05-15 (as written): NLR with a warning', () => {
    const { i, e } = ev({ ...weights({}), date: '2025-03-01' });
    assert.equal(i.authorization, 'NLR');
    assert.ok(e.warnings.some((w) => /compliance is not required before 2025-05-15/.test(w)));
  });
  test('enforced after 2025-05-13: not enforced, NLR with the residual-risk warning', () => {
    const { i, e } = ev({ ...weights({}), date: '2026-11-26' }, 'enforced');
    assert.equal(i.authorization, 'NLR');
    assert.ok(e.warnings.some((w) => /Residual legal risk/.test(w)));
  });
  test('foreign-produced weights not trained on U.S.-controlled chips are outside the FDP rule', () => {
    const { i } = ev({ ...weights({ trainedOnUsControlledChips: false }), transaction: { type: 'export', from: 'FR' } });
    assert.equal(i.authorization, 'NOT_CONTROLLED');
  });
  test('deemed export to a non-permanent employee needs a license', () => {
    const { i } = ev({ destination: 'IN', transaction: { type: 'deemed_export' }, endUser: { name: 'R', headquarters: 'US', nationality: 'IN', permanentRegularEmployee: false }, items: [{ kind: 'model_weights', quantity: 1, trainingOperations: 3e26 }] });
    assert.equal(i.authorization, 'LICENSE');
  });
});

describe('LPP counter: per consignee, per calendar year, as of the case date', () => {
  const lppShip = (date: string, tpp: number, consignee = 'Consignee SA'): LedgerShipment => ({ date, destination: 'BR', consignee, tpp, authorization: 'LPP' });
  test('exactly 26,900,000 is within the limit (inclusive)', () => {
    assert.equal(ev({}, 'as_written', [lppShip('2025-02-01', 26_900_000 - 15_832)]).i.authorization, 'LPP');
  });
  test('the limit resets each calendar year', () => {
    assert.equal(ev({ date: '2026-01-02' }, 'as_written', [lppShip('2025-12-31', 26_900_000)]).i.authorization, 'LPP');
    assert.equal(ev({ date: '2025-12-31' }, 'as_written', [lppShip('2025-06-01', 26_900_000)]).i.authorization, 'LICENSE');
  });
  test('consignee names match case- and spacing-insensitively; other consignees do not count', () => {
    assert.equal(ev({}, 'as_written', [lppShip('2025-06-01', 26_900_000, '  consignee   sa ')]).i.authorization, 'LICENSE');
    assert.equal(ev({}, 'as_written', [lppShip('2025-06-01', 26_900_000, 'Another SA')]).i.authorization, 'LPP');
  });
  test('shipments dated after the case date do not count', () => {
    assert.equal(ev({}, 'as_written', [lppShip('2025-08-01', 26_900_000)]).i.authorization, 'LPP');
  });
  test('lines of the same case count toward the later lines', () => {
    const c = ev({ items: [{ ...H100, quantity: 1000 }, { ...H100, quantity: 1000 }] });
    assert.deepEqual(c.e.items.map((x) => x.authorization), ['LPP', 'LICENSE']);
  });
  test('declared prior shipments count for this evaluation', () => {
    const { i, hints } = ev({ priorShipments: [{ date: '2025-03-01', destination: 'BR', consignee: 'Consignee SA', tpp: 26_890_000, authorization: 'LPP' }] });
    assert.equal(i.authorization, 'LICENSE');
    assert.ok(hints.some((h) => /10,000 TPP of LPP room left/.test(h.text)));
  });
  test('a non-approved designer loses LPP (conservative, low confidence)', () => {
    const { i, e } = ev(item({ approvedDesigner: false }));
    assert.equal(i.authorization, 'LICENSE');
    assert.ok(e.warnings.some((w) => /LPP requires an approved or authorized IC designer/.test(w)));
  });
});

describe('country allocation (2025-2027)', () => {
  const licensed = (tpp: number, date = '2025-03-01'): LedgerShipment => ({ date, destination: 'IN', consignee: 'Other', tpp, authorization: 'LICENSE' });
  const big = { destination: 'IN', endUser: { name: 'Deccan', headquarters: 'IN' }, items: [{ ...H100, quantity: 2000 }] };
  test('pre-2025 licences do not count', () => {
    assert.equal(ev(big, 'as_written', [licensed(789_000_000, '2024-12-31')]).i.reviewPolicy, 'presumption_of_approval');
  });
  test('allocation met: policy of denial; crossing it: policy of denial (conservative, unsourced)', () => {
    assert.equal(ev(big, 'as_written', [licensed(790_000_000)]).i.reviewPolicy, 'policy_of_denial');
    const crossing = ev(big, 'as_written', [licensed(780_000_000)]);
    assert.equal(crossing.i.reviewPolicy, 'policy_of_denial');
    assert.ok(crossing.e.warnings.some((w) => /Review policy for an application that would cross the allocation/.test(w)));
  });
  test('after 2027 no allocation is published: review policy left open with a warning', () => {
    const { i, e } = ev({ ...big, date: '2028-02-01' });
    assert.equal(i.authorization, 'LICENSE');
    assert.equal(i.reviewPolicy, null);
    assert.ok(e.warnings.some((w) => /No country allocation is set/.test(w)));
  });
});

describe('dates and modes', () => {
  test('tiers are null before 2025-01-13 and set from it, in both modes', () => {
    for (const mode of ['as_written', 'enforced'] as const) {
      assert.equal(ev({ date: '2025-01-12' }, mode).e.destinationTier, null);
      assert.equal(ev({ date: '2025-01-13' }, mode).e.destinationTier, 2);
    }
  });
  test('Cambodia is Tier 3 on 2025-11-06 and Tier 2 on 2025-11-07 (State\'s 22 CFR 126.1 controls D:5)', () => {
    const kh = { destination: 'KH', endUser: { name: 'PP', headquarters: 'KH' } };
    assert.equal(ev({ ...kh, date: '2025-11-06' }).e.destinationTier, 3);
    assert.equal(ev({ ...kh, date: '2025-11-07' }).e.destinationTier, 2);
  });
  test('enforced 2026: a Chinese-parent subsidiary in Brazil needs a license for .a items (worldwide HQ test), presumption of denial', () => {
    const { i } = ev({ date: '2026-07-01', endUser: { name: 'Sub', headquarters: 'BR', ultimateParentHeadquarters: 'CN' } }, 'enforced');
    assert.equal(i.authorization, 'LICENSE');
    assert.equal(i.reviewPolicy, 'presumption_of_denial');
  });
  test('enforced 2026: Brazil-headquartered buyer in Brazil needs nothing (outside D:1/D:4/D:5)', () => {
    assert.equal(ev({ date: '2026-07-01' }, 'enforced').i.authorization, 'NLR');
  });
  test('enforced China policy: a missing attestation keeps presumption of denial and says what is missing', () => {
    const { i, hints } = ev(
      {
        date: '2026-02-01',
        destination: 'CN',
        endUser: { name: 'HZ', headquarters: 'CN' },
        items: [{ ...H100, dramBandwidthGBs: 4800 }],
        attestations: { usSupplySufficient: true, chinaShipmentsWithin50pctOfUs: true, kycRemoteAccessControls: true },
      },
      'enforced',
    );
    assert.equal(i.reviewPolicy, 'presumption_of_denial');
    assert.ok(hints.some((h) => /third-party testing/.test(h.text)));
  });
  test('enforced China policy does not reach B200-class chips (TPP ≥ 21,000)', () => {
    const attest = { usSupplySufficient: true, chinaShipmentsWithin50pctOfUs: true, kycRemoteAccessControls: true, thirdPartyUsLabTested: true };
    const { i } = ev({ date: '2026-03-01', destination: 'CN', endUser: { name: 'HZ', headquarters: 'CN' }, items: [{ ...H100, tppPerUnit: 36000, dramBandwidthGBs: 4800 }], attestations: attest }, 'enforced');
    assert.equal(i.reviewPolicy, 'presumption_of_denial');
  });
  test('the October 2022 period is flagged: its own parameters are not encoded', () => {
    const { e } = ev({ date: '2023-01-10', destination: 'CN', endUser: { name: 'X', headquarters: 'CN' } }, 'enforced');
    assert.ok(e.warnings.some((w) => /3A090\.a\/\.b thresholds.*unsourced/.test(w)));
    assert.equal(e.items[0].authorization, 'LICENSE');
  });
  test('a case without a mode is evaluated in both modes; a mode narrows it', () => {
    const c = Case.parse({ format: 'tierline.case/1', date: '2025-07-01', destination: 'BR', endUser: { name: 'X', headquarters: 'BR' }, items: [H100] });
    assert.deepEqual(evaluateCase({ case: c, caseSha256: 'a'.repeat(64), packs, ledger: [] }).determination.evaluations.map((x) => x.mode), ['as_written', 'enforced']);
  });
  test('U.S.-to-U.S. is not an export; deemed export of chips is outside § 742.6(a)(6)', () => {
    assert.equal(ev({ destination: 'US', endUser: { name: 'X', headquarters: 'US' } }).i.authorization, 'NLR');
    assert.equal(ev({ transaction: { type: 'deemed_export' }, endUser: { name: 'X', headquarters: 'BR', nationality: 'BR' } }).i.authorization, 'NLR');
  });
});

describe('VEU', () => {
  test('UVEU without the declared compute shares is not applied (conservative) and says why', () => {
    const { i, e } = ev({ destination: 'IN', endUser: { name: 'Cloud', headquarters: 'US', veu: { kind: 'UVEU' } }, items: [{ ...H100, quantity: 5000 }] });
    assert.equal(i.authorization, 'LICENSE');
    assert.ok(e.warnings.some((w) => /computeByCountryTpp/.test(w)));
  });
  test('NVEU within the quarter cap, and over it one quarter earlier (70,000 H100 = 1,108,240,000 TPP)', () => {
    const base = { destination: 'SA', endUser: { name: 'Najd', headquarters: 'SA', veu: { kind: 'NVEU', country: 'SA' } }, items: [{ ...H100, quantity: 70_000 }] };
    assert.equal(ev({ ...base, date: '2025-07-01' }).i.authorization, 'NVEU');
    assert.equal(ev({ ...base, date: '2025-06-30' }).i.authorization, 'LICENSE');
  });
  test('before the compliance date the Framework\'s authorizations do not exist yet (pre-rule regime)', () => {
    const { i } = ev({ date: '2025-05-14', destination: 'SA', endUser: { name: 'Najd', headquarters: 'SA', veu: { kind: 'NVEU', country: 'SA' } } });
    assert.equal(i.authorization, 'LICENSE');
    assert.ok(i.trace.every((t) => !t.rule.startsWith('auth.NVEU')));
  });
  test('NVEU uncertified to Supp. 10 ¶¶14/15/18: fine on 2026-01-14, refused from 2026-01-15', () => {
    const base = { destination: 'SA', endUser: { name: 'Najd', headquarters: 'SA', veu: { kind: 'NVEU', country: 'SA', certifiedSupp10Paras14_15_18: false } } };
    assert.equal(ev({ ...base, date: '2026-01-14' }).i.authorization, 'NVEU');
    assert.notEqual(ev({ ...base, date: '2026-01-15' }).i.authorization, 'NVEU');
  });
});
