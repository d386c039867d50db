// ASN.1 for the letters' CMS signatures and the office certificate, through the maintained @peculiar
// schemas (asn1js underneath). Two things the library leaves to its user are done here:
//
// 1. DER, not BER. asn1js reads BER (non-minimal lengths, indefinite lengths, padded OID arcs, ...), so
//    every structure is re-encoded after parsing and compared with the input byte for byte (`parseDer`).
//    What the re-encoding cannot see — fields the schema keeps as raw bytes: INTEGERs read into an
//    ArrayBuffer (serial numbers) and SET OF order — is checked by `minimalInteger` and `derSetOrdered`.
// 2. Large OID arcs. asn1js decodes an arc above 2^56 (such as the UUID arc 2.25.x of the QR-key
//    extension) to "{hex}" text that it cannot encode again; the converter below decodes those arcs to
//    decimal, which asn1js encodes correctly (it has BigInt support for that direction).
import {
  AsnArray,
  AsnConvert,
  AsnIntegerArrayBufferConverter,
  AsnObjectIdentifierConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import { Attribute } from '@peculiar/asn1-cms';
import { AlgorithmIdentifier, GeneralNames } from '@peculiar/asn1-x509';

export class DerError extends Error {}

// ---- large OID arcs ----

type OidAsn = Parameters<typeof AsnObjectIdentifierConverter.fromASN>[0];
const originalFromAsn = AsnObjectIdentifierConverter.fromASN;

/** Dotted decimal form of an OID's content octets (arcs of any size). */
export function decodeOidContent(bytes: Uint8Array): string {
  const parts: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < bytes.length; i++) {
    v = (v << 7n) | BigInt(bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      if (parts.length === 0) {
        const first = v < 80n ? v / 40n : 2n;
        parts.push(first, v - first * 40n);
      } else parts.push(v);
      v = 0n;
    }
  }
  return parts.join('.');
}

AsnObjectIdentifierConverter.fromASN = (value: OidAsn): string => {
  const text = originalFromAsn(value);
  if (!text.includes('{')) return text;
  const raw = (value as unknown as { valueBeforeDecodeView?: Uint8Array; idBlock: { blockLength: number }; lenBlock: { blockLength: number } });
  const whole = raw.valueBeforeDecodeView;
  if (!whole || whole.length === 0) throw new DerError('an OID with a very large arc was not read from DER');
  return decodeOidContent(whole.subarray(raw.idBlock.blockLength + raw.lenBlock.blockLength));
};

// ---- DER checks ----

/** Parses `bytes` as `type` and requires that re-encoding gives the same bytes (DER, X.690 § 10). */
export function parseDer<T>(bytes: Uint8Array, type: new () => T, what: string): T {
  let parsed: T;
  try {
    parsed = AsnConvert.parse(bytes, type);
  } catch (e) {
    throw new DerError(`${what} cannot be parsed: ${(e as Error).message}`);
  }
  let again: Buffer;
  try {
    again = Buffer.from(AsnConvert.serialize(parsed));
  } catch (e) {
    throw new DerError(`${what} cannot be re-encoded: ${(e as Error).message}`);
  }
  if (!again.equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))) {
    throw new DerError(`${what} is not DER (re-encoding it gives different bytes: a non-minimal length or integer, a padded OID, or trailing data)`);
  }
  return parsed;
}

/** A two's-complement INTEGER's content octets are minimal (X.690 § 8.3.2). */
export function minimalInteger(bytes: ArrayBuffer | Uint8Array, what: string): void {
  const b = new Uint8Array(bytes);
  if (b.length === 0) throw new DerError(`${what} is an empty INTEGER`);
  if (b.length > 1 && ((b[0] === 0x00 && !(b[1] & 0x80)) || (b[0] === 0xff && b[1] & 0x80))) {
    throw new DerError(`${what} is an INTEGER with needless leading octets (not DER)`);
  }
}

/** The encodings of a DER SET OF are in ascending order (X.690 § 11.6). */
export function derSetOrdered(encodings: Uint8Array[], what: string): void {
  for (let i = 1; i < encodings.length; i++) {
    if (Buffer.compare(Buffer.from(encodings[i - 1]), Buffer.from(encodings[i])) > 0) {
      throw new DerError(`${what} is a SET OF whose elements are not in DER order`);
    }
  }
}

// ---- schemas the @peculiar packages do not have ----

/** `SignedAttributes ::= SET SIZE (1..MAX) OF Attribute`, encoded as the SET the signature covers (RFC 5652 § 5.4). */
export class SignedAttributesSet extends AsnArray<Attribute> {
  constructor(items?: Attribute[]) {
    super(items);
    Object.setPrototypeOf(this, SignedAttributesSet.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })(SignedAttributesSet);

/** `IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }` (RFC 5035). */
export class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
  constructor(params: Partial<IssuerSerial> = {}) {
    Object.assign(this, params);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(IssuerSerial);
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(IssuerSerial.prototype, 'serialNumber');

/**
 * `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {id-sha256}, certHash OCTET
 * STRING, issuerSerial IssuerSerial OPTIONAL }` (RFC 5035 § 4).
 */
export class EssCertIdV2 {
  hashAlgorithm?: AlgorithmIdentifier;
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
  constructor(params: Partial<EssCertIdV2> = {}) {
    Object.assign(this, params);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(EssCertIdV2);
AsnProp({ type: AlgorithmIdentifier, optional: true })(EssCertIdV2.prototype, 'hashAlgorithm');
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, 'issuerSerial');

/** `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL }`. */
export class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
  policies?: ArrayBuffer;
  constructor(params: Partial<SigningCertificateV2> = {}) {
    Object.assign(this, params);
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(SigningCertificateV2);
AsnProp({ type: EssCertIdV2, repeated: 'sequence' })(SigningCertificateV2.prototype, 'certs');
AsnProp({ type: AsnPropTypes.Any, optional: true })(SigningCertificateV2.prototype, 'policies');

/** A bare OBJECT IDENTIFIER value (the contentType attribute's value). */
export class OidValue {
  value = '';
  constructor(value = '') {
    this.value = value;
  }
}
AsnType({ type: AsnTypeTypes.Choice })(OidValue);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(OidValue.prototype, 'value');

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
} as const;

export type HashName = 'sha256' | 'sha384' | 'sha512';
export const DIGEST_BY_OID: Record<string, HashName> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
export const DIGEST_LENGTH: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };
