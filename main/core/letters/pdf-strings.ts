// Every string a party writes (end-user and consignee names, officer, office, addresses) that enters the
// PDF outside the font-encoded page text goes through here, so that no byte of it can be read as PDF
// syntax (`/ByteRange [0 1 2 3]`, `)`, `>>`, `endobj`) or XML (`</rdf:li>`):
// - PDF string objects (Info dictionary, signature dictionary) are hex strings of UTF-16BE with a BOM:
//   the file holds only `<FEFF…>` hex digits, whatever the text;
// - the XMP packet (pdfkit writes it uncompressed from the Info values) gets every character outside a
//   small safe set as an XML numeric character reference, and characters XML 1.0 cannot carry at all
//   (C0 controls, lone surrogates, U+FFFE/U+FFFF) as U+FFFD.
// Page text is drawn through the embedded fonts (glyph ids in hex) and attachments are compressed
// streams with fixed names, so neither needs more. The signature placeholder is written here too, with
// the same encoding, instead of by @signpdf/placeholder-pdfkit (which writes literal strings).

/** A PDF text string as hex UTF-16BE (pdfkit writes a Uint8Array as `<hex>`). */
export function pdfTextString(text: string): Uint8Array {
  const s = xmlSafe(String(text));
  const out = Buffer.alloc(2 + s.length * 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < s.length; i++) out.writeUInt16BE(s.charCodeAt(i), 2 + i * 2);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Replaces what XML 1.0 cannot hold (and lone surrogates) with U+FFFD. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const ref = (ch: string) => `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`;

/**
 * Text for an XMP element: only ASCII letters, digits and `,.:;_@+-` stay literal; everything else
 * (spaces included, so `9 0 obj` cannot form) is `&#x…;`, and the first letter of a PDF keyword
 * (`endstream`, `endobj`, `startxref`, …) too, so that even a reader that ignores /Length and scans
 * for keywords sees none in a party's text.
 */
export function xmpText(text: string): string {
  let out = '';
  for (const ch of xmlSafe(String(text))) out += /^[A-Za-z0-9,.:;_@+-]$/.test(ch) ? ch : ref(ch);
  return out.replace(/(?:endstream|stream|endobj|obj|startxref|xref|trailer|EOF)/gi, (k) => ref(k[0]) + k.slice(1));
}

export interface SafeInfo {
  Title: string;
  Author: string;
  Subject: string;
  Keywords: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  ModDate: Date;
}

interface PdfkitInternals {
  info: Record<string, unknown>;
  _addInfo: () => void;
  appendXML: (xml: string, newline?: boolean) => void;
}

/**
 * Sets the document's Info dictionary (hex strings) and its XMP packet (escaped) from `info`. Replaces
 * pdfkit's own XMP writer for this document, which interpolates the Info values into XML unescaped.
 */
export function setSafeInfo(doc: PDFKit.PDFDocument, info: SafeInfo): void {
  const d = doc as unknown as PdfkitInternals;
  const iso = (t: Date) => `${t.toISOString().split('.')[0]}Z`;
  d.info = {
    Title: pdfTextString(info.Title),
    Author: pdfTextString(info.Author),
    Subject: pdfTextString(info.Subject),
    Keywords: pdfTextString(info.Keywords),
    Creator: pdfTextString(info.Creator),
    Producer: pdfTextString(info.Producer),
    CreationDate: info.CreationDate,
    ModDate: info.ModDate,
  };
  d._addInfo = () => {
    d.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${iso(info.CreationDate)}</xmp:CreateDate>
            <xmp:ModifyDate>${iso(info.ModDate)}</xmp:ModifyDate>
            <xmp:CreatorTool>${xmpText(info.Creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmpText(info.Title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xmpText(info.Author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmpText(info.Subject)}</rdf:li></rdf:Alt></dc:description>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xmpText(info.Producer)}</pdf:Producer>
            <pdf:Keywords>${xmpText(info.Keywords)}</pdf:Keywords>
        </rdf:Description>`);
  };
}

export interface PlaceholderInput {
  reason: string;
  contactInfo: string;
  name: string;
  location: string;
  signingTime: Date;
  /** Bytes reserved for the CMS blob. */
  signatureLength: number;
  /** Written as the name `/…` in each of the three unknown ByteRange slots. */
  byteRangePlaceholder: string;
  subFilter: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  appName: string;
}

interface PdfkitForm {
  _acroform?: unknown;
  initForm(): void;
  _root: { data: { AcroForm: { data: { Fields: unknown[]; DR?: unknown } } } };
  page: { dictionary: unknown; annotations: unknown[] };
  ref(data: Record<string, unknown>): { end(): void };
}

/**
 * The empty signature field (signature dictionary, AcroForm, invisible widget on the current page) that
 * signPdf fills. Same objects as @signpdf/placeholder-pdfkit, but every party's text as a hex string.
 */
export function addSignaturePlaceholder(doc: PDFKit.PDFDocument, input: PlaceholderInput): void {
  const pdf = doc as unknown as PdfkitForm;
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: input.subFilter,
    ByteRange: [0, input.byteRangePlaceholder, input.byteRangePlaceholder, input.byteRangePlaceholder],
    Contents: Buffer.alloc(input.signatureLength),
    Reason: pdfTextString(input.reason),
    M: input.signingTime,
    ContactInfo: pdfTextString(input.contactInfo),
    Name: pdfTextString(input.name),
    Location: pdfTextString(input.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: input.appName } },
  });
  if (!pdf._acroform) pdf.initForm();
  const form = pdf._root.data.AcroForm;
  const fieldId = form.data.Fields.length + 1;
  form.data = {
    Type: 'AcroForm',
    // SignaturesExist | AppendOnly
    SigFlags: 3,
    Fields: form.data.Fields,
    DR: form.data.DR,
  } as typeof form.data;
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: pdfTextString(`Signature${fieldId}`),
    F: 132, // Print | Locked
    P: pdf.page.dictionary,
  });
  pdf.page.annotations.push(widget);
  form.data.Fields.push(widget);
  signature.end();
  widget.end();
}
