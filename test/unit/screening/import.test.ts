// Importing the Consolidated Screening List into a real SQLite file: the whole real list of 2026-07-31 in
// both ITA shapes, the fixture with every column of ITA's full file, refusals that name the row and field
// and change nothing, earlier snapshots kept, the stale-list warning, and the index stored with the
// snapshot so that a new process screens without rebuilding it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { activeSnapshot, allEntries, listAudit, listSnapshots, loadListIndex, openDatabaseOrThrow, screeningSettings, setScreeningSettings, sha256Hex } from '../../../main/core/db';
import { parseCsv, parseJson } from '../../../main/core/screening/csl';
import { INDEX_VERSION } from '../../../main/core/screening/matcher';
import { importListFile, screenNames } from '../../../main/core/screening/service';
import { AS, tempDb } from '../db/helpers';
import { FULL_CSV, FULL_JSON, REAL_CSV_GZ, REAL_LIST_DATE, realCsvBytes, realJsonBytes } from '../../support/csl';

function counts(db: ReturnType<typeof openDatabaseOrThrow>) {
  const one = (sql: string) => (db.prepare(sql).pluck().get() as number);
  return {
    snapshots: one('SELECT count(*) FROM list_snapshots'),
    entries: one('SELECT count(*) FROM list_entries'),
    names: one('SELECT count(*) FROM list_names'),
    deletes: one('SELECT count(*) FROM list_token_deletes'),
    index: one('SELECT count(*) FROM list_index'),
    audit: one('SELECT count(*) FROM audit_log'),
  };
}

describe('the real list of 2026-07-31', () => {
  test('CSV and JSON shapes read to the same 25,921 entries from 12 lists', () => {
    const c = parseCsv(realCsvBytes().toString('utf8'));
    const j = parseJson(realJsonBytes().toString('utf8'));
    assert.ok(c.ok && j.ok);
    assert.equal(c.value.entries.length, 25_921);
    assert.deepEqual(j.value.entries, c.value.entries);
    const by: Record<string, number> = {};
    for (const e of c.value.entries) by[e.list] = (by[e.list] ?? 0) + 1;
    assert.deepEqual(by, { SDN: 19181, EL: 3420, DPL: 1596, DTC: 787, SSI: 286, UVL: 222, ISN: 161, PLC: 78, MEU: 70, CMIC: 68, 'NS-MBS': 51, CAP: 1 });
    const sugon = c.value.entries.find((e) => e.list === 'EL' && e.name === 'Sugon');
    assert.ok(sugon);
    assert.deepEqual(sugon.countries, ['CN']);
    assert.match(sugon.license_requirement ?? '', /For All Items Subject to the EAR/);
  });

  test('import (gzip file as given): one snapshot with the file hash, the list date, every entry, the index stored', (t) => {
    const { db, file } = tempDb(t);
    const r = importListFile(db, { bytes: readFileSync(REAL_CSV_GZ), fileName: 'csl-2026-07-31/consolidated.csv.gz' }, AS);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    const s = r.value.snapshot;
    assert.equal(s.sha256, sha256Hex(realCsvBytes()));
    assert.equal(s.listDate, REAL_LIST_DATE);
    assert.equal(s.entryCount, 25_921);
    assert.equal(s.format, 'csv');
    assert.equal(allEntries(db, s.id).length, 25_921);
    const stored = loadListIndex(db, s.id);
    assert.equal(stored?.version, INDEX_VERSION);
    const audit = listAudit(db, { action: 'list.imported' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].details.sha256, s.sha256);
    db.close();

    // a new process: the stored index answers without a rebuild (the index row is what it reads)
    const db2 = openDatabaseOrThrow(file);
    t.after(() => db2.close());
    const out = screenNames(db2, [{ name: 'Sugon', country: 'CN' }], { today: '2026-08-02' });
    assert.equal(out.list?.sha256, s.sha256);
    assert.equal(out.list?.stale, false);
    assert.deepEqual(out.warnings, []);
    assert.ok(out.results[0].matches.some((m) => m.list === 'EL' && m.name === 'Sugon' && m.decision === 'match'));

    // the same file again is refused and changes nothing
    const before = counts(db2);
    const again = importListFile(db2, { bytes: realCsvBytes(), fileName: 'consolidated.csv', date: '2026-07-31' }, AS);
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.error.code, 'DUPLICATE_IMPORT');
    assert.deepEqual(counts(db2), before);

    // a list older than the maximum age makes every screening say so, with its date
    const stale = screenNames(db2, [{ name: 'Apple Inc.' }], { today: '2026-09-15' });
    assert.equal(stale.list?.stale, true);
    assert.match(stale.warnings[0], /list is of 2026-07-31, 46 days old \(more than 30\)/);
    assert.ok(setScreeningSettings(db2, { maxAgeDays: 60 }, AS).ok);
    assert.equal(screeningSettings(db2).maxAgeDays, 60);
    assert.equal(screenNames(db2, [{ name: 'Apple Inc.' }], { today: '2026-09-15' }).list?.stale, false);
    assert.equal(setScreeningSettings(db2, { maxAgeDays: 0 }, AS).ok, false);
  });
});

describe('the fixture with every column of ITA full file', () => {
  test('CSV and JSON: every column read and kept', () => {
    const c = parseCsv(readFileSync(FULL_CSV, 'utf8'));
    const j = parseJson(readFileSync(FULL_JSON, 'utf8'));
    assert.ok(c.ok && j.ok);
    assert.equal(j.value.statedDate, '2026-07-31');
    assert.equal(c.value.entries.length, 4);
    const [el, dpl, vessel, person] = j.value.entries;
    assert.equal(el.addresses[0].city, 'Shenzhen');
    assert.deepEqual(el.countries, ['CN', 'HK']);
    assert.equal(el.start_date, '2024-12-05');
    assert.deepEqual(el.alt_names, ['ExaCompute Technology Limited', 'Shenzhen ExaCompute']);
    assert.equal(dpl.standard_order, 'Y');
    assert.equal(dpl.end_date, '2033-02-21');
    assert.equal(vessel.call_sign, '9HA0000');
    assert.equal(vessel.vessel_owner, 'EXAMPLE SHIPPING LTD');
    assert.equal(vessel.gross_registered_tonnage, '81479');
    assert.deepEqual(vessel.ids.map((i) => i.number), ['IMO 9000003', '355000003']);
    assert.equal(person.title, 'Director General');
    assert.deepEqual(person.dates_of_birth, ['1961-04-12']);
    assert.deepEqual(person.places_of_birth, ['Leningrad, Russia']);
    assert.deepEqual(person.citizenships, ['RU']);
    assert.equal(person.ids[0].expiration_date, '2025-01-01');
    // the CSV keeps the same values (its address cell does not say which part is the city)
    const strip = (e: (typeof c.value.entries)[number]) => ({ ...e, addresses: e.addresses.map((a) => a.country) });
    assert.deepEqual(c.value.entries.map(strip), j.value.entries.map(strip));
    assert.equal(c.value.entries[0].addresses[0].address, 'No. 8 Example Road, Nanshan District, Shenzhen, Guangdong, 518057');
    for (const e of c.value.entries) for (const k of ['remarks', 'source_list_url', 'source_information_url'] as const) assert.ok(e[k], `${e.id} ${k}`);
  });

  test('both shapes import; the JSON takes the date it states; earlier snapshots are kept, the newest is active', (t) => {
    const { db } = tempDb(t);
    const a = importListFile(db, { bytes: readFileSync(FULL_CSV), fileName: 'full-columns.csv', date: '2026-07-30' }, AS);
    assert.ok(a.ok);
    const b = importListFile(db, { bytes: readFileSync(FULL_JSON), fileName: 'full-columns.json' }, AS);
    assert.ok(b.ok, JSON.stringify(!b.ok && b.error));
    assert.equal(b.value.snapshot.listDate, '2026-07-31');
    assert.equal(b.value.snapshot.format, 'json');
    const snaps = listSnapshots(db);
    assert.deepEqual(snaps.map((s) => [s.id, s.active]), [[b.value.snapshot.id, true], [a.value.snapshot.id, false]]);
    assert.equal(activeSnapshot(db)?.id, b.value.snapshot.id);
    const raw = allEntries(db, b.value.snapshot.id);
    assert.equal(raw[2].vessel_type, 'Crude Oil Tanker');
    const hit = screenNames(db, [{ name: 'Example Compute Technologies Company Limited' }], { today: '2026-08-01' });
    assert.equal(hit.results[0].matches[0].entryId, 'fx-el-0001');
    // a CSV without a date anywhere is refused, naming what to give
    const c = importListFile(db, { bytes: readFileSync(FULL_CSV), fileName: 'consolidated.csv' }, AS);
    assert.equal(c.ok, false);
    assert.match(!c.ok ? c.error.issues[0].message : '', /--date YYYY-MM-DD/);
  });
});

describe('malformed files are refused with the row and field named, and nothing changes', () => {
  const header = readFileSync(FULL_CSV, 'utf8').split('\n')[0];
  const goodRow = readFileSync(FULL_CSV, 'utf8').split('\n')[1];
  const cases: [string, string, RegExp][] = [
    ['an entry without a name', `${header}\n${goodRow}\nx2,Entity List (EL) - Bureau of Industry and Security,,,,,,CN,,,,,,,,,,,,,,,,,,,,,\n`, /^row 2, field name: empty/],
    ['an entry without a source', `${header}\n${goodRow}\n${goodRow}\nx3,,,,,Someone,,CN,,,,,,,,,,,,,,,,,,,,,\n`, /^row 3, field source: empty/],
    ['a row with a missing cell', `${header}\n${goodRow}\nx2,EL,Someone\n`, /^row 2 \(line 3\): not valid CSV/],
    ['a column ITA does not publish', `${header},colour\n${goodRow},red\n`, /^header, column colour: not a column/],
    ['a header without the name column', `${header.replace(',name,', ',nom,')}\n${goodRow}\n`, /^header, column name: missing/],
    ['JSON: alt_names not a list', JSON.stringify({ results: [{ id: 'a', source: 'Entity List (EL) - x', name: 'A' }, { id: 'b', source: 'Entity List (EL) - x', name: 'B', alt_names: { x: 1 } }] }), /^results\[1\], field alt_names: expected a list of text/],
    ['JSON: an unknown field', JSON.stringify({ results: [{ id: 'a', source: 'Entity List (EL) - x', name: 'A', colour: 'red' }] }), /^results\[0\], field colour: not a field/],
    ['JSON: not the ITA shape', JSON.stringify([{ id: 'a' }]), /^\$\.results: expected ITA's shape/],
    ['JSON: broken', '{"results": [', /^\$: not valid JSON/],
  ];
  test('each refusal names where', (t) => {
    const { db } = tempDb(t);
    assert.ok(importListFile(db, { bytes: readFileSync(FULL_CSV), fileName: 'first.csv', date: '2026-07-01' }, AS).ok);
    const before = { snapshots: listSnapshots(db).length, audit: listAudit(db).length, entries: db.prepare('SELECT count(*) FROM list_entries').pluck().get() };
    for (const [what, text, re] of cases) {
      const r = importListFile(db, { bytes: Buffer.from(text), fileName: 'bad.csv', date: '2026-07-31' }, AS);
      assert.equal(r.ok, false, what);
      const first = !r.ok ? `${r.error.issues[0].path}: ${r.error.issues[0].message}` : '';
      assert.match(first, re, `${what}: ${first}`);
    }
    assert.deepEqual({ snapshots: listSnapshots(db).length, audit: listAudit(db).length, entries: db.prepare('SELECT count(*) FROM list_entries').pluck().get() }, before);
  });
});
