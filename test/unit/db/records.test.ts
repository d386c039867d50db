// The tamper table: a real store holding every kind of record, copied, changed directly in the SQLite
// file with the guard triggers dropped (as an attacker with the file would), then verified. Every row
// must be reported with its table, its record and the first audit entry that no longer matches.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import {
  addLicense,
  deactivatePack,
  addProduct,
  allEntries,
  entrySha256,
  recordScreeningDecisions,
  setScreeningSettings,
  addTrustedKey,
  reverseShipment,
  appendAudit,
  importShipments,
  insertLetter,
  insertPack,
  listAudit,
  MIGRATIONS,
  nextLetterNumber,
  openDatabaseOrThrow,
  RECORD_KINDS,
  recordShipment,
  removeTrustedKey,
  saveCase,
  setCaseArchived,
  setSigningIdentity,
  UNCHAINED_TABLES,
  verifyAuditChain,
  voidLetter,
  getDetermination,
  canonicalSha256,
  sha256Hex,
  type Db,
} from '../../../main/core/db/index';
import { importListFile } from '../../../main/core/screening/service';
import { FULL_CSV } from '../../support/csl';
import { readFileSync } from 'node:fs';
import { AS, caseSha, evaluatedCase, sampleCase, samplePackJson, tempDb, tempDir } from './helpers';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const CSV = 'date,destination,consignee,tpp,authorization\n2025-03-01,DE,Old Customer GmbH,1000,NLR\n2025-04-01,FR,Autre SA,2000,LPP\n';

interface Store {
  db: Db;
  file: string;
  dir: string;
  ids: { shippedCase: number; otherCase: number; importSha: string; letter: string; voided: string; usedSha: string; licenseId: number; snapshot: number; decision: number };
}

/** One store with at least one record of every kind, every write made through the repositories. */
function fullStore(t: TestContext): Store {
  const { db, file, dir } = tempDb(t);
  assert.ok(insertPack(db, samplePackJson(), AS).ok);
  // a second version, taken out of use by the officer (the first is active again)
  assert.ok(insertPack(db, samplePackJson({ version: 2 }), AS).ok);
  assert.ok(deactivatePack(db, { id: 'bis.ai-diffusion', version: 2, reason: 'wrong cap table' }, AS).ok);
  const shipped = evaluatedCase(db);
  const other = evaluatedCase(db, { reference: 'PO-2002', destination: 'FR' });
  assert.ok(recordShipment(db, { caseId: shipped.caseId }, AS).ok);
  const imp = importShipments(db, CSV, { ...AS, fileName: 'history.csv' });
  assert.ok(imp.ok);
  const letter = (caseId: number, determinationId: number, n: number) => {
    const r = insertLetter(
      db,
      { number: nextLetterNumber(db, 2026), caseId, determinationId, pdf: Buffer.from(`%PDF-1.7 letter ${n}`), officer: 'J. Officer', issuedAt: '2026-02-01T10:00:00.000Z' },
      AS,
    );
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  const l1 = letter(shipped.caseId, shipped.determinationId, 1);
  const l2 = letter(other.caseId, other.determinationId, 2);
  assert.ok(voidLetter(db, l2.id, 'issued for the wrong consignee', AS).ok);
  assert.ok(addTrustedKey(db, { fingerprint: 'ab'.repeat(16), subject: 'Other Office', pem: PEM }, AS).ok);
  assert.ok(addTrustedKey(db, { fingerprint: 'cd'.repeat(16), subject: 'Old Office', pem: PEM }, AS).ok);
  assert.ok(removeTrustedKey(db, 'cd'.repeat(16), AS).ok);
  assert.ok(setSigningIdentity(db, { p12: Buffer.from('sealed identity record'), certificatePem: PEM, fingerprint: 'ef'.repeat(32) }, AS).ok);
  assert.ok(setCaseArchived(db, other.caseId, true, AS).ok);
  const product = addProduct(db, { partNumber: 'ACME-X1', kind: 'ic', eccn: '3A090.a', tppPerUnit: 4800, source: 'datasheet' }, AS);
  assert.ok(product.ok);
  const importedRow = db.prepare("SELECT id FROM shipments WHERE source = 'imported' ORDER BY id LIMIT 1").pluck().get() as number;
  assert.ok(reverseShipment(db, { shipmentId: importedRow, reason: 'duplicate of an earlier row' }, AS).ok);
  const usedDoc = sampleCase({ reference: 'PO-3003' });
  const used = { sha: caseSha(usedDoc) };
  const usedSave = saveCase(db, usedDoc, used.sha, { ...AS, usedProducts: [{ idx: 0, partNumber: 'ACME-X1', version: 1, builtin: false, sha256: product.value.sha256 }] });
  assert.ok(usedSave.ok && usedSave.value.created);
  // a license, and a shipment under it that draws it down
  const license = addLicense(
    db,
    {
      format: 'tierline.license/1',
      number: 'D1234567',
      issued: '2025-05-01',
      expires: '2025-12-31',
      applicant: { name: 'Tierline Exports Inc.', country: 'US' },
      consignee: { name: 'Example Compute GmbH', country: 'DE' },
      endUser: { name: 'Example Compute GmbH', country: 'DE' },
      destination: 'DE',
      items: [{ eccn: '3A090.a', description: 'accelerator ICs', quantity: 20, tppLimit: 96_000 }],
    },
    AS,
  );
  assert.ok(license.ok, JSON.stringify(license));
  const licensed = evaluatedCase(db, { reference: 'PO-4004', items: [{ description: 'accelerator', kind: 'ic', eccn: '3A090.a', quantity: 5, tppPerUnit: 4800 }] }, ['LICENSE']);
  const drawn = recordShipment(db, { caseId: licensed.caseId, licenseNumber: 'D1234567' }, AS);
  assert.ok(drawn.ok, JSON.stringify(drawn));
  // a screening list snapshot, the settings, and an officer's decision on one of its entries
  const list = importListFile(db, { bytes: readFileSync(FULL_CSV), fileName: 'full-columns.csv', date: '2026-07-30' }, AS);
  assert.ok(list.ok, JSON.stringify(list));
  const snapshot = db.prepare('SELECT max(id) FROM list_snapshots').pluck().get() as number;
  assert.ok(setScreeningSettings(db, { maxAgeDays: 30 }, AS).ok);
  const entry = allEntries(db, snapshot)[0];
  const decided = recordScreeningDecisions(
    db,
    [{ partyKey: 'example compute gmbh', partyName: 'Example Compute GmbH', listCode: entry.list, entryId: entry.id, entrySha256: entrySha256(entry), verdict: 'cleared', reason: 'different address and country', snapshotId: snapshot, caseId: licensed.caseId }],
    AS,
  );
  assert.ok(decided.ok, JSON.stringify(decided));
  const v = verifyAuditChain(db);
  assert.ok(v.ok, JSON.stringify(v));
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, file, dir, ids: { shippedCase: shipped.caseId, otherCase: other.caseId, importSha: imp.value.importSha256, letter: l1.number, voided: l2.number, usedSha: used.sha, licenseId: license.value.id, snapshot, decision: decided.value[0].id } };
}

let copies = 0;
/** A copy of the store file, opened raw with every trigger dropped, changed by `sql`. */
function tampered(t: TestContext, s: Store, sql: string): Db {
  const copy = join(s.dir, `tampered-${++copies}.sqlite`);
  copyFileSync(s.file, copy);
  const db = new Database(copy);
  t.after(() => db.close());
  // an attacker with the file is not bound by foreign keys, CHECKs or triggers
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) {
    if (!name.startsWith('cases_search')) db.exec(`DROP TRIGGER ${name}`);
  }
  db.exec(sql);
  return db;
}

/** The last audit entry that recorded `ref`: the one a changed or deleted record no longer matches. */
function lastEntryFor(db: Db, ref: string): number {
  const entries = listAudit(db, { order: 'desc', limit: 10_000 }).filter((e) => {
    const r = e.details.records as Record<string, string> | undefined;
    return r !== undefined && ref in r;
  });
  assert.ok(entries.length, `some entry records ${ref}`);
  return entries[0].seq;
}

interface Row {
  what: string;
  sql: (s: Store) => string;
  table: string;
  record: (s: Store) => string;
  change: 'changed' | 'deleted' | 'inserted';
}

const ROWS: Row[] = [
  // rule packs
  { what: 'a rule pack edited', sql: () => "UPDATE rule_packs SET coverage_from = '2099-01-01' WHERE version = 1", table: 'rule_packs', record: () => 'pack:bis.ai-diffusion@1', change: 'changed' },
  { what: "a rule pack's signed text edited", sql: () => "UPDATE rule_packs SET signed_json = json_set(signed_json, '$.title', 'x') WHERE version = 1", table: 'rule_packs', record: () => 'pack:bis.ai-diffusion@1', change: 'changed' },
  { what: 'a rule pack deleted', sql: () => 'DELETE FROM rule_packs WHERE version = 1', table: 'rule_packs', record: () => 'pack:bis.ai-diffusion@1', change: 'deleted' },
  {
    what: 'a rule pack inserted',
    sql: () => 'INSERT INTO rule_packs SELECT id, 3, mode, title, issued, coverage_from, sha256, key_id, signed_json, imported_at FROM rule_packs WHERE version = 1',
    table: 'rule_packs',
    record: () => 'pack:bis.ai-diffusion@3',
    change: 'inserted',
  },
  // pack deactivations: un-deactivating a bad version behind the officer's back, or taking a good one out
  { what: "a pack deactivation's reason edited", sql: () => "UPDATE pack_deactivations SET reason = 'routine'", table: 'pack_deactivations', record: () => 'pack-deactivation:bis.ai-diffusion@2', change: 'changed' },
  { what: 'a pack deactivation deleted (the bad version active again)', sql: () => 'DELETE FROM pack_deactivations', table: 'pack_deactivations', record: () => 'pack-deactivation:bis.ai-diffusion@2', change: 'deleted' },
  {
    what: 'a pack deactivation inserted',
    sql: () => "INSERT INTO pack_deactivations VALUES ('bis.ai-diffusion', 1, 'x', 'cli', '2026-01-01T00:00:00.000Z')",
    table: 'pack_deactivations',
    record: () => 'pack-deactivation:bis.ai-diffusion@1',
    change: 'inserted',
  },
  // parties
  { what: "a party's name edited", sql: () => "UPDATE parties SET name = 'Someone Else'", table: 'parties', record: () => 'party:1', change: 'changed' },
  { what: 'a party deleted', sql: () => 'DELETE FROM parties WHERE id = 1', table: 'parties', record: () => 'party:1', change: 'deleted' },
  { what: 'a party inserted', sql: () => "INSERT INTO parties (id, name, name_key, headquarters, ultimate_parent_hq, created_at) VALUES (99, 'X', 'x', 'DE', 'DE', 'x')", table: 'parties', record: () => 'party:99', change: 'inserted' },
  // cases
  { what: "a case's destination edited", sql: (s) => `UPDATE cases SET destination = 'CN' WHERE id = ${s.ids.shippedCase}`, table: 'cases', record: (s) => `case:${s.ids.shippedCase}`, change: 'changed' },
  { what: "a case's document edited (sha256 column left)", sql: (s) => `UPDATE cases SET document = json_set(document, '$.destination', 'CN') WHERE id = ${s.ids.shippedCase}`, table: 'cases', record: (s) => `case:${s.ids.shippedCase}`, change: 'changed' },
  { what: "a case's status edited", sql: (s) => `UPDATE cases SET status = 'draft' WHERE id = ${s.ids.otherCase}`, table: 'cases', record: (s) => `case:${s.ids.otherCase}`, change: 'changed' },
  { what: 'a case deleted', sql: (s) => `DELETE FROM cases WHERE id = ${s.ids.otherCase}`, table: 'cases', record: (s) => `case:${s.ids.otherCase}`, change: 'deleted' },
  {
    what: 'a case inserted',
    sql: (s) => `INSERT INTO cases (id, reference, case_date, destination, status, party_id, item_count, document, sha256, search_text, created_at, updated_at)
      SELECT 77, 'PO-FAKE', case_date, destination, 'draft', party_id, item_count, document, '${'0'.repeat(64)}', search_text, created_at, updated_at FROM cases WHERE id = ${s.ids.otherCase}`,
    table: 'cases',
    record: () => 'case:77',
    change: 'inserted',
  },
  // items
  { what: "an item's quantity edited", sql: (s) => `UPDATE items SET quantity = 1 WHERE case_id = ${s.ids.shippedCase} AND idx = 0`, table: 'items', record: (s) => `items:${s.ids.shippedCase}`, change: 'changed' },
  { what: 'an item deleted', sql: (s) => `DELETE FROM items WHERE case_id = ${s.ids.shippedCase} AND idx = 1`, table: 'items', record: (s) => `items:${s.ids.shippedCase}`, change: 'changed' },
  { what: "all of a case's items deleted", sql: (s) => `DELETE FROM items WHERE case_id = ${s.ids.otherCase}`, table: 'items', record: (s) => `items:${s.ids.otherCase}`, change: 'deleted' },
  { what: 'an item inserted', sql: (s) => `INSERT INTO items (case_id, idx, kind, quantity) VALUES (${s.ids.shippedCase}, 5, 'ic', 1000)`, table: 'items', record: (s) => `items:${s.ids.shippedCase}`, change: 'changed' },
  { what: 'items inserted for a case that had none', sql: () => "INSERT INTO items (case_id, idx, kind, quantity) VALUES (55, 0, 'ic', 1)", table: 'items', record: () => 'items:55', change: 'inserted' },
  // determinations
  { what: "a determination's license_required edited", sql: () => 'UPDATE determinations SET license_required = 1 - license_required WHERE id = 1', table: 'determinations', record: () => 'determination:1', change: 'changed' },
  { what: "a determination's document edited", sql: () => "UPDATE determinations SET document = json_set(document, '$.evaluations[0].licenseRequired', json('true')) WHERE id = 1", table: 'determinations', record: () => 'determination:1', change: 'changed' },
  { what: 'a determination deleted', sql: () => 'DELETE FROM determinations WHERE id = 2', table: 'determinations', record: () => 'determination:2', change: 'deleted' },
  {
    what: 'a determination inserted',
    sql: () => 'INSERT INTO determinations (id, case_id, case_sha256, created_at, as_of, document, pack_refs, license_required, authorizations, actor) SELECT 9, case_id, case_sha256, created_at, as_of, document, pack_refs, 0, authorizations, actor FROM determinations WHERE id = 1',
    table: 'determinations',
    record: () => 'determination:9',
    change: 'inserted',
  },
  // determination parts (determination-parts.ts): the values documents share are part of every determination that names them
  {
    what: "a determination's rule pack reference edited in the parts table",
    sql: () => "UPDATE determination_parts SET value = json_set(value, '$.version', 2) WHERE id = (SELECT json_extract(document, '$.evaluations[0].rulePack') FROM determinations WHERE id = 1)",
    table: 'determinations',
    record: () => 'determination:1',
    change: 'changed',
  },
  {
    what: "a determination's regime status deleted from the parts table",
    sql: () => "DELETE FROM determination_parts WHERE id = (SELECT json_extract(document, '$.evaluations[0].regimeStatus') FROM determinations WHERE id = 1)",
    table: 'determinations',
    record: () => 'determination:1',
    change: 'changed',
  },
  {
    what: 'a part inserted that no determination names',
    sql: () => `INSERT INTO determination_parts (id, hash, value) VALUES (100000, 1, '"an extra step"')`,
    table: 'determination_parts',
    record: () => 'determination_parts:100000',
    change: 'inserted',
  },
  // the ledger: recorded shipments and imported histories
  { what: "a recorded shipment's authorization edited", sql: () => "UPDATE shipments SET authorization = 'NLR' WHERE source = 'recorded' AND item_idx = 0", table: 'shipments', record: (s) => `shipments:${s.ids.shippedCase}`, change: 'changed' },
  { what: "a recorded shipment's TPP edited", sql: () => "UPDATE shipments SET tpp = 1 WHERE source = 'recorded' AND item_idx = 1", table: 'shipments', record: (s) => `shipments:${s.ids.shippedCase}`, change: 'changed' },
  { what: "a case's recorded shipments deleted", sql: () => "DELETE FROM shipments WHERE source = 'recorded'", table: 'shipments', record: (s) => `shipments:${s.ids.shippedCase}`, change: 'deleted' },
  {
    what: 'a recorded shipment inserted',
    sql: (s) => `INSERT INTO shipments (ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx, created_at)
      VALUES ('2025-06-02', 'FR', 'X', 'x', 5, 'NLR', 'recorded', ${s.ids.otherCase}, 0, 'x')`,
    table: 'shipments',
    record: (s) => `shipments:${s.ids.otherCase}`,
    change: 'inserted',
  },
  { what: "an imported shipment's TPP edited", sql: () => "UPDATE shipments SET tpp = 0 WHERE source = 'imported' AND consignee = 'Autre SA'", table: 'shipments', record: (s) => `import:${s.ids.importSha}`, change: 'changed' },
  { what: 'an imported shipment deleted', sql: () => "DELETE FROM shipments WHERE source = 'imported' AND consignee = 'Autre SA'", table: 'shipments', record: (s) => `import:${s.ids.importSha}`, change: 'changed' },
  {
    what: 'an imported history inserted',
    sql: () => `INSERT INTO shipments (ship_date, destination, consignee, consignee_key, tpp, authorization, source, import_sha256, created_at)
      VALUES ('2025-01-20', 'DE', 'Y', 'y', 9, 'NLR', 'imported', '${'9'.repeat(64)}', 'x')`,
    table: 'shipments',
    record: () => `import:${'9'.repeat(64)}`,
    change: 'inserted',
  },
  { what: 'a reversing entry deleted', sql: () => "DELETE FROM shipments WHERE source = 'reversal'", table: 'shipments', record: (s) => `import:${s.ids.importSha}`, change: 'changed' },
  // the product catalogue
  { what: "a catalogue entry's TPP edited", sql: () => 'UPDATE products SET tpp_per_unit = 1', table: 'products', record: () => 'product:1', change: 'changed' },
  { what: 'a catalogue entry deleted', sql: () => 'DELETE FROM products', table: 'products', record: () => 'product:1', change: 'deleted' },
  {
    what: 'a catalogue version inserted',
    sql: () => 'INSERT INTO products (id, part_number, part_key, version, kind, source, sha256, created_at, actor) SELECT 5, part_number, part_key, 2, kind, source, sha256, created_at, actor FROM products',
    table: 'products',
    record: () => 'product:5',
    change: 'inserted',
  },
  { what: "the catalogue version an item used edited", sql: () => 'UPDATE case_item_products SET version = 2', table: 'case_item_products', record: (s) => `products-used:${s.ids.usedSha}`, change: 'changed' },
  { what: "an item's catalogue link deleted", sql: () => 'DELETE FROM case_item_products', table: 'case_item_products', record: (s) => `products-used:${s.ids.usedSha}`, change: 'deleted' },
  // licenses, their lines and what shipments drew on them
  { what: "a license's expiry extended", sql: () => "UPDATE licenses SET expires = '2030-12-31'", table: 'licenses', record: () => 'license:D1234567', change: 'changed' },
  { what: "a license's document edited (sha256 column left)", sql: () => "UPDATE licenses SET document = json_set(document, '$.expires', '2030-12-31')", table: 'licenses', record: () => 'license:D1234567', change: 'changed' },
  { what: 'a license deleted', sql: () => 'DELETE FROM licenses', table: 'licenses', record: () => 'license:D1234567', change: 'deleted' },
  {
    what: 'a license inserted',
    sql: () => "INSERT INTO licenses (number, issued, expires, destination, end_user_key, consignee_key, document, sha256, created_at) SELECT 'D7654321', issued, expires, destination, end_user_key, consignee_key, document, sha256, created_at FROM licenses",
    table: 'licenses',
    record: () => 'license:D7654321',
    change: 'inserted',
  },
  { what: "a license line's quantity raised", sql: () => 'UPDATE license_items SET quantity = 2000', table: 'license_items', record: (s) => `license-items:${s.ids.licenseId}`, change: 'changed' },
  { what: "a license's lines deleted", sql: () => 'DELETE FROM license_items', table: 'license_items', record: (s) => `license-items:${s.ids.licenseId}`, change: 'deleted' },
  { what: 'a license line inserted', sql: (s) => `INSERT INTO license_items VALUES (${s.ids.licenseId}, 1, '3A090.a', 500, NULL, NULL)`, table: 'license_items', record: (s) => `license-items:${s.ids.licenseId}`, change: 'changed' },
  { what: "a drawdown's quantity lowered", sql: () => 'UPDATE license_drawdowns SET quantity = 1', table: 'license_drawdowns', record: (s) => `drawdowns:${s.ids.licenseId}`, change: 'changed' },
  { what: 'a drawdown deleted (license credit restored)', sql: () => 'DELETE FROM license_drawdowns', table: 'license_drawdowns', record: (s) => `drawdowns:${s.ids.licenseId}`, change: 'deleted' },
  { what: 'a drawdown inserted on a license never drawn', sql: () => 'INSERT INTO license_drawdowns (license_id, item_idx, shipment_id, quantity, tpp) VALUES (42, 0, 1, 1, 1)', table: 'license_drawdowns', record: () => 'drawdowns:42', change: 'inserted' },
  // screening: list snapshots, their entries and index, settings, decisions
  { what: "a list snapshot's date edited", sql: () => "UPDATE list_snapshots SET list_date = '2030-01-01'", table: 'list_snapshots', record: (s) => `list:${s.ids.snapshot}`, change: 'changed' },
  { what: 'a list snapshot deleted', sql: () => 'DELETE FROM list_snapshots', table: 'list_snapshots', record: (s) => `list:${s.ids.snapshot}`, change: 'deleted' },
  { what: 'a list snapshot inserted', sql: () => `INSERT INTO list_snapshots (id, sha256, list_date, file_name, format, entry_count, sources, imported_at, imported_by) SELECT 9, '${'8'.repeat(64)}', list_date, file_name, format, entry_count, sources, imported_at, imported_by FROM list_snapshots`, table: 'list_snapshots', record: () => 'list:9', change: 'inserted' },
  { what: "a listed party's name edited", sql: () => "UPDATE list_entries SET name = 'Nobody' WHERE idx = 0", table: 'list_entries', record: (s) => `list-entries:${s.ids.snapshot}`, change: 'changed' },
  { what: 'a listed party deleted', sql: () => 'DELETE FROM list_entries WHERE idx = 0', table: 'list_entries', record: (s) => `list-entries:${s.ids.snapshot}`, change: 'changed' },
  { what: "a listed party's name form deleted (match suppressed)", sql: () => 'DELETE FROM list_names WHERE form_id = 0', table: 'list_names', record: (s) => `list-names:${s.ids.snapshot}`, change: 'changed' },
  { what: 'a typo-neighbourhood row deleted', sql: () => 'DELETE FROM list_token_deletes WHERE (key, token_id) = (SELECT key, token_id FROM list_token_deletes LIMIT 1)', table: 'list_token_deletes', record: (s) => `list-deletes:${s.ids.snapshot}`, change: 'changed' },
  { what: "the list's search index replaced", sql: () => "UPDATE list_index SET data = x'00'", table: 'list_index', record: (s) => `list-index:${s.ids.snapshot}`, change: 'changed' },
  { what: 'the screening maximum list age raised', sql: () => "UPDATE screening_settings SET value = '3650'", table: 'screening_settings', record: () => 'screening-setting:maxAgeDays', change: 'changed' },
  { what: "a screening decision's verdict flipped", sql: () => "UPDATE screening_decisions SET verdict = 'confirmed'", table: 'screening_decisions', record: (s) => `screening-decision:${s.ids.decision}`, change: 'changed' },
  { what: 'a screening decision deleted', sql: () => 'DELETE FROM screening_decisions', table: 'screening_decisions', record: (s) => `screening-decision:${s.ids.decision}`, change: 'deleted' },
  {
    what: 'a screening decision inserted (a match cleared)',
    sql: () => 'INSERT INTO screening_decisions (id, party_key, party_name, list_code, entry_id, entry_sha256, verdict, reason, snapshot_id, decided_by, decided_at) SELECT 50, party_key, party_name, list_code, entry_id, entry_sha256, verdict, reason, snapshot_id, decided_by, decided_at FROM screening_decisions',
    table: 'screening_decisions',
    record: () => 'screening-decision:50',
    change: 'inserted',
  },
  // letters and their status
  { what: 'a void letter set back to issued', sql: (s) => `UPDATE letters SET status = 'issued', void_reason = NULL, status_changed_at = NULL WHERE number = '${s.ids.voided}'`, table: 'letters', record: (s) => `letter:${s.ids.voided}`, change: 'changed' },
  { what: "a void letter's reason edited", sql: (s) => `UPDATE letters SET void_reason = 'typo' WHERE number = '${s.ids.voided}'`, table: 'letters', record: (s) => `letter:${s.ids.voided}`, change: 'changed' },
  { what: 'an issued letter voided directly', sql: (s) => `UPDATE letters SET status = 'void', void_reason = 'x', status_changed_at = 'x' WHERE number = '${s.ids.letter}'`, table: 'letters', record: (s) => `letter:${s.ids.letter}`, change: 'changed' },
  { what: "a letter's PDF replaced (pdf_sha256 left)", sql: (s) => `UPDATE letters SET pdf = x'255044462d312e37' WHERE number = '${s.ids.letter}'`, table: 'letters', record: (s) => `letter:${s.ids.letter}`, change: 'changed' },
  { what: 'a letter deleted', sql: (s) => `DELETE FROM letters WHERE number = '${s.ids.letter}'`, table: 'letters', record: (s) => `letter:${s.ids.letter}`, change: 'deleted' },
  {
    what: 'a letter inserted',
    sql: (s) => `INSERT INTO letters (number, year, seq, case_id, determination_id, pdf_sha256, pdf, issued_at, officer)
      SELECT 'TL-2026-000003', 2026, 3, case_id, determination_id, pdf_sha256, pdf, issued_at, officer FROM letters WHERE number = '${s.ids.letter}'`,
    table: 'letters',
    record: () => 'letter:TL-2026-000003',
    change: 'inserted',
  },
  // trust list and signing identity
  { what: 'a removed trusted key restored', sql: () => `UPDATE trusted_keys SET removed_at = NULL WHERE fingerprint = '${'cd'.repeat(16)}'`, table: 'trusted_keys', record: () => `key:${'cd'.repeat(16)}`, change: 'changed' },
  { what: "a trusted key's certificate replaced", sql: () => `UPDATE trusted_keys SET pem = '${PEM}-----BEGIN CERTIFICATE-----\nX\n' WHERE fingerprint = '${'ab'.repeat(16)}'`, table: 'trusted_keys', record: () => `key:${'ab'.repeat(16)}`, change: 'changed' },
  { what: 'a trusted key deleted', sql: () => `DELETE FROM trusted_keys WHERE fingerprint = '${'ab'.repeat(16)}'`, table: 'trusted_keys', record: () => `key:${'ab'.repeat(16)}`, change: 'deleted' },
  { what: 'a trusted key inserted', sql: () => `INSERT INTO trusted_keys VALUES ('${'12'.repeat(16)}', 'Attacker', '${PEM}', 'x', NULL)`, table: 'trusted_keys', record: () => `key:${'12'.repeat(16)}`, change: 'inserted' },
  { what: "the signing identity's sealed keys replaced", sql: () => "UPDATE signing_identity SET p12 = x'00'", table: 'signing_identity', record: () => 'identity:1', change: 'changed' },
  { what: "the signing identity's certificate replaced", sql: () => `UPDATE signing_identity SET fingerprint = '${'34'.repeat(32)}'`, table: 'signing_identity', record: () => 'identity:1', change: 'changed' },
  { what: 'the signing identity deleted', sql: () => 'DELETE FROM signing_identity', table: 'signing_identity', record: () => 'identity:1', change: 'deleted' },
];

test('tamper table: every record kind edited, deleted or inserted directly is reported with table, record and entry', (t) => {
  const s = fullStore(t);
  for (const row of ROWS) {
    const db = tampered(t, s, row.sql(s));
    const v = verifyAuditChain(db);
    assert.equal(v.ok, false, `${row.what}: not detected`);
    if (v.ok || !('record' in v)) return assert.fail(`${row.what}: expected a record problem, got ${JSON.stringify(v)}`);
    const record = row.record(s);
    assert.equal(v.record.table, row.table, row.what);
    assert.equal(v.record.record, record, `${row.what}: ${v.reason}`);
    assert.equal(v.record.change, row.change, `${row.what}: ${v.reason}`);
    assert.equal(v.seq, row.change === 'inserted' ? null : lastEntryFor(s.db, record), `${row.what}: ${v.reason}`);
    assert.ok(v.reason.includes(row.table) && v.reason.includes(record), v.reason);
    t.diagnostic(`${row.what} → ${v.reason}`);
  }
  // every kind of record is covered by at least one row of the table
  const covered = new Set(ROWS.map((r) => r.record(s).split(':')[0]));
  assert.deepEqual(RECORD_KINDS.map((k) => k.kind).filter((k) => !covered.has(k)), []);
});

test('determinations are stored compactly, exported byte for byte, and a part whose hash key is edited is reported', (t) => {
  const s = fullStore(t);
  const stored = s.db.prepare('SELECT document FROM determinations WHERE id = 1').pluck().get() as string;
  const doc = getDetermination(s.db, 1)!.document;
  const exported = JSON.stringify(doc);
  // the stored form names its shared values by part id; the export is the document the audit chain hashed
  assert.equal(typeof JSON.parse(stored).evaluations[0].rulePack, 'number');
  assert.equal(typeof JSON.parse(stored).evaluations[0].regimeStatus, 'number');
  assert.ok(stored.length < exported.length, `${stored.length} vs ${exported.length}`);
  const entry = listAudit(s.db, { action: 'case.evaluated', order: 'asc', limit: 1 })[0];
  assert.equal(entry.subject, `case:${getDetermination(s.db, 1)!.caseId}`);
  const docHash = canonicalSha256({ kind: 'determination', content: { ...pickDetermination(s.db, 1), documentSha256: sha256Hex(exported) } });
  assert.equal((entry.details.records as Record<string, string>)['determination:1'], docHash);
  const v = verifyAuditChain(tampered(t, s, 'UPDATE determination_parts SET hash = hash + 1 WHERE id = 1'));
  assert.ok(!v.ok && 'record' in v && v.record.table === 'determination_parts' && v.record.change === 'changed', JSON.stringify(v));
});

function pickDetermination(db: Db, id: number): Record<string, unknown> {
  return db.prepare('SELECT id, case_id, case_sha256, created_at, as_of, pack_refs, license_required, authorizations, actor FROM determinations WHERE id = ?').get(id) as Record<string, unknown>;
}

test('tamper table: a store with records but no log is invalid; a cut-off tail is found through its records', (t) => {
  const s = fullStore(t);
  const noLog = verifyAuditChain(tampered(t, s, "DELETE FROM audit_log; DELETE FROM sqlite_sequence WHERE name = 'audit_log'"));
  assert.equal(noLog.ok, false);
  assert.match(noLog.ok ? '' : noLog.reason, /the store holds \d+ record\(s\) but the audit log is empty/);

  const keepLog = verifyAuditChain(tampered(t, s, 'DELETE FROM audit_log'));
  assert.equal(keepLog.ok, false);
  assert.match(keepLog.ok ? '' : keepLog.reason, /entries 1\.\.\d+ were written and are gone/);

  // the last entries and the counter cut together: the records they made are still there
  const head = listAudit(s.db, { limit: 1 })[0].seq;
  const cut = verifyAuditChain(tampered(t, s, `DELETE FROM audit_log WHERE seq > ${head - 3}; UPDATE sqlite_sequence SET seq = ${head - 3} WHERE name = 'audit_log'`));
  assert.equal(cut.ok, false);
  // (a record the cut entries changed no longer matches; one they created is now unrecorded)
  if (!cut.ok && 'record' in cut) assert.ok(['changed', 'inserted'].includes(cut.record.change), cut.reason);
  else assert.fail('found through the records');
});

test('a row of a chained table that no kind of record covers is reported', (t) => {
  const s = fullStore(t);
  const db = tampered(t, s, "UPDATE shipments SET import_sha256 = NULL WHERE source = 'imported' AND consignee = 'Autre SA'");
  const v = verifyAuditChain(db);
  assert.equal(v.ok, false);
  assert.ok(!v.ok && v.reason.includes('shipments'), JSON.stringify(v));
});

test('every table is either a registered record kind or listed as unchained, with the reason', (t) => {
  const { db } = tempDb(t);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const chained = new Set(RECORD_KINDS.map((k) => k.table));
  const unregistered = tables.filter((n) => !chained.has(n) && !(n in UNCHAINED_TABLES));
  assert.deepEqual(unregistered, [], 'register each new table in RECORD_KINDS (main/core/db/records.ts) or, if it holds no records, in UNCHAINED_TABLES');
});

test('normal use keeps every record in step with the chain; repeated writes of the same content verify', (t) => {
  const s = fullStore(t);
  const doc = sampleCase();
  assert.ok(saveCase(s.db, doc, caseSha(doc), AS).ok);
  assert.ok(setCaseArchived(s.db, s.ids.otherCase, false, AS).ok);
  assert.ok(addTrustedKey(s.db, { fingerprint: 'cd'.repeat(16), subject: 'Old Office, again', pem: PEM }, AS).ok);
  const v = verifyAuditChain(s.db);
  assert.ok(v.ok, JSON.stringify(v));
  assert.ok(v.records >= RECORD_KINDS.length);
});

test('records stored before records were chained are sealed into the chain by the migration, once', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const old = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, 4) });
  // what a version-4 store holds: rows, and audit entries that name no record hashes
  old.exec(`INSERT INTO parties (id, name, name_key, headquarters, ultimate_parent_hq, created_at) VALUES (1, 'P', 'p', 'DE', 'DE', 'x');
    INSERT INTO cases (id, case_date, destination, status, party_id, item_count, document, sha256, search_text, created_at, updated_at)
      VALUES (1, '2025-06-02', 'DE', 'draft', 1, 1, '{"items":[{}]}', '${'1'.repeat(64)}', 'p', 'x', 'x');
    INSERT INTO items (case_id, idx, kind, quantity) VALUES (1, 0, 'ic', 4);`);
  appendAudit(old, { action: 'case.created', subject: 'case:1', details: { sha256: '1'.repeat(64) } }, AS);
  old.close();
  const db = openDatabaseOrThrow(file);
  t.after(() => db.close());
  const sealed = listAudit(db, { action: 'store.sealed' });
  assert.equal(sealed.length, 1);
  assert.deepEqual(Object.keys(sealed[0].details.records as object).sort(), ['case:1', 'items:1', 'party:1']);
  // the document does not hash to its sha256 column here (a hand-made row): the seal records what was
  // stored, and the check still finds the inconsistency, so sealing never launders a bad row
  const v = verifyAuditChain(db);
  assert.equal(v.ok, false);
  assert.ok(!v.ok && /no longer hashes to its sha256/.test(v.reason), JSON.stringify(v));
  db.close();
  const again = openDatabaseOrThrow(file);
  assert.equal(listAudit(again, { action: 'store.sealed' }).length, 1, 'sealed once');
  again.close();
});

test('cli: `tierline audit verify` names the table, the record and the first entry that no longer matches (exit 1)', async (t) => {
  const { runCli } = await import('../../support/cli');
  const dir = tempDir(t);
  const db = openDatabaseOrThrow(join(dir, 'tierline.sqlite'));
  const c = evaluatedCase(db);
  const entry = lastEntryFor(db, `determination:${c.determinationId}`);
  db.close();
  const ok = await runCli(['audit', 'verify', '--data-dir', dir]);
  assert.equal(ok.code, 0, ok.stdout.join('\n') + ok.stderr.join('\n'));
  assert.match(ok.stdout[0], /^OK: 2 entries, 4 records match them; head #2 [0-9a-f]{64}$/);
  const raw = new Database(join(dir, 'tierline.sqlite'));
  raw.exec('DROP TRIGGER determinations_no_update');
  raw.prepare('UPDATE determinations SET license_required = 1 WHERE id = ?').run(c.determinationId);
  raw.close();
  const bad = await runCli(['audit', 'verify', '--data-dir', dir]);
  assert.equal(bad.code, 1);
  assert.equal(
    bad.stdout[0],
    `BAD: table determinations, record determination:${c.determinationId}, first bad entry #${entry}: determinations record determination:${c.determinationId} was changed outside Tierline: it no longer matches audit entry ${entry}`,
  );
  const json = await runCli(['audit', 'verify', '--json', '--data-dir', dir]);
  assert.equal(json.code, 1);
  const parsed = JSON.parse(json.stdout[0]) as { ok: boolean; record: { table: string; change: string } };
  assert.deepEqual([parsed.ok, parsed.record.table, parsed.record.change], [false, 'determinations', 'changed']);
});
