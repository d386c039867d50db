// Catala-style check: for every date from 2022-10-07 to 2027-12-31 and every built-in pack, exactly one
// version of each parameter (and exactly one status period) applies, and the engine can resolve it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextDay } from '../../../shared/domain/dates';
import { PARAMETERS, snapshotAt } from '../../../shared/engine';
import { builtinPackSet } from '../../support/packs';

const FIRST = '2022-10-07';
const LAST = '2027-12-31';

for (const pack of Object.values(builtinPackSet())) {
  test(`${pack.body.id}: exactly one version of every parameter on every date ${FIRST}..${LAST}`, () => {
    const ids = Object.keys(pack.body.parameters);
    assert.deepEqual(new Set(ids), new Set(Object.keys(PARAMETERS)), 'the pack holds exactly the parameters the engine reads');
    let days = 0;
    for (let d = FIRST; d <= LAST; d = nextDay(d)) {
      days++;
      const periods = pack.body.status.filter((p) => p.from <= d && (p.to === null || d <= p.to));
      assert.equal(periods.length, 1, `${d}: ${periods.length} status periods apply`);
      for (const id of ids) {
        const n = pack.body.parameters[id].versions.filter((v) => v.from <= d && (v.to === null || d <= v.to)).length;
        if (n !== 1) assert.fail(`${d}: ${n} versions of ${id} apply`);
      }
      const snap = snapshotAt(pack, d);
      assert.equal(snap.status, periods[0]);
    }
    assert.equal(days, 1912);
  });
}

test('dated changes land on their dates (Cambodia leaves D:5 on 2026-02-03; the compliance date switches procedure)', () => {
  const { as_written, enforced } = builtinPackSet();
  const d5 = (date: string) => snapshotAt(as_written, date).values['group.d5'];
  assert.ok(d5('2026-02-02').includes('KH'));
  assert.ok(!d5('2026-02-03').includes('KH'));
  assert.equal(snapshotAt(as_written, '2025-05-14').status.procedure, 'advanced_computing');
  assert.equal(snapshotAt(as_written, '2025-05-15').status.procedure, 'ai_diffusion');
  assert.equal(snapshotAt(enforced, '2027-12-31').status.procedure, 'advanced_computing');
  assert.equal(snapshotAt(enforced, '2026-01-14').values['enforced.chinaPolicy'], null);
  assert.notEqual(snapshotAt(enforced, '2026-01-15').values['enforced.chinaPolicy'], null);
});

test('a date before the pack coverage is refused with the reason', () => {
  const { as_written } = builtinPackSet();
  assert.throws(() => snapshotAt(as_written, '2022-10-06'), /does not cover 2022-10-06: its coverage starts 2022-10-07/);
});
