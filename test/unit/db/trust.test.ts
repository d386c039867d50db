import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addTrustedKey,
  getSigningIdentity,
  getTrustedKey,
  isTrustedKey,
  listAudit,
  listTrustedKeys,
  removeTrustedKey,
  setSigningIdentity,
  verifyAuditChain,
} from '../../../main/core/db/index';
import { AS, tempDb } from './helpers';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

test('trust list: add, find by any fingerprint spelling, remove, add again', (t) => {
  const { db } = tempDb(t);
  const a = addTrustedKey(db, { fingerprint: FP, subject: 'CN=Export Office', pem: PEM }, AS);
  assert.ok(a.ok && a.value.created);
  assert.equal(a.value.fingerprint, 'abcdef0123456789abcdef0123456789');
  assert.ok(isTrustedKey(db, 'abcdef0123456789abcdef0123456789'));
  const again = addTrustedKey(db, { fingerprint: FP, subject: 'CN=Export Office', pem: PEM }, AS);
  assert.ok(again.ok && !again.value.created);
  const removed = removeTrustedKey(db, FP, AS);
  assert.ok(removed.ok && removed.value.removedAt !== null);
  assert.equal(isTrustedKey(db, FP), false);
  assert.deepEqual(listTrustedKeys(db), []);
  assert.equal(listTrustedKeys(db, { includeRemoved: true }).length, 1);
  const notThere = removeTrustedKey(db, FP, AS);
  assert.ok(!notThere.ok && notThere.error.code === 'NOT_FOUND');
  assert.ok(addTrustedKey(db, { fingerprint: FP, subject: 'CN=Export Office', pem: PEM }, AS).ok);
  assert.equal(getTrustedKey(db, FP)?.removedAt, null);
  assert.deepEqual(listAudit(db, { order: 'asc' }).map((e) => e.details.change), ['added', 'removed', 'added']);
  const bad = addTrustedKey(db, { fingerprint: 'xyz', subject: 's', pem: PEM }, AS);
  assert.ok(!bad.ok && bad.error.path === '$.fingerprint');
  const badPem = addTrustedKey(db, { fingerprint: 'ab'.repeat(16), subject: 's', pem: 'hello' }, AS);
  assert.ok(!badPem.ok && badPem.error.path === '$.pem');
});

test('signing identity: one row, stored as blobs, replaced with an audit entry naming fingerprints only', (t) => {
  const { db } = tempDb(t);
  assert.equal(getSigningIdentity(db), null);
  const p12 = Buffer.from([1, 2, 3, 4]);
  const r = setSigningIdentity(db, { p12, certificatePem: PEM, fingerprint: '11'.repeat(32) }, AS);
  assert.ok(r.ok && r.value.replaced === null);
  const stored = getSigningIdentity(db);
  assert.deepEqual(stored && Buffer.from(stored.p12), p12);
  const r2 = setSigningIdentity(db, { p12: Buffer.from([9]), certificatePem: PEM, fingerprint: '22'.repeat(32) }, AS);
  assert.ok(r2.ok && r2.value.replaced === '11'.repeat(32));
  assert.equal(getSigningIdentity(db)?.fingerprint, '22'.repeat(32));
  assert.equal(db.prepare('SELECT count(*) FROM signing_identity').pluck().get(), 1);
  const audit = listAudit(db, { action: 'key.created' });
  assert.equal(audit.length, 2);
  assert.ok(!JSON.stringify(audit).includes('BEGIN CERTIFICATE'));
  assert.throws(() => db.prepare("INSERT INTO signing_identity (id, p12, certificate_pem, fingerprint, created_at) VALUES (2, x'01', ?, ?, 'x')").run(PEM, '33'.repeat(32)));
  const empty = setSigningIdentity(db, { p12: new Uint8Array(), certificatePem: PEM, fingerprint: '44'.repeat(32) }, AS);
  assert.ok(!empty.ok && empty.error.path === '$.p12');
  assert.ok(verifyAuditChain(db).ok);
});
