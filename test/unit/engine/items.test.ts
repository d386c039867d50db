// Computers judged chip by chip (ECCN 4A090: "containing integrated circuits, any of which meets or
// exceeds the limits in 3A090.a/.b"), the rest of 4E091 (10^26 or more; Note 1 for derived weights) and
// AIA for model weights only through § 740.27(a)(3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import type { Evaluation, ItemDetermination } from '../../../shared/domain/determination';
import { formatIssues } from '../../../shared/domain/issues';
import { evaluateCase } from '../../../shared/engine';
import { builtinPackSet } from '../../support/packs';

const packs = builtinPackSet();
const GPU = { count: 8, tppPerUnit: 15832, performanceDensity: 19.45, datacenter: true };
const B_GPU = { count: 8, tppPerUnit: 3000, performanceDensity: 2, datacenter: true };
const CPU = { count: 2, tppPerUnit: 1000, performanceDensity: 1, datacenter: true };
const SMALL = { count: 8, tppPerUnit: 2300, performanceDensity: 1, datacenter: true };

function run(doc: Record<string, unknown>, mode: 'as_written' | 'enforced' = 'as_written'): { e: Evaluation; i: ItemDetermination } {
  const c = Case.parse({ format: 'tierline.case/1', date: '2025-07-01', mode, destination: 'BR', endUser: { name: 'Rio Compute', headquarters: 'BR' }, ...doc });
  const e = evaluateCase({ case: c, caseSha256: '0'.repeat(64), packs, ledger: [] }).determination.evaluations[0];
  return { e, i: e.items[0] };
}
const computer = (o: Record<string, unknown>) => ({ items: [{ kind: 'computer', quantity: 1, approvedDesigner: true, ...o }] });
const issues = (doc: Record<string, unknown>) => {
  const r = Case.safeParse({ format: 'tierline.case/1', date: '2025-07-01', destination: 'BR', endUser: { name: 'X', headquarters: 'BR' }, ...doc });
  assert.ok(!r.success, 'expected the case to be refused');
  return formatIssues(r.error);
};

describe('computers are classified by each IC, never by the sum', () => {
  const table: [string, Record<string, unknown>, string | null][] = [
    ['8 GPUs meeting 3A090.a: 4A090.a', { ics: [GPU] }, '4A090.a'],
    ['a server of 3A090.b chips: 4A090.b, not .a (their sum is 24,000 TPP)', { ics: [B_GPU] }, '4A090.b'],
    ['a 3A090.a GPU and an uncontrolled CPU: 4A090.a', { ics: [{ ...GPU, count: 1 }, CPU] }, '4A090.a'],
    ['8 ICs each below 3A090, summing 18,400 TPP (> 4,800): not 4A090', { ics: [SMALL] }, null],
    ['a non-datacenter IC below 4,800 TPP is outside 3A090 even at high density', { ics: [{ count: 4, tppPerUnit: 4000, performanceDensity: 8, datacenter: false }] }, null],
  ];
  for (const [name, o, eccn] of table) {
    test(name, () => {
      const { i, e } = run(computer(o));
      assert.equal(i.eccn, eccn);
      assert.equal(i.authorization === 'NOT_CONTROLLED', eccn === null);
      assert.ok(!e.warnings.some((w) => /without its ICs/.test(w)), 'no sum-as-one-IC warning when the ICs are given');
      assert.ok(i.trace.some((s) => s.rule === 'classify.4a090' && /judged on its own/.test(s.test)));
    });
  }
  test('the sum still counts for caps and counters (8 × 15,832 = 126,656 TPP under LPP)', () => {
    const { i } = run(computer({ ics: [GPU] }));
    assert.equal(i.authorization, 'LPP');
    assert.ok(i.obligations.some((o) => /126,656 TPP used/.test(o)), i.obligations.join(' | '));
  });
  test('without ics the summed TPP is tested as one IC (today\'s conservative default) and a warning says so', () => {
    const { i, e } = run(computer({ tppPerUnit: 18400, performanceDensity: 1 }));
    assert.equal(i.eccn, '4A090.a');
    assert.ok(e.warnings.some((w) => /without its ICs/.test(w)));
  });
  test('a declared stricter ECCN does not override the per-chip result, and the disagreement is reported', () => {
    const none = run(computer({ eccn: '4A090.a', ics: [SMALL] }));
    assert.equal(none.i.eccn, null);
    assert.equal(none.i.authorization, 'NOT_CONTROLLED');
    assert.ok(none.e.warnings.some((w) => /declared 4A090\.a.*per-chip classification is applied/.test(w)));
    const b = run(computer({ eccn: '4A090.a', ics: [B_GPU] }));
    assert.equal(b.i.eccn, '4A090.b');
  });
  test('enforced China policy tests the strongest IC, not the sum', () => {
    const attest = { usSupplySufficient: true, chinaShipmentsWithin50pctOfUs: true, kycRemoteAccessControls: true, thirdPartyUsLabTested: true };
    const doc = { date: '2026-02-01', destination: 'CN', endUser: { name: 'Shenzhen AI', headquarters: 'CN' }, attestations: attest };
    const perChip = run({ ...doc, ...computer({ ics: [{ ...GPU, dramBandwidthGBs: 4800 }] }) }, 'enforced');
    assert.equal(perChip.i.reviewPolicy, 'case_by_case');
    const summed = run({ ...doc, ...computer({ tppPerUnit: 126656, performanceDensity: 19.45, dramBandwidthGBs: 4800 }) }, 'enforced');
    assert.equal(summed.i.reviewPolicy, 'presumption_of_denial');
  });
  test('bad ics are refused with the field named', () => {
    assert.ok(issues(computer({ ics: [GPU], tppPerUnit: 100 })).some((x) => x.path === '$.items[0].tppPerUnit' && /sum over ics/.test(x.message)));
    assert.ok(issues({ items: [{ kind: 'ic', quantity: 1, tppPerUnit: 10, ics: [GPU] }] }).some((x) => x.path === '$.items[0].ics'));
    assert.ok(issues(computer({ ics: [{ ...GPU, count: 0 }] })).some((x) => x.path === '$.items[0].ics[0].count'));
    assert.ok(issues(computer({ ics: [] })).some((x) => x.path === '$.items[0].ics'));
  });
  test('tppPerUnit equal to the sum is accepted', () => {
    assert.equal(run(computer({ ics: [GPU, CPU], tppPerUnit: 8 * 15832 + 2000 })).i.eccn, '4A090.a');
  });
});

describe('4E091: 10^26 or more operations, and Note 1 for weights derived from a published model', () => {
  const weights = (o: Record<string, unknown>) => ({ destination: 'IN', endUser: { name: 'Lab', headquarters: 'IN' }, items: [{ kind: 'model_weights', quantity: 1, weightsPublished: false, ...o }] });
  const table: [string, Record<string, unknown>, boolean][] = [
    ['just below 10^26: not controlled', { trainingOperations: 9.99e25 }, false],
    ['exactly 10^26: controlled', { trainingOperations: 1e26 }, true],
    // At 10^26 total, 25 % equals the 2.5 × 10^25 floor: the floor side.
    ['derived, 10^26 total, additional exactly 2.5 × 10^25: excluded by Note 1', { trainingOperations: 1e26, derivedFrom: { weightsPublished: true, trainingOperations: 7.5e25 } }, false],
    ['derived, 10^26 total, additional just over 2.5 × 10^25: controlled', { trainingOperations: 1e26, derivedFrom: { weightsPublished: true, trainingOperations: 7.49e25 } }, true],
    // At 4 × 10^26 total, 25 % (10^26) is above the floor: the share side.
    ['derived, 4 × 10^26 total, additional exactly 25 %: excluded by Note 1', { trainingOperations: 4e26, derivedFrom: { weightsPublished: true, trainingOperations: 3e26 } }, false],
    ['derived, 4 × 10^26 total, additional just over 25 %: controlled', { trainingOperations: 4e26, derivedFrom: { weightsPublished: true, trainingOperations: 2.99e26 } }, true],
    ['derived, 4 × 10^26 total, additional 5 × 10^25 (over the floor, under 25 %): excluded', { trainingOperations: 4e26, derivedFrom: { weightsPublished: true, trainingOperations: 3.5e26 } }, false],
    ['derived from an unpublished model: Note 1 does not apply', { trainingOperations: 4e26, derivedFrom: { weightsPublished: false, trainingOperations: 3.9e26 } }, true],
  ];
  for (const [name, o, controlled] of table) {
    test(name, () => {
      const { i } = run(weights(o));
      assert.equal(i.eccn, controlled ? '4E091' : null);
      assert.equal(i.authorization, controlled ? 'LICENSE' : 'NOT_CONTROLLED');
    });
  }
  test('operations read as numbers in the trace', () => {
    const { i } = run(weights({ trainingOperations: 2e26 }));
    assert.ok(i.trace.some((s) => /2 × 10\^26 operations/.test(s.test)), i.trace.map((s) => s.test).join(' | '));
    const derived = run(weights({ trainingOperations: 4e26, derivedFrom: { weightsPublished: true, trainingOperations: 3.5e26 } })).i;
    assert.ok(derived.trace.some((s) => s.rule === 'classify.4e091.note1' && /5 × 10\^25 additional/.test(s.test) && /25 % of the 4 × 10\^26 total/.test(s.test)));
  });
  test('bad derivedFrom is refused with the field named', () => {
    assert.ok(issues(weights({ trainingOperations: 1e26, derivedFrom: { weightsPublished: true, trainingOperations: 2e26 } })).some((x) => x.path === '$.items[0].derivedFrom.trainingOperations'));
    assert.ok(issues(weights({ derivedFrom: { weightsPublished: true, trainingOperations: 2e26 } })).some((x) => x.path === '$.items[0].trainingOperations'));
    assert.ok(issues({ items: [{ kind: 'ic', quantity: 1, tppPerUnit: 10, derivedFrom: { weightsPublished: true, trainingOperations: 1 } }] }).some((x) => x.path === '$.items[0].derivedFrom'));
  });
});

describe('AIA for model weights only through § 740.27(a)(3): compliant storage for every destination, Tier 1 included', () => {
  const toTier1 = (o: Record<string, unknown>) => ({ destination: 'DE', endUser: { name: 'Berlin AI GmbH', headquarters: 'DE' }, items: [{ kind: 'model_weights', quantity: 1, trainingOperations: 3e26, weightsPublished: false, ...o }] });
  test('weights to a Tier 1 entity in Tier 1 without compliant storage need a license', () => {
    for (const storage of [undefined, false]) {
      const { i } = run(toTier1({ storageCompliesSupp10Paras14_15_18: storage }));
      assert.equal(i.authorization, 'LICENSE', `storage ${storage}`);
      assert.ok(i.trace.some((s) => s.citation.startsWith('15 CFR 740.27(a)(3)') && /Tier 1 one included/.test(s.test)));
    }
  });
  test('with compliant storage: AIA under (a)(3), with the storage obligation', () => {
    const { i } = run(toTier1({ storageCompliesSupp10Paras14_15_18: true }));
    assert.equal(i.authorization, 'AIA');
    assert.ok(i.obligations.some((o) => /¶¶14, 15 and 18/.test(o)));
  });
  test('a U.S.-headquartered entity in India with compliant storage: AIA (a)(3); headquartered in India: license, presumption of denial', () => {
    assert.equal(run({ ...toTier1({ storageCompliesSupp10Paras14_15_18: true }), destination: 'IN', endUser: { name: 'US Lab India', headquarters: 'US' } }).i.authorization, 'AIA');
    const inHq = run({ ...toTier1({ storageCompliesSupp10Paras14_15_18: true }), destination: 'IN', endUser: { name: 'Pune AI', headquarters: 'IN' } }).i;
    assert.deepEqual([inHq.authorization, inHq.reviewPolicy], ['LICENSE', 'presumption_of_denial']);
  });
});
