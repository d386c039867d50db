// External anchors for the audit chain. The chain alone cannot tell a consistent rewrite of its tail, or
// a tail cut off together with the counter, from honest history: an anchor can. `createAnchor` signs the
// current head (seq and hash) with the office's signing key and records that it did (`audit.anchored`);
// the file is kept off the machine or printed. `verifyAnchor` checks the file's signature and
// certificate (this office's identity or a certificate on the trust list), then that the store still
// extends it: the entry at the anchored seq is still there with the anchored hash, and the whole chain
// and every record verify. A rewrite of any entry up to the anchor, or a log cut below it, fails.
import { createHash, sign as cryptoSign, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/domain/canonical';
import { appendAudit, auditHead, listAudit, listTrustedKeys, verifyAuditChain, type AuditHead, type AuditVerification, type Db, type Result, type WriteOptions } from '../db';
import { abort, write } from '../db/tx';
import { loadStoredIdentity } from '../identity/store';
import type { UnlockedIdentity } from '../identity/keys';

export const ANCHOR_FORMAT = 'tierline.audit-anchor/1' as const;
/** An anchor is a few kilobytes (most of it the certificate); anything much larger is not one. */
export const MAX_ANCHOR_BYTES = 64 * 1024;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
const AnchorBody = z.strictObject({
  format: z.literal(ANCHOR_FORMAT),
  office: z.string().min(1).max(400),
  /** SHA-256 of the signing certificate's DER. */
  certificateSha256: Hex64,
  certificatePem: z.string().min(1).max(32_000),
  seq: z.number().int().min(1),
  hash: Hex64,
  /** When the anchor was made (ISO timestamp, UTC). */
  createdAt: z.string().datetime(),
});
const AnchorFile = AnchorBody.extend({
  signature: z.strictObject({ algorithm: z.literal('sha256'), value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64') }),
});
export type AuditAnchor = z.infer<typeof AnchorFile>;

function signedBytes(body: z.infer<typeof AnchorBody>): Buffer {
  return Buffer.from(canonicalJson(body), 'utf8');
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** The anchor's text as written to the file: indented JSON, readable when printed. */
export function anchorText(a: AuditAnchor): string {
  return `${JSON.stringify(a, null, 2)}\n`;
}

/**
 * Signs the current head and records the anchor in the log (the `audit.anchored` entry comes after the
 * head it anchors, as a letter's `letter.issued` comes after the head printed on it).
 */
export function createAnchor(db: Db, identity: UnlockedIdentity, opts: WriteOptions): Result<{ anchor: AuditAnchor; text: string; entrySeq: number }> {
  return write(db, () => {
    const head = auditHead(db);
    if (head.seq === 0) abort('EMPTY_LOG', 'the audit log is empty: there is nothing to anchor yet');
    const check = verifyAuditChain(db);
    if (!check.ok) abort('CHAIN_BROKEN', `the store does not verify, so it cannot be anchored: ${check.reason}`);
    const createdAt = new Date(opts.at ?? Date.now()).toISOString();
    const body = {
      format: ANCHOR_FORMAT,
      office: identity.office.name,
      certificateSha256: identity.fingerprint,
      certificatePem: identity.certificatePem,
      seq: head.seq,
      hash: head.hash,
      createdAt,
    };
    const value = cryptoSign('sha256', signedBytes(body), identity.signingKey).toString('base64');
    const anchor: AuditAnchor = { ...body, signature: { algorithm: 'sha256', value } };
    const text = anchorText(anchor);
    const entry = appendAudit(
      db,
      {
        action: 'audit.anchored',
        subject: 'audit',
        details: { seq: head.seq, hash: head.hash, certificateSha256: identity.fingerprint, anchorSha256: createHash('sha256').update(text).digest('hex') },
      },
      { ...opts, at: createdAt },
    );
    return { anchor, text, entrySeq: entry.seq };
  });
}

export type AnchorCheck =
  | { status: 'EXTENDS'; anchor: AuditAnchor; chain: Extract<AuditVerification, { ok: true }>; after: number }
  | { status: 'BROKEN'; anchor: AuditAnchor; reason: string; chain: AuditVerification }
  | { status: 'INVALID'; reason: string; path?: string };

/** Reads an anchor file: size bounded before parsing, strict schema, signature and certificate checked. */
export function readAnchor(db: Db, bytes: Uint8Array): { ok: true; anchor: AuditAnchor } | { ok: false; reason: string; path?: string } {
  if (bytes.length > MAX_ANCHOR_BYTES) return { ok: false, reason: `the file has ${bytes.length} bytes; an audit anchor has at most ${MAX_ANCHOR_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
  const parsed = AnchorFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = `$${first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
    return { ok: false, reason: `not an audit anchor: ${path}: ${first.message}`, path };
  }
  const anchor = parsed.data;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(anchor.certificatePem);
  } catch {
    return { ok: false, reason: 'the certificate in the anchor cannot be read', path: '$.certificatePem' };
  }
  const der = pemToDer(anchor.certificatePem);
  if (createHash('sha256').update(der).digest('hex') !== anchor.certificateSha256) {
    return { ok: false, reason: 'the certificate does not hash to certificateSha256', path: '$.certificateSha256' };
  }
  const { signature, ...body } = anchor;
  let good = false;
  try {
    good = cryptoVerify('sha256', signedBytes(body), cert.publicKey, Buffer.from(signature.value, 'base64'));
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'the signature does not match the anchor: it was changed after it was signed, or not signed by this certificate', path: '$.signature' };
  const own = loadStoredIdentity(db)?.fingerprint;
  const trusted = new Set(listTrustedKeys(db).map((k) => k.fingerprint));
  if (anchor.certificateSha256 !== own && !trusted.has(anchor.certificateSha256)) {
    return { ok: false, reason: `signed by "${anchor.office}" (certificate ${anchor.certificateSha256.slice(0, 16)}…), which is neither this office's identity nor on its trust list`, path: '$.certificateSha256' };
  }
  return { ok: true, anchor };
}

/** Does the store still extend this anchor? */
export function verifyAnchor(db: Db, bytes: Uint8Array): AnchorCheck {
  const read = readAnchor(db, bytes);
  if (!read.ok) return { status: 'INVALID', reason: read.reason, path: read.path };
  const { anchor } = read;
  const expectedHead: AuditHead = { seq: anchor.seq, hash: anchor.hash };
  const chain = verifyAuditChain(db, { expectedHead });
  if (!chain.ok) {
    return { status: 'BROKEN', anchor, chain, reason: `the store no longer extends the anchor of ${anchor.createdAt} (entry #${anchor.seq}): ${chain.reason}` };
  }
  return { status: 'EXTENDS', anchor, chain, after: chain.head.seq - anchor.seq };
}

/** The newest `audit.anchored` entry: when the head was last anchored, and which entry. */
export function lastAnchor(db: Db): { at: string; seq: number; entrySeq: number } | null {
  const [e] = listAudit(db, { action: 'audit.anchored', limit: 1, order: 'desc' });
  if (!e) return null;
  return { at: e.at, seq: Number(e.details.seq), entrySeq: e.seq };
}
