import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  getCase,
  insertDetermination,
  listCases,
  COUNT_CAP,
  listItems,
  saveCase,
  setCaseArchived,
  updateCase,
} from '../../../main/core/db/index';
import { AS, caseSha, sampleCase, sampleDetermination, tempDb } from './helpers';

test('saving a case stores its canonical document, party and one row per item', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const r = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(r.ok);
  assert.equal(r.value.created, true);
  const c = getCase(db, r.value.id);
  assert.ok(c);
  assert.equal(c.status, 'draft');
  assert.equal(c.outcome, null);
  assert.equal(c.sha256, caseSha(doc));
  assert.deepEqual(c.document, doc);
  assert.equal(c.party.name, 'Example Compute GmbH');
  assert.equal(c.party.ultimateParentHeadquarters, 'DE');
  assert.equal(c.itemCount, 2);
  const items = listItems(db, r.value.id);
  assert.deepEqual(
    items.map((i) => [i.index, i.kind, i.eccn, i.quantity, i.totalTpp]),
    [
      [0, 'ic', '3A090.a', 8, 38400],
      [1, 'computer', '4A090.a', 2, 76800],
    ],
  );
});

test('re-importing an identical document (in any key order) returns the existing case', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const first = saveCase(db, doc, caseSha(doc), AS);
  const reordered = Object.fromEntries(Object.entries(doc).reverse());
  const again = saveCase(db, reordered, caseSha(reordered), AS);
  assert.ok(first.ok && again.ok);
  assert.equal(again.value.id, first.value.id);
  assert.equal(again.value.created, false);
  assert.equal(db.prepare('SELECT count(*) FROM cases').pluck().get(), 1);
  assert.equal(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.created'").pluck().get(), 1);
});

test('an invalid case is refused with the JSON path of the field, and nothing is written', (t) => {
  const { db } = tempDb(t);
  const bad = { ...sampleCase(), items: [{ kind: 'ic', quantity: 0, tppPerUnit: 1 }], colour: 'red' };
  const r = saveCase(db, bad, caseSha(bad), AS);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'INVALID_INPUT');
  const paths = (r.error.issues ?? []).map((i) => i.path).sort();
  assert.deepEqual(paths, ['$.colour', '$.items[0].quantity']);
  assert.equal(db.prepare('SELECT count(*) FROM cases').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM parties').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM audit_log').pluck().get(), 0);
});

test('a sha256 that does not match the document is refused', (t) => {
  const { db } = tempDb(t);
  const r = saveCase(db, sampleCase(), 'b'.repeat(64), AS);
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error.code, 'SHA256_MISMATCH');
});

test('parties are deduplicated by name (case- and spacing-insensitive), headquarters and parent headquarters', (t) => {
  const { db } = tempDb(t);
  const save = (name: string, hq: string, parent?: string, reference = name + hq + parent) => {
    const doc = sampleCase({ reference, endUser: { name, headquarters: hq, ...(parent ? { ultimateParentHeadquarters: parent } : {}) } });
    const r = saveCase(db, doc, caseSha(doc), AS);
    assert.ok(r.ok);
    return getCase(db, r.value.id)?.party.id;
  };
  const a = save('Example Compute GmbH', 'DE');
  assert.equal(save('  example   COMPUTE gmbh ', 'DE'), a);
  assert.equal(save('Example Compute GmbH', 'DE', 'DE'), a, 'absent parent HQ = headquarters');
  assert.notEqual(save('Example Compute GmbH', 'DE', 'US'), a);
  assert.notEqual(save('Example Compute GmbH', 'FR'), a);
  assert.equal(db.prepare('SELECT count(*) FROM parties').pluck().get(), 3);
});

test('updating a case replaces its items, sends it back to draft and keeps the old determination', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const id = saved.value.id;
  assert.ok(insertDetermination(db, id, sampleDetermination(caseSha(doc), ['AIA', 'LICENSE']), AS).ok);
  assert.equal(getCase(db, id)?.outcome, 'license_required');
  const edited = sampleCase({ items: [{ kind: 'ic', eccn: '3A090.a', quantity: 1, tppPerUnit: 100 }] });
  const u = updateCase(db, id, edited, caseSha(edited), AS);
  assert.ok(u.ok);
  assert.equal(u.value.changed, true);
  const c = getCase(db, id);
  assert.equal(c?.status, 'draft');
  assert.equal(c?.outcome, null);
  assert.equal(c?.itemCount, 1);
  assert.equal(listItems(db, id).length, 1);
  assert.equal(db.prepare('SELECT count(*) FROM determinations WHERE case_id = ?').pluck().get(id), 1);
  const same = updateCase(db, id, edited, caseSha(edited), AS);
  assert.ok(same.ok && !same.value.changed);
  const missing = updateCase(db, 999, edited, caseSha(edited), AS);
  assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND');
});

test('two cases cannot hold the same document', (t) => {
  const { db } = tempDb(t);
  const a = sampleCase({ reference: 'A' });
  const b = sampleCase({ reference: 'B' });
  const ra = saveCase(db, a, caseSha(a), AS);
  const rb = saveCase(db, b, caseSha(b), AS);
  assert.ok(ra.ok && rb.ok);
  const r = updateCase(db, rb.value.id, a, caseSha(a), AS);
  assert.ok(!r.ok && r.error.code === 'CONFLICT');
  assert.equal(getCase(db, rb.value.id)?.reference, 'B');
});

test('archiving and reopening a case', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const r = setCaseArchived(db, saved.value.id, true, AS);
  assert.ok(r.ok && r.value.status === 'archived');
  const back = setCaseArchived(db, saved.value.id, false, AS);
  assert.ok(back.ok && back.value.status === 'draft');
});

test('listCases filters by search, status, destination, outcome and dates, newest first, with a total', (t) => {
  const { db } = tempDb(t);
  const mk = (reference: string, date: string, destination: string, name: string, auths?: ('AIA' | 'LICENSE')[]) => {
    const doc = sampleCase({ reference, date, destination, endUser: { name, headquarters: destination } });
    const r = saveCase(db, doc, caseSha(doc), AS);
    assert.ok(r.ok);
    if (auths) assert.ok(insertDetermination(db, r.value.id, sampleDetermination(caseSha(doc), auths), AS).ok);
    return r.value.id;
  };
  const a = mk('PO-1', '2025-01-20', 'DE', 'Alpha AG', ['AIA', 'AIA']);
  const b = mk('PO-2', '2025-03-01', 'FR', 'Beta SA', ['AIA', 'LICENSE']);
  const c = mk('X_3%', '2025-02-10', 'DE', 'Gamma GmbH');
  const ids = (f: Parameters<typeof listCases>[1]) => listCases(db, f).rows.map((r) => r.id);
  assert.deepEqual(ids({}), [b, c, a]);
  assert.deepEqual(ids({ destination: 'DE' }), [c, a]);
  assert.deepEqual(ids({ status: 'draft' }), [c]);
  assert.deepEqual(ids({ outcome: 'license_required' }), [b]);
  assert.deepEqual(ids({ outcome: 'no_license_required' }), [a]);
  assert.deepEqual(ids({ outcome: 'not_evaluated' }), [c]);
  assert.deepEqual(ids({ dateFrom: '2025-02-01', dateTo: '2025-02-28' }), [c]);
  assert.deepEqual(ids({ search: 'beta' }), [b]);
  assert.deepEqual(ids({ search: '3a090' }), [b, c, a], 'an ECCN finds the cases that carry it');
  assert.deepEqual(ids({ search: '_3%' }), [c], 'LIKE wildcards are taken literally');
  assert.deepEqual(ids({ search: '%' }), [c]);
  const page = listCases(db, { limit: 1, offset: 1 });
  assert.deepEqual(page.rows.map((r) => r.id), [c]);
  assert.equal(page.total, 3);
  assert.equal(listCases(db, { destination: 'DE', limit: 1 }).total, 2);
  assert.equal(listCases(db).rows[0].endUserName, 'Beta SA');
});

test('listCases pages by key through every match, counts up to the cap, and both search plans agree with a full scan', (t) => {
  const { db } = tempDb(t);
  const insertParty = db.prepare("INSERT INTO parties (name, name_key, headquarters, ultimate_parent_hq, created_at) VALUES (?, ?, 'DE', 'DE', 'x')");
  const insertCase = db.prepare(
    `INSERT INTO cases (reference, case_date, destination, status, outcome, party_id, item_count, document, sha256, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, '{"items":[{}]}', ?, ?, 'x', 'x')`,
  );
  const dests = ['DE', 'FR', 'IN', 'BR', 'AE', 'SG', 'JP', 'MX'];
  const statuses = ['draft', 'evaluated', 'shipped', 'archived'] as const;
  const N = 24_000;
  type Row = { id: number; date: string; destination: string; status: string; outcome: string | null; search: string };
  const all: Row[] = [];
  db.transaction(() => {
    for (let p = 0; p < 1000; p++) insertParty.run(`Party ${p}`, `party ${p}`);
    for (let i = 0; i < N; i++) {
      // Dates repeat (many cases share a day), so the id breaks ties in the order and in the page key.
      const date = `20${20 + (i % 7)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      const status = statuses[i % 4];
      const outcome = status === 'draft' ? null : i % 3 === 0 ? 'license_required' : 'no_license_required';
      const search = `ref-${i} party ${i % 1000}${i % 97 === 0 ? ' sakura' : ''}`;
      insertCase.run(`REF-${i}`, date, dests[i % dests.length], status, outcome, (i % 1000) + 1, i.toString(16).padStart(64, '0'), search);
      all.push({ id: i + 1, date, destination: dests[i % dests.length], status, outcome, search });
    }
  })();
  db.exec('ANALYZE');
  const order = (a: Row, b: Row) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1);
  const cases: { filter: Parameters<typeof listCases>[1]; keep: (r: Row) => boolean }[] = [
    { filter: {}, keep: () => true },
    { filter: { status: 'evaluated' }, keep: (r) => r.status === 'evaluated' },
    { filter: { destination: 'IN', outcome: 'license_required' }, keep: (r) => r.destination === 'IN' && r.outcome === 'license_required' },
    { filter: { outcome: 'not_evaluated' }, keep: (r) => r.outcome === null },
    { filter: { dateFrom: '2023-03-01', dateTo: '2023-03-31' }, keep: (r) => r.date >= '2023-03-01' && r.date <= '2023-03-31' },
    // Selective: the trigram index.
    { filter: { search: 'ref-2399' }, keep: (r) => r.search.includes('ref-2399') },
    { filter: { search: 'SAKURA', destination: 'FR' }, keep: (r) => r.search.includes('sakura') && r.destination === 'FR' },
    // Common (every case): the date index, row by row.
    { filter: { search: 'party' }, keep: (r) => r.search.includes('party') },
    { filter: { search: 'party 7', status: 'shipped' }, keep: (r) => r.search.includes('party 7') && r.status === 'shipped' },
    // Under three characters: row by row.
    { filter: { search: 'f-' }, keep: (r) => r.search.includes('f-') },
  ];
  for (const { filter, keep } of cases) {
    const expected = all.filter(keep).sort(order).map((r) => r.id);
    const label = JSON.stringify(filter);
    const first = listCases(db, { ...filter, limit: 1000 });
    assert.equal(first.total, Math.min(expected.length, COUNT_CAP), `${label}: count`);
    assert.equal(first.totalIsLowerBound, expected.length > COUNT_CAP, `${label}: count is a lower bound`);
    const seen = first.rows.map((r) => r.id);
    let next = first.next;
    while (next) {
      const page = listCases(db, { ...filter, limit: 1000, after: next, count: false });
      assert.equal(page.total, null);
      seen.push(...page.rows.map((r) => r.id));
      next = page.next;
    }
    assert.deepEqual(seen, expected, `${label}: keyset pages`);
    // Offset paging still reads the same rows.
    assert.deepEqual(listCases(db, { ...filter, limit: 7, offset: 3 }).rows.map((r) => r.id), expected.slice(3, 10), `${label}: offset`);
  }
});
