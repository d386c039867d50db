// Nothing a party writes reaches the PDF's structure: letters issued for hostile names (PDF syntax, the
// signature placeholder's own text, XML, control characters, RTL marks, very long text) all sign, verify
// with our verifier and with poppler's pdfsig, pass qpdf --check, hold exactly one signature dictionary,
// and carry the name intact in the Info dictionary and the XMP packet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSignedLetter, verifyLetterPdf } from '../../../main/core/letters';
import type { PdfName} from '../../../main/core/letters/pdf-objects';
import { PdfDict, PdfString, readObjects, streamData } from '../../../main/core/letters/pdf-objects';
import { pdfTextString, xmpText } from '../../../main/core/letters/pdf-strings';
import { makeCase, makeDetermination } from './fixtures';
import { officeIdentity, run, writeTmp } from './helpers';

// The case schema bounds names to 300 characters and refuses control characters; the officer's name is
// not a case field, so it carries the longest and the control-character strings.
const HOSTILE: Array<{ label: string; endUser: string; officer: string }> = [
  { label: 'ByteRange in the name', endUser: 'ACME /ByteRange [0 1 2 3] GmbH', officer: '/ByteRange [0 1 2 3]' },
  { label: 'the placeholder text', endUser: 'X /ByteRange [0 /********** /********** /**********] Y', officer: '/Contents <00000000> /ByteRange [0 /********** /********** /**********]' },
  { label: 'PDF syntax', endUser: 'a) >> endobj 9 0 obj << /Type /Sig /ByteRange [0 1 2 3] >> endobj (', officer: '\\) \\( %%EOF trailer << /Root 1 0 R >> startxref 0' },
  { label: 'XML', endUser: '</rdf:li></rdf:Seq><x:xmpmeta> & &amp; <![CDATA[ ]]> "\' <?xpacket end="w"?>', officer: '<dc:creator>&#0;</dc:creator>' },
  // a tab is a control character too: the case schema refuses it in a name (test/unit/domain/hostile-case.test.ts)
  { label: 'control characters', endUser: 'Control-free Ltd', officer: 'Nul\u0000Bell\u0007Esc\u001bDel\u007fC1\u0085\u009b end' },
  { label: 'RTL and bidi marks', endUser: 'شركة \u202eevil.exe\u202c \u200f\u200e מעבדה בע"מ', officer: '\u2066isolated\u2069 \u061c\u202b embedded \u202c' },
  { label: 'long text', endUser: 'W'.repeat(300), officer: `Officer ${'ÄЖ华 /ByteRange [0 1 2 3] '.repeat(400)}`.slice(0, 10_000) },
  { label: 'lone surrogate and specials', endUser: 'Half \ud83d surrogate \ufffe\uffff and 😀', officer: 'Emoji 😀 officer \udc00' },
];

function letterFor(h: (typeof HOSTILE)[number]) {
  const c = makeCase({ endUser: { name: h.endUser, type: 'data_center', headquarters: 'DE' } });
  return buildSignedLetter({
    case: c,
    determination: makeDetermination(c),
    letterNumber: 'TL-2026-000042',
    issuedAt: '2026-11-26T10:15:00.000Z',
    officer: h.officer,
    auditHead: { seq: 3, hash: 'cd'.repeat(32) },
    pageSize: 'A4',
    identity: officeIdentity().id,
  });
}

// What XML 1.0 can carry: C0 controls, U+FFFE/FFFF and lone surrogates become U+FFFD.
// eslint-disable-next-line no-control-regex
const xmlSafe = (t: string) => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const decodeRefs = (s: string) => s.replace(/&#x([0-9A-F]+);/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)));

test('the encoders leave no PDF or XML syntax in what they write', () => {
  const bytes = Buffer.from(pdfTextString('a)/ByteRange<>'));
  assert.equal(bytes.subarray(2).swap16().toString('utf16le'), 'a)/ByteRange<>');
  assert.deepEqual([...bytes.subarray(0, 2)], [0xfe, 0xff]);
  assert.equal(xmpText('</rdf:li> & /ByteRange [0'), '&#x3C;&#x2F;rdf:li&#x3E;&#x20;&#x26;&#x20;&#x2F;ByteRange&#x20;&#x5B;0');
  assert.equal(xmpText('9 0 obj endstream'), '9&#x20;0&#x20;&#x6F;bj&#x20;&#x65;ndstream');
  assert.equal(xmpText('ok\u0000x'), 'ok&#xFFFD;x');
});

for (const h of HOSTILE) {
  test(`hostile names: ${h.label} — issued, and verified by us, pdfsig and qpdf`, () => {
    const letter = letterFor(h);
    const pdf = letter.pdf;
    const r = verifyLetterPdf(pdf, { trustedFingerprints: [officeIdentity().id.fingerprint] });
    assert.equal(r.status, 'VALID', JSON.stringify(r).slice(0, 500));
    if (r.status === 'VALID') {
      assert.equal(r.letter.case.endUser.name, h.endUser.trim());
      assert.equal(r.letter.officer, h.officer);
    }

    // exactly one signature dictionary, and the party's text never appears as raw bytes outside streams
    const objects = readObjects(pdf);
    assert.equal(objects.filter((o) => o.value instanceof PdfDict && o.value.get('ByteRange') !== undefined).length, 1);
    const raw = pdf.toString('latin1');
    assert.equal(raw.split('/ByteRange').length - 1, 1, 'one /ByteRange in the whole file');
    for (const needle of ['</rdf:li></rdf:Seq><x:xmpmeta>', 'endobj 9 0 obj', '%%EOF trailer', 'startxref 0']) assert.ok(!raw.includes(needle), needle);

    // Info dictionary: hex UTF-16BE strings that decode to the text
    const info = objects.find((o) => o.value instanceof PdfString && o.value.text().startsWith('Determination for '));
    assert.ok(info, 'the Subject is an object of its own (pdfkit writes Info values as references)');
    assert.ok((info.value as PdfString).text().startsWith(`Determination for ${xmlSafe(h.endUser.trim())}, as of `));

    // XMP: a separate uncompressed stream, all values as character references, round-tripping
    const meta = objects.find((o) => o.value instanceof PdfDict && (o.value.get('Type') as PdfName | undefined)?.name === 'Metadata');
    assert.ok(meta);
    const xmp = streamData(pdf, meta).toString('utf8');
    const values = [...xmp.matchAll(/<rdf:li[^>]*>([^<]*)<\/rdf:li>/g)].map((m) => m[1]);
    assert.equal(values.length, 3, xmp.slice(0, 400));
    for (const v of values) assert.match(v, /^([A-Za-z0-9,.:;_@+-]|&#x[0-9A-F]+;)*$/);
    const author = decodeRefs(values[1]);
    assert.ok(author.startsWith(`${xmlSafe(h.officer)}, `), author.slice(0, 80));

    const file = writeTmp(pdf);
    const sig = run('pdfsig', [file]);
    assert.equal(sig.status, 0, sig.stderr);
    assert.match(sig.stdout, /Signature Validation: Signature is Valid\./);
    assert.match(sig.stdout, /Total document signed/);
    const check = run('qpdf', ['--check', file]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
}
