import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  getCase,
  getDetermination,
  insertDetermination,
  latestDetermination,
  listDeterminations,
  saveCase,
  updateCase,
} from '../../../main/core/db/index';
import { AS, caseSha, sampleCase, sampleDetermination, tempDb } from './helpers';

test('a determination is stored with its summary columns and marks the case evaluated', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const det = sampleDetermination(caseSha(doc), ['LICENSE', 'AIA']);
  const r = insertDetermination(db, saved.value.id, det, AS);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.licenseRequired, true);
  assert.deepEqual(r.value.authorizations, ['AIA', 'LICENSE']);
  assert.deepEqual(Object.keys(r.value.packRefs).sort(), ['as_written', 'enforced']);
  assert.equal(r.value.asOf, '2025-06-02');
  const stored = getDetermination(db, r.value.id);
  assert.deepEqual(stored?.document, det);
  const c = getCase(db, saved.value.id);
  assert.equal(c?.status, 'evaluated');
  assert.equal(c?.outcome, 'license_required');
});

test('latestDetermination returns the newest; listDeterminations filters', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const a = insertDetermination(db, saved.value.id, sampleDetermination(caseSha(doc), ['LICENSE', 'AIA']), AS);
  const b = insertDetermination(db, saved.value.id, sampleDetermination(caseSha(doc), ['NLR', 'NLR']), AS);
  assert.ok(a.ok && b.ok);
  assert.equal(latestDetermination(db, saved.value.id)?.id, b.value.id);
  assert.equal(getCase(db, saved.value.id)?.outcome, 'no_license_required');
  assert.deepEqual(listDeterminations(db, { caseId: saved.value.id }).map((d) => d.id), [b.value.id, a.value.id]);
  assert.deepEqual(listDeterminations(db, { licenseRequired: true }).map((d) => d.id), [a.value.id]);
  assert.deepEqual(listDeterminations(db, { authorization: 'NLR' }).map((d) => d.id), [b.value.id]);
  assert.equal(latestDetermination(db, 12345), null);
});

test('a determination for another document than the case holds is refused (STALE_DETERMINATION)', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const edited = sampleCase({ reference: 'edited' });
  assert.ok(updateCase(db, saved.value.id, edited, caseSha(edited), AS).ok);
  const r = insertDetermination(db, saved.value.id, sampleDetermination(caseSha(doc), ['AIA', 'AIA']), AS);
  assert.ok(!r.ok && r.error.code === 'STALE_DETERMINATION' && r.error.path === '$.caseSha256');
  assert.equal(db.prepare('SELECT count(*) FROM determinations').pluck().get(), 0);
});

test('an invalid determination is refused with its JSON path', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const det = sampleDetermination(caseSha(doc), ['AIA', 'AIA']) as unknown as { evaluations: { items: { authorization: string }[] }[] };
  det.evaluations[0].items[1].authorization = 'MAYBE';
  const r = insertDetermination(db, saved.value.id, det, AS);
  assert.ok(!r.ok && r.error.code === 'INVALID_INPUT');
  if (!r.ok) assert.equal(r.error.path, '$.evaluations[0].items[1].authorization');
  const missing = insertDetermination(db, 99, sampleDetermination(caseSha(doc), ['AIA']), AS);
  assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND');
});

test('determinations are immutable: UPDATE and DELETE are refused by the schema', (t) => {
  const { db } = tempDb(t);
  const doc = sampleCase();
  const saved = saveCase(db, doc, caseSha(doc), AS);
  assert.ok(saved.ok);
  const r = insertDetermination(db, saved.value.id, sampleDetermination(caseSha(doc), ['AIA', 'AIA']), AS);
  assert.ok(r.ok);
  assert.throws(() => db.prepare('UPDATE determinations SET license_required = 1').run(), /immutable/);
  assert.throws(() => db.prepare("UPDATE determinations SET document = '{}'").run(), /immutable/);
  assert.throws(() => db.prepare('DELETE FROM determinations').run(), /immutable/);
  assert.throws(() => db.prepare('DELETE FROM cases').run(), /FOREIGN KEY|immutable/);
  assert.equal(getDetermination(db, r.value.id)?.licenseRequired, false);
});
