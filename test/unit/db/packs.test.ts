import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getPack, insertPack, latestPack, listPacks, packBodySha256 } from '../../../main/core/db/index';
import { canonicalSha256 } from '../../../main/core/db/index';
import { AS, samplePackJson, tempDb } from './helpers';

test('a signed pack is stored as given, with the sha256 of its canonical unsigned body', (t) => {
  const { db } = tempDb(t);
  const text = samplePackJson();
  const r = insertPack(db, text, AS);
  assert.ok(r.ok, JSON.stringify(r));
  const { signature: _s, ...body } = JSON.parse(text);
  assert.equal(r.value.sha256, canonicalSha256(body));
  assert.equal(r.value.keyId, '0123456789abcdef');
  const stored = getPack(db, 'bis.ai-diffusion', 1);
  assert.equal(stored?.signedJson, text);
  assert.equal(packBodySha256(stored!.pack), r.value.sha256);
});

test('importing the same pack again is a no-op; a different body under the same version is a CONFLICT', (t) => {
  const { db } = tempDb(t);
  assert.ok(insertPack(db, samplePackJson(), AS).ok);
  const again = insertPack(db, samplePackJson(), AS);
  assert.ok(again.ok && !again.value.created);
  const other = insertPack(db, samplePackJson({ title: 'changed' }), AS);
  assert.ok(!other.ok && other.error.code === 'CONFLICT');
  assert.equal(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'pack.imported'").pluck().get(), 1);
});

test('latestPack and listPacks', (t) => {
  const { db } = tempDb(t);
  for (const v of [1, 3, 2]) assert.ok(insertPack(db, samplePackJson({ version: v }), AS).ok);
  assert.ok(insertPack(db, samplePackJson({ id: 'bis.enforced', mode: 'enforced' }), AS).ok);
  assert.equal(latestPack(db, 'bis.ai-diffusion')?.version, 3);
  assert.equal(latestPack(db, 'nope'), null);
  assert.deepEqual(listPacks(db).map((p) => `${p.id}@${p.version}`), ['bis.ai-diffusion@3', 'bis.ai-diffusion@2', 'bis.ai-diffusion@1', 'bis.enforced@1']);
  assert.deepEqual(listPacks(db, { mode: 'enforced' }).map((p) => p.id), ['bis.enforced']);
});

test('a malformed pack, or one whose hash differs from the expected, is refused', (t) => {
  const { db } = tempDb(t);
  const bad = insertPack(db, '{"format":"tierline.rulepack/1"}', AS);
  assert.ok(!bad.ok && bad.error.code === 'INVALID_INPUT');
  const notJson = insertPack(db, '{', AS);
  assert.ok(!notJson.ok && notJson.error.path === '$');
  const mismatch = insertPack(db, samplePackJson(), { ...AS, expectedSha256: 'c'.repeat(64) });
  assert.ok(!mismatch.ok && mismatch.error.code === 'SHA256_MISMATCH');
  assert.equal(listPacks(db).length, 0);
});

test('stored packs cannot be edited', (t) => {
  const { db } = tempDb(t);
  assert.ok(insertPack(db, samplePackJson(), AS).ok);
  assert.throws(() => db.prepare("UPDATE rule_packs SET title = 'x'").run(), /immutable/);
});
