// A fresh letter checked by independent tools (pdfsig, qpdf, pdftotext, pdffonts), rendered to PNG for
// a person to look at, and tampered copies that the verifier must call INVALID for the right reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalJson } from '../../../shared/domain/canonical';
import { createIdentity, ed25519PublicKeyFromRaw, unlockIdentity } from '../../../main/core/identity';
import {
  buildSignedLetter,
  qrPayloadFor,
  renderLetter,
  signPdf,
  signQrRecord,
  verifyLetterPdf,
  verifyQrRecord,
  type VerifyResult,
} from '../../../main/core/letters';
import { sha256Hex } from '../../../main/core/identity';
import { embeddedFiles, officeIdentity, run, sampleLetter, swapAttachment, tmp, writeTmp, MULTISCRIPT_NAME } from './helpers';
import { makeCase, makeDetermination, OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from './fixtures';

const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts/letters');

function trusted(): { trustedFingerprints: string[] } {
  return { trustedFingerprints: [officeIdentity().id.fingerprint] };
}

function expectInvalid(r: VerifyResult, code: string): void {
  assert.equal(r.status, 'INVALID', `expected INVALID(${code}), got ${JSON.stringify(r).slice(0, 300)}`);
  if (r.status === 'INVALID') assert.equal(r.code, code, r.reason);
}

test('a fresh letter verifies, and pdfsig says the signature is valid and covers the whole document', () => {
  const { pdf } = sampleLetter();
  const r = verifyLetterPdf(pdf, trusted());
  assert.equal(r.status, 'VALID', JSON.stringify(r).slice(0, 300));
  if (r.status === 'VALID') {
    assert.equal(r.letter.letterNumber, 'TL-2026-000007');
    assert.equal(r.letter.case.endUser.name, MULTISCRIPT_NAME);
    assert.deepEqual(r.letter.qr.o, { w: ['AIA', 'LICENSE'], e: ['NLR', 'NOT_CONTROLLED'] });
  }
  const file = writeTmp(pdf);
  const sig = run('pdfsig', [file]);
  assert.match(sig.stdout, /Signature Validation: Signature is Valid\./);
  assert.match(sig.stdout, /Total document signed/);
  assert.match(sig.stdout, /Signature Type: ETSI\.CAdES\.detached/);
  assert.equal((sig.stdout.match(/Signature #\d/g) ?? []).length, 1);
  const q = run('qpdf', ['--check', file]);
  assert.equal(q.status, 0, q.stdout + q.stderr);
  assert.match(q.stdout, /No syntax or stream encoding errors found/);
});

test('the text holds the letter number, the parties in every script, outcomes, citations and pack ids', () => {
  const { pdf } = sampleLetter();
  const file = writeTmp(pdf);
  const t = run('pdftotext', ['-layout', file, '-']);
  assert.equal(t.status, 0, t.stderr);
  // CJK lines may wrap inside a name, so compare without any white space.
  const text = t.stdout.replace(/\s+/g, '');
  for (const s of [
    'TL-2026-000007',
    'Rechenzentrum Süd GmbH',
    'Ελληνική Εταιρεία',
    'ООО Ромашка',
    '华为技术有限公司',
    '삼성전자',
    'Export Compliance Office',
    'License Exception AIA',
    'Individual license required',
    'Presumption of approval',
    'No license required (NLR)',
    '15 CFR 740.27(a)(1)',
    'ai-diffusion.as-written',
    'LOW CONFIDENCE',
    'UNSOURCED',
    'NOT ENFORCED',
    'Jane Q. Officer',
    'Audit chain head at issue: #41',
    'Page 1 of',
  ]) {
    assert.ok(text.includes(s.replace(/\s+/g, '')), `letter text lacks "${s}"`);
  }
});

test('every font is embedded (subset), one per script', () => {
  const { pdf } = sampleLetter();
  const f = run('pdffonts', [writeTmp(pdf)]);
  const rows = f.stdout.split('\n').slice(2).filter(Boolean);
  assert.ok(rows.length >= 4, f.stdout);
  for (const row of rows) assert.match(row, /\byes\s+yes\s+yes\b/, `font not embedded: ${row}`);
  for (const name of ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSansSC', 'NotoSansKR']) assert.ok(f.stdout.includes(name), name);
});

test('a Latin-only letter embeds no CJK font', () => {
  const { pdf } = sampleLetter({ name: 'Acme Compute Ltd' });
  const f = run('pdffonts', [writeTmp(pdf)]);
  assert.ok(!/NotoSansKR/.test(f.stdout), f.stdout);
  assert.equal(verifyLetterPdf(pdf, trusted()).status, 'VALID');
});

test('page 1 is rendered to PNG for review (A4 and US Letter)', () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const size of ['A4', 'LETTER'] as const) {
    const { pdf } = sampleLetter({ pageSize: size });
    const file = writeTmp(pdf);
    copyFileSync(file, join(ARTIFACTS, `letter-${size.toLowerCase()}.pdf`));
    const out = join(ARTIFACTS, `letter-${size.toLowerCase()}-page`);
    const r = run('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', file, out]);
    assert.equal(r.status, 0, r.stderr);
  }
  const pngs = readdirSync(ARTIFACTS).filter((f) => f.endsWith('.png'));
  assert.ok(pngs.length >= 2, pngs.join(','));
});

test('the embedded attachments are the canonical determination, case and letter record', () => {
  const letter = sampleLetter();
  const files = embeddedFiles(letter.pdf);
  assert.deepEqual(files.map((f) => f.name).sort(), ['case.json', 'determination.json', 'letter.json']);
  const det = files.find((f) => f.name === 'determination.json')!.data.toString('utf8');
  assert.equal(canonicalJson(JSON.parse(det)), det);
  const rec = JSON.parse(files.find((f) => f.name === 'letter.json')!.data.toString('utf8'));
  assert.equal(rec.determinationSha256, sha256Hex(det));
  assert.equal(rec.qrRecord, letter.qrRecord);
  // pdfdetach, an independent reader, finds the same three files
  const d = run('pdfdetach', ['-list', writeTmp(letter.pdf)]);
  assert.match(d.stdout, /3 embedded files/);
});

test('tampered: one changed byte is INVALID (digest mismatch), and pdfsig agrees', () => {
  const { pdf } = sampleLetter();
  const bad = Buffer.from(pdf);
  const at = bad.indexOf('EXPORT') >= 0 ? bad.indexOf('/Title') : 200;
  bad[at + 2] ^= 0x01;
  expectInvalid(verifyLetterPdf(bad, trusted()), 'DIGEST_MISMATCH');
  assert.match(run('pdfsig', [writeTmp(bad)]).stdout, /Digest Mismatch|Signature is Invalid/);
});

test('tampered: an appended incremental update is INVALID (bytes after the signed range)', () => {
  const { pdf } = sampleLetter();
  const xref = pdf.lastIndexOf('startxref');
  const prevXref = pdf.toString('latin1', xref + 9).trim().split(/\s+/)[0];
  const objOffset = pdf.length + 1;
  const update = Buffer.from(
    `\n99 0 obj\n<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (approved) >>\nendobj\nxref\n99 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 100 /Prev ${prevXref} >>\nstartxref\n${pdf.length + 90}\n%%EOF\n`,
    'latin1',
  );
  const updated = Buffer.concat([pdf, update]);
  expectInvalid(verifyLetterPdf(updated, trusted()), 'BYTES_APPENDED');
  assert.doesNotMatch(run('pdfsig', [writeTmp(updated)]).stdout, /Total document signed/);
});

test('tampered: a stripped or never-filled signature is INVALID (not signed)', () => {
  const { pdf } = sampleLetter();
  // the signature value zeroed out
  const text = pdf.toString('latin1');
  const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text)!;
  const zeroed = Buffer.from(pdf);
  zeroed.fill('0', Number(m[1]) + 1, Number(m[2]) - 1);
  expectInvalid(verifyLetterPdf(zeroed, trusted()), 'NOT_SIGNED');
  // the letter as rendered, before signing
  const c = makeCase();
  const d = makeDetermination(c);
  const id = officeIdentity().id;
  const unsigned = renderLetter({
    case: c, determination: d, letterNumber: 'TL-2026-000008', issuedAt: '2026-11-26T10:15:00Z', officer: 'J. Officer',
    office: OFFICE, auditHead: { seq: 1, hash: '0'.repeat(64) }, pageSize: 'A4',
    qrRecord: signQrRecord(qrPayloadFor({ letterNumber: 'TL-2026-000008', issuedOn: '2026-11-26', determination: d, determinationSha256: sha256Hex(canonicalJson(d)), qrKeyId: id.qrKeyId }), id.qrKey),
  });
  expectInvalid(verifyLetterPdf(unsigned, trusted()), 'NOT_SIGNED');
  // the signature dictionary removed altogether
  const noSig = Buffer.from(text.replace(/\/ByteRange \[[^\]]*\]/, (s) => ' '.repeat(s.length)), 'latin1');
  expectInvalid(verifyLetterPdf(noSig, trusted()), 'NOT_SIGNED');
});

test('tampered: a swapped attachment is INVALID — unsigned swap, re-signed by an outsider, or re-signed by the office', () => {
  const c = makeCase();
  const d = makeDetermination(c);
  const forged = JSON.parse(canonicalJson(d));
  forged.evaluations[0].items[1].authorization = 'NLR';
  forged.evaluations[0].items[1].licenseRequired = false;
  const forgedBytes = Buffer.from(canonicalJson(forged));

  const { pdf } = sampleLetter();
  // swapped in the signed file: the digest (or the byte range) no longer matches
  const r1 = verifyLetterPdf(swapAttachment(pdf, 'determination.json', forgedBytes), trusted());
  assert.equal(r1.status, 'INVALID');
  assert.ok(r1.status === 'INVALID' && ['DIGEST_MISMATCH', 'BYTE_RANGE', 'BYTES_APPENDED'].includes(r1.code), JSON.stringify(r1));

  // swapped before signing: re-signed by someone not on the trust list
  const id = officeIdentity().id;
  const unsignedQr = signQrRecord(qrPayloadFor({ letterNumber: 'TL-2026-000009', issuedOn: '2026-11-26', determination: d, determinationSha256: sha256Hex(canonicalJson(d)), qrKeyId: id.qrKeyId }), id.qrKey);
  const unsigned = renderLetter({
    case: c, determination: d, letterNumber: 'TL-2026-000009', issuedAt: '2026-11-26T10:15:00Z', officer: 'J. Officer',
    office: OFFICE, auditHead: { seq: 1, hash: '0'.repeat(64) }, qrRecord: unsignedQr,
    signer: { fingerprint: id.fingerprint, qrKeyId: id.qrKeyId, qrPublicKey: id.qrPublicKey.toString('base64') },
  });
  const swapped = swapAttachment(unsigned, 'determination.json', forgedBytes);
  const outsider = unlockIdentity(createIdentity({ office: { name: 'Mallory Trading' }, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW }), PASSPHRASE);
  expectInvalid(verifyLetterPdf(signPdf(swapped, outsider), trusted()), 'UNTRUSTED_SIGNER');

  // even a trusted signature over a swapped attachment does not make it valid
  expectInvalid(verifyLetterPdf(signPdf(swapped, id), trusted()), 'ATTACHMENT_MISMATCH');
  // and a swapped case file (other parties) is caught too
  const otherCase = Buffer.from(canonicalJson({ ...c, endUser: { ...c.endUser, name: 'Someone Else Ltd' } }));
  expectInvalid(verifyLetterPdf(signPdf(swapAttachment(unsigned, 'case.json', otherCase), id), trusted()), 'ATTACHMENT_MISMATCH');
});

test('a QR record that disagrees with the letter, or is signed by another key, is INVALID', () => {
  const c = makeCase();
  const d = makeDetermination(c);
  const id = officeIdentity().id;
  const detSha = sha256Hex(canonicalJson(d));
  const base = { case: c, determination: d, letterNumber: 'TL-2026-000010', issuedAt: '2026-11-26T10:15:00Z', officer: 'J. Officer', office: OFFICE, auditHead: { seq: 1, hash: '0'.repeat(64) } };
  const payload = qrPayloadFor({ letterNumber: 'TL-2026-000010', issuedOn: '2026-11-26', determination: d, determinationSha256: detSha, qrKeyId: id.qrKeyId });
  const wrong = { ...payload, o: { ...payload.o, w: ['NLR', 'NLR'] } };
  const r1 = verifyLetterPdf(signPdf(renderLetter({ ...base, qrRecord: signQrRecord(wrong, id.qrKey) }), id), trusted());
  expectInvalid(r1, 'QR_MISMATCH');
  const other = unlockIdentity(createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW }), PASSPHRASE);
  const r2 = verifyLetterPdf(signPdf(renderLetter({ ...base, qrRecord: signQrRecord(payload, other.qrKey) }), id), trusted());
  expectInvalid(r2, 'QR_SIGNATURE');
});

test('a letter signed by an office the user does not trust is INVALID; trusting it makes it VALID', () => {
  const other = unlockIdentity(createIdentity({ office: { name: 'Other Office' }, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW }), PASSPHRASE);
  const { pdf } = sampleLetter({ identity: other });
  expectInvalid(verifyLetterPdf(pdf, trusted()), 'UNTRUSTED_SIGNER');
  const colons = other.fingerprint.toUpperCase().match(/.{2}/g)!.join(':');
  assert.equal(verifyLetterPdf(pdf, { trustedFingerprints: [colons] }).status, 'VALID');
});

test('buildSignedLetter reports the hash of the exact bytes it returns', () => {
  const l = sampleLetter();
  assert.equal(l.sha256, sha256Hex(l.pdf));
  assert.equal(l.record.letterNumber, 'TL-2026-000007');
  assert.throws(() =>
    buildSignedLetter({
      case: makeCase({ reference: 'other' }),
      determination: makeDetermination(makeCase()),
      letterNumber: 'X', issuedAt: new Date(), officer: 'x', auditHead: { seq: 0, hash: '0'.repeat(64) }, identity: officeIdentity().id,
    }),
  /not made for this case/);
  assert.ok(tmp());
});

/** Reads a binary PPM (P6), what pdftoppm writes by default. */
function readPpm(buf: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const header = buf.toString('latin1', 0, 64).match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a P6 PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = buf.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = data[i * 3];
    rgba[i * 4 + 1] = data[i * 3 + 1];
    rgba[i * 4 + 2] = data[i * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

test('the QR code printed on page 1 decodes (as a scanner would) to the signed record', async () => {
  const { default: jsQR } = await import('jsqr');
  const letter = sampleLetter();
  const dir = tmp();
  const file = writeTmp(letter.pdf);
  // 200 dpi, page 1, the top-right quarter where the QR sits
  const r = run('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-x', '800', '-y', '0', '-W', '854', '-H', '500', file, join(dir, 'qr')]);
  assert.equal(r.status, 0, r.stderr);
  const ppmFile = readdirSync(dir).find((f) => f.endsWith('.ppm'))!;
  const { width, height, rgba } = readPpm(readFileSync(join(dir, ppmFile)));
  const code = jsQR(rgba, width, height);
  assert.ok(code, 'no QR code found on page 1');
  assert.equal(code.data, letter.qrRecord);
  const id = officeIdentity().id;
  const check = verifyQrRecord(code.data, new Map([[id.qrKeyId, ed25519PublicKeyFromRaw(id.qrPublicKey)]]));
  assert.ok(check.ok);
});
