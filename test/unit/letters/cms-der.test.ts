// The letter's CMS signature is read with @peculiar/asn1-cms and must be DER in the profile the builder
// writes. Each test below is one row of the tamper table: a BER spelling, a re-signed structure that
// breaks an agreement rule, or an unsigned field changed, checked by the app's verifier and by
// `openssl cms -verify`; then a corpus of single-digit edits compared with OpenSSL.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, sign as cryptoSign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { promisify } from 'node:util';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { Attribute, ContentInfo, DigestAlgorithmIdentifier, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { EssCertIdV2, OID, SignedAttributesSet, SigningCertificateV2, parseDer } from '../../../main/core/letters/asn1';
import { checkCmsSignature } from '../../../main/core/letters/cms';
import { verifyLetterPdf } from '../../../main/core/letters/verify';
import { officeIdentity, sampleLetter, tmp } from './helpers';

const run = promisify(execFile);
const office = officeIdentity().id;
const letter = sampleLetter();
const pdf = letter.pdf;
const text = pdf.toString('latin1');
const [, a1, a2] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(text)!.slice(1).map(Number);
const signed = Buffer.concat([pdf.subarray(0, a1), pdf.subarray(a2)]);
const slot = Buffer.from(text.slice(a1 + 1, a2 - 1), 'hex');
const cmsLength = 4 + slot.readUInt16BE(2); // 30 82 LL LL
const cms = Buffer.from(slot.subarray(0, cmsLength));
const dir = tmp();
const contentFile = join(dir, 'signed.bin');
const caFile = join(dir, 'office.pem');
writeFileSync(contentFile, signed);
writeFileSync(caFile, office.certificatePem);
mkdirSync(join(dir, 'm'));

/** The letter with `der` (zero-padded) in its signature slot. */
function withCms(der: Buffer): Buffer {
  assert.ok(der.length <= slot.length, 'the CMS fits the placeholder');
  const out = Buffer.from(pdf);
  out.write(Buffer.concat([der, Buffer.alloc(slot.length - der.length)]).toString('hex'), a1 + 1, 'latin1');
  return out;
}

const ours = (der: Buffer) => verifyLetterPdf(withCms(der), { trustedFingerprints: [office.fingerprint] });

let fileNo = 0;
async function openssl(der: Buffer): Promise<boolean> {
  const f = join(dir, 'm', `${fileNo++}.der`);
  writeFileSync(f, der);
  try {
    const r = await run('openssl', ['cms', '-verify', '-inform', 'DER', '-in', f, '-binary', '-content', contentFile, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null']);
    return /Verification successful/.test(r.stderr);
  } catch {
    return false;
  }
}

/** Parses the genuine CMS, lets `edit` change it, re-signs the signed attributes with the office key unless told not to. */
function rebuild(edit: (sd: SignedData, si: SignerInfo) => void, resign = true): Buffer {
  const ci = AsnConvert.parse(cms, ContentInfo);
  const sd = AsnConvert.parse(ci.content, SignedData);
  const si = sd.signerInfos[0];
  edit(sd, si);
  if (resign) {
    const attrs = Buffer.from(AsnConvert.serialize(new SignedAttributesSet(si.signedAttrs!)));
    si.signature = new OctetString(cryptoSign('sha256', attrs, office.signingKey));
  }
  ci.content = AsnConvert.serialize(sd);
  return Buffer.from(AsnConvert.serialize(ci));
}

/** A standalone ArrayBuffer (Buffer.from's .buffer may be the shared pool). */
const ab = (hex: string): ArrayBuffer => new Uint8Array(Buffer.from(hex, 'hex')).buffer;
const attr = (si: SignerInfo, type: string) => si.signedAttrs!.find((a) => a.attrType === type)!;

test('the genuine signature: the app and openssl cms -verify both accept it, and it re-encodes to itself', async () => {
  assert.equal(ours(cms).status, 'VALID');
  assert.equal(await openssl(cms), true);
  assert.ok(rebuild(() => {}, false).equals(cms), 'parse and re-encode give the same bytes');
  assert.ok(checkCmsSignature(cms, [signed]).ok);
});

// Each row: what is changed, the code the app gives, the text its reason contains.
const rows: Array<{ name: string; der: () => Buffer; code: string; reason: RegExp }> = [
  {
    name: 'BER: the outer length in four octets instead of two',
    der: () => Buffer.concat([Buffer.from([0x30, 0x84, 0, 0]), cms.subarray(2)]),
    code: 'CMS_MALFORMED',
    reason: /not DER/,
  },
  {
    name: 'BER: an indefinite outer length with end-of-contents',
    der: () => Buffer.concat([Buffer.from([0x30, 0x80]), cms.subarray(4), Buffer.from([0, 0])]),
    code: 'CMS_MALFORMED',
    reason: /DER/,
  },
  {
    name: 'BER: a padded OID arc (0x80) in the unsigned digest algorithm',
    der: () => {
      // SignedData.digestAlgorithms: 31 0d 30 0b 06 09 <sha256>; pad the second arc of the OID.
      const at = cms.indexOf(Buffer.from('310d300b0609608648016503040201', 'hex'));
      assert.ok(at > 0);
      const padded = Buffer.from('310e300c060a60808648016503040201', 'hex');
      const body = Buffer.concat([cms.subarray(4, at), padded, cms.subarray(at + 15)]);
      return reLength(body);
    },
    code: 'CMS_MALFORMED',
    reason: /not DER/,
  },
  {
    name: 'BER: the SignedData version as a two-octet INTEGER (02 02 00 01)',
    der: () => {
      const at = cms.indexOf(Buffer.from('020101310d', 'hex'));
      const body = Buffer.concat([cms.subarray(4, at), Buffer.from('02020001', 'hex'), cms.subarray(at + 3)]);
      return reLength(body);
    },
    code: 'CMS_MALFORMED',
    reason: /not DER/,
  },
  {
    name: 're-signed: signed attributes not in DER SET OF order',
    der: () => rebuild((_sd, si) => void si.signedAttrs!.reverse()),
    code: 'CMS_MALFORMED',
    reason: /DER order/,
  },
  {
    name: 're-signed: no signing-certificate-v2 attribute',
    der: () => rebuild((_sd, si) => void (si.signedAttrs = si.signedAttrs!.filter((a) => a.attrType !== OID.signingCertificateV2))),
    code: 'CMS_MALFORMED',
    reason: /lacks the signed attribute.*1\.2\.840\.113549\.1\.9\.16\.2\.47/,
  },
  {
    name: 're-signed: signing-certificate-v2 names another certificate (hash)',
    der: () =>
      rebuild((_sd, si) => {
        const a = attr(si, OID.signingCertificateV2);
        const ess = AsnConvert.parse(a.attrValues[0], SigningCertificateV2);
        ess.certs[0] = new EssCertIdV2({ ...ess.certs[0], certHash: new OctetString(createHash('sha256').update('another certificate').digest()) });
        a.attrValues = [AsnConvert.serialize(ess)];
      }),
    code: 'CMS_MALFORMED',
    reason: /different certificate/,
  },
  {
    name: "re-signed: signing-certificate-v2's issuerSerial names another serial",
    der: () =>
      rebuild((_sd, si) => {
        const a = attr(si, OID.signingCertificateV2);
        const ess = AsnConvert.parse(a.attrValues[0], SigningCertificateV2);
        ess.certs[0].issuerSerial!.serialNumber = new Uint8Array([0x01, 0x02, 0x03]).buffer;
        a.attrValues = [AsnConvert.serialize(ess)];
      }),
    code: 'CMS_MALFORMED',
    reason: /issuer and serial/,
  },
  {
    name: 're-signed: signing-certificate-v2 with an explicit SHA-256 hashAlgorithm (a DEFAULT written out)',
    der: () =>
      rebuild((_sd, si) => {
        const a = attr(si, OID.signingCertificateV2);
        const ess = AsnConvert.parse(a.attrValues[0], SigningCertificateV2);
        ess.certs[0].hashAlgorithm = new DigestAlgorithmIdentifier({ algorithm: OID.sha256 });
        a.attrValues = [AsnConvert.serialize(ess)];
      }),
    code: 'CMS_UNSUPPORTED',
    reason: /signing-certificate-v2 attribute uses hash/,
  },
  {
    name: 're-signed: contentType attribute disagrees with the encapsulated content type',
    der: () =>
      rebuild((_sd, si) => {
        // id-ct-TSTInfo instead of id-data
        attr(si, OID.contentType).attrValues = [ab('060b2a864886f70d0109100104')];
        si.signedAttrs!.sort((x, y) => Buffer.compare(Buffer.from(AsnConvert.serialize(x)), Buffer.from(AsnConvert.serialize(y))));
      }),
    code: 'CMS_MALFORMED',
    reason: /contentType attribute .* does not agree/,
  },
  {
    name: 're-signed: an extra signed attribute the profile does not define (signingTime)',
    der: () =>
      rebuild((_sd, si) => {
        si.signedAttrs!.push(new Attribute({ attrType: '1.2.840.113549.1.9.5', attrValues: [ab('170d3236313132363130313530305a')] }));
        si.signedAttrs!.sort((x, y) => Buffer.compare(Buffer.from(AsnConvert.serialize(x)), Buffer.from(AsnConvert.serialize(y))));
      }),
    code: 'CMS_UNSUPPORTED',
    reason: /does not define: 1\.2\.840\.113549\.1\.9\.5/,
  },
  {
    name: 'unsigned: signature algorithm sha512WithRSAEncryption while the digest is SHA-256',
    der: () => rebuild((_sd, si) => void (si.signatureAlgorithm.algorithm = OID.sha512WithRSA), false),
    code: 'CMS_UNSUPPORTED',
    reason: /does not agree with digest sha256/,
  },
  {
    name: 'unsigned: signature algorithm sha256WithRSAEncryption (an equivalent spelling outside the profile)',
    der: () => rebuild((_sd, si) => void (si.signatureAlgorithm.algorithm = OID.sha256WithRSA), false),
    code: 'CMS_UNSUPPORTED',
    reason: /does not agree/,
  },
  {
    name: "unsigned: the SignedData's digest algorithms say SHA-512, the signer's SHA-256",
    der: () => rebuild((sd) => void (sd.digestAlgorithms[0] = new DigestAlgorithmIdentifier({ algorithm: OID.sha512 })), false),
    code: 'CMS_MALFORMED',
    reason: /digest algorithms do not agree/,
  },
  {
    name: 'unsigned: an unsigned attribute added to the signer',
    der: () => rebuild((_sd, si) => void (si.unsignedAttrs = [new Attribute({ attrType: '1.2.840.113549.1.9.16.2.14', attrValues: [ab('0500')] })]), false),
    code: 'CMS_UNSUPPORTED',
    reason: /unsigned attributes/,
  },
  {
    name: 'unsigned: SignerInfo version 3',
    der: () => rebuild((_sd, si) => void (si.version = 3), false),
    code: 'CMS_UNSUPPORTED',
    reason: /SignerInfo version 3/,
  },
];

function reLength(body: Buffer): Buffer {
  assert.ok(body.length < 65536);
  return Buffer.concat([Buffer.from([0x30, 0x82, body.length >> 8, body.length & 0xff]), body]);
}

/** What openssl said about each row, for the report printed at the end. */
const opensslSays: string[] = [];

for (const row of rows) {
  test(`refused: ${row.name}`, async () => {
    const der = row.der();
    assert.ok(!der.equals(cms), 'the row changes the signature');
    const r = ours(der);
    assert.equal(r.status, 'INVALID', JSON.stringify(r));
    assert.equal((r as { code: string }).code, row.code, (r as { reason: string }).reason);
    assert.match((r as { reason: string }).reason, row.reason);
    const o = await openssl(der);
    opensslSays.push(`${o ? 'openssl accepts' : 'openssl refuses'} | ${row.name}`);
  });
}

test('the profile classes above: what openssl cms -verify says about each', () => {
  console.log(opensslSays.join('\n'));
  assert.equal(opensslSays.length, rows.length);
});

// ---- differential corpus ----

/** One edit at every second byte of the CMS: the byte's high or low hex digit (alternating) set to another value. */
function corpus(): Array<{ at: number; der: Buffer }> {
  const hex = cms.toString('hex');
  const out: Array<{ at: number; der: Buffer }> = [];
  for (let b = 0; b < cms.length; b += 2) {
    const i = 2 * b + ((b >> 1) % 2);
    const digits = '0123456789abcdef'.replace(hex[i], '');
    const d = digits[((b >> 1) * 7) % 15];
    out.push({ at: i, der: Buffer.from(hex.slice(0, i) + d + hex.slice(i + 1), 'hex') });
  }
  return out;
}

test('differential: a single-digit edit at every second byte of the CMS; none verifies, and each one openssl refuses the app refuses too', async () => {
  const edits = corpus();
  const fp = office.fingerprint;
  const verdicts = edits.map(({ der }) => {
    const c = checkCmsSignature(der, [signed]);
    return c.ok ? (createHash('sha256').update(c.certificateDer).digest('hex') === fp ? 'VALID' : 'UNTRUSTED') : c.code;
  });
  const accepted = edits.filter((_, k) => verdicts[k] === 'VALID').map((e) => e.at);
  assert.deepEqual(accepted, [], `single-digit edits the app accepts (digit offsets): ${accepted.join(', ')}`);

  // openssl on every 4th edit (it costs a process each), two at a time.
  const sample = edits.map((e, k) => ({ ...e, k })).filter((_, k) => k % 4 === 0);
  const results: boolean[] = new Array(sample.length);
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < sample.length) {
        const j = next++;
        results[j] = await openssl(sample[j].der);
      }
    }),
  );
  const opensslAccepts = sample.filter((_, j) => results[j]);
  // every edit openssl refuses, the app refuses (here: the app refuses all of them)
  for (const s of sample) assert.notEqual(verdicts[s.k], 'VALID');
  const byReason = new Map<string, number>();
  for (const s of opensslAccepts) byReason.set(verdicts[s.k], (byReason.get(verdicts[s.k]) ?? 0) + 1);
  console.log(
    `CMS ${cms.length} bytes; ${edits.length} edits: app accepts ${accepted.length}; ` +
      `openssl sample ${sample.length}: openssl accepts ${opensslAccepts.length} (app refuses them as ${[...byReason].map(([k, v]) => `${k} ×${v}`).join(', ') || '-'}), ` +
      `both refuse ${sample.length - opensslAccepts.length}`,
  );

  // The whole-letter verifier agrees with the CMS check on a handful of the edits.
  for (const s of sample.slice(0, 12)) {
    const r = ours(s.der);
    assert.equal(r.status, 'INVALID');
    if (verdicts[s.k] !== 'UNTRUSTED') assert.equal((r as { code: string }).code, verdicts[s.k]);
    else assert.equal((r as { code: string }).code, 'UNTRUSTED_SIGNER');
  }
});

test('the office certificate is DER and its QR-key extension (a 2.25 UUID arc) survives a re-encoding', () => {
  const cert = parseDer(office.certificateDer, Certificate, 'the office certificate');
  assert.ok(cert.tbsCertificate.extensions!.some((e) => e.extnID === '2.25.140499713963513960745405095624580037693'));
});
