// The ledger counts each shipment once: a case never counts its own recorded shipments as priors, a
// second case for the same consignee and year counts the first, and a declared prior shipment that the
// ledger already holds is counted once (with a note). Real SQLite file, real signed built-in packs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabaseOrThrow, recordShipment, reverseCaseShipment } from '../../../main/core/db';
import { evaluateAndRecord, evaluatePreview } from '../../../main/core/services/evaluate';
import { installBuiltinPacks } from '../../../main/core/services/packs';
import type { Evaluation } from '../../../shared/domain/determination';
import { tempDir } from '../../support/cli';

const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/cases/sc63-lpp-brazil-2026.json'), 'utf8')) as Record<string, unknown> & {
  items: Record<string, unknown>[];
};

/** The Brazil LPP case with `units` H100s (15,832 TPP each) and a reference that makes it a distinct case. */
function brazil(reference: string, units: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...FIXTURE, reference, items: [{ ...FIXTURE.items[0], quantity: units }], ...extra };
}

function lppStep(e: Evaluation): string {
  const step = e.items[0].trace.find((s) => s.rule === 'auth.LPP.cap');
  assert.ok(step, 'the LPP cap step');
  return step.test;
}

describe('the ledger counts each shipment once', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const db = openDatabaseOrThrow(join(dir.path, 'ledger.sqlite'));
  after(() => db.close());
  installBuiltinPacks(db, 'test');
  const actor = 'test';

  test('evaluate, record, evaluate again: the same outcome (the case is not its own prior)', () => {
    const first = evaluateAndRecord(db, brazil('A-1', 1000), { actor });
    assert.ok(first.ok, JSON.stringify(first));
    const [before] = first.value.determination.evaluations;
    assert.equal(before.items[0].authorization, 'LPP');
    assert.ok(recordShipment(db, { caseId: first.value.caseId }, { actor }).ok);

    const again = evaluateAndRecord(db, brazil('A-1', 1000), { actor });
    assert.ok(again.ok);
    assert.equal(again.value.caseId, first.value.caseId);
    assert.notEqual(again.value.determinationId, first.value.determinationId);
    const [after] = again.value.determination.evaluations;
    assert.equal(after.items[0].authorization, 'LPP');
    assert.equal(after.licenseRequired, before.licenseRequired);
    assert.equal(lppStep(after), lppStep(before));
    assert.match(lppStep(after), /: 0 already \+ 15,832,000 this line/);
    // The preview of the stored document says the same.
    const preview = evaluatePreview(db, brazil('A-1', 1000));
    assert.ok(preview.ok);
    assert.equal(preview.value.determination.evaluations[0].items[0].authorization, 'LPP');
  });

  test('a second case for the same consignee and year counts the first', () => {
    const second = evaluateAndRecord(db, brazil('B-1', 1000), { actor });
    assert.ok(second.ok);
    const [e] = second.value.determination.evaluations;
    assert.match(lppStep(e), /: 15,832,000 already \+ 15,832,000 this line = 31,664,000/);
    assert.notEqual(e.items[0].authorization, 'LPP');
    // Another year is another LPP allowance.
    const nextYear = evaluateAndRecord(db, brazil('B-2', 1000, { date: '2027-01-04' }), { actor });
    assert.ok(nextYear.ok);
    assert.match(lppStep(nextYear.value.determination.evaluations[0]), /in 2027 known to this workbench: 0 already/);
  });

  test('a declared prior shipment that the ledger already holds is counted once, with a note', () => {
    const prior = { date: '2026-10-01', destination: 'BR', consignee: 'PAULISTA  dados sa', tpp: 15_832_000, authorization: 'LPP' };
    const r = evaluateAndRecord(db, brazil('C-1', 500, { priorShipments: [prior] }), { actor });
    assert.ok(r.ok);
    const [e] = r.value.determination.evaluations;
    assert.match(lppStep(e), /: 15,832,000 already \+ 7,916,000 this line = 23,748,000/);
    assert.equal(e.items[0].authorization, 'LPP');
    assert.ok(e.warnings.some((w) => /1 declared prior shipment\(s\) match a row of this workbench's ledger .* counted once/.test(w)), e.warnings.join('\n'));
    // Declared twice, the ledger's one row absorbs one of them: the other counts.
    const twice = evaluateAndRecord(db, brazil('C-2', 500, { priorShipments: [prior, prior] }), { actor });
    assert.ok(twice.ok);
    assert.match(lppStep(twice.value.determination.evaluations[0]), /: 31,664,000 already/);
    // A declared prior the ledger does not hold counts as declared, without the note.
    const other = evaluateAndRecord(db, brazil('C-3', 500, { priorShipments: [{ ...prior, tpp: 1000 }] }), { actor });
    assert.ok(other.ok);
    const [o] = other.value.determination.evaluations;
    assert.match(lppStep(o), /: 15,833,000 already/);
    assert.ok(!o.warnings.some((w) => /declared prior shipment/.test(w)));
  });

  test('once the first shipment is reversed, the second case no longer counts it', () => {
    const first = evaluateAndRecord(db, brazil('A-1', 1000), { actor });
    assert.ok(first.ok);
    assert.ok(reverseCaseShipment(db, { caseId: first.value.caseId, reason: 'order cancelled' }, { actor }).ok);
    const second = evaluateAndRecord(db, brazil('B-1', 1000), { actor });
    assert.ok(second.ok);
    assert.match(lppStep(second.value.determination.evaluations[0]), /: 0 already/);
    assert.equal(second.value.determination.evaluations[0].items[0].authorization, 'LPP');
  });
});
