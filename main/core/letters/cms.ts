// CMS SignedData for PDF signatures, PAdES B-B style (ETSI EN 319 142-1): detached, signed attributes
// contentType, messageDigest and ESS signing-certificate-v2 (which binds the signer's certificate), no
// signingTime attribute (PAdES puts the time in the signature dictionary's /M instead).
import { X509Certificate, createHash, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import {
  DIGEST_BY_OID,
  OID,
  children,
  content,
  decodeOid,
  expectTag,
  integer,
  nullValue,
  octets,
  oid,
  readTlv,
  seq,
  setOf,
  tlv,
  whole,
  type Tlv,
} from './der';

interface CertParts {
  issuer: Buffer;
  serial: Buffer;
}

function certParts(certDer: Buffer): CertParts {
  const root = readTlv(certDer, 0);
  const tbs = children(certDer, root)[0];
  const f = children(certDer, tbs);
  const i = f[0].tag === 0xa0 ? 1 : 0;
  return { serial: whole(certDer, f[i]), issuer: whole(certDer, f[i + 2]) };
}

export interface CmsSignInput {
  /** Digest (SHA-256) of the signed byte ranges. */
  digest: Buffer;
  certificateDer: Buffer;
  chainDer?: Buffer[];
  signingKey: KeyObject;
}

export function buildCmsSignature(input: CmsSignInput): Buffer {
  const { digest, certificateDer, signingKey } = input;
  const { issuer, serial } = certParts(certificateDer);
  const certHash = createHash('sha256').update(certificateDer).digest();
  const issuerSerial = seq(seq(tlv(0xa4, issuer)), serial);
  const attrs = [
    seq(oid(OID.contentType), setOf(oid(OID.data))),
    seq(oid(OID.messageDigest), setOf(octets(digest))),
    seq(oid(OID.signingCertificateV2), setOf(seq(seq(seq(octets(certHash), issuerSerial))))),
  ];
  const signedAttrs = setOf(...attrs);
  const keyType = signingKey.asymmetricKeyType;
  const signature = cryptoSign('sha256', signedAttrs, signingKey);
  const sigAlg =
    keyType === 'rsa'
      ? seq(oid(OID.rsaEncryption), nullValue())
      : keyType === 'ec'
        ? seq(oid(OID.ecdsaWithSha256))
        : (() => {
            throw new Error(`unsupported signing key type ${keyType}`);
          })();
  const implicitAttrs = Buffer.from(signedAttrs);
  implicitAttrs[0] = 0xa0;
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    seq(oid(OID.sha256)),
    implicitAttrs,
    sigAlg,
    octets(signature),
  );
  const signedData = seq(
    integer(1),
    setOf(seq(oid(OID.sha256))),
    seq(oid(OID.data)),
    tlv(0xa0, certificateDer, ...(input.chainDer ?? [])),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), tlv(0xa0, signedData));
}

export type CmsCheck =
  | { ok: true; certificateDer: Buffer; certificate: X509Certificate; digestAlgorithm: string }
  | { ok: false; code: 'CMS_MALFORMED' | 'DIGEST_MISMATCH' | 'SIGNATURE_MISMATCH' | 'CMS_UNSUPPORTED'; message: string };

/**
 * Checks a detached CMS signature over `signedParts` (the PDF's byte ranges). Reads the DER itself so
 * that the bytes checked are the bytes signed. Throws only DerError (malformed input) — callers map it.
 */
export function checkCmsSignature(cms: Buffer, signedParts: Buffer[]): CmsCheck {
  const root = readTlv(cms, 0);
  for (let i = root.end; i < cms.length; i++) {
    if (cms[i] !== 0) return { ok: false, code: 'CMS_MALFORMED', message: 'data follows the CMS signature inside /Contents' };
  }
  const ci = children(cms, expectTag(root, 0x30, 'ContentInfo'));
  if (decodeOid(content(cms, expectTag(ci[0], 0x06, 'content type'))) !== OID.signedData) {
    return { ok: false, code: 'CMS_MALFORMED', message: 'the signature is not CMS SignedData' };
  }
  const sdWrap = children(cms, expectTag(ci[1], 0xa0, 'SignedData wrapper'));
  const sd = children(cms, expectTag(sdWrap[0], 0x30, 'SignedData'));
  let k = 3;
  const certs: Buffer[] = [];
  if (sd[k]?.tag === 0xa0) {
    for (const c of children(cms, sd[k])) if (c.tag === 0x30) certs.push(Buffer.from(whole(cms, c)));
    k++;
  }
  if (sd[k]?.tag === 0xa1) k++;
  const signerInfos = children(cms, expectTag(sd[k], 0x31, 'signerInfos'));
  if (signerInfos.length !== 1) {
    return { ok: false, code: 'CMS_UNSUPPORTED', message: `the signature has ${signerInfos.length} signers; exactly one is expected` };
  }
  const si = children(cms, expectTag(signerInfos[0], 0x30, 'SignerInfo'));
  const sid = expectTag(si[1], 0x30, 'issuerAndSerialNumber');
  const [sidIssuer, sidSerial] = children(cms, sid);
  const digestOid = decodeOid(content(cms, children(cms, expectTag(si[2], 0x30, 'digest algorithm'))[0]));
  const hash = DIGEST_BY_OID[digestOid];
  if (!hash) return { ok: false, code: 'CMS_UNSUPPORTED', message: `unsupported digest algorithm ${digestOid}` };
  const attrsTlv = expectTag(si[3], 0xa0, 'signed attributes');
  const sigAlgTlv = expectTag(si[4], 0x30, 'signature algorithm');
  const sigTlv = expectTag(si[5], 0x04, 'signature value');

  let contentType: string | null = null;
  let messageDigest: Buffer | null = null;
  const seen = new Set<string>();
  for (const a of children(cms, attrsTlv)) {
    const [typeTlv, valuesTlv] = children(cms, expectTag(a, 0x30, 'attribute'));
    const type = decodeOid(content(cms, expectTag(typeTlv, 0x06, 'attribute type')));
    if (seen.has(type)) return { ok: false, code: 'CMS_MALFORMED', message: `signed attribute ${type} appears twice` };
    seen.add(type);
    const values = children(cms, expectTag(valuesTlv, 0x31, 'attribute values'));
    if (type === OID.contentType) contentType = decodeOid(content(cms, expectTag(values[0], 0x06, 'content type value')));
    if (type === OID.messageDigest) messageDigest = Buffer.from(content(cms, expectTag(values[0], 0x04, 'message digest value')));
  }
  if (contentType !== OID.data || !messageDigest) {
    return { ok: false, code: 'CMS_MALFORMED', message: 'the signature lacks the contentType or messageDigest attribute' };
  }
  const h = createHash(hash);
  for (const p of signedParts) h.update(p);
  if (!h.digest().equals(messageDigest)) {
    return { ok: false, code: 'DIGEST_MISMATCH', message: 'the document bytes do not match the signed digest (the file was changed after signing)' };
  }

  const wantIssuer = whole(cms, sidIssuer);
  const wantSerial = whole(cms, sidSerial);
  const certificateDer = certs.find((c) => {
    try {
      const p = certParts(c);
      return p.issuer.equals(wantIssuer) && p.serial.equals(wantSerial);
    } catch {
      return false;
    }
  });
  if (!certificateDer) return { ok: false, code: 'CMS_MALFORMED', message: "the signer's certificate is not in the signature" };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateDer);
  } catch (e) {
    return { ok: false, code: 'CMS_MALFORMED', message: `the signer's certificate inside the signature is corrupt: ${(e as Error).message}` };
  }

  const attrsDer = Buffer.from(whole(cms, attrsTlv));
  attrsDer[0] = 0x31;
  const sigAlg = decodeOid(content(cms, children(cms, sigAlgTlv)[0]));
  const allowed: string[] = [OID.rsaEncryption, OID.sha256WithRSA, OID.sha384WithRSA, OID.sha512WithRSA, OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512];
  if (!allowed.includes(sigAlg)) return { ok: false, code: 'CMS_UNSUPPORTED', message: `unsupported signature algorithm ${sigAlg}` };
  let ok: boolean;
  try {
    ok = cryptoVerify(hash, attrsDer, certificate.publicKey, content(cms, sigTlv));
  } catch (e) {
    return { ok: false, code: 'CMS_MALFORMED', message: `the signer's certificate inside the signature is corrupt: ${(e as Error).message}` };
  }
  if (!ok) return { ok: false, code: 'SIGNATURE_MISMATCH', message: "the CMS signature does not verify with the signer's certificate" };
  return { ok: true, certificateDer, certificate, digestAlgorithm: hash };
}

export type { Tlv };
