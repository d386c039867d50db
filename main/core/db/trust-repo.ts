// The user's trust list of office signing certificates, and this installation's own signing identity
// (an encrypted PKCS#12 and its certificate). main/core/identity does the crypto; this file keeps blobs.
import { appendAudit } from './audit-repo';
import { sha256Hex } from './hash';
import { recordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export interface TrustedKey {
  fingerprint: string;
  subject: string;
  pem: string;
  addedAt: string;
  removedAt: string | null;
}

export interface SigningIdentity {
  p12: Buffer;
  certificatePem: string;
  fingerprint: string;
  createdAt: string;
}

interface TrustedKeyRow {
  fingerprint: string;
  subject: string;
  pem: string;
  added_at: string;
  removed_at: string | null;
}

/** Lower-case hex without separators, so `AB:CD…` and `abcd…` name the same key. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[:\s]/g, '').toLowerCase();
}

function validFingerprint(fp: string): boolean {
  return /^[0-9a-f]{16,128}$/.test(fp);
}

function isPem(pem: string): boolean {
  return typeof pem === 'string' && pem.startsWith('-----BEGIN CERTIFICATE-----') && pem.includes('-----END CERTIFICATE-----');
}

function toKey(r: TrustedKeyRow): TrustedKey {
  return { fingerprint: r.fingerprint, subject: r.subject, pem: r.pem, addedAt: r.added_at, removedAt: r.removed_at };
}

export function getTrustedKey(db: Db, fingerprint: string): TrustedKey | null {
  const r = db.prepare('SELECT * FROM trusted_keys WHERE fingerprint = ?').get(normalizeFingerprint(fingerprint)) as TrustedKeyRow | undefined;
  return r ? toKey(r) : null;
}

export function isTrustedKey(db: Db, fingerprint: string): boolean {
  const k = getTrustedKey(db, fingerprint);
  return k !== null && k.removedAt === null;
}

export function listTrustedKeys(db: Db, opts: { includeRemoved?: boolean } = {}): TrustedKey[] {
  const rows = db
    .prepare(`SELECT * FROM trusted_keys ${opts.includeRemoved ? '' : 'WHERE removed_at IS NULL'} ORDER BY added_at, fingerprint`)
    .all() as TrustedKeyRow[];
  return rows.map(toKey);
}

/** Trusts a certificate (again, if it was removed). Already trusted: returns it unchanged. */
export function addTrustedKey(
  db: Db,
  key: { fingerprint: string; subject: string; pem: string },
  opts: WriteOptions,
): Result<TrustedKey & { created: boolean }> {
  const fingerprint = normalizeFingerprint(key.fingerprint);
  if (!validFingerprint(fingerprint)) return fail('INVALID_INPUT', 'a fingerprint is 16 to 128 hex digits', '$.fingerprint');
  if (!isPem(key.pem)) return fail('INVALID_INPUT', 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)', '$.pem');
  return write(db, () => {
    const existing = getTrustedKey(db, fingerprint);
    if (existing && existing.removedAt === null) return { ...existing, created: false };
    const at = nowIso(opts);
    if (existing) {
      db.prepare('UPDATE trusted_keys SET removed_at = NULL, added_at = ?, subject = ?, pem = ? WHERE fingerprint = ?').run(at, key.subject, key.pem, fingerprint);
    } else {
      db.prepare('INSERT INTO trusted_keys (fingerprint, subject, pem, added_at) VALUES (?, ?, ?, ?)').run(fingerprint, key.subject, key.pem, at);
    }
    appendAudit(
      db,
      { action: 'trust.changed', subject: `key:${fingerprint}`, details: { change: 'added', subject: key.subject }, records: [recordRef(db, 'key', fingerprint)] },
      { ...opts, at },
    );
    return { ...(getTrustedKey(db, fingerprint) as TrustedKey), created: true };
  });
}

/** Stops trusting a certificate; the row stays (with removed_at) so earlier verifications can be explained. */
export function removeTrustedKey(db: Db, fingerprint: string, opts: WriteOptions): Result<TrustedKey> {
  const fp = normalizeFingerprint(fingerprint);
  return write(db, () => {
    const existing = getTrustedKey(db, fp);
    if (!existing || existing.removedAt !== null) return abort('NOT_FOUND', `key ${fp} is not on the trust list`, '$.fingerprint');
    const at = nowIso(opts);
    db.prepare('UPDATE trusted_keys SET removed_at = ? WHERE fingerprint = ?').run(at, fp);
    appendAudit(
      db,
      { action: 'trust.changed', subject: `key:${fp}`, details: { change: 'removed', subject: existing.subject }, records: [recordRef(db, 'key', fp)] },
      { ...opts, at },
    );
    return getTrustedKey(db, fp) as TrustedKey;
  });
}

export function getSigningIdentity(db: Db): SigningIdentity | null {
  const r = db.prepare('SELECT p12, certificate_pem, fingerprint, created_at FROM signing_identity WHERE id = 1').get() as
    | { p12: Buffer; certificate_pem: string; fingerprint: string; created_at: string }
    | undefined;
  return r ? { p12: r.p12, certificatePem: r.certificate_pem, fingerprint: r.fingerprint, createdAt: r.created_at } : null;
}

/** Stores (or replaces) this installation's signing identity. The audit entry names the fingerprint only. */
export function setSigningIdentity(
  db: Db,
  identity: { p12: Uint8Array; certificatePem: string; fingerprint: string },
  opts: WriteOptions,
): Result<{ fingerprint: string; createdAt: string; replaced: string | null }> {
  const fingerprint = normalizeFingerprint(identity.fingerprint);
  if (!validFingerprint(fingerprint)) return fail('INVALID_INPUT', 'a fingerprint is 16 to 128 hex digits', '$.fingerprint');
  if (!(identity.p12 instanceof Uint8Array) || identity.p12.length === 0) return fail('INVALID_INPUT', 'the PKCS#12 is empty', '$.p12');
  if (!isPem(identity.certificatePem)) return fail('INVALID_INPUT', 'expected a PEM certificate', '$.certificatePem');
  return write(db, () => {
    const previous = getSigningIdentity(db);
    const at = nowIso(opts);
    db.prepare(
      `INSERT INTO signing_identity (id, p12, certificate_pem, fingerprint, created_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET p12 = excluded.p12, certificate_pem = excluded.certificate_pem,
         fingerprint = excluded.fingerprint, created_at = excluded.created_at`,
    ).run(Buffer.from(identity.p12), identity.certificatePem, fingerprint, at);
    appendAudit(
      db,
      {
        action: 'key.created',
        subject: `key:${fingerprint}`,
        details: { fingerprint, replaced: previous?.fingerprint ?? null },
        records: [recordRef(db, 'identity', 1, { p12: sha256Hex(identity.p12) })],
      },
      { ...opts, at },
    );
    return { fingerprint, createdAt: at, replaced: previous?.fingerprint ?? null };
  });
}
