// CMS SignedData for PDF signatures, PAdES B-B style (ETSI EN 319 142-1): detached, signed attributes
// contentType, messageDigest and ESS signing-certificate-v2 (which binds the signer's certificate), no
// signingTime attribute (PAdES puts the time in the signature dictionary's /M instead).
//
// Built and parsed with the maintained @peculiar/asn1-cms and @peculiar/asn1-x509 schemas; DER is
// required by re-encoding every parsed structure and comparing bytes (asn1.ts). Hashing and RSA/ECDSA
// run in node:crypto. The verifier accepts exactly the profile the builder writes — one signer named by
// issuer and serial, id-data content, no unsigned attributes, no CRLs — and checks that every algorithm
// named agrees with the others and with the certificate's key.
import { X509Certificate, createHash, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { Certificate, GeneralName, GeneralNames } from '@peculiar/asn1-x509';
import {
  DIGEST_BY_OID,
  DIGEST_LENGTH,
  DerError,
  EssCertIdV2,
  IssuerSerial,
  OID,
  OidValue,
  SignedAttributesSet,
  SigningCertificateV2,
  derSetOrdered,
  minimalInteger,
  parseDer,
  type HashName,
} from './asn1';

const der = (value: unknown): Buffer => Buffer.from(AsnConvert.serialize(value));
const same = (a: unknown, b: unknown): boolean => der(a).equals(der(b));

export interface CmsSignInput {
  /** Digest (SHA-256) of the signed byte ranges. */
  digest: Buffer;
  certificateDer: Buffer;
  chainDer?: Buffer[];
  signingKey: KeyObject;
}

function attribute(type: string, value: unknown): Attribute {
  return new Attribute({ attrType: type, attrValues: [AsnConvert.serialize(value)] });
}

export function buildCmsSignature(input: CmsSignInput): Buffer {
  const { digest, certificateDer, signingKey } = input;
  const cert = parseDer(certificateDer, Certificate, "the signer's certificate");
  const { issuer, serialNumber } = cert.tbsCertificate;
  const essCert = new SigningCertificateV2({
    certs: [
      new EssCertIdV2({
        certHash: new OctetString(createHash('sha256').update(certificateDer).digest()),
        issuerSerial: new IssuerSerial({ issuer: new GeneralNames([new GeneralName({ directoryName: issuer })]), serialNumber }),
      }),
    ],
  });
  // DER SET OF: the attributes in the order of their encodings.
  const attrs = [
    attribute(OID.contentType, new OidValue(OID.data)),
    attribute(OID.messageDigest, new OctetString(digest)),
    attribute(OID.signingCertificateV2, essCert),
  ].sort((a, b) => Buffer.compare(der(a), der(b)));
  const signature = cryptoSign('sha256', der(new SignedAttributesSet(attrs)), signingKey);
  const keyType = signingKey.asymmetricKeyType;
  const signatureAlgorithm =
    keyType === 'rsa'
      ? new SignatureAlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null })
      : keyType === 'ec'
        ? new SignatureAlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 })
        : (() => {
            throw new Error(`unsupported signing key type ${keyType}`);
          })();
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer, serialNumber }) }),
    digestAlgorithm: new DigestAlgorithmIdentifier({ algorithm: OID.sha256 }),
    signedAttrs: attrs,
    signatureAlgorithm,
    signature: new OctetString(signature),
  });
  const certificates = [certificateDer, ...(input.chainDer ?? [])].map(
    (c, i) => new CertificateChoices({ certificate: parseDer(c, Certificate, i === 0 ? "the signer's certificate" : `chain certificate ${i}`) }),
  );
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new DigestAlgorithmIdentifier({ algorithm: OID.sha256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: new CertificateSet(certificates),
    signerInfos: new SignerInfos([signerInfo]),
  });
  return der(new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) }));
}

export type CmsFailureCode = 'CMS_MALFORMED' | 'DIGEST_MISMATCH' | 'SIGNATURE_MISMATCH' | 'CMS_UNSUPPORTED';
export type CmsCheck =
  | { ok: true; certificateDer: Buffer; certificate: X509Certificate; digestAlgorithm: HashName }
  | { ok: false; code: CmsFailureCode; message: string };

const fail = (code: CmsFailureCode, message: string): CmsCheck => ({ ok: false, code, message });

/** Digest algorithm parameters are absent, as RFC 5754 § 2 says they SHOULD be and the builder writes. */
function noParameters(p: ArrayBuffer | null | undefined): boolean {
  return p === undefined;
}

/**
 * Checks a detached CMS signature over `signedParts` (the PDF's byte ranges). `cms` is the DER value
 * with nothing after it. Returns a failure for anything malformed; throws only on a bug.
 */
export function checkCmsSignature(cms: Buffer, signedParts: Buffer[]): CmsCheck {
  try {
    return checkInner(cms, signedParts);
  } catch (e) {
    if (e instanceof DerError) return fail('CMS_MALFORMED', e.message);
    throw e;
  }
}

function checkInner(cms: Buffer, signedParts: Buffer[]): CmsCheck {
  const ci = parseDer(cms, ContentInfo, 'the CMS ContentInfo');
  if (ci.contentType !== OID.signedData) return fail('CMS_MALFORMED', `the signature is not CMS SignedData (content type ${ci.contentType})`);
  const sd = parseDer(new Uint8Array(ci.content), SignedData, 'the CMS SignedData');

  // The profile: version 1, id-data detached, certificates only, one signer by issuer and serial.
  if (sd.version !== CMSVersion.v1) return fail('CMS_UNSUPPORTED', `SignedData version ${sd.version}; version 1 is expected`);
  if (sd.encapContentInfo.eContentType !== OID.data) return fail('CMS_MALFORMED', `the encapsulated content type is ${sd.encapContentInfo.eContentType}, not id-data`);
  if (sd.encapContentInfo.eContent) return fail('CMS_MALFORMED', 'a PDF signature is detached, but this one carries content');
  if (sd.crls && sd.crls.length) return fail('CMS_UNSUPPORTED', 'the signature carries revocation data, which this profile does not use');
  if (sd.signerInfos.length !== 1) return fail('CMS_UNSUPPORTED', `the signature has ${sd.signerInfos.length} signers; exactly one is expected`);
  const si = sd.signerInfos[0];
  if (si.version !== CMSVersion.v1) return fail('CMS_UNSUPPORTED', `SignerInfo version ${si.version}; version 1 is expected`);
  const sidIs = si.sid.issuerAndSerialNumber;
  if (!sidIs) return fail('CMS_UNSUPPORTED', 'the signer is named by key identifier; issuer and serial number are expected');
  minimalInteger(sidIs.serialNumber, "the signer's serial number");
  if (si.unsignedAttrs && si.unsignedAttrs.length) return fail('CMS_UNSUPPORTED', 'the signature has unsigned attributes, which nothing would protect');
  if (!si.signedAttrs || si.signedAttrs.length === 0) return fail('CMS_MALFORMED', 'the signature has no signed attributes');

  // Algorithms agree: the one digest algorithm named for the SignedData is the signer's.
  const hash = DIGEST_BY_OID[si.digestAlgorithm.algorithm];
  if (!hash || !noParameters(si.digestAlgorithm.parameters)) return fail('CMS_UNSUPPORTED', `unsupported digest algorithm ${si.digestAlgorithm.algorithm}`);
  if (sd.digestAlgorithms.length !== 1 || !same(sd.digestAlgorithms[0], si.digestAlgorithm)) {
    return fail('CMS_MALFORMED', "the SignedData's digest algorithms do not agree with the signer's");
  }

  // Signed attributes: DER order, each once with one value, exactly contentType, messageDigest and
  // signing-certificate-v2.
  const attrs = si.signedAttrs;
  derSetOrdered(attrs.map((a) => der(a)), 'the signed attributes');
  const byType = new Map<string, ArrayBuffer>();
  for (const a of attrs) {
    if (byType.has(a.attrType)) return fail('CMS_MALFORMED', `signed attribute ${a.attrType} appears twice`);
    if (a.attrValues.length !== 1) return fail('CMS_MALFORMED', `signed attribute ${a.attrType} has ${a.attrValues.length} values; one is expected`);
    byType.set(a.attrType, a.attrValues[0]);
  }
  const expected = [OID.contentType, OID.messageDigest, OID.signingCertificateV2];
  const unknown = [...byType.keys()].filter((t) => !(expected as string[]).includes(t));
  if (unknown.length) return fail('CMS_UNSUPPORTED', `the signature has signed attributes this profile does not define: ${unknown.join(', ')}`);
  const missing = expected.filter((t) => !byType.has(t));
  if (missing.length) return fail('CMS_MALFORMED', `the signature lacks the signed attribute(s) ${missing.join(', ')}`);
  const contentType = parseDer(new Uint8Array(byType.get(OID.contentType)!), OidValue, 'the contentType attribute').value;
  if (contentType !== sd.encapContentInfo.eContentType) {
    return fail('CMS_MALFORMED', `the contentType attribute (${contentType}) does not agree with the encapsulated content type`);
  }
  const messageDigest = Buffer.from(parseDer(new Uint8Array(byType.get(OID.messageDigest)!), OctetString, 'the messageDigest attribute').buffer);
  if (messageDigest.length !== DIGEST_LENGTH[hash]) return fail('CMS_MALFORMED', `the messageDigest has ${messageDigest.length} bytes; ${hash} gives ${DIGEST_LENGTH[hash]}`);
  const essCert = parseDer(new Uint8Array(byType.get(OID.signingCertificateV2)!), SigningCertificateV2, 'the signing-certificate-v2 attribute');

  const h = createHash(hash);
  for (const p of signedParts) h.update(p);
  if (!h.digest().equals(messageDigest)) {
    return fail('DIGEST_MISMATCH', 'the document bytes do not match the signed digest (the file was changed after signing)');
  }

  // The signer's certificate: the one the signer identifier names, DER, readable by OpenSSL.
  const certs: Certificate[] = [];
  for (const c of sd.certificates ?? []) {
    if (!c.certificate) return fail('CMS_UNSUPPORTED', 'the signature carries a certificate type other than X.509');
    certs.push(c.certificate);
  }
  const signerCert = certs.find((c) => same(c.tbsCertificate.issuer, sidIs.issuer) && Buffer.from(c.tbsCertificate.serialNumber).equals(Buffer.from(sidIs.serialNumber)));
  if (!signerCert) return fail('CMS_MALFORMED', "the signer's certificate is not in the signature");
  const certificateDer = der(signerCert);
  minimalInteger(signerCert.tbsCertificate.serialNumber, "the certificate's serial number");
  if (!same(signerCert.signatureAlgorithm, signerCert.tbsCertificate.signature)) {
    return fail('CMS_MALFORMED', "the signer's certificate names two different signature algorithms");
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateDer);
  } catch (e) {
    return fail('CMS_MALFORMED', `the signer's certificate inside the signature is corrupt: ${(e as Error).message}`);
  }

  // signing-certificate-v2 binds exactly this certificate (RFC 5035 § 5.4).
  if (essCert.policies !== undefined) return fail('CMS_UNSUPPORTED', 'the signing-certificate-v2 attribute names policies, which this profile does not use');
  const first = essCert.certs[0];
  if (!first) return fail('CMS_MALFORMED', 'the signing-certificate-v2 attribute names no certificate');
  if (first.hashAlgorithm) {
    // DER omits a DEFAULT value, so a present algorithm is never SHA-256 here; other hashes are not used.
    return fail('CMS_UNSUPPORTED', `the signing-certificate-v2 attribute uses hash ${first.hashAlgorithm.algorithm}; SHA-256 (the default, omitted) is expected`);
  }
  if (!Buffer.from(first.certHash.buffer).equals(createHash('sha256').update(certificateDer).digest())) {
    return fail('CMS_MALFORMED', "the signing-certificate-v2 attribute names a different certificate than the signer's");
  }
  if (first.issuerSerial) {
    const names = first.issuerSerial.issuer;
    minimalInteger(first.issuerSerial.serialNumber, 'the signing-certificate-v2 serial number');
    if (
      names.length !== 1 ||
      !names[0].directoryName ||
      !same(names[0].directoryName, signerCert.tbsCertificate.issuer) ||
      !Buffer.from(first.issuerSerial.serialNumber).equals(Buffer.from(signerCert.tbsCertificate.serialNumber))
    ) {
      return fail('CMS_MALFORMED', "the signing-certificate-v2 attribute's issuer and serial are not the signer certificate's");
    }
  }

  // The signature algorithm agrees with the digest algorithm and with the certificate's key.
  const keyType = certificate.publicKey.asymmetricKeyType;
  const sigAlg = si.signatureAlgorithm.algorithm;
  // Exactly what the builder writes: rsaEncryption with NULL parameters (RFC 3370 § 3.2), or
  // ecdsa-with-SHA-n for the digest in use without parameters (RFC 5753 § 7.1.3). Equivalent spellings
  // such as sha256WithRSAEncryption are refused, so no unsigned field can be changed and still verify.
  const ecFor: Record<HashName, string> = { sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512 };
  const params = si.signatureAlgorithm.parameters;
  const rsaOk = keyType === 'rsa' && sigAlg === OID.rsaEncryption && params === null; // the library reads NULL as null
  const ecOk = keyType === 'ec' && sigAlg === ecFor[hash] && params === undefined;
  if (!rsaOk && !ecOk) {
    return fail('CMS_UNSUPPORTED', `signature algorithm ${sigAlg} does not agree with digest ${hash} and a ${keyType ?? 'unknown'} key`);
  }

  const signedAttrsDer = der(new SignedAttributesSet(attrs));
  let ok: boolean;
  try {
    ok = cryptoVerify(hash, signedAttrsDer, certificate.publicKey, Buffer.from(si.signature.buffer));
  } catch (e) {
    return fail('CMS_MALFORMED', `the signer's certificate inside the signature is corrupt: ${(e as Error).message}`);
  }
  if (!ok) return fail('SIGNATURE_MISMATCH', "the CMS signature does not verify with the signer's certificate");
  return { ok: true, certificateDer, certificate, digestAlgorithm: hash };
}
