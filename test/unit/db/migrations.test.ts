import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  BUSY_TIMEOUT_MS,
  LATEST_VERSION,
  MIGRATIONS,
  openDatabase,
  openDatabaseOrThrow,
  schemaVersion,
  verifyAuditChain,
  type Db,
} from '../../../main/core/db/index';
import { AS, caseSha, evaluatedCase, sampleCase, tempDir } from './helpers';
import { ledgerFor, listCases, saveCase } from '../../../main/core/db/index';

const SNAPSHOT = join(import.meta.dirname, 'schema.snapshot.sql');

function schemaSql(db: Db): string {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { sql: string }[];
  return `${rows.map((r) => `${r.sql.replace(/[ \t]+$/gm, '')};`).join('\n\n')}\n`;
}

function tables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

test('migrations are numbered 1..N without gaps', () => {
  assert.deepEqual(
    MIGRATIONS.map((m) => m.version),
    MIGRATIONS.map((_, i) => i + 1),
  );
  assert.equal(LATEST_VERSION, MIGRATIONS.length);
});

test('opening creates the folder, applies every migration and sets durable pragmas', (t) => {
  const file = join(tempDir(t), 'a', 'b', 'tierline.sqlite');
  const db = openDatabaseOrThrow(file);
  t.after(() => db.close());
  assert.ok(existsSync(file));
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous=FULL');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('busy_timeout', { simple: true }), BUSY_TIMEOUT_MS);
  assert.deepEqual(tables(db), [
    'audit_log',
    'case_item_products',
    'cases',
    'cases_search',
    'cases_search_config',
    'cases_search_data',
    'cases_search_docsize',
    'cases_search_idx',
    'determination_parts',
    'determinations',
    'items',
    'letters',
    'license_drawdowns',
    'license_items',
    'licenses',
    'list_entries',
    'list_index',
    'list_names',
    'list_snapshots',
    'list_token_deletes',
    'pack_deactivations',
    'parties',
    'products',
    'rule_packs',
    'screening_decisions',
    'screening_settings',
    'shipments',
    'signing_identity',
    'trusted_keys',
  ]);
});

for (const m of MIGRATIONS) {
  test(`migration ${String(m.version).padStart(4, '0')}-${m.name} applies on a real file with the earlier data in place`, (t) => {
    const file = join(tempDir(t), 'tierline.sqlite');
    const before = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, m.version - 1) });
    assert.equal(schemaVersion(before), m.version - 1);
    let caseId: number | undefined;
    if (m.version > 1) caseId = evaluatedCase(before).caseId;
    const tablesBefore = tables(before);
    const schemaBefore = schemaSql(before);
    before.close();

    const after = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, m.version) });
    t.after(() => after.close());
    assert.equal(schemaVersion(after), m.version);
    // A migration either changes the schema or (re)enters the stored records into the audit chain.
    if (!m.reseal) assert.notEqual(schemaSql(after), schemaBefore, 'the migration changes the schema');
    if (m.version >= 9) assert.equal(verifyAuditChain(after).ok, true, 'the records agree with the audit chain');
    for (const name of tablesBefore) assert.ok(tables(after).includes(name));
    if (caseId !== undefined) {
      assert.equal(after.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(caseId), 1);
      assert.equal(after.prepare('SELECT count(*) FROM determinations').pluck().get(), 1);
    }
    assert.equal(after.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(after.pragma('foreign_key_check'), []);
  });
}

test('a failing migration leaves the database at the previous version', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const broken = [
    ...MIGRATIONS,
    {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (db: Db) => {
        db.exec('CREATE TABLE half_done (x)');
        db.exec('THIS IS NOT SQL');
      },
    },
  ];
  const r = openDatabase(file, { migrations: broken });
  assert.equal(r.ok, false);
  const db = openDatabaseOrThrow(file);
  t.after(() => db.close());
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.ok(!tables(db).includes('half_done'));
});

test('a database from a newer Tierline is refused, untouched', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const raw = new Database(file);
  raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
  raw.close();
  const r = openDatabase(file);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'DB_TOO_NEW');
    assert.match(r.error.message, /newer Tierline/);
  }
  const check = new Database(file);
  assert.equal(check.pragma('user_version', { simple: true }), LATEST_VERSION + 1);
  assert.deepEqual(tables(check), []);
  check.close();
});

test('opening twice is a no-op for the schema and keeps the data', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const a = openDatabaseOrThrow(file);
  const doc = sampleCase();
  assert.ok(saveCase(a, doc, caseSha(doc), AS).ok);
  a.close();
  const b = openDatabaseOrThrow(file);
  t.after(() => b.close());
  assert.equal(b.prepare('SELECT count(*) FROM cases').pluck().get(), 1);
});

test('the schema matches its snapshot (a schema change must be deliberate)', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const db = openDatabaseOrThrow(file);
  t.after(() => db.close());
  const sql = schemaSql(db);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(SNAPSHOT)) writeFileSync(SNAPSHOT, sql);
  assert.equal(sql, readFileSync(SNAPSHOT, 'utf8'), 'run with UPDATE_SNAPSHOTS=1 after adding a migration');
});

test('migration 0004 indexes the cases stored before it for search', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const before = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, 3) });
  const { caseId } = evaluatedCase(before, { reference: 'OLD-REFERENCE-42' });
  before.close();
  const after = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, 4) });
  t.after(() => after.close());
  assert.deepEqual(listCases(after, { search: 'reference-42' }).rows.map((r) => r.id), [caseId]);
});

test('a file that is not a database, or a folder that cannot be made, is a typed error', (t) => {
  const dir = tempDir(t);
  const garbage = join(dir, 'garbage.sqlite');
  writeFileSync(garbage, 'this is not a SQLite database, just some text that is long enough to look like a header');
  const r = openDatabase(garbage);
  assert.ok(!r.ok && r.error.code === 'DB_OPEN_FAILED', JSON.stringify(r));
  const blocked = join(dir, 'a-file');
  writeFileSync(blocked, 'x');
  const r2 = openDatabase(join(blocked, 'sub', 'tierline.sqlite'));
  assert.ok(!r2.ok && r2.error.code === 'DB_OPEN_FAILED', JSON.stringify(r2));
});

test('migration 0005 rebuilds the ledger with every shipment in place and makes it append-only', (t) => {
  const file = join(tempDir(t), 'tierline.sqlite');
  const before = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, 4) });
  const { caseId } = evaluatedCase(before, {}, ['AIA', 'LPP']);
  // Rows as the version-4 code wrote them (today's repository code already expects version 5).
  const ins = before.prepare(
    `INSERT INTO shipments (ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx, import_sha256, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00.000Z')`,
  );
  ins.run('2025-06-02', 'DE', 'Example Compute GmbH', 'example compute gmbh', 38400, 'AIA', 'recorded', caseId, 0, null);
  ins.run('2025-06-02', 'DE', 'Example Compute GmbH', 'example compute gmbh', 76800, 'LPP', 'recorded', caseId, 1, null);
  ins.run('2025-01-02', 'DE', 'Alpha AG', 'alpha ag', 7, 'LPP', 'imported', null, null, 'b'.repeat(64));
  const rows = before.prepare('SELECT id, ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx, import_sha256, created_at FROM shipments ORDER BY id').all();
  before.close();
  const after = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, 5) });
  t.after(() => after.close());
  assert.deepEqual(after.prepare('SELECT id, ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx, import_sha256, created_at FROM shipments ORDER BY id').all(), rows);
  assert.equal(rows.length, 3);
  assert.equal(ledgerFor(after).lppUsed('alpha ag', '2025-01-01', '2025-12-31'), 7);
  assert.equal(ledgerFor(after, { excludeCaseId: caseId }).installedUnder('AIA', 'example compute gmbh', null, '2025-12-31'), 0);
  assert.throws(() => after.prepare('DELETE FROM shipments').run(), /never deleted/);
  assert.deepEqual(after.pragma('foreign_key_check'), []);
});

test('migration 0011 stores existing determinations compactly: each exports byte for byte as before and the chain still verifies', async (t) => {
  const { installBuiltinPacks, activePacks } = await import('../../../main/core/services/packs');
  const { evaluateAndRecordMany } = await import('../../../main/core/services/evaluate');
  const { generateCases } = await import('../../../bench/generate');
  const { getDetermination } = await import('../../../main/core/db/index');
  const scenarios = (JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/scenarios.json'), 'utf8')) as { scenarios: { case: unknown }[] }).scenarios;
  const file = join(tempDir(t), 'tierline.sqlite');
  const before = openDatabaseOrThrow(file, { migrations: MIGRATIONS.slice(0, 10) });
  installBuiltinPacks(before, 'test');
  const docs = [...new Map([...scenarios.map((s) => s.case), ...generateCases(300, 11)].map((d) => [JSON.stringify(d), d])).values()];
  const r = evaluateAndRecordMany(before, docs, { actor: 'test', packs: activePacks(before), today: '2026-01-01' });
  assert.ok(r.ok, JSON.stringify(r));
  const old = before.prepare('SELECT id, document FROM determinations ORDER BY id').raw().all() as [number, string][];
  before.close();

  const after = openDatabaseOrThrow(file);
  t.after(() => after.close());
  const v = verifyAuditChain(after);
  assert.ok(v.ok, JSON.stringify(v));
  let oldBytes = 0;
  let newBytes = 0;
  for (const [id, text] of old) {
    assert.equal(JSON.stringify(getDetermination(after, id)!.document), text, `determination ${id} exports as before`);
    oldBytes += text.length;
    newBytes += (after.prepare('SELECT document FROM determinations WHERE id = ?').pluck().get(id) as string).length;
  }
  newBytes += after.prepare('SELECT sum(length(value)) FROM determination_parts').pluck().get() as number;
  t.diagnostic(`${old.length} determinations: ${oldBytes} bytes before, ${newBytes} after (documents and parts)`);
  assert.ok(newBytes * 3 < oldBytes, `${newBytes} * 3 < ${oldBytes}`);
  // the guarantees stay: determinations and their parts are never changed or deleted
  assert.throws(() => after.prepare("UPDATE determinations SET actor = 'x' WHERE id = 1").run(), /immutable/);
  assert.throws(() => after.prepare('DELETE FROM determinations WHERE id = 1').run(), /immutable/);
  assert.throws(() => after.prepare("UPDATE determination_parts SET value = '1' WHERE id = 1").run(), /immutable/);
  assert.throws(() => after.prepare('DELETE FROM determination_parts WHERE id = 1').run(), /never deleted/);
  assert.deepEqual(after.pragma('foreign_key_check'), []);
});
