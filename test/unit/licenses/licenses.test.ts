// Licenses: a shipment under LICENSE needs a license that covers it on the ship date, and draws it down.
// Each condition is refused on its own; drawdown to exactly zero; the expiry day is covered, the next
// day is not; reversing a shipment frees its drawdown. Real SQLite file, no mocks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addLicense,
  getLicense,
  licenseUsage,
  listAudit,
  listLicenses,
  listShipments,
  recordShipment,
  reverseCaseShipment,
  type Db,
} from '../../../main/core/db/index';
import { licenseStatus, type License } from '../../../shared/domain/license';
import { AS, evaluatedCase, tempDb } from '../db/helpers';

function sampleLicense(over: Partial<License> = {}): License {
  return {
    format: 'tierline.license/1',
    number: 'D1234567',
    issued: '2025-05-01',
    expires: '2025-12-31',
    applicant: { name: 'Tierline Exports Inc.', country: 'US' },
    consignee: { name: 'Example Compute GmbH', country: 'DE' },
    endUser: { name: 'Example Compute GmbH', country: 'DE' },
    destination: 'DE',
    items: [{ eccn: '3A090.a', description: 'accelerator ICs', quantity: 20, tppLimit: 96_000, valueLimitUsd: 400_000 }],
    conditions: ['No reexport without prior BIS authorization.'],
    ...over,
  };
}

/** An evaluated one-item case that ships under LICENSE: `quantity` ICs of 4,800 TPP at $20,000 each. */
function licensedCase(db: Db, reference: string, quantity: number, over: Record<string, unknown> = {}, unitValueUsd: number | null = 20_000): number {
  const item: Record<string, unknown> = { description: 'accelerator', kind: 'ic', eccn: '3A090.a', quantity, tppPerUnit: 4800 };
  if (unitValueUsd !== null) item.unitValueUsd = unitValueUsd;
  return evaluatedCase(db, { reference, items: [item], ...over }, ['LICENSE']).caseId;
}

function refused(r: ReturnType<typeof recordShipment>, code: string, pattern: RegExp): void {
  assert.equal(r.ok, false, 'expected a refusal');
  if (r.ok) return;
  assert.equal(r.error.code, code, r.error.message);
  assert.match(r.error.message, pattern);
}

test('a license is stored once, as given; a bad one names the field and stores nothing', (t) => {
  const { db } = tempDb(t);
  const r = addLicense(db, sampleLicense(), AS);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(getLicense(db, 'D1234567')?.license, sampleLicense());
  const dup = addLicense(db, sampleLicense(), AS);
  assert.ok(!dup.ok && dup.error.code === 'CONFLICT' && dup.error.path === '$.number');
  const bad: [unknown, string][] = [
    [{ ...sampleLicense({ number: 'D-2002' }), expires: '2025-04-30' }, '$.expires'],
    [{ ...sampleLicense({ number: 'D-2003' }), items: [] }, '$.items'],
    [{ ...sampleLicense({ number: 'D-2004' }), destination: 'ZZ' }, '$.destination'],
    [{ ...sampleLicense({ number: 'D-2005' }), items: [{ eccn: '3A090.a', description: 'x', quantity: 0 }] }, '$.items[0].quantity'],
    [{ ...sampleLicense({ number: 'D-2006' }), surprise: true }, '$.surprise'],
    [{ ...sampleLicense({ number: 'D-2007' }), determination: { determinationId: 99 } }, '$.determination.determinationId'],
  ];
  for (const [doc, path] of bad) {
    const b = addLicense(db, doc, AS);
    assert.ok(!b.ok, JSON.stringify(doc));
    if (!b.ok) assert.equal(b.error.path, path, b.error.message);
  }
  assert.equal(listLicenses(db).length, 1);
  assert.equal(listAudit(db, { action: 'license.added' }).length, 1);
  assert.throws(() => db.prepare("UPDATE licenses SET expires = '2030-01-01'").run(), /records/);
  assert.throws(() => db.prepare('DELETE FROM licenses').run(), /never deleted/);
});

test('a shipment under LICENSE names a license; without one it is refused with the reason', (t) => {
  const { db } = tempDb(t);
  const caseId = licensedCase(db, 'A', 5);
  refused(recordShipment(db, { caseId }, AS), 'LICENSE_REQUIRED', /item 0 \(3A090\.a\) ships under LICENSE/);
  refused(recordShipment(db, { caseId, licenseNumber: 'NOPE-1' }, AS), 'NOT_FOUND', /no license NOPE-1/);
  const aia = evaluatedCase(db, { reference: 'AIA' }, ['AIA', 'AIA']).caseId;
  assert.ok(addLicense(db, sampleLicense(), AS).ok);
  refused(recordShipment(db, { caseId: aia, licenseNumber: 'D1234567' }, AS), 'INVALID_INPUT', /nothing to draw/);
  assert.equal(listShipments(db).length, 0);
});

test('each condition is refused on its own, naming it, and nothing is drawn (the item condition: next test)', (t) => {
  const { db } = tempDb(t);
  assert.ok(addLicense(db, sampleLicense(), AS).ok);
  const base = { date: '2025-06-02', destination: 'DE' };
  const cases: [string, number, Record<string, unknown>, string | undefined, RegExp, number | null][] = [
    ['before issue', 5, base, '2025-04-30', /issued on 2025-05-01, after the ship date 2025-04-30/, 20_000],
    ['day after expiry', 5, base, '2026-01-01', /expired on 2025-12-31/, 20_000],
    ['other end user', 5, { ...base, endUser: { name: 'Someone Else AG', type: 'data_center', headquarters: 'DE' } }, undefined, /end user "Example Compute GmbH", not "Someone Else AG"/, 20_000],
    ['other destination', 5, { ...base, destination: 'FR', endUser: { name: 'Example Compute GmbH', type: 'data_center', headquarters: 'DE' } }, undefined, /destination DE, not FR/, 20_000],
    ['quantity', 21, base, undefined, /21 units asked, 20 of 20 left/, 1],
    ['TPP', 5, { ...base, items: [{ kind: 'ic', eccn: '3A090.a', quantity: 5, tppPerUnit: 20_000, unitValueUsd: 1 }] }, undefined, /100,000 TPP asked, 96,000 of 96,000 TPP left/, null],
    ['value', 5, base, undefined, /\$500,000 asked, \$400,000 of \$400,000 left/, 100_000],
    ['value not stated', 5, base, undefined, /does not state the item's unitValueUsd/, null],
  ];
  for (const [name, qty, over, date, pattern, unit] of cases) {
    // The TPP row carries its own item; the others vary the quantity, the parties or the unit value.
    const caseId = over.items ? evaluatedCase(db, { reference: name, ...over }, ['LICENSE']).caseId : licensedCase(db, name, qty, over, unit);
    const r = recordShipment(db, { caseId, licenseNumber: 'D1234567', date }, AS);
    refused(r, 'NOT_COVERED', pattern);
  }
  assert.equal(listShipments(db).length, 0);
  assert.deepEqual(licenseUsage(db, getLicense(db, 'D1234567')!.id), [{ quantity: 0, tpp: 0, valueUsd: 0 }]);
});

test('the item is matched by the ECCN the determination found', (t) => {
  const { db } = tempDb(t);
  assert.ok(addLicense(db, sampleLicense({ items: [{ eccn: '4A090.a', description: 'servers', quantity: 10 }] }), AS).ok);
  const caseId = licensedCase(db, 'A', 5); // the determination says 3A090.a
  refused(recordShipment(db, { caseId, licenseNumber: 'D1234567' }, AS), 'NOT_COVERED', /item 0 \(3A090\.a\): the license authorizes 4A090\.a only/);
});

test('drawdown to exactly zero, the 80 % warning, then an overdraw refused; a reversal frees it', (t) => {
  const { db } = tempDb(t);
  assert.ok(addLicense(db, sampleLicense(), AS).ok);
  const lic = getLicense(db, 'D1234567')!;
  const first = licensedCase(db, 'A', 16);
  assert.ok(recordShipment(db, { caseId: first, licenseNumber: 'D1234567' }, AS).ok);
  let status = licenseStatus(lic.license, licenseUsage(db, lic.id), '2025-06-02');
  assert.deepEqual(status.lines[0].quantity, { limit: 20, used: 16, left: 4 });
  assert.deepEqual(status.lines[0].tpp, { limit: 96_000, used: 76_800, left: 19_200 });
  assert.deepEqual(status.lines[0].valueUsd, { limit: 400_000, used: 320_000, left: 80_000 });
  assert.deepEqual(status.warnings, ['line 1 (3A090.a) is 80 % used']);
  const rest = licensedCase(db, 'B', 4);
  assert.ok(recordShipment(db, { caseId: rest, licenseNumber: 'D1234567' }, AS).ok, 'the last 4 units fit exactly');
  status = licenseStatus(lic.license, licenseUsage(db, lic.id), '2025-06-02');
  assert.deepEqual(status.lines[0].quantity, { limit: 20, used: 20, left: 0 });
  assert.equal(status.lines[0].tpp?.left, 0);
  assert.equal(status.lines[0].valueUsd?.left, 0);
  assert.equal(status.state, 'used_up');
  assert.deepEqual(status.warnings, ['line 1 (3A090.a) is used up']);
  const over = licensedCase(db, 'C', 1);
  refused(recordShipment(db, { caseId: over, licenseNumber: 'D1234567' }, AS), 'NOT_COVERED', /1 units asked, 0 of 20 left/);
  assert.ok(reverseCaseShipment(db, { caseId: rest, reason: 'returned by the consignee' }, AS).ok);
  assert.equal(licenseUsage(db, lic.id)[0].quantity, 16);
  assert.ok(recordShipment(db, { caseId: over, licenseNumber: 'D1234567' }, AS).ok, 'the freed units can be drawn again');
  assert.equal(listAudit(db, { action: 'shipment.recorded' }).at(-1)?.details.license, 'D1234567');
});

test('the expiry day is covered, with a warning; 30 days before expiry warns, 31 does not', (t) => {
  const { db } = tempDb(t);
  assert.ok(addLicense(db, sampleLicense(), AS).ok);
  const lic = getLicense(db, 'D1234567')!;
  const caseId = licensedCase(db, 'A', 1, { date: '2025-12-31' });
  assert.ok(recordShipment(db, { caseId, licenseNumber: 'D1234567', date: '2025-12-31' }, AS).ok);
  const usage = licenseUsage(db, lic.id);
  assert.ok(licenseStatus(lic.license, usage, '2025-12-31').warnings.includes('expires today (2025-12-31)'));
  assert.ok(licenseStatus(lic.license, usage, '2025-12-01').warnings.includes('expires in 30 day(s), on 2025-12-31'));
  assert.deepEqual(licenseStatus(lic.license, usage, '2025-11-30').warnings, []);
  assert.equal(licenseStatus(lic.license, usage, '2026-01-01').state, 'expired');
});

test('lines with the same ECCN: a shipment draws on the first line with room', (t) => {
  const { db } = tempDb(t);
  const two = sampleLicense({
    items: [
      { eccn: '3A090.a', description: 'batch 1', quantity: 3 },
      { eccn: '3A090.a', description: 'batch 2', quantity: 10 },
    ],
  });
  assert.ok(addLicense(db, two, AS).ok);
  const lic = getLicense(db, 'D1234567')!;
  assert.ok(recordShipment(db, { caseId: licensedCase(db, 'A', 5), licenseNumber: 'D1234567' }, AS).ok);
  assert.deepEqual(licenseUsage(db, lic.id).map((u) => u.quantity), [0, 5]);
  assert.ok(recordShipment(db, { caseId: licensedCase(db, 'B', 3), licenseNumber: 'D1234567' }, AS).ok);
  assert.deepEqual(licenseUsage(db, lic.id).map((u) => u.quantity), [3, 5]);
});
