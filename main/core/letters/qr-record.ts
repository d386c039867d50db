// The compact signed record printed as a QR code on page 1, so that a paper copy can be checked by a
// scanner and the app with no network: `TL1:` + canonical JSON + `.` + Ed25519 signature (base64url)
// over the UTF-8 bytes of `TL1:` + JSON. Hashes are base64url of their 32 bytes to keep the code small.
import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';
import type { EvaluationMode } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';

export const QR_PREFIX = 'TL1:';

/** What the QR code carries. Keys are short on purpose: every byte makes the code denser. */
export interface QrPayload {
  v: 1;
  /** Letter number. */
  n: string;
  /** Date issued, YYYY-MM-DD. */
  i: string;
  /** As-of date the rules were applied on. */
  d: string;
  /** SHA-256 of the canonical case (the determination's caseSha256), base64url. */
  c: string;
  /** SHA-256 of the embedded canonical determination JSON, base64url. */
  j: string;
  /** Outcome (authorization) per item, per mode: w = as written, e = enforced. */
  o: Partial<Record<'w' | 'e', string[]>>;
  /** Rule pack SHA-256 per mode, base64url. */
  p: Partial<Record<'w' | 'e', string>>;
  /** Key id of the office's QR key. */
  k: string;
}

const MODE_KEY: Record<EvaluationMode, 'w' | 'e'> = { as_written: 'w', enforced: 'e' };

export const hexToB64u = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');
export const b64uToHex = (b64u: string): string => Buffer.from(b64u, 'base64url').toString('hex');

/** The payload a letter's QR must carry, derived from the letter's own data. */
export function qrPayloadFor(input: {
  letterNumber: string;
  issuedOn: string;
  determination: Determination;
  determinationSha256: string;
  qrKeyId: string;
}): QrPayload {
  const d = input.determination;
  const o: QrPayload['o'] = {};
  const p: QrPayload['p'] = {};
  for (const ev of d.evaluations) {
    const m = MODE_KEY[ev.mode];
    o[m] = [...ev.items].sort((a, b) => a.index - b.index).map((it) => it.authorization);
    p[m] = hexToB64u(ev.rulePack.sha256);
  }
  return {
    v: 1,
    n: input.letterNumber,
    i: input.issuedOn,
    d: d.evaluations[0].asOf,
    c: hexToB64u(d.caseSha256),
    j: hexToB64u(input.determinationSha256),
    o,
    p,
    k: input.qrKeyId,
  };
}

export function signQrRecord(payload: QrPayload, qrKey: KeyObject): string {
  const body = QR_PREFIX + canonicalJson(payload);
  const sig = cryptoSign(null, Buffer.from(body, 'utf8'), qrKey);
  return `${body}.${sig.toString('base64url')}`;
}

export type QrParse = { ok: true; payload: QrPayload; body: string; signature: Buffer } | { ok: false; message: string };

/** Parses a scanned QR text; checks its shape, not its signature. */
export function parseQrRecord(text: string): QrParse {
  if (typeof text !== 'string' || !text.startsWith(QR_PREFIX) || text.length > 2000) {
    return { ok: false, message: 'not a Tierline letter record' };
  }
  const dot = text.lastIndexOf('.');
  if (dot < 0) return { ok: false, message: 'the record has no signature' };
  const body = text.slice(0, dot);
  const sigText = text.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]{86}$/.test(sigText)) return { ok: false, message: 'the record signature is malformed' };
  let payload: QrPayload;
  try {
    payload = JSON.parse(body.slice(QR_PREFIX.length)) as QrPayload;
  } catch {
    return { ok: false, message: 'the record is not valid JSON' };
  }
  if (!payload || typeof payload !== 'object' || payload.v !== 1 || typeof payload.n !== 'string' || typeof payload.k !== 'string') {
    return { ok: false, message: 'the record lacks its fields' };
  }
  if (canonicalJson(payload) !== body.slice(QR_PREFIX.length)) {
    return { ok: false, message: 'the record is not in canonical form' };
  }
  return { ok: true, payload, body, signature: Buffer.from(sigText, 'base64url') };
}

export type QrCheck = { ok: true; payload: QrPayload } | { ok: false; message: string };

/**
 * Verifies a scanned record with the office QR keys the user trusts (key id → Ed25519 public key),
 * the check a scanner or the app runs on a paper copy.
 */
export function verifyQrRecord(text: string, trustedKeys: ReadonlyMap<string, KeyObject>): QrCheck {
  const parsed = parseQrRecord(text);
  if (!parsed.ok) return parsed;
  const key = trustedKeys.get(parsed.payload.k);
  if (!key) return { ok: false, message: `the record is signed with key ${parsed.payload.k}, which is not in the trust list` };
  let good = false;
  try {
    good = cryptoVerify(null, Buffer.from(parsed.body, 'utf8'), key, parsed.signature);
  } catch {
    good = false;
  }
  return good ? { ok: true, payload: parsed.payload } : { ok: false, message: 'the record signature does not verify' };
}

/** Plain-words description of what a verified record says, for a scanner's screen. */
export function describeQrPayload(p: QrPayload): string[] {
  const lines = [`Letter ${p.n}, issued ${p.i}, rules as of ${p.d}`];
  if (p.o.w) lines.push(`As written: ${p.o.w.map((a, i) => `item ${i + 1} ${a}`).join(', ')}`);
  if (p.o.e) lines.push(`Enforced: ${p.o.e.map((a, i) => `item ${i + 1} ${a}`).join(', ')}`);
  lines.push(`Case SHA-256 ${b64uToHex(p.c)}`);
  return lines;
}
