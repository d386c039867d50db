// The office signing identity: sealed at rest, unlocked only with the passphrase, a certificate that
// independent tools read, PKCS#12 import, and the QR key bound to the certificate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import {
  QR_KEY_EXTENSION_OID,
  changePassphrase,
  createIdentity,
  importP12,
  parseTrustPem,
  qrKeyFromCertificate,
  trustPemOf,
  unlockIdentity,
} from '../../../main/core/identity';
import { buildSignedLetter, qrPayloadFor, renderLetter, signPdf, signQrRecord, verifyLetterPdf } from '../../../main/core/letters';
import { sha256Hex } from '../../../main/core/identity/keys';
import { canonicalJson } from '../../../shared/domain/canonical';
import { run, sampleLetter, writeTmp } from './helpers';
import { OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW, makeCase, makeDetermination } from './fixtures';

test('createIdentity seals the keys; unlock needs the passphrase; a changed record does not open', () => {
  const rec = createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
  assert.equal(rec.source, 'generated');
  assert.match(rec.fingerprint, /^[0-9a-f]{64}$/);
  assert.match(rec.qrKeyId, /^[0-9a-f]{16}$/);
  assert.ok(!JSON.stringify(rec).includes('PRIVATE KEY'));
  const id = unlockIdentity(rec, PASSPHRASE);
  assert.equal(id.signingKey.asymmetricKeyType, 'rsa');
  assert.equal(id.qrKey.asymmetricKeyType, 'ed25519');
  assert.throws(() => unlockIdentity(rec, 'wrong passphrase!'), { code: 'BAD_PASSPHRASE' });
  assert.throws(() => unlockIdentity({ ...rec, qrKeyId: '0123456789abcdef' }, PASSPHRASE), { code: 'BAD_PASSPHRASE' });
  const ct = Buffer.from(rec.ciphertext, 'base64');
  ct[0] ^= 1;
  assert.throws(() => unlockIdentity({ ...rec, ciphertext: ct.toString('base64') }, PASSPHRASE), { code: 'BAD_PASSPHRASE' });
  assert.throws(() => createIdentity({ office: OFFICE, passphrase: 'short' }), { code: 'WEAK_PASSPHRASE' });
  assert.throws(() => createIdentity({ office: { name: '  ' }, passphrase: PASSPHRASE }), { code: 'BAD_RECORD' });
});

test('the default scrypt cost is the strong one', () => {
  const rec = createIdentity({ office: OFFICE, passphrase: PASSPHRASE });
  assert.deepEqual({ N: rec.kdf.N, r: rec.kdf.r, p: rec.kdf.p }, { N: 1 << 17, r: 8, p: 1 });
  assert.equal(unlockIdentity(rec, PASSPHRASE).fingerprint, rec.fingerprint);
});

test('changePassphrase re-seals the same keys', () => {
  const rec = createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
  const next = changePassphrase(rec, PASSPHRASE, 'a brand new passphrase', TEST_KDF);
  assert.equal(next.fingerprint, rec.fingerprint);
  assert.throws(() => unlockIdentity(next, PASSPHRASE), { code: 'BAD_PASSPHRASE' });
  assert.equal(unlockIdentity(next, 'a brand new passphrase').qrKeyId, rec.qrKeyId);
});

test('openssl reads the self-signed certificate, its key usage and the QR key extension', () => {
  const rec = createIdentity({ office: { ...OFFICE, name: 'Büro für Ausfuhrkontrolle' }, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
  const file = writeTmp(Buffer.from(rec.certificatePem), 'office.pem');
  const r = run('openssl', ['x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Signature Algorithm: sha256WithRSAEncryption/);
  assert.match(r.stdout, /Digital Signature, Non Repudiation/);
  assert.match(r.stdout, /Büro für Ausfuhrkontrolle/);
  assert.ok(r.stdout.includes(QR_KEY_EXTENSION_OID), 'the QR key extension is present');
  const verifySelf = run('openssl', ['verify', '-CAfile', file, '-partial_chain', file]);
  assert.match(verifySelf.stdout + verifySelf.stderr, /OK/);
  const id = unlockIdentity(rec, PASSPHRASE);
  assert.deepEqual(qrKeyFromCertificate(id.certificateDer), id.qrPublicKey);
});

function makeP12(password: string): { p12: Buffer; certPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs1' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ format: 'pem', type: 'spki' }).toString());
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = TEST_NOW;
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  const attrs = [
    { name: 'commonName', value: 'Compliance Desk' },
    { name: 'organizationName', value: 'Imported Exporter Inc' },
    { name: 'countryName', value: 'US' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), certPem: forge.pki.certificateToPem(cert) };
}

test('importP12 keeps the office certificate; its letters verify; pdfsig accepts them', () => {
  const { p12 } = makeP12('p12 secret');
  assert.throws(() => importP12(p12, { p12Passphrase: 'wrong', passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW }), { code: 'BAD_PKCS12' });
  assert.throws(() => importP12(Buffer.from('not a p12'), { p12Passphrase: '', passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW }), { code: 'BAD_PKCS12' });
  const rec = importP12(p12, { p12Passphrase: 'p12 secret', passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
  assert.equal(rec.source, 'pkcs12');
  assert.equal(rec.office.name, 'Imported Exporter Inc');
  const id = unlockIdentity(rec, PASSPHRASE);
  assert.equal(qrKeyFromCertificate(id.certificateDer), null);
  // the trust list entry carries the QR key beside the certificate
  const parsed = parseTrustPem(trustPemOf(rec));
  assert.deepEqual(parsed.qrPublicKey, id.qrPublicKey);
  assert.equal(parsed.fingerprint, rec.fingerprint);
  const { pdf } = sampleLetter({ identity: id, name: 'Acme Compute Ltd' });
  const v = verifyLetterPdf(pdf, { trustedFingerprints: [rec.fingerprint] });
  assert.equal(v.status, 'VALID', JSON.stringify(v).slice(0, 300));
  const sig = run('pdfsig', [writeTmp(pdf)]);
  assert.match(sig.stdout, /Signature is Valid/);
  assert.match(sig.stdout, /Imported Exporter Inc|Compliance Desk/);
});

test('a letter dated outside the certificate validity is refused when issued and INVALID when verified', () => {
  const rec = createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW, validityYears: 1 });
  const id = unlockIdentity(rec, PASSPHRASE);
  const c = makeCase();
  const d = makeDetermination(c);
  const late = new Date('2028-03-01T09:00:00Z');
  assert.throws(
    () => buildSignedLetter({ case: c, determination: d, letterNumber: 'TL-2028-000001', issuedAt: late, officer: 'J', auditHead: { seq: 0, hash: '0'.repeat(64) }, identity: id }),
    /not valid on 2028-03-01/,
  );
  const qr = signQrRecord(qrPayloadFor({ letterNumber: 'TL-2028-000001', issuedOn: '2028-03-01', determination: d, determinationSha256: sha256Hex(canonicalJson(d)), qrKeyId: id.qrKeyId }), id.qrKey);
  const forged = signPdf(renderLetter({ case: c, determination: d, letterNumber: 'TL-2028-000001', issuedAt: late, officer: 'J', office: OFFICE, auditHead: { seq: 0, hash: '0'.repeat(64) }, qrRecord: qr }), id);
  const v = verifyLetterPdf(forged, { trustedFingerprints: [rec.fingerprint] });
  assert.equal(v.status, 'INVALID');
  if (v.status === 'INVALID') assert.equal(v.code, 'CERT_NOT_VALID');
});
