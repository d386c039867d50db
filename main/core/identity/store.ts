// Keeps the office identity and the trust list in the store (main/core/db does the SQL). The sealed
// identity record (JSON, keys encrypted under the passphrase) goes in the signing_identity blob; the
// trust list holds certificate PEMs, followed by the office's QR public key when the certificate cannot
// carry it (an imported PKCS#12), so that a paper copy's QR can be checked offline.
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import {
  addTrustedKey,
  getSigningIdentity,
  listTrustedKeys,
  setSigningIdentity,
  type Db,
  type Result,
  type WriteOptions,
} from '../db';
import {
  IDENTITY_FORMAT,
  IdentityError,
  createIdentity,
  derToPem,
  ed25519PublicKeyFromRaw,
  pemToDer,
  qrKeyFromCertificate,
  qrKeyIdOf,
  rawEd25519PublicKey,
  sha256Hex,
  unlockIdentity,
  type Office,
  type StoredIdentity,
  type UnlockedIdentity,
} from './keys';

/** The stored identity, or null when this installation has none yet. */
export function loadStoredIdentity(db: Db): StoredIdentity | null {
  const row = getSigningIdentity(db);
  if (!row) return null;
  let parsed: StoredIdentity;
  try {
    parsed = JSON.parse(Buffer.from(row.p12).toString('utf8')) as StoredIdentity;
  } catch {
    throw new IdentityError('BAD_RECORD', 'the stored signing identity is not a Tierline identity record');
  }
  if (parsed.format !== IDENTITY_FORMAT) throw new IdentityError('BAD_RECORD', 'the stored signing identity has an unknown format');
  return parsed;
}

/** The PEM a trust list keeps for an identity: the certificate, plus the QR key if the certificate lacks it. */
export function trustPemOf(record: Pick<StoredIdentity, 'certificatePem' | 'qrPublicKey'>): string {
  const certDer = pemToDer(record.certificatePem);
  const pem = derToPem(certDer);
  if (qrKeyFromCertificate(certDer)) return pem;
  const spki = ed25519PublicKeyFromRaw(Buffer.from(record.qrPublicKey, 'base64')).export({ format: 'der', type: 'spki' });
  return pem + derToPem(Buffer.from(spki), 'PUBLIC KEY');
}

/** Stores the identity and trusts its own certificate, in one transaction. */
export function saveIdentity(db: Db, record: StoredIdentity, opts: WriteOptions): Result<{ fingerprint: string }> {
  const run = db.transaction((): Result<{ fingerprint: string }> => {
    const saved = setSigningIdentity(
      db,
      { p12: Buffer.from(JSON.stringify(record), 'utf8'), certificatePem: record.certificatePem, fingerprint: record.fingerprint },
      opts,
    );
    if (!saved.ok) throw saved;
    const trusted = addTrustedKey(db, { fingerprint: record.fingerprint, subject: record.office.name, pem: trustPemOf(record) }, opts);
    if (!trusted.ok) throw trusted;
    return { ok: true, value: { fingerprint: record.fingerprint } };
  });
  try {
    return run.immediate();
  } catch (e) {
    if (e && typeof e === 'object' && 'ok' in e && (e as { ok: boolean }).ok === false) return e as Result<{ fingerprint: string }>;
    throw e;
  }
}

export interface EnsureIdentityOptions {
  passphrase: string;
  /** Letterhead for a new identity (ignored when one exists). */
  office: Office;
  actor: string;
  kdf?: { N: number; r: number; p: number };
  /** Creation time of a new identity's certificate (tests); defaults to now. */
  now?: Date;
}

/** Unlocks this installation's identity, creating (and trusting) one on first use. */
export function ensureIdentity(db: Db, opts: EnsureIdentityOptions): { identity: UnlockedIdentity; record: StoredIdentity; created: boolean } {
  const existing = loadStoredIdentity(db);
  if (existing) return { identity: unlockIdentity(existing, opts.passphrase), record: existing, created: false };
  const record = createIdentity({ office: opts.office, passphrase: opts.passphrase, kdf: opts.kdf, now: opts.now });
  const saved = saveIdentity(db, record, { actor: opts.actor });
  if (!saved.ok) throw new Error(`cannot store the signing identity: ${saved.error.message}`);
  return { identity: unlockIdentity(record, opts.passphrase), record, created: true };
}

/** Fingerprints of the certificates on the trust list (removed ones excluded). */
export function trustedFingerprints(db: Db): string[] {
  return listTrustedKeys(db).map((k) => k.fingerprint);
}

/** Splits a trust-list PEM into its certificate and the QR key it carries (extension or PEM block). */
export function parseTrustPem(pem: string): { certificateDer: Buffer; fingerprint: string; subject: string; qrPublicKey: Buffer | null } {
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!certMatch) throw new IdentityError('BAD_RECORD', 'no certificate in the PEM text');
  const certificateDer = pemToDer(certMatch[0]);
  const x = new X509Certificate(certificateDer);
  let qr = qrKeyFromCertificate(certificateDer);
  const keyMatch = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(pem);
  if (!qr && keyMatch) {
    const k = createPublicKey(keyMatch[0]);
    if (k.asymmetricKeyType === 'ed25519') qr = rawEd25519PublicKey(k);
  }
  const subject = /(?:^|\n)O=([^\n]+)/.exec(x.subject)?.[1] ?? /(?:^|\n)CN=([^\n]+)/.exec(x.subject)?.[1] ?? x.subject;
  return { certificateDer, fingerprint: sha256Hex(certificateDer), subject, qrPublicKey: qr };
}

/** Office QR keys on the trust list, by key id: what a scanner checks a paper copy's QR record with. */
export function trustedQrKeys(db: Db): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  for (const k of listTrustedKeys(db)) {
    try {
      const t = parseTrustPem(k.pem);
      if (t.qrPublicKey) out.set(qrKeyIdOf(t.qrPublicKey), ed25519PublicKeyFromRaw(t.qrPublicKey));
    } catch {
      // A certificate without a QR key still verifies PDFs; it just cannot check paper copies.
    }
  }
  return out;
}

/** Adds an office certificate (PEM, optionally followed by its QR public key) to the trust list. */
export function trustCertificatePem(db: Db, pem: string, opts: WriteOptions): Result<{ fingerprint: string; subject: string; created: boolean }> {
  let t: ReturnType<typeof parseTrustPem>;
  try {
    t = parseTrustPem(pem);
  } catch (e) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `not a certificate: ${(e as Error).message}`, path: '$.pem' } };
  }
  const stored = derToPem(t.certificateDer) + (t.qrPublicKey && !qrKeyFromCertificate(t.certificateDer)
    ? derToPem(Buffer.from(ed25519PublicKeyFromRaw(t.qrPublicKey).export({ format: 'der', type: 'spki' })), 'PUBLIC KEY')
    : '');
  const r = addTrustedKey(db, { fingerprint: t.fingerprint, subject: t.subject, pem: stored }, opts);
  return r.ok ? { ok: true, value: { fingerprint: t.fingerprint, subject: t.subject, created: r.value.created } } : r;
}
