// Fills the signature placeholder that renderLetter leaves in the PDF: computes the byte range, signs
// it (CMS, see cms.ts) and writes the signature into /Contents. This is the last step: nothing may
// change the bytes afterwards, or the digest no longer matches.
import { createHash } from 'node:crypto';
import type { UnlockedIdentity } from '../identity/keys';
import { buildCmsSignature } from './cms';
import { PdfDict, PdfName, readObjects, type PdfObject } from './pdf-objects';

export const BYTE_RANGE_PLACEHOLDER = '**********';
/** Bytes reserved for the CMS blob (hex doubles it). An RSA-2048 signature with its certificate is ~1.6 kB. */
export const SIGNATURE_LENGTH = 8192;

export class SignError extends Error {
  constructor(
    readonly code: 'NO_PLACEHOLDER' | 'ALREADY_SIGNED' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = 'SignError';
  }
}

const PLACEHOLDER_TEXT = `/ByteRange [0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER}]`;

/** Signs a PDF that renderLetter produced. Synchronous and deterministic given the same inputs. */
export function signPdf(pdf: Buffer, identity: Pick<UnlockedIdentity, 'certificateDer' | 'chainDer' | 'signingKey'>): Buffer {
  const text = pdf.toString('latin1');
  // Find the signature dictionary by the PDF's structure (stream bodies skipped), not by searching the
  // text: whatever a party's name holds, only this object's bytes are touched.
  let objects: PdfObject[];
  try {
    objects = readObjects(pdf);
  } catch (e) {
    throw new SignError('NO_PLACEHOLDER', `the PDF cannot be read: ${(e as Error).message}`);
  }
  const sigs = objects.filter((o) => o.value instanceof PdfDict && o.value.get('ByteRange') !== undefined);
  const empty = sigs.filter((o) => {
    const br = (o.value as PdfDict).get('ByteRange');
    return Array.isArray(br) && br.length === 4 && br.slice(1).every((v) => v instanceof PdfName && v.name === BYTE_RANGE_PLACEHOLDER);
  });
  if (empty.length === 0) {
    throw sigs.length > 0
      ? new SignError('ALREADY_SIGNED', 'this PDF is already signed')
      : new SignError('NO_PLACEHOLDER', 'this PDF has no signature placeholder (render it with renderLetter)');
  }
  if (empty.length > 1 || sigs.length > 1) throw new SignError('NO_PLACEHOLDER', 'the PDF has more than one signature placeholder');
  const objStart = empty[0].offset;
  const objEnd = text.indexOf('endobj', objStart);
  const at = text.indexOf(PLACEHOLDER_TEXT, objStart);
  if (at < 0 || objEnd < 0 || at > objEnd) throw new SignError('NO_PLACEHOLDER', 'the signature placeholder is not written as expected');
  const open = text.indexOf('/Contents <', objStart);
  if (open < 0 || open > objEnd) throw new SignError('NO_PLACEHOLDER', 'the signature placeholder has no /Contents');
  const start = open + '/Contents '.length;
  const close = text.indexOf('>', start);
  const hexLength = close - start - 1;
  if (close < 0 || close > objEnd || !/^0+$/.test(text.slice(start + 1, close))) {
    throw new SignError('NO_PLACEHOLDER', 'the signature placeholder /Contents is not empty');
  }
  const byteRange = [0, start, close + 1, pdf.length - (close + 1)];
  let rangeText = `/ByteRange [${byteRange.join(' ')}]`;
  if (rangeText.length > PLACEHOLDER_TEXT.length) throw new SignError('TOO_LARGE', 'the byte range does not fit its placeholder');
  rangeText = rangeText.padEnd(PLACEHOLDER_TEXT.length, ' ');

  const out = Buffer.from(pdf);
  out.write(rangeText, at, 'latin1');
  const digest = createHash('sha256')
    .update(out.subarray(0, byteRange[1]))
    .update(out.subarray(byteRange[2]))
    .digest();
  const cms = buildCmsSignature({
    digest,
    certificateDer: identity.certificateDer,
    chainDer: identity.chainDer,
    signingKey: identity.signingKey,
  });
  const hex = cms.toString('hex');
  if (hex.length > hexLength) throw new SignError('TOO_LARGE', `the signature (${cms.length} bytes) does not fit the placeholder`);
  out.write(hex, start + 1, 'latin1');
  return out;
}
