// Verifies a determination letter offline: VALID, INVALID(reason) or ERROR(reason). Never throws.
// Checks, in order: one signature; its byte range covers the whole file with nothing after it; the CMS
// digest and signature; the signer is on the trust list; the embedded letter record, determination and
// case agree with each other; the QR record is signed by the office's QR key and says what they say.
import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';
import { Case } from '../../../shared/domain/case';
import { Determination } from '../../../shared/domain/determination';
import {
  ed25519PublicKeyFromRaw,
  normalizeFingerprint,
  qrKeyFromCertificate,
  qrKeyIdOf,
  sha256Hex,
} from '../identity/keys';
import { checkCmsSignature } from './cms';
import { DerError } from './asn1';
import { PdfDict, embeddedFiles, readObjects, type PdfObject } from './pdf-objects';
import { parseQrRecord, qrPayloadFor, type QrPayload } from './qr-record';
import { ATTACHMENT_CASE, ATTACHMENT_DETERMINATION, ATTACHMENT_LETTER, LETTER_FORMAT, type LetterRecord } from './render';

export type VerifyCode =
  | 'NOT_SIGNED'
  | 'MULTIPLE_SIGNATURES'
  | 'BYTE_RANGE'
  | 'BYTES_APPENDED'
  | 'CMS_MALFORMED'
  | 'CMS_UNSUPPORTED'
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_MISMATCH'
  | 'UNTRUSTED_SIGNER'
  | 'CERT_NOT_VALID'
  | 'STRUCTURE'
  | 'ATTACHMENT_MISSING'
  | 'ATTACHMENT_MISMATCH'
  | 'QR_SIGNATURE'
  | 'QR_MISMATCH'
  | 'NOT_A_PDF'
  | 'TOO_LARGE'
  | 'UNREADABLE'
  | 'INTERNAL';

export interface VerifiedLetter {
  letterNumber: string;
  issuedAt: string;
  officer: string;
  office: LetterRecord['office'];
  auditHead: LetterRecord['auditHead'];
  supersedes: string | null;
  signer: { fingerprint: string; subject: string; validTo: string };
  caseSha256: string;
  determinationSha256: string;
  qrRecord: string;
  qr: QrPayload;
  case: Case;
  determination: Determination;
}

export type VerifyResult =
  | { status: 'VALID'; letter: VerifiedLetter }
  | { status: 'INVALID'; code: VerifyCode; reason: string; letter?: Partial<VerifiedLetter> }
  | { status: 'ERROR'; code: VerifyCode; reason: string };

export interface VerifyOptions {
  /** SHA-256 fingerprints (hex, any case, colons allowed) of the office certificates the user trusts. */
  trustedFingerprints: readonly string[];
  /** Largest file accepted, bytes (default 100 MB). */
  maxBytes?: number;
}

export const MAX_VERIFY_BYTES = 100 * 1024 * 1024;

const invalid = (code: VerifyCode, reason: string, letter?: Partial<VerifiedLetter>): VerifyResult =>
  letter ? { status: 'INVALID', code, reason, letter } : { status: 'INVALID', code, reason };
const error = (code: VerifyCode, reason: string): VerifyResult => ({ status: 'ERROR', code, reason });

export function verifyLetterPdf(bytes: Uint8Array, opts: VerifyOptions): VerifyResult {
  try {
    return verifyInner(bytes, opts);
  } catch (e) {
    if (e instanceof DerError) return invalid('CMS_MALFORMED', `the signature is not well-formed DER: ${e.message}`);
    return error('INTERNAL', `verification failed unexpectedly: ${(e as Error)?.message ?? String(e)}`);
  }
}

function verifyInner(input: Uint8Array, opts: VerifyOptions): VerifyResult {
  if (!(input instanceof Uint8Array)) return error('UNREADABLE', 'no file bytes were given');
  const max = opts.maxBytes ?? MAX_VERIFY_BYTES;
  if (input.length > max) return error('TOO_LARGE', `the file is larger than ${Math.round(max / 1024 / 1024)} MB`);
  const buf = Buffer.from(input.buffer, input.byteOffset, input.length);
  const head = buf.toString('latin1', 0, Math.min(buf.length, 1024));
  if (!head.includes('%PDF-')) return error('NOT_A_PDF', 'the file is not a PDF');
  const text = buf.toString('latin1');

  // 1. exactly one signature, found by the PDF's structure: top-level objects in file order, stream
  // bodies skipped, so no text inside a name, a string or an attachment can pose as a signature.
  let objects: PdfObject[];
  try {
    objects = readObjects(buf);
  } catch (e) {
    return invalid('STRUCTURE', `the PDF structure cannot be read: ${(e as Error).message}`);
  }
  const sigs = objects.filter((o) => o.value instanceof PdfDict && o.value.get('ByteRange') !== undefined);
  if (sigs.length === 0) return invalid('NOT_SIGNED', 'the file has no signature');
  if (sigs.length > 1) return invalid('MULTIPLE_SIGNATURES', `the file has ${sigs.length} signatures; a letter has exactly one`);
  const sigDict = sigs[0].value as PdfDict;
  const br = sigDict.get('ByteRange');
  if (!Array.isArray(br) || br.length !== 4 || !br.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
    return invalid('NOT_SIGNED', 'the signature field is empty (the letter was never signed or the signature was removed)');
  }
  const nums = br as number[];
  const [a0, a1, a2, a3] = nums;
  const rangeAt = sigs[0].offset;
  // 2. the byte range covers the whole file, except the signature's own hex string
  if (a0 !== 0 || a1 <= 0 || a2 <= a1 || a2 > buf.length) return invalid('BYTE_RANGE', `the signed byte range [${nums.join(' ')}] is malformed`);
  if (a2 + a3 < buf.length) {
    return invalid('BYTES_APPENDED', `${buf.length - (a2 + a3)} bytes were added after the signed part (an incremental update or appended data)`);
  }
  if (a2 + a3 > buf.length) return invalid('BYTE_RANGE', 'the signed byte range runs past the end of the file (the file was truncated or rewritten)');
  if (buf[a1] !== 0x3c || buf[a2 - 1] !== 0x3e) return invalid('BYTE_RANGE', 'the gap in the byte range is not exactly the signature value');
  if (!/\/Contents\s*$/.test(text.slice(Math.max(0, a1 - 16), a1)) || a1 < rangeAt || text.slice(rangeAt, a1).includes('endobj')) {
    return invalid('BYTE_RANGE', "the gap in the byte range is not the signature dictionary's /Contents");
  }
  const hex = text.slice(a1 + 1, a2 - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) return invalid('CMS_MALFORMED', 'the signature value is not a hex string');
  const cms = Buffer.from(hex, 'hex');
  if (cms.every((x) => x === 0)) return invalid('NOT_SIGNED', 'the signature value is empty (the letter was never signed or the signature was removed)');
  // The placeholder is padded with zeros after the CMS structure; anything else there was written later.
  const used = derTotalLength(cms);
  if (used === null || used > cms.length) return invalid('CMS_MALFORMED', 'the signature value is not a DER-encoded CMS structure');
  for (let i = used; i < cms.length; i++) {
    if (cms[i] !== 0) return invalid('CMS_MALFORMED', 'the signature field holds bytes after the CMS structure (it was altered after signing)');
  }

  // 3. CMS digest and signature
  const check = checkCmsSignature(cms.subarray(0, used), [buf.subarray(0, a1), buf.subarray(a2, a2 + a3)]);
  if (!check.ok) return invalid(check.code, check.message);
  const fingerprint = sha256Hex(check.certificateDer);
  const signer = { fingerprint, subject: check.certificate.subject.replace(/\n/g, ', '), validTo: check.certificate.validTo };

  // 4. a trusted office, whose certificate was valid when the letter says it was signed
  const trusted = new Set(opts.trustedFingerprints.map(normalizeFingerprint));
  if (!trusted.has(fingerprint)) {
    return invalid('UNTRUSTED_SIGNER', `the signer (${signer.subject}, SHA-256 ${fingerprint}) is not in the trust list`, { signer });
  }

  // 5. the embedded records agree
  let files;
  try {
    files = embeddedFiles(buf, objects);
  } catch (e) {
    return invalid('STRUCTURE', `the PDF structure cannot be read: ${(e as Error).message}`, { signer });
  }
  const file = (name: string) => files.find((f) => f.name === name)?.data;
  const letterBytes = file(ATTACHMENT_LETTER);
  const detBytes = file(ATTACHMENT_DETERMINATION);
  const caseBytes = file(ATTACHMENT_CASE);
  if (!letterBytes || !detBytes || !caseBytes) {
    const missing = [ATTACHMENT_LETTER, ATTACHMENT_DETERMINATION, ATTACHMENT_CASE].filter((n) => !file(n));
    return invalid('ATTACHMENT_MISSING', `the letter lacks its embedded ${missing.join(', ')}`, { signer });
  }
  let record: LetterRecord;
  let det: Determination;
  let caseDoc: Case;
  try {
    record = JSON.parse(letterBytes.toString('utf8')) as LetterRecord;
    if (record?.format !== LETTER_FORMAT) throw new Error('not a tierline.letter/1 record');
    const detRaw = JSON.parse(detBytes.toString('utf8')) as unknown;
    det = Determination.parse(detRaw);
    caseDoc = Case.parse(JSON.parse(caseBytes.toString('utf8')));
  } catch (e) {
    return invalid('ATTACHMENT_MISMATCH', `an embedded record cannot be read: ${(e as Error).message.slice(0, 300)}`, { signer });
  }
  const signedAt = Date.parse(record.issuedAt);
  if (!(signedAt >= Date.parse(check.certificate.validFrom) && signedAt <= Date.parse(check.certificate.validTo))) {
    return invalid('CERT_NOT_VALID', `the office certificate was not valid when the letter was issued (${record.issuedAt}; valid ${check.certificate.validFrom} to ${check.certificate.validTo})`, { signer });
  }
  const partial: Partial<VerifiedLetter> = {
    letterNumber: record.letterNumber,
    issuedAt: record.issuedAt,
    officer: record.officer,
    office: record.office,
    signer,
  };
  const detText = detBytes.toString('utf8');
  if (canonicalJson(det) !== detText) return invalid('ATTACHMENT_MISMATCH', 'the embedded determination is not in canonical form', partial);
  const determinationSha256 = sha256Hex(detBytes);
  if (determinationSha256 !== record.determinationSha256) {
    return invalid('ATTACHMENT_MISMATCH', 'the embedded determination is not the one the letter record names (its hash differs)', partial);
  }
  if (record.caseSha256 !== det.caseSha256) return invalid('ATTACHMENT_MISMATCH', 'the letter record and the determination name different cases', partial);
  const caseRaw = JSON.parse(caseBytes.toString('utf8')) as unknown;
  if (canonicalJson(caseRaw) !== caseBytes.toString('utf8')) return invalid('ATTACHMENT_MISMATCH', 'the embedded case is not in canonical form', partial);
  if (sha256Hex(caseBytes) !== det.caseSha256) {
    return invalid('ATTACHMENT_MISMATCH', 'the embedded case is not the case the determination was made for', partial);
  }

  // 6. the QR record: signed by the office's QR key, and saying what the embedded records say
  const parsed = parseQrRecord(record.qrRecord);
  if (!parsed.ok) return invalid('QR_SIGNATURE', `the QR record is unreadable: ${parsed.message}`, partial);
  let qrKey: KeyObject;
  const fromCert = qrKeyFromCertificate(check.certificateDer);
  const fromRecord = record.signer?.qrPublicKey ? Buffer.from(record.signer.qrPublicKey, 'base64') : null;
  if (fromCert && fromRecord && !fromCert.equals(fromRecord)) {
    return invalid('QR_SIGNATURE', "the letter names a QR key other than the one in the office's certificate", partial);
  }
  const raw = fromCert ?? fromRecord;
  if (!raw || raw.length !== 32) return invalid('QR_SIGNATURE', 'the letter does not say which key signs its QR record', partial);
  try {
    qrKey = ed25519PublicKeyFromRaw(raw);
  } catch {
    return invalid('QR_SIGNATURE', 'the QR public key is malformed', partial);
  }
  if (parsed.payload.k !== qrKeyIdOf(raw)) return invalid('QR_SIGNATURE', `the QR record names key ${parsed.payload.k}, not the office's key ${qrKeyIdOf(raw)}`, partial);
  if (!cryptoVerify(null, Buffer.from(parsed.body, 'utf8'), qrKey, parsed.signature)) {
    return invalid('QR_SIGNATURE', 'the QR record signature does not verify', partial);
  }
  const expected = qrPayloadFor({
    letterNumber: record.letterNumber,
    issuedOn: String(record.issuedAt).slice(0, 10),
    determination: det,
    determinationSha256,
    qrKeyId: parsed.payload.k,
  });
  if (canonicalJson(expected) !== canonicalJson(parsed.payload)) {
    const diff = (Object.keys(expected) as Array<keyof QrPayload>).filter((k) => canonicalJson(expected[k]) !== canonicalJson(parsed.payload[k]));
    return invalid('QR_MISMATCH', `the QR record disagrees with the embedded determination (${diff.join(', ')})`, partial);
  }

  return {
    status: 'VALID',
    letter: {
      letterNumber: record.letterNumber,
      issuedAt: record.issuedAt,
      officer: record.officer,
      office: record.office,
      auditHead: record.auditHead,
      supersedes: record.supersedes ?? null,
      signer,
      caseSha256: det.caseSha256,
      determinationSha256,
      qrRecord: record.qrRecord,
      qr: parsed.payload,
      case: caseDoc,
      determination: det,
    },
  };
}

/** One line for a terminal: `VALID …`, `INVALID(reason)`, `ERROR(reason)`. */
export function formatVerifyResult(r: VerifyResult): string {
  if (r.status === 'VALID') {
    const l = r.letter;
    return `VALID letter ${l.letterNumber} issued ${l.issuedAt.slice(0, 10)} by ${l.officer} (${l.office.name}); signer SHA-256 ${l.signer.fingerprint}`;
  }
  return `${r.status}(${r.code}: ${r.reason})`;
}

/** Length of the outer DER element (tag, length, contents), or null if it is not a definite-length SEQUENCE. */
function derTotalLength(der: Uint8Array): number | null {
  if (der.length < 2 || der[0] !== 0x30) return null;
  const first = der[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
  return 2 + n + len;
}
