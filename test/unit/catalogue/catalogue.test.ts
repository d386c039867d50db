// The product catalogue on a real SQLite file: versioned entries, the built-in chips read-only, CSV out
// and back in, every change audited, and cases filled by part number keeping the version they used.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addProduct,
  editProduct,
  getCaseBySha256,
  getProduct,
  itemProductsFor,
  listAudit,
  listProducts,
  productHistory,
  verifyAuditChain,
} from '../../../main/core/db';
import { exportCatalogueCsv, importCatalogueCsv } from '../../../main/core/catalogue';
import { evaluateAndRecord } from '../../../main/core/services/evaluate';
import { installBuiltinPacks } from '../../../main/core/services/packs';
import { AS, tempDb } from '../db/helpers';

const ACCEL = {
  partNumber: 'ACME-X100',
  description: 'Acme X100 accelerator card',
  kind: 'ic',
  tppPerUnit: 5200,
  performanceDensity: 6.4,
  datacenter: true,
  source: 'Acme X100 datasheet rev C, table 3',
};

function caseFor(partNumber: string, extra: Record<string, unknown> = {}) {
  return {
    format: 'tierline.case/1',
    reference: 'SO-1',
    date: '2025-06-02',
    destination: 'DE',
    endUser: { name: 'Example Compute GmbH', headquarters: 'DE' },
    items: [{ partNumber, quantity: 4, ...extra }],
  };
}

describe('product catalogue', () => {
  test('add, edit (a new version), history; identical edit adds nothing; all audited', (t) => {
    const { db } = tempDb(t);
    const a = addProduct(db, ACCEL, AS);
    assert.ok(a.ok, !a.ok ? a.error.message : '');
    assert.equal(a.value.version, 1);
    const again = addProduct(db, ACCEL, AS);
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.error.code, 'CONFLICT');
    const e = editProduct(db, { ...ACCEL, tppPerUnit: 5400 }, AS);
    assert.ok(e.ok && e.value.changed);
    assert.equal(e.value.version, 2);
    const same = editProduct(db, { ...ACCEL, tppPerUnit: 5400 }, AS);
    assert.ok(same.ok && !same.value.changed && same.value.version === 2);
    assert.deepEqual(productHistory(db, 'acme-x100').map((p) => p.tppPerUnit), [5200, 5400]);
    assert.equal(getProduct(db, 'ACME-X100', 1)?.tppPerUnit, 5200);
    assert.equal(getProduct(db, ' acme-x100 ')?.version, 2);
    const audit = listAudit(db, { order: 'asc' }).map((x) => `${x.action} ${x.subject} v${String(x.details.version)}`);
    assert.deepEqual(audit, ['product.added product:ACME-X100 v1', 'product.changed product:ACME-X100 v2']);
    assert.ok(verifyAuditChain(db).ok);
    // The schema itself refuses to rewrite a version.
    assert.throws(() => db.prepare('UPDATE products SET tpp_per_unit = 1').run(), /immutable/);
    assert.throws(() => db.prepare('DELETE FROM products').run(), /never deleted/);
  });

  test('bad input names the field and stores nothing; built-in chips are read-only', (t) => {
    const { db } = tempDb(t);
    const r = addProduct(db, { ...ACCEL, tppPerUnit: -1, source: '' }, AS);
    assert.equal(r.ok, false);
    const paths = !r.ok ? (r.error.issues ?? []).map((i) => i.path).sort() : [];
    assert.deepEqual(paths, ['$.source', '$.tppPerUnit']);
    const b = editProduct(db, { ...ACCEL, partNumber: 'nvidia-h100-sxm' }, AS);
    assert.equal(!b.ok && b.error.code, 'CONFLICT');
    assert.equal(listProducts(db, { builtin: false }).length, 0);
    assert.equal(listAudit(db).length, 0);
    const h100 = getProduct(db, 'NVIDIA-H100-SXM');
    assert.ok(h100?.builtin);
    assert.equal(h100.tppPerUnit, 15832);
    assert.match(h100.source, /SemiAnalysis/);
  });

  test('CSV export imports back unchanged; a bad file names row and column and stores nothing', (t) => {
    const { db } = tempDb(t);
    assert.ok(addProduct(db, { ...ACCEL, note: '=HYPERLINK("x")' }, AS).ok);
    assert.ok(addProduct(db, { partNumber: 'ACME-S8', kind: 'computer', ics: [{ count: 8, tppPerUnit: 5200, performanceDensity: 6.4 }], source: 'Acme S8 spec sheet' }, AS).ok);
    const csv = exportCatalogueCsv(listProducts(db));
    assert.ok(csv.startsWith('\uFEFFpartNumber,version,builtin'));
    assert.match(csv, /,"'=HYPERLINK\(""x""\)",/); // neutralised formula text
    assert.match(csv, /nvidia-h100-sxm,1,TRUE/);
    const round = importCatalogueCsv(db, csv.replace(`'=HYPERLINK`, '=HYPERLINK'), AS);
    assert.ok(round.ok, !round.ok ? JSON.stringify(round.error.issues) : '');
    assert.deepEqual(round.value, { added: 0, changed: 0, unchanged: 2 });

    const before = listAudit(db).length;
    const bad = 'partNumber,kind,tppPerUnit,source\r\nNEW-1,ic,12k,sheet\r\nNEW-2,gpu,100,sheet\r\n';
    const r = importCatalogueCsv(db, bad, AS);
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.error.issues?.map((i) => i.path), ['row 2, column tppPerUnit', 'row 3, column kind']);
    assert.equal(getProduct(db, 'NEW-1'), null);
    assert.equal(listAudit(db).length, before);

    const good = importCatalogueCsv(db, 'partNumber,kind,tppPerUnit,source,datacenter\nNEW-1,ic,"12,000",sheet,yes\nACME-X100,ic,5300,datasheet rev D,\n', AS);
    assert.ok(good.ok);
    assert.deepEqual(good.value, { added: 1, changed: 1, unchanged: 0 });
    assert.equal(getProduct(db, 'NEW-1')?.tppPerUnit, 12000);
    assert.equal(getProduct(db, 'ACME-X100')?.version, 2);
    assert.equal(listAudit(db, { action: 'products.imported' }).length, 1);
  });

  test('a case naming a part number is filled from the catalogue and keeps the version it used', (t) => {
    const { db } = tempDb(t);
    installBuiltinPacks(db, 'test');
    assert.ok(addProduct(db, ACCEL, AS).ok);
    const r1 = evaluateAndRecord(db, caseFor('acme-x100'), { actor: 'test' });
    assert.ok(r1.ok, !r1.ok ? JSON.stringify(r1.error.errors) : '');
    const sha1 = r1.value.determination.caseSha256;
    const stored = getCaseBySha256(db, sha1)!;
    assert.equal(stored.document.items[0].tppPerUnit, 5200);
    assert.equal(stored.document.items[0].kind, 'ic');
    assert.deepEqual(itemProductsFor(db, sha1).map((u) => [u.partNumber, u.version, u.builtin]), [['ACME-X100', 1, false]]);

    assert.ok(editProduct(db, { ...ACCEL, tppPerUnit: 5600 }, AS).ok);
    const r2 = evaluateAndRecord(db, caseFor('ACME-X100'), { actor: 'test' });
    assert.ok(r2.ok);
    const sha2 = r2.value.determination.caseSha256;
    assert.notEqual(sha2, sha1);
    assert.equal(getCaseBySha256(db, sha2)!.document.items[0].tppPerUnit, 5600);
    assert.equal(itemProductsFor(db, sha2)[0].version, 2);
    // The first case still says version 1 and 5200.
    assert.equal(itemProductsFor(db, sha1)[0].version, 1);
    assert.equal(getCaseBySha256(db, sha1)!.document.items[0].tppPerUnit, 5200);

    // A given field wins, and the disagreement is a warning in every mode.
    const r3 = evaluateAndRecord(db, caseFor('ACME-X100', { tppPerUnit: 6000 }), { actor: 'test' });
    assert.ok(r3.ok);
    for (const e of r3.value.determination.evaluations) assert.ok(e.warnings.some((w) => /items\[0\]\.tppPerUnit: the case gives 6000 but catalogue entry ACME-X100 v2 says 5600/.test(w)));

    // Built-in chip by part number.
    const r4 = evaluateAndRecord(db, caseFor('nvidia-h100-sxm'), { actor: 'test' });
    assert.ok(r4.ok);
    assert.equal(r4.value.determination.evaluations[0].items[0].eccn, '3A090.a');
    assert.deepEqual(itemProductsFor(db, r4.value.determination.caseSha256).map((u) => [u.version, u.builtin]), [[1, true]]);
  });

  test('an unknown part number is an error at its JSON path and nothing is stored', (t) => {
    const { db } = tempDb(t);
    installBuiltinPacks(db, 'test');
    const before = listAudit(db).length;
    const r = evaluateAndRecord(db, caseFor('NOPE-1'), { actor: 'test' });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.error.errors.map((e) => e.path), ['$.items[0].partNumber']);
    assert.match(!r.ok ? r.error.errors[0].message : '', /unknown part number "NOPE-1"/);
    assert.equal(listAudit(db).length, before);
  });
});
