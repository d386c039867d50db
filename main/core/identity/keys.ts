// The issuing office's signing identity: an X.509 certificate with its private key (RSA, for the PDF's
// CMS signature) and an Ed25519 key (for the compact record in the letter's QR code). On first use an
// office creates one (self-signed) or imports a PKCS#12 file; either way the private keys are stored
// only encrypted under a passphrase (scrypt → AES-256-GCM). The stored record is plain JSON so that the
// store, a file or IPC can carry it; nothing here touches the database or the terminal.
import {
  X509Certificate,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  type KeyObject,
} from 'node:crypto';
import type Forge from 'node-forge';
import { Certificate } from '@peculiar/asn1-x509';
import { parseDer } from '../letters/asn1';
import { nullValue, oid, seq, tlv } from '../letters/der';
import { lazyModule } from '../lazy';

const forge = lazyModule<typeof Forge>('node-forge');

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 § 4) before the 32 key octets. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const PLACEHOLDER_OID = '1.2.3.4.5.6.7';

function replaceOid(node: Forge.asn1.Asn1, from: string, to: Uint8Array): void {
  if (node.type === forge.asn1.Type.OID && node.value === from) {
    node.value = Buffer.from(to).toString('binary');
    return;
  }
  if (Array.isArray(node.value)) for (const child of node.value) replaceOid(child, from, to);
}

export const IDENTITY_FORMAT = 'tierline.identity/1' as const;
/**
 * Certificate extension that binds the office's QR (Ed25519) public key to its signing certificate, so
 * that trusting the certificate's fingerprint also trusts the key that signs QR records. The arc is a
 * UUID-based OID (2.25, ITU-T X.667), which needs no registration.
 */
export const QR_KEY_EXTENSION_OID = '2.25.140499713963513960745405095624580037693';

export interface Office {
  /** The office or company that issues letters, as printed in the letterhead. */
  name: string;
  /** Unit or department line under the name. */
  unit?: string;
  /** Postal address lines. */
  address?: string[];
  /** ISO alpha-2 country of the office (certificate subject C). */
  country?: string;
  /** Telephone or e-mail printed in the letterhead. */
  contact?: string;
}

export interface StoredIdentity {
  format: typeof IDENTITY_FORMAT;
  office: Office;
  source: 'generated' | 'pkcs12';
  createdAt: string;
  certificatePem: string;
  /** Further certificates of an imported chain (issuer first), PEM. */
  chainPem: string[];
  /** SHA-256 of the certificate's DER, lower-case hex: what trust lists hold. */
  fingerprint: string;
  /** First 16 hex digits of SHA-256 over the raw Ed25519 public key. */
  qrKeyId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  qrPublicKey: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  ciphertext: string;
}

export interface UnlockedIdentity {
  office: Office;
  certificateDer: Buffer;
  certificatePem: string;
  chainDer: Buffer[];
  fingerprint: string;
  signingKey: KeyObject;
  qrKey: KeyObject;
  qrKeyId: string;
  qrPublicKey: Buffer;
}

/** What a trust list holds for one office: enough to check its PDFs and, offline, its QR records. */
export interface TrustEntry {
  fingerprint: string;
  office: string;
  certificatePem: string;
  qrKeyId: string;
  qrPublicKey: string;
}

export type IdentityErrorCode = 'BAD_PASSPHRASE' | 'WEAK_PASSPHRASE' | 'BAD_PKCS12' | 'BAD_RECORD';

export class IdentityError extends Error {
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

export const MIN_PASSPHRASE_LENGTH = 8;
/** scrypt cost of new records: N = 2^17, r = 8, p = 1 (128 MiB; bench/kdf.ts measures it against 2^15). */
export const DEFAULT_KDF = { N: 1 << 17, r: 8, p: 1 } as const;

/**
 * The scrypt parameters a record may carry. A stored record is data: one that names N = 2^40 or r = 2^20
 * would make unlocking exhaust the machine's memory or time, so it is refused before scrypt runs. The
 * floor (2^10) is what the test suite seals with; new records use DEFAULT_KDF.
 */
export const KDF_BOUNDS = { minLog2N: 10, maxLog2N: 20, maxR: 16, maxP: 4, maxMemoryBytes: 512 * 1024 * 1024 } as const;

/** Null when N, r, p are within KDF_BOUNDS; otherwise what is wrong, in words. */
export function kdfOutOfBounds(kdf: { N?: unknown; r?: unknown; p?: unknown }): string | null {
  const { N, r, p } = kdf;
  const b = KDF_BOUNDS;
  if (typeof N !== 'number' || !Number.isSafeInteger(N) || N < 2 ** b.minLog2N || N > 2 ** b.maxLog2N || (N & (N - 1)) !== 0) {
    return `N=${JSON.stringify(N)} (allowed: a power of two from 2^${b.minLog2N} to 2^${b.maxLog2N})`;
  }
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 1 || r > b.maxR) return `r=${JSON.stringify(r)} (allowed: 1 to ${b.maxR})`;
  if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 1 || p > b.maxP) return `p=${JSON.stringify(p)} (allowed: 1 to ${b.maxP})`;
  if (128 * N * r > b.maxMemoryBytes) return `N=${N}, r=${r} need ${(128 * N * r) / 2 ** 20} MiB (allowed: at most ${b.maxMemoryBytes / 2 ** 20} MiB)`;
  return null;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function qrKeyIdOf(rawPublicKey: Uint8Array): string {
  return sha256Hex(rawPublicKey).slice(0, 16);
}

/** Raw 32-byte public key of an Ed25519 key object. */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'public' ? key : createPublicKey(key);
  const spki = pub.export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(spki.length - 32));
}

export function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new IdentityError('BAD_RECORD', 'an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new IdentityError(
      'WEAK_PASSPHRASE',
      `the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
  }
}

interface Secrets {
  signingKeyPkcs8: string;
  qrKeyPkcs8: string;
}

function seal(
  secrets: Secrets,
  passphrase: string,
  aad: string,
  kdf: { N: number; r: number; p: number } = DEFAULT_KDF,
): Pick<StoredIdentity, 'kdf' | 'cipher' | 'iv' | 'tag' | 'ciphertext'> {
  const bad = kdfOutOfBounds(kdf);
  if (bad) throw new RangeError(`scrypt parameters out of bounds: ${bad}`);
  const salt = randomBytes(16);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return {
    kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

function aadOf(record: Pick<StoredIdentity, 'fingerprint' | 'qrKeyId'>): string {
  return `${IDENTITY_FORMAT}|${record.fingerprint}|${record.qrKeyId}`;
}

export interface CreateIdentityOptions {
  office: Office;
  passphrase: string;
  /**
   * The person who holds the key and signs (the certificate's CN, what PDF readers show as the signer);
   * the office stays the O. Defaults to the office name.
   */
  signer?: string;
  /** Years the certificate is valid; letters are kept five years (15 CFR 762.6), so the default is 10. */
  validityYears?: number;
  now?: Date;
  /** scrypt cost, for tests only (at least N = 2^10, see KDF_BOUNDS); the default is N=2^17, r=8, p=1. */
  kdf?: { N: number; r: number; p: number };
}

/** Creates an office identity: RSA-2048 key, self-signed certificate, Ed25519 QR key; sealed. */
export function createIdentity(opts: CreateIdentityOptions): StoredIdentity {
  checkPassphrase(opts.passphrase);
  const office = normalizeOffice(opts.office);
  const now = opts.now ?? new Date();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ed = generateKeyPairSync('ed25519');
  const qrRaw = rawEd25519PublicKey(ed.publicKey);

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString());
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (opts.validityYears ?? 10));
  cert.validity.notAfter = notAfter;
  const attrs: Forge.pki.CertificateField[] = [{ name: 'commonName', value: opts.signer?.trim() || office.name }];
  attrs.push({ name: 'organizationName', value: office.name });
  if (office.unit) attrs.push({ name: 'organizationalUnitName', value: office.unit });
  if (office.country) attrs.push({ name: 'countryName', value: office.country });
  // forge writes PrintableString unless told otherwise; UTF8String keeps non-ASCII office names intact.
  for (const a of attrs) if (a.name !== 'countryName') (a as { valueTagClass?: number }).valueTagClass = forge.asn1.Type.UTF8;
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const spkiDer = ed.publicKey.export({ format: 'der', type: 'spki' });
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { id: PLACEHOLDER_OID, critical: false, value: spkiDer.toString('binary') },
  ]);
  // forge cannot encode the UUID arc (its OID encoder stops at 32 bits), so the extension is written
  // with a placeholder OID and the real one is put into the TBS structure before it is signed here.
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: Forge.pki.Certificate): Forge.asn1.Asn1 }).getTBSCertificate(cert);
  replaceOid(tbs, forge.asn1.oidToDer(PLACEHOLDER_OID).getBytes(), oid(QR_KEY_EXTENSION_OID).subarray(2));
  const tbsDer = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  const signature = cryptoSign('sha256', tbsDer, rsa.privateKey);
  const certDer = seq(tbsDer, seq(oid('1.2.840.113549.1.1.11'), nullValue()), tlv(0x03, Buffer.from([0]), signature));
  const certificatePem = derToPem(certDer);

  const base = {
    format: IDENTITY_FORMAT,
    office,
    source: 'generated' as const,
    createdAt: now.toISOString(),
    certificatePem,
    chainPem: [],
    fingerprint: sha256Hex(certDer),
    qrKeyId: qrKeyIdOf(qrRaw),
    qrPublicKey: qrRaw.toString('base64'),
  };
  const sealed = seal(
    {
      signingKeyPkcs8: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      qrKeyPkcs8: ed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    },
    opts.passphrase,
    aadOf(base),
    opts.kdf,
  );
  return { ...base, ...sealed };
}

export interface ImportP12Options {
  /** Passphrase of the PKCS#12 file. */
  p12Passphrase: string;
  /** New passphrase that seals the identity at rest. */
  passphrase: string;
  /** Letterhead details; the name defaults to the certificate's organization or common name. */
  office?: Partial<Office>;
  now?: Date;
  kdf?: { N: number; r: number; p: number };
}

/**
 * Imports an office's existing RSA certificate and key from a PKCS#12 file. The QR key is new (an
 * imported certificate cannot carry it); trust lists record it next to the certificate's fingerprint,
 * and each letter carries it inside the signed file.
 */
export function importP12(p12: Uint8Array, opts: ImportP12Options): StoredIdentity {
  checkPassphrase(opts.passphrase);
  let p12Obj: Forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(Buffer.from(p12).toString('binary'));
    p12Obj = forge.pkcs12.pkcs12FromAsn1(asn1, false, opts.p12Passphrase);
  } catch (e) {
    throw new IdentityError('BAD_PKCS12', `cannot open the PKCS#12 file (wrong passphrase or not PKCS#12): ${(e as Error).message}`);
  }
  const keyBags = [
    ...(p12Obj.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12Obj.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certBags = p12Obj.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const key = keyBags.find((b) => b.key)?.key as Forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new IdentityError('BAD_PKCS12', 'the PKCS#12 file holds no RSA private key');
  const certs = certBags.map((b) => b.cert).filter((c): c is Forge.pki.Certificate => Boolean(c));
  const own = certs.find((c) => {
    const pub = c.publicKey as Forge.pki.rsa.PublicKey;
    return pub.n && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!own) throw new IdentityError('BAD_PKCS12', 'no certificate in the PKCS#12 file matches its private key');
  const certificatePem = forge.pki.certificateToPem(own);
  const certDer = pemToDer(certificatePem);
  const subject = (name: string) => own.subject.getField(name)?.value as string | undefined;
  const office = normalizeOffice({
    name: opts.office?.name ?? subject('O') ?? subject('CN') ?? 'Issuing office',
    unit: opts.office?.unit ?? subject('OU'),
    address: opts.office?.address,
    country: opts.office?.country ?? subject('C'),
    contact: opts.office?.contact,
  });
  const signingKey = createPrivateKey(forge.pki.privateKeyToPem(key));
  const ed = generateKeyPairSync('ed25519');
  const qrRaw = rawEd25519PublicKey(ed.publicKey);
  const base = {
    format: IDENTITY_FORMAT,
    office,
    source: 'pkcs12' as const,
    createdAt: (opts.now ?? new Date()).toISOString(),
    certificatePem,
    chainPem: certs.filter((c) => c !== own).map((c) => forge.pki.certificateToPem(c)),
    fingerprint: sha256Hex(certDer),
    qrKeyId: qrKeyIdOf(qrRaw),
    qrPublicKey: qrRaw.toString('base64'),
  };
  const sealed = seal(
    {
      signingKeyPkcs8: signingKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      qrKeyPkcs8: ed.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    },
    opts.passphrase,
    aadOf(base),
    opts.kdf,
  );
  return { ...base, ...sealed };
}

/** Opens a stored identity; a wrong passphrase (or an altered record) is `BAD_PASSPHRASE`. */
export function unlockIdentity(record: StoredIdentity, passphrase: string): UnlockedIdentity {
  if (!record || record.format !== IDENTITY_FORMAT || record.cipher !== 'aes-256-gcm' || record.kdf?.name !== 'scrypt') {
    throw new IdentityError('BAD_RECORD', 'not a Tierline identity record');
  }
  // Bounded before scrypt runs: the record is data, and its cost parameters are the attacker's to choose.
  const bad = kdfOutOfBounds(record.kdf);
  if (bad) throw new IdentityError('BAD_RECORD', `the stored identity's key-derivation parameters are out of bounds: ${bad}; refused before deriving`);
  let secrets: Secrets;
  try {
    const { N, r, p } = record.kdf;
    const key = scryptSync(String(passphrase).normalize('NFC'), Buffer.from(record.kdf.salt, 'base64'), 32, {
      N,
      r,
      p,
      maxmem: 256 * N * r,
    });
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(record.iv, 'base64'));
    decipher.setAAD(Buffer.from(aadOf(record)));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(record.ciphertext, 'base64')), decipher.final()]);
    secrets = JSON.parse(plain.toString('utf8')) as Secrets;
  } catch {
    throw new IdentityError('BAD_PASSPHRASE', 'wrong passphrase for the signing identity');
  }
  const certificateDer = pemToDer(record.certificatePem);
  if (sha256Hex(certificateDer) !== record.fingerprint) {
    throw new IdentityError('BAD_RECORD', 'the stored certificate does not match its fingerprint');
  }
  const signingKey = createPrivateKey(secrets.signingKeyPkcs8);
  const qrKey = createPrivateKey(secrets.qrKeyPkcs8);
  const qrPublicKey = rawEd25519PublicKey(qrKey);
  if (qrKeyIdOf(qrPublicKey) !== record.qrKeyId) {
    throw new IdentityError('BAD_RECORD', 'the stored QR key does not match its key id');
  }
  return {
    office: record.office,
    certificateDer,
    certificatePem: record.certificatePem,
    chainDer: record.chainPem.map((p) => pemToDer(p)),
    fingerprint: record.fingerprint,
    signingKey,
    qrKey,
    qrKeyId: record.qrKeyId,
    qrPublicKey,
  };
}

/** Re-seals an identity under a new passphrase (the keys and certificate stay the same). */
export function changePassphrase(record: StoredIdentity, oldPassphrase: string, newPassphrase: string, kdf?: { N: number; r: number; p: number }): StoredIdentity {
  checkPassphrase(newPassphrase);
  const id = unlockIdentity(record, oldPassphrase);
  const sealed = seal(
    {
      signingKeyPkcs8: id.signingKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      qrKeyPkcs8: id.qrKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    },
    newPassphrase,
    aadOf(record),
    kdf,
  );
  return { ...record, ...sealed };
}

/** The public part an office hands to others to add to their trust list. */
export function trustEntryOf(record: Pick<StoredIdentity, 'fingerprint' | 'office' | 'certificatePem' | 'qrKeyId' | 'qrPublicKey'>): TrustEntry {
  return {
    fingerprint: record.fingerprint,
    office: record.office.name,
    certificatePem: record.certificatePem,
    qrKeyId: record.qrKeyId,
    qrPublicKey: record.qrPublicKey,
  };
}

/** Builds a trust entry from a certificate alone (PEM or DER); the QR key comes from its extension. */
export function trustEntryFromCertificate(cert: string | Uint8Array): TrustEntry {
  const x = new X509Certificate(typeof cert === 'string' ? cert : Buffer.from(cert));
  const der = x.raw;
  const qr = qrKeyFromCertificate(der);
  const cn = /(?:^|\n)O=([^\n]+)/.exec(x.subject)?.[1] ?? /(?:^|\n)CN=([^\n]+)/.exec(x.subject)?.[1] ?? x.subject;
  return {
    fingerprint: sha256Hex(der),
    office: cn,
    certificatePem: derToPem(der),
    qrKeyId: qr ? qrKeyIdOf(qr) : '',
    qrPublicKey: qr ? qr.toString('base64') : '',
  };
}

/** The raw Ed25519 QR key a Tierline-made certificate carries, or null (also for a certificate that is not DER). */
export function qrKeyFromCertificate(certDer: Uint8Array): Buffer | null {
  try {
    const cert = parseDer(certDer, Certificate, 'the certificate');
    const ext = cert.tbsCertificate.extensions?.find((e) => e.extnID === QR_KEY_EXTENSION_OID);
    if (!ext) return null;
    const spki = Buffer.from(ext.extnValue.buffer);
    return spki.length === 44 && spki.subarray(0, 12).equals(ED25519_SPKI_PREFIX) ? Buffer.from(spki.subarray(12)) : null;
  } catch {
    return null;
  }
}

export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
}

/** "AB:CD:…" grouping for printing a fingerprint where a person compares it by eye. */
export function formatFingerprint(fp: string): string {
  return normalizeFingerprint(fp).toUpperCase().match(/.{2}/g)?.join(':') ?? '';
}

function normalizeOffice(o: Office): Office {
  const name = String(o?.name ?? '').trim();
  if (!name) throw new IdentityError('BAD_RECORD', 'the office needs a name');
  const out: Office = { name };
  if (o.unit?.trim()) out.unit = o.unit.trim();
  if (o.address?.length) out.address = o.address.map((l) => l.trim()).filter(Boolean);
  if (o.country?.trim()) out.country = o.country.trim().toUpperCase();
  if (o.contact?.trim()) out.contact = o.contact.trim();
  return out;
}

export { derToPem, pemToDer };
