// The verifier never crashes and answers quickly: malformed files, random mutations of a good letter,
// hostile structures, and a 10 MB file. Also the QR record on its own and the script splitter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { openDatabaseOrThrow } from '../../../main/core/db';
import { createIdentity, ed25519PublicKeyFromRaw, trustCertificatePem, trustPemOf, trustedQrKeys, unlockIdentity } from '../../../main/core/identity';
import {
  describeQrPayload,
  parseQrRecord,
  signPdf,
  splitRuns,
  verifyLetterPdf,
  verifyQrRecord,
  type VerifyResult,
} from '../../../main/core/letters';
import { endDocument } from '../../../main/core/letters/render';
import { officeIdentity, sampleLetter, tmp } from './helpers';
import { PASSPHRASE, TEST_KDF, TEST_NOW } from './fixtures';
import { join } from 'node:path';

const trusted = () => ({ trustedFingerprints: [officeIdentity().id.fingerprint] });

function assertAnswer(r: VerifyResult): void {
  assert.ok(['VALID', 'INVALID', 'ERROR'].includes(r.status));
  if (r.status !== 'VALID') assert.ok(typeof r.reason === 'string' && r.reason.length > 0);
}

test('malformed inputs are ERROR or INVALID, never a crash', () => {
  const cases: Array<[string, Uint8Array, string]> = [
    ['empty', Buffer.alloc(0), 'ERROR'],
    ['text', Buffer.from('hello world'), 'ERROR'],
    ['random', randomBytes(4096), 'ERROR'],
    ['header only', Buffer.from('%PDF-1.7\n%%EOF\n'), 'INVALID'],
    ['bogus byte range', Buffer.from('%PDF-1.7\n1 0 obj << /ByteRange [0 10 20 30] /Contents <00> >> endobj\n%%EOF'), 'INVALID'],
    ['huge numbers', Buffer.from('%PDF-1.7\n/ByteRange [0 999999999999 999999999999 1]\n'), 'INVALID'],
    ['negative-ish', Buffer.from('%PDF-1.7\n/ByteRange [0 -1 5 5]\n'), 'INVALID'],
    ['two signatures', Buffer.from('%PDF-1.7\n/ByteRange [0 1 2 3]\n/ByteRange [0 1 2 3]\n'), 'INVALID'],
  ];
  for (const [name, bytes, want] of cases) {
    const r = verifyLetterPdf(bytes, trusted());
    assertAnswer(r);
    assert.equal(r.status, want, `${name}: ${JSON.stringify(r)}`);
  }
  // not even bytes
  assertAnswer(verifyLetterPdf(undefined as unknown as Uint8Array, trusted()));
  assertAnswer(verifyLetterPdf('x' as unknown as Uint8Array, trusted()));
});

/**
 * The /Contents hex string is outside the signed range by design; changing the case of one of its hex
 * digits leaves the signature value itself unchanged, so such a copy is rightly still valid.
 */
function sameSignatureValue(a: Buffer, b: Buffer): boolean {
  const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(a.toString('latin1'))!;
  const [lo, hi] = [Number(m[1]), Number(m[2])];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (i <= lo || i >= hi - 1) return false;
    if (String.fromCharCode(a[i]).toLowerCase() !== String.fromCharCode(b[i]).toLowerCase()) return false;
  }
  return true;
}

test('truncated copies and 300 random mutations of a good letter are never VALID and never crash', () => {
  const { pdf } = sampleLetter({ name: 'Acme Compute Ltd' });
  for (const cut of [1, 10, 1000, pdf.length >> 1, pdf.length - 1]) {
    const r = verifyLetterPdf(pdf.subarray(0, cut), trusted());
    assertAnswer(r);
    assert.notEqual(r.status, 'VALID');
  }
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const bad = Buffer.from(pdf);
    const flips = 1 + rand(4);
    for (let k = 0; k < flips; k++) bad[rand(bad.length)] ^= 1 + rand(255);
    if (bad.equals(pdf) || sameSignatureValue(pdf, bad)) continue;
    const r = verifyLetterPdf(bad, trusted());
    assertAnswer(r);
    assert.notEqual(r.status, 'VALID', `mutation ${i} verified`);
    if (r.status !== 'VALID') seen.add(r.code);
  }
  assert.ok(seen.has('DIGEST_MISMATCH'), [...seen].join(','));
});

test('a 10 MB signed file is answered within seconds', () => {
  const id = officeIdentity().id;
  const doc = new PDFDocument({ size: 'A4', compress: false });
  doc.text('padding test');
  doc.file(randomBytes(10 * 1024 * 1024), { name: 'padding.bin', type: 'application/octet-stream' });
  pdfkitAddPlaceholder({ pdf: doc, pdfBuffer: Buffer.alloc(0), reason: 'r', contactInfo: '', name: 'n', location: 'l', signatureLength: 8192, subFilter: 'ETSI.CAdES.detached' });
  const signed = signPdf(endDocument(doc), id);
  assert.ok(signed.length > 10 * 1024 * 1024);
  let t0 = performance.now();
  const r = verifyLetterPdf(signed, trusted());
  let ms = performance.now() - t0;
  assert.equal(r.status, 'INVALID');
  if (r.status === 'INVALID') assert.equal(r.code, 'ATTACHMENT_MISSING');
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
  // and 10 MB of junk after a good letter
  const { pdf } = sampleLetter({ name: 'Acme Compute Ltd' });
  t0 = performance.now();
  const r2 = verifyLetterPdf(Buffer.concat([pdf, randomBytes(10 * 1024 * 1024)]), trusted());
  ms = performance.now() - t0;
  assert.equal(r2.status, 'INVALID');
  if (r2.status === 'INVALID') assert.equal(r2.code, 'BYTES_APPENDED');
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
  // and deeply nested garbage
  const nested = Buffer.from(`%PDF-1.7\n1 0 obj\n${'['.repeat(100_000)}\nendobj\n`);
  assertAnswer(verifyLetterPdf(nested, trusted()));
});

test('the QR record verifies with the trust list alone, and any change to it is caught', () => {
  const letter = sampleLetter({ name: 'Acme Compute Ltd' });
  const id = officeIdentity().id;
  const keys = new Map([[id.qrKeyId, ed25519PublicKeyFromRaw(id.qrPublicKey)]]);
  const ok = verifyQrRecord(letter.qrRecord, keys);
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.equal(ok.payload.n, 'TL-2026-000007');
    assert.match(describeQrPayload(ok.payload).join('\n'), /As written: item 1 AIA, item 2 LICENSE/);
  }
  assert.ok(letter.qrRecord.length < 600, `QR text is ${letter.qrRecord.length} characters`);
  const flipped = letter.qrRecord.replace('"AIA"', '"NLR"');
  assert.equal(verifyQrRecord(flipped, keys).ok, false);
  assert.equal(verifyQrRecord(letter.qrRecord, new Map()).ok, false);
  assert.equal(parseQrRecord('garbage').ok, false);
  assert.equal(parseQrRecord(`TL1:{"v":1}.${'A'.repeat(86)}`).ok, false);
});

test('an office trusted from its exported PEM can check paper copies of its letters', (t) => {
  const dir = tmp();
  const db = openDatabaseOrThrow(join(dir, 'tierline.sqlite'));
  t.after(() => db.close());
  const rec = createIdentity({ office: { name: 'Other Office' }, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
  const r = trustCertificatePem(db, trustPemOf(rec), { actor: 'test' });
  assert.ok(r.ok, JSON.stringify(r));
  const keys = trustedQrKeys(db);
  assert.ok(keys.has(rec.qrKeyId));
  const id = unlockIdentity(rec, PASSPHRASE);
  const letter = sampleLetter({ identity: id, name: 'Acme Compute Ltd' });
  assert.ok(verifyQrRecord(letter.qrRecord, keys).ok);
  assert.equal(trustCertificatePem(db, 'not a pem', { actor: 'test' }).ok, false);
});

test('text is split into runs per script; neutral characters stay with their run', () => {
  assert.deepEqual(splitRuns('Acme GmbH'), [{ text: 'Acme GmbH', script: 'latin' }]);
  assert.deepEqual(
    splitRuns('Huawei 华为技术 (Shenzhen) 삼성 Ромашка'),
    [
      { text: 'Huawei ', script: 'latin' },
      { text: '华为技术 (', script: 'cjk' },
      { text: 'Shenzhen) ', script: 'latin' },
      { text: '삼성 ', script: 'hangul' },
      { text: 'Ромашка', script: 'latin' },
    ],
  );
  assert.deepEqual(splitRuns('TPP ⩾ 4800'), [
    { text: 'TPP ', script: 'latin' },
    { text: '⩾', script: 'symbol' },
    { text: ' 4800', script: 'latin' },
  ]);
});

test('a digit written into the zero padding of the signature value makes the letter INVALID', () => {
  const { pdf } = sampleLetter({ name: 'Acme Compute Ltd' });
  const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1'))!;
  const end = Number(m[2]) - 2; // last hex digit before '>'
  const bad = Buffer.from(pdf);
  assert.equal(String.fromCharCode(bad[end]), '0', 'the placeholder ends in zero padding');
  bad[end] = '7'.charCodeAt(0);
  const r = verifyLetterPdf(bad, trusted());
  assert.equal(r.status, 'INVALID');
  assert.equal(r.code, 'CMS_MALFORMED');
});
