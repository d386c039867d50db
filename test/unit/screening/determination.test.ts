// Screening bound into the determination, on the whole real list of 2026-07-31 in a real SQLite file:
// each list's consequence (Entity List → LICENSE with the entry's policy and no exception; DPL and SDN →
// PROHIBITED; UVL → no exception plus the UVL statement; MEU → Supp. No. 2 / § 744.21(e)(3)), the
// affiliates rule with its dates and suspension, the list's hash and date in the determination, and a
// case whose parties are on no list left as the engine decided it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';
import { Determination as DeterminationSchema } from '../../../shared/domain/determination';
import { evaluateCase } from '../../../shared/engine';
import { activeSnapshot, openDatabaseOrThrow, type Db } from '../../../main/core/db';
import { evaluateAndRecord, evaluatePreview } from '../../../main/core/services/evaluate';
import { activePacks, installBuiltinPacks } from '../../../main/core/services/packs';
import { importListFile, screenCase } from '../../../main/core/screening/service';
import { tempDir } from '../../support/cli';
import { REAL_CSV_GZ } from '../../support/csl';

const TODAY = '2026-08-03';

function chinaCase(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'tierline.case/1',
    date: '2026-02-01',
    destination: 'CN',
    endUser: { name: 'Hangzhou Example Cloud Co', type: 'commercial', headquarters: 'CN', ultimateParentHeadquarters: 'CN' },
    items: [{ description: 'NVIDIA H200 SXM', kind: 'ic', eccn: '3A090.a', quantity: 10, tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, datacenter: true, approvedDesigner: true }],
    transaction: { type: 'export', from: 'US' },
    ...over,
  };
}

function germanyCase(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'tierline.case/1',
    date: '2025-06-02',
    mode: 'as_written',
    destination: 'DE',
    endUser: { name: 'Rheinwerk Cloud GmbH', type: 'data_center', headquarters: 'DE', ultimateParentHeadquarters: 'DE' },
    items: [{ description: '8x HGX H100 8-GPU server', kind: 'computer', eccn: '4A090.a', quantity: 8, tppPerUnit: 126656, performanceDensity: 19.45, datacenter: true, approvedDesigner: true }],
    ...over,
  };
}

describe('screening in the determination (real list)', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  let db: Db;
  let sha = '';

  before(() => {
    db = openDatabaseOrThrow(join(dir.path, 'screen.sqlite'));
    installBuiltinPacks(db, 'test');
    const r = importListFile(db, { bytes: readFileSync(REAL_CSV_GZ), fileName: 'consolidated-2026-07-31.csv.gz' }, { actor: 'test' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    sha = r.value.snapshot.sha256;
  });
  after(() => db.close());

  function preview(doc: Record<string, unknown>): Determination {
    const r = evaluatePreview(db, doc);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.ok(DeterminationSchema.safeParse(r.value.determination).success, 'the determination fits its schema');
    return r.value.determination;
  }

  test('a case with no listed party: screening clear, recorded with the list hash and date, outcome unchanged', () => {
    const doc = germanyCase({ parties: [{ role: 'freight_forwarder', name: 'Kuehne Nagel Logistics', country: 'DE' }] });
    const d = preview(doc);
    assert.equal(d.screening?.status, 'clear');
    assert.equal(d.screening?.list?.sha256, sha);
    assert.equal(d.screening?.list?.date, '2026-07-31');
    assert.deepEqual(d.screening?.parties.map((p) => [p.role, p.name, p.status]), [['end_user', 'Rheinwerk Cloud GmbH', 'clear'], ['freight_forwarder', 'Kuehne Nagel Logistics', 'clear']]);
    const packs = activePacks(db);
    const bare = evaluateCase({ case: Case.parse(doc), caseSha256: '0'.repeat(64), packs, ledger: [], hints: false }).determination;
    assert.deepEqual(d.evaluations.map((e) => e.items.map((i) => i.authorization)), bare.evaluations.map((e) => e.items.map((i) => i.authorization)));
    assert.equal(bare.evaluations[0].items[0].authorization, 'AIA', 'the baseline is a license exception, so the next tests show screening overriding it');
  });

  test('Entity List: LICENSE with the entry\'s review policy, no license exception, the entry and its FR notices cited', () => {
    // the same German deal, but the ultimate consignee is a listed Huawei subsidiary, typed loosely
    const d = preview(germanyCase({ parties: [{ role: 'ultimate_consignee', name: 'huawei technologies deutschland gmbh', country: 'DE' }] }));
    assert.equal(d.screening?.status, 'listed');
    for (const ev of d.evaluations) {
      assert.equal(ev.licenseRequired, true);
      for (const it of ev.items) {
        assert.equal(it.authorization, 'LICENSE');
        assert.equal(it.reviewPolicy, 'presumption_of_denial');
        assert.ok(!it.obligations.some((o) => /license exception/i.test(o)), it.obligations.join('; '));
        const step = it.trace.find((s) => s.rule === 'screening.entity_list');
        assert.ok(step, 'the trace names the Entity List step');
        assert.match(step.citation, /744\.11/);
        assert.match(step.citation, /Huawei Technologies Deutschland GmbH/);
        assert.match(step.citation, /84 FR 22961/);
        assert.match(step.test, /sha256 [0-9a-f]{12}/);
      }
    }
  });

  test('Entity List policy column decides: Inspur\'s "Policy of denial" and Sugon\'s "Presumption of denial"', () => {
    const inspur = preview(chinaCase({ endUser: { name: 'Inspur Software Co Ltd', type: 'commercial', headquarters: 'CN', ultimateParentHeadquarters: 'CN' } }));
    assert.ok(inspur.evaluations.every((e) => e.items.every((i) => i.authorization === 'LICENSE' && i.reviewPolicy === 'policy_of_denial')));
    const sugon = preview(chinaCase({ endUser: { name: 'Sugon', type: 'commercial', headquarters: 'CN' } }));
    assert.ok(sugon.evaluations.every((e) => e.items.every((i) => i.authorization === 'LICENSE')));
    assert.ok(sugon.evaluations.every((e) => e.items.every((i) => i.trace.some((s) => s.rule === 'screening.entity_list' && /84 FR 29373/.test(s.citation)))));
  });

  test('Denied Persons List: PROHIBITED, whatever the engine had found', () => {
    const d = preview(germanyCase({ parties: [{ role: 'purchaser', name: 'Kal-Tek Labs', country: 'US' }] }));
    for (const ev of d.evaluations) {
      for (const it of ev.items) {
        assert.equal(it.authorization, 'PROHIBITED');
        assert.ok(it.obligations.some((o) => /denial order/.test(o)));
        assert.ok(it.trace.some((s) => s.rule === 'screening.denied_persons' && /736\.2\(b\)\(4\)/.test(s.citation)));
      }
    }
  });

  test('SDN: PROHIBITED (blocked), with the programme named', () => {
    const d = preview(germanyCase({ parties: [{ role: 'intermediate_consignee', name: 'Banco Nacional de Cuba', country: 'CH' }] }));
    const it = d.evaluations[0].items[0];
    assert.equal(it.authorization, 'PROHIBITED');
    const step = it.trace.find((s) => s.rule === 'screening.sdn');
    assert.ok(step);
    assert.match(step.citation, /CUBA/);
  });

  test('Unverified List: the license exception gives way to a license; the UVL statement is required', () => {
    const d = preview(germanyCase({ parties: [{ role: 'intermediate_consignee', name: 'Piricas Trading Co.', country: 'AE' }] }));
    const it = d.evaluations[0].items[0];
    assert.equal(it.authorization, 'LICENSE');
    assert.ok(it.trace.some((s) => s.rule === 'screening.unverified_list' && /744\.15/.test(s.citation)));
    assert.ok(it.obligations.some((o) => /UVL statement/.test(o)));
  });

  test('MEU: a 3A090 item already needing a license is reviewed with a presumption of denial (§ 744.21(e)(3))', () => {
    const d = preview(chinaCase({ endUser: { name: 'AECC Aviation Power Company Limited', type: 'commercial', headquarters: 'CN' } }));
    assert.equal(d.screening?.parties[0].candidates[0]?.list, 'MEU');
    for (const ev of d.evaluations) {
      for (const it of ev.items) {
        assert.equal(it.authorization, 'LICENSE');
        assert.equal(it.reviewPolicy, 'presumption_of_denial');
        assert.ok(it.trace.some((s) => s.rule === 'screening.meu' && /744\.21\(e\)\(3\)/.test(s.citation)));
      }
    }
  });

  test('a forwarder on the Entity List is a warning, not a license requirement (§ 744.11 reaches § 748.5(c)-(f) parties)', () => {
    const d = preview(germanyCase({ parties: [{ role: 'freight_forwarder', name: 'Sugon', country: 'CN' }] }));
    assert.equal(d.evaluations[0].items[0].authorization, 'AIA');
    assert.ok(d.evaluations[0].warnings.some((w) => /Sugon/.test(w) && /Entity List/.test(w)));
  });

  test('affiliates: 50 % owned by a listed party binds while the 2025 rule is in force, not while it is suspended', () => {
    const owned = (date: string) =>
      preview(
        germanyCase({
          date,
          endUser: { name: 'Rheinwerk Cloud GmbH', type: 'data_center', headquarters: 'DE', ultimateParentHeadquarters: 'DE', owners: [{ name: 'Sugon', country: 'CN', percent: 60 }, { name: 'Rhein Capital Partners', country: 'DE', percent: 40 }] },
        }),
      );
    const before = owned('2025-09-15');
    assert.notEqual(before.evaluations[0].items[0].authorization, 'LICENSE');
    assert.ok(before.evaluations[0].warnings.some((w) => /not yet in effect/.test(w)));

    const inForce = owned('2025-10-15');
    const it = inForce.evaluations[0].items[0];
    assert.equal(it.authorization, 'LICENSE');
    assert.ok(it.trace.some((s) => s.rule === 'screening.entity_list' && /affiliates rule/.test(s.test) && /90 FR 47201/.test(s.test)));

    const suspended = owned('2026-02-01');
    assert.notEqual(suspended.evaluations[0].items[0].authorization, 'LICENSE');
    assert.ok(suspended.evaluations[0].warnings.some((w) => /suspended/.test(w) && /2026-11-10/.test(w)));

    const back = owned('2026-11-10');
    assert.equal(back.evaluations[0].items[0].authorization, 'LICENSE');

    const minority = preview(germanyCase({ date: '2025-10-15', endUser: { name: 'Rheinwerk Cloud GmbH', type: 'data_center', headquarters: 'DE', owners: [{ name: 'Sugon', percent: 30 }] } }));
    assert.equal(minority.evaluations[0].items[0].authorization, 'AIA');
    assert.ok(minority.evaluations[0].warnings.some((w) => /below 50 %/.test(w)));
  });

  test('a recorded determination stores the screening section; the list is out of date past its age limit', () => {
    const r = evaluateAndRecord(db, chinaCase({ endUser: { name: 'Sugon', type: 'commercial', headquarters: 'CN' } }), { actor: 'test', today: '2026-10-01' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    const d = r.value.determination;
    assert.equal(d.screening?.list?.sha256, activeSnapshot(db)?.sha256);
    assert.equal(d.screening?.list?.stale, true);
    assert.ok(d.evaluations.every((e) => e.warnings.some((w) => /out-of-date list/.test(w) && /2026-07-31/.test(w))));
  });

  test('screenCase screens the end user, each party and each stated owner', () => {
    const c = Case.parse(germanyCase({ endUser: { name: 'Rheinwerk Cloud GmbH', type: 'data_center', headquarters: 'DE', owners: [{ name: 'Sugon', percent: 51 }] }, parties: [{ role: 'purchaser', name: 'Acme Purchasing BV', country: 'NL' }] }));
    const s = screenCase(db, c, { today: TODAY });
    assert.deepEqual(s.parties.map((p) => [p.role, p.name]), [['end_user', 'Rheinwerk Cloud GmbH'], ['owner', 'Sugon'], ['purchaser', 'Acme Purchasing BV']]);
    assert.deepEqual(s.parties[1].ownerOf, { name: 'Rheinwerk Cloud GmbH', percent: 51 });
  });
});

describe('screening with no list imported', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  test('the determination says the parties were not screened', () => {
    const db = openDatabaseOrThrow(join(dir.path, 'none.sqlite'));
    installBuiltinPacks(db, 'test');
    const r = evaluatePreview(db, germanyCase());
    db.close();
    assert.ok(r.ok);
    assert.equal(r.value.determination.screening?.status, 'not_screened');
    assert.ok(r.value.determination.evaluations[0].warnings.some((w) => /not screened/.test(w)));
  });
});
