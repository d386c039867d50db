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

test('dated changes land on their dates (Cambodia leaves D:5 on 2025-11-07; the compliance date switches procedure)', () => {
  const { as_written, enforced } = builtinPackSet();
  const d5 = (date: string) => snapshotAt(as_written, date).values['group.d5'];
  assert.ok(d5('2025-11-06').includes('KH'));
  assert.ok(!d5('2025-11-07').includes('KH'));
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

test('dates between two dated changes share one snapshot, but each evaluation states its own date', async () => {
  const { as_written } = builtinPackSet();
  assert.equal(snapshotAt(as_written, '2025-07-01'), snapshotAt(as_written, '2025-07-02'));
  assert.notEqual(snapshotAt(as_written, '2025-11-06'), snapshotAt(as_written, '2025-11-07'), 'Cambodia leaves D:5 on 2025-11-07');
  const { evaluateCase } = await import('../../../shared/engine');
  const { Case } = await import('../../../shared/domain/case');
  const mk = (date: string) =>
    Case.parse({ format: 'tierline.case/1', date, mode: 'as_written', destination: 'BR', endUser: { name: 'X', headquarters: 'BR' }, items: [{ kind: 'ic', quantity: 1, tppPerUnit: 15832, performanceDensity: 19.45 }] });
  const packs = builtinPackSet();
  for (const date of ['2025-07-01', '2025-07-02']) {
    const e = evaluateCase({ case: mk(date), caseSha256: 'a'.repeat(64), packs, ledger: [] }).determination.evaluations[0];
    assert.equal(e.asOf, date);
    assert.match(e.items[0].trace[0].test, new RegExp(`regime on ${date}`));
  }
});
