// Country Groups from the primary text (eCFR of 2026-07-23) and their dated changes: each change is
// checked on the day before and the day it takes effect, through the engine as a case sees it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import type { Evaluation } from '../../../shared/domain/determination';
import { evaluateCase, snapshotAt } from '../../../shared/engine';
import { officialGroup } from '../../../scripts/packs/ecfr';
import { builtinPackSet } from '../../support/packs';

const packs = builtinPackSet();
const H100 = { kind: 'ic', quantity: 1, tppPerUnit: 15832, performanceDensity: 19.45, datacenter: true, approvedDesigner: true };
const B_CHIP = { kind: 'ic', quantity: 1, tppPerUnit: 3000, performanceDensity: 2, datacenter: true };

function ev(date: string, destination: string, mode: 'as_written' | 'enforced', item: Record<string, unknown> = H100, hq = destination): Evaluation {
  const c = Case.parse({ format: 'tierline.case/1', date, mode, destination, endUser: { name: 'Buyer', headquarters: hq }, items: [item] });
  return evaluateCase({ case: c, caseSha256: '0'.repeat(64), packs, ledger: [] }).determination.evaluations[0];
}
const group = (id: 'group.d1' | 'group.d4' | 'group.d5' | 'group.a5' | 'group.a6' | 'group.namedWithD145', date: string, mode: 'as_written' | 'enforced' = 'as_written') =>
  snapshotAt(packs[mode], date).values[id];

describe('membership on 2026-07-23 is the official Supp. No. 1 to part 740', () => {
  for (const mode of ['as_written', 'enforced'] as const) {
    test(`${mode}: D:1, D:4, D:5, A:5 and A:6 equal the eCFR lists`, () => {
      for (const [id, name] of [['group.d1', 'D:1'], ['group.d4', 'D:4'], ['group.d5', 'D:5'], ['group.a5', 'A:5'], ['group.a6', 'A:6']] as const) {
        assert.deepEqual([...group(id, '2026-07-23', mode)].sort(), [...officialGroup(name)].sort(), `${name} on 2026-07-23`);
      }
    });
  }
  test('D:4 holds Belarus and Venezuela on every date; Brazil is never in A:6', () => {
    for (const d of ['2022-10-07', '2024-03-15', '2026-07-23', '2027-12-31']) {
      assert.ok(group('group.d4', d).includes('BY') && group('group.d4', d).includes('VE'), d);
      assert.ok(!group('group.a6', d).includes('BR'), d);
    }
  });
  test('no decision rests on a country list from memory any more', () => {
    for (const dest of ['VN', 'SA', 'KZ', 'AE']) {
      for (const mode of ['as_written', 'enforced'] as const) {
        const e = ev('2026-08-01', dest, mode, B_CHIP);
        assert.ok(!e.warnings.some((w) => /memory|Country Group D:[14]/.test(w)), `${dest} ${mode}: ${e.warnings.join(' | ')}`);
      }
    }
  });
});

describe('Nicaragua: Country Group B until 2024-03-14, D:1 and D:5 from 2024-03-15 (FR Doc. 2024-05696)', () => {
  test('the groups change on the day', () => {
    assert.ok(!group('group.d1', '2024-03-14').includes('NI') && !group('group.d5', '2024-03-14').includes('NI'));
    assert.ok(group('group.d1', '2024-03-15').includes('NI') && group('group.d5', '2024-03-15').includes('NI'));
  });
  const table: [string, 'as_written' | 'enforced', string, string | null][] = [
    ['2024-03-14', 'enforced', 'NLR', null],
    ['2024-03-15', 'enforced', 'LICENSE', 'presumption_of_denial'],
    ['2024-03-14', 'as_written', 'NLR', null],
    ['2024-03-15', 'as_written', 'LICENSE', 'presumption_of_denial'],
  ];
  for (const [date, mode, auth, policy] of table) {
    test(`an H100 to Nicaragua on ${date} (${mode}): ${auth}${policy ? `, ${policy}` : ''}`, () => {
      const i = ev(date, 'NI', mode).items[0];
      assert.equal(i.authorization, auth);
      assert.equal(i.reviewPolicy, policy);
    });
  }
});

describe('Cambodia leaves D:5 on 2025-11-07 (22 CFR 126.1 as amended by State controls D:5)', () => {
  test('tier 3 the day before, tier 2 the day of (as written)', () => {
    assert.equal(ev('2025-11-06', 'KH', 'as_written').destinationTier, 3);
    assert.equal(ev('2025-11-07', 'KH', 'as_written').destinationTier, 2);
  });
  test('enforced: still D:1, so a license; presumption of denial the day before, of approval the day of', () => {
    const before = ev('2025-11-06', 'KH', 'enforced').items[0];
    const on = ev('2025-11-07', 'KH', 'enforced').items[0];
    assert.deepEqual([before.authorization, before.reviewPolicy], ['LICENSE', 'presumption_of_denial']);
    assert.deepEqual([on.authorization, on.reviewPolicy], ['LICENSE', 'presumption_of_approval']);
  });
});

describe('United Arab Emirates: in A:5 and out of D:4 in the eCFR of 2026-07-23; amending rule not found', () => {
  test('before 2026-07-23 the conservative reading (D:4, not A:5) applies and says so; from that day the official text', () => {
    const before = ev('2026-07-22', 'AE', 'enforced', B_CHIP);
    const on = ev('2026-07-23', 'AE', 'enforced', B_CHIP);
    assert.ok(group('group.d4', '2026-07-22').includes('AE') && !group('group.a5', '2026-07-22').includes('AE'));
    assert.ok(!group('group.d4', '2026-07-23').includes('AE') && group('group.a5', '2026-07-23').includes('AE'));
    assert.ok(before.warnings.some((w) => /United Arab Emirates.*amending rule.*not found/.test(w)), before.warnings.join(' | '));
    assert.ok(!on.warnings.some((w) => /amending rule/.test(w)));
    // In D:4 the .b chip needs a license that ACA (§ 740.8, D:1/D:4 destinations) covers. From 2026-07-23 the
    // CCL names the UAE beside D:1/D:4/D:5, so the license requirement stays although it is in A:5, and ACA,
    // whose text names only D:1/D:4, is not read as extended to it (conservative).
    assert.equal(before.items[0].authorization, 'ACA');
    assert.equal(on.items[0].authorization, 'LICENSE');
    assert.ok(on.items[0].trace.some((s) => /United Arab Emirates|AE/.test(s.test)));
  });
  test('a UAE-headquartered buyer elsewhere gets the warning too; a German one in Germany does not', () => {
    assert.ok(ev('2026-07-01', 'DE', 'as_written', H100, 'AE').warnings.some((w) => /United Arab Emirates/.test(w)));
    assert.ok(!ev('2026-07-01', 'DE', 'as_written', H100, 'DE').warnings.some((w) => /United Arab Emirates/.test(w)));
  });
  test('the named-destination list is empty before 2026-07-23 and holds the UAE from it', () => {
    assert.deepEqual(group('group.namedWithD145', '2026-07-22'), []);
    assert.deepEqual(group('group.namedWithD145', '2026-07-23'), ['AE']);
  });
});
