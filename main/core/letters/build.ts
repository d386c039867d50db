// Issue-and-sign in one call, without the store: QR record, render, sign. The registry (issue.ts) wraps
// this with letter numbering and the audit log; the benchmark and tests call it directly.
import { X509Certificate } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';
import { sha256Hex, type UnlockedIdentity } from '../identity/keys';
import { qrPayloadFor, signQrRecord } from './qr-record';
import { letterRecordOf, renderLetter, type LetterRecord, type RenderLetterInput } from './render';
import { signPdf } from './sign';

export type BuildLetterInput = Omit<RenderLetterInput, 'qrRecord' | 'signer' | 'office'> & {
  identity: UnlockedIdentity;
};

export interface SignedLetter {
  pdf: Buffer;
  /** SHA-256 of the signed PDF, hex: what the registry stores. */
  sha256: string;
  qrRecord: string;
  record: LetterRecord;
}

export function buildSignedLetter(input: BuildLetterInput, textSink?: string[]): SignedLetter {
  const { identity, ...rest } = input;
  const issuedAt = typeof rest.issuedAt === 'string' ? new Date(rest.issuedAt) : rest.issuedAt;
  const cert = new X509Certificate(identity.certificateDer);
  if (!(issuedAt.getTime() >= Date.parse(cert.validFrom) && issuedAt.getTime() <= Date.parse(cert.validTo))) {
    throw new Error(`the office certificate is not valid on ${issuedAt.toISOString()} (valid ${cert.validFrom} to ${cert.validTo}): renew or import a current one`);
  }
  const qrRecord = signQrRecord(
    qrPayloadFor({
      letterNumber: rest.letterNumber,
      issuedOn: issuedAt.toISOString().slice(0, 10),
      determination: rest.determination,
      determinationSha256: sha256Hex(canonicalJson(rest.determination)),
      qrKeyId: identity.qrKeyId,
    }),
    identity.qrKey,
  );
  const renderInput: RenderLetterInput = {
    ...rest,
    issuedAt,
    office: identity.office,
    qrRecord,
    signer: { fingerprint: identity.fingerprint, qrKeyId: identity.qrKeyId, qrPublicKey: identity.qrPublicKey.toString('base64') },
  };
  const pdf = signPdf(renderLetter(renderInput, textSink), identity);
  return { pdf, sha256: sha256Hex(pdf), qrRecord, record: letterRecordOf(renderInput) };
}
