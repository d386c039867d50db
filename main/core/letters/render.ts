// Renders a determination letter with pdfkit: letterhead, letter number and dates, parties, items with
// their classification, the determination per mode, numbered reasoning with CFR citations, warnings,
// rule pack provenance, a status banner when the regime is not enforced, the officer's block, the QR
// record, page numbers, the canonical JSON as attachments, and an empty PAdES signature field that
// signPdf fills. Synchronous: pdfkit pushes every chunk before end() returns, so the bytes are read
// straight from the stream's buffer.
import { canonicalJson } from '../../../shared/domain/canonical';
import type { Case } from '../../../shared/domain/case';
import { countryName } from '../../../shared/domain/countries';
import type { Determination, Evaluation, ItemDetermination, TraceStep } from '../../../shared/domain/determination';
import type { ScreeningSection } from '../../../shared/domain/screening';
import { formatFingerprint, sha256Hex, type Office } from '../identity/keys';
import { PARSED_FONTS, fontBytes, sharedLayoutCache, splitRuns, type FontKey, type Script } from './fonts';
import { addSignaturePlaceholder, setSafeInfo } from './pdf-strings';
import { BYTE_RANGE_PLACEHOLDER, SIGNATURE_LENGTH } from './sign';
import type PDFKitModule from 'pdfkit';
import type * as QRCodeModule from 'qrcode';
import { lazyModule } from '../lazy';

const PDFDocument = lazyModule<typeof PDFKitModule>('pdfkit');
const QRCode = lazyModule<typeof QRCodeModule>('qrcode');

export type PageSize = 'A4' | 'LETTER';

export interface AuditHeadRef {
  seq: number;
  hash: string;
}

export interface SignerRef {
  /** SHA-256 fingerprint of the office certificate (hex). */
  fingerprint: string;
  qrKeyId: string;
  /** Raw Ed25519 QR public key, base64. */
  qrPublicKey: string;
}

export interface RenderLetterInput {
  /**
   * The case document as evaluated; its canonical JSON must hash to the determination's caseSha256
   * (pass the stored document, not a re-serialised copy with trimmed strings).
   */
  case: Case;
  determination: Determination;
  letterNumber: string;
  /** ISO 8601 instant (or Date) the letter is issued. */
  issuedAt: string | Date;
  officer: string;
  office: Office;
  /** The audit chain head (sequence and hash) when the letter was issued. */
  auditHead: AuditHeadRef;
  pageSize?: PageSize;
  /** Signed QR record text (signQrRecord). */
  qrRecord: string;
  signer?: SignerRef;
  /** Number of the letter this one supersedes, if any. */
  supersedes?: string | null;
  /**
   * A preview: every page carries a DRAFT watermark and there is no signature field, so it can never
   * verify. Implied when the letter number starts with "DRAFT".
   */
  draft?: boolean;
}

export const LETTER_FORMAT = 'tierline.letter/1';
export const ATTACHMENT_DETERMINATION = 'determination.json';
export const ATTACHMENT_CASE = 'case.json';
export const ATTACHMENT_LETTER = 'letter.json';

/** The letter's own record, embedded as letter.json and covered by the PDF signature. */
export interface LetterRecord {
  format: typeof LETTER_FORMAT;
  letterNumber: string;
  issuedAt: string;
  officer: string;
  office: Office;
  pageSize: PageSize;
  auditHead: AuditHeadRef;
  caseSha256: string;
  determinationSha256: string;
  qrRecord: string;
  signer: SignerRef | null;
  supersedes: string | null;
}

export function letterRecordOf(input: RenderLetterInput): LetterRecord {
  const issuedAt = typeof input.issuedAt === 'string' ? new Date(input.issuedAt) : input.issuedAt;
  return {
    format: LETTER_FORMAT,
    letterNumber: input.letterNumber,
    issuedAt: issuedAt.toISOString(),
    officer: input.officer,
    office: input.office,
    pageSize: input.pageSize ?? 'A4',
    auditHead: input.auditHead,
    caseSha256: input.determination.caseSha256,
    determinationSha256: sha256Hex(canonicalJson(input.determination)),
    qrRecord: input.qrRecord,
    signer: input.signer ?? null,
    supersedes: input.supersedes ?? null,
  };
}

// ---- wording ----

export const AUTHORIZATION_LABEL: Record<string, string> = {
  NOT_CONTROLLED: 'Not controlled by these rules',
  NLR: 'No license required (NLR)',
  AIA: 'License Exception AIA (Artificial Intelligence Authorization)',
  ACM: 'License Exception ACM (Advanced Compute Manufacturing)',
  LPP: 'License Exception LPP (Low Processing Performance)',
  ACA: 'License Exception ACA (Advanced Computing Authorized)',
  NAC: 'Notified Advanced Computing (NAC)',
  UVEU: 'Universal Validated End User (UVEU)',
  NVEU: 'National Validated End User (NVEU)',
  LICENSE: 'Individual license required',
  PROHIBITED: 'Prohibited: a party is denied or blocked',
};

const REVIEW_POLICY_LABEL: Record<string, string> = {
  presumption_of_approval: 'Presumption of approval',
  presumption_of_denial: 'Presumption of denial',
  case_by_case: 'Case-by-case review',
  policy_of_denial: 'Policy of denial',
};

const KIND_LABEL: Record<string, string> = {
  ic: 'Integrated circuit',
  computer: 'Computer',
  model_weights: 'AI model weights',
  software: 'Software',
  technology: 'Technology',
  other: 'Other item',
};

const MODE_LABEL = { as_written: 'As written', enforced: 'As enforced' } as const;
const MODE_LONG = {
  as_written: 'the regulations as written (as codified in 15 CFR on the as-of date)',
  enforced: 'the regulations as BIS enforces them on the as-of date',
} as const;

/** True when a status text says the regime is not (or not yet, or no longer) enforced on that date. */
export function regimeNotEnforced(status: string): boolean {
  return /not\s+(?:be\s+)?enforc|not yet required|no longer|rescind|revok|not in force|not yet in force|pre-rule|before .*effective/i.test(
    status,
  );
}

function lowConfidence(step: TraceStep): boolean {
  return step.confidence === 'low' || step.confidence === 'unsourced';
}

export function collectWarnings(d: Determination): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  for (const ev of d.evaluations) {
    for (const w of ev.warnings) add(`${MODE_LABEL[ev.mode]}: ${w}`);
    for (const it of ev.items) {
      for (const st of it.trace) {
        if (lowConfidence(st)) {
          add(
            `${MODE_LABEL[ev.mode]}, item ${it.index + 1}: “${st.result}” rests on a ${st.confidence === 'low' ? 'low-confidence' : 'unsourced'} parameter (${st.title ? `${st.title}; ` : ''}${st.citation}).`,
          );
        }
      }
    }
  }
  return out;
}

// ---- layout ----

const C = {
  ink: '#1A1F29',
  navy: '#17294D',
  grey: '#5A6270',
  rule: '#B8C0CC',
  faint: '#EEF1F5',
  amberBg: '#FFF3D1',
  amber: '#A66A00',
  amberInk: '#4D3300',
  red: '#8E1B1B',
  green: '#1C5B36',
};

const FONT_NAME: Record<FontKey, string> = { latin: 'L', latinBold: 'LB', cjk: 'CJK', hangul: 'KR' };

interface Style {
  size?: number;
  bold?: boolean;
  color?: string;
}

/** The structure tree of a tagged letter: the Document element, and the list being filled, if any. */
interface Tags {
  root: PDFKit.PDFStructureElement;
  list: PDFKit.PDFStructureElement | null;
  /** Depth of artifact marking (page furniture: rules, fills, footer, watermark): nothing is tagged inside. */
  artifact: number;
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly right: number;
  readonly width: number;
  private registered = new Set<FontKey>();
  /** Null for an untagged document (the benchmark's bare baseline). */
  readonly tags: Tags | null;

  constructor(doc: PDFKit.PDFDocument, tagged = false) {
    this.doc = doc;
    if (tagged) {
      const root = doc.struct('Document');
      doc.addStructure(root);
      this.tags = { root, list: null, artifact: 0 };
    } else {
      this.tags = null;
    }
    this.left = doc.page.margins.left;
    this.right = doc.page.width - doc.page.margins.right;
    this.width = this.right - this.left;
  }

  /**
   * Draws content as one structure element of the given type (P, H1, H2, TD, …) under `parent` (the
   * Document by default): a marked-content sequence on the page, referenced from the structure tree, in
   * the order the letter is read.
   */
  mark(type: string, draw: () => void, parent?: PDFKit.PDFStructureElement, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    const t = this.tags;
    if (!t || t.artifact > 0) {
      draw();
      return;
    }
    if (!parent) t.list = null;
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    (parent ?? t.root).add(this.doc.struct(type, options, [content]));
  }

  /** Draws page furniture that a reader skips: fills, rules, the QR code, running footers, the watermark. */
  artifact(draw: () => void, type?: 'Pagination' | 'Layout'): void {
    const t = this.tags;
    if (!t || t.artifact > 0) {
      draw();
      return;
    }
    t.artifact++;
    this.doc.markContent('Artifact', type ? { type } : undefined);
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
      t.artifact--;
    }
  }

  /** A new structure element (Table, TR, L, LI) under `parent` or the Document. */
  group(type: string, parent?: PDFKit.PDFStructureElement): PDFKit.PDFStructureElement | null {
    const t = this.tags;
    if (!t || t.artifact > 0) return null;
    if (!parent) t.list = null;
    const el = this.doc.struct(type);
    (parent ?? t.root).add(el);
    return el;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  useFont(script: Script, bold: boolean): void {
    const key: FontKey = script === 'cjk' || script === 'symbol' ? 'cjk' : script === 'hangul' ? 'hangul' : bold ? 'latinBold' : 'latin';
    if (!this.registered.has(key)) {
      const parsed = PARSED_FONTS.get(key);
      this.doc.registerFont(FONT_NAME[key], (parsed ?? fontBytes(key)) as Buffer);
      this.registered.add(key);
      this.doc.font(FONT_NAME[key]);
      const embedded = (this.doc as unknown as { _font?: { font?: { layout?: unknown }; layoutCache?: Record<string, unknown> } })._font;
      if (!parsed) {
        // Parsing a font's tables is most of the cost of a document, so the parsed fontkit font is kept
        // for the next document (pdfkit accepts one in place of bytes). Each document still makes its own
        // subset, so sharing it is safe.
        const font = embedded?.font;
        if (font && typeof font.layout === 'function') PARSED_FONTS.set(key, font);
      }
      // Words shaped once for this parsed font serve every later letter (see sharedLayoutCache); the
      // benchmark's bare document (untagged) keeps pdfkit's own per-document cache, as pdfkit comes.
      if (this.tags && embedded?.layoutCache && PARSED_FONTS.get(key) === embedded.font) embedded.layoutCache = sharedLayoutCache(key);
      return;
    }
    this.doc.font(FONT_NAME[key]);
  }

  style(s: Style): void {
    this.useFont('latin', Boolean(s.bold));
    this.doc.fontSize(s.size ?? 9.5).fillColor(s.color ?? C.ink);
  }

  /** Every string written, in order (for the benchmark's bare document). */
  sink: string[] | null = null;

  /** Writes text in runs per script, so every name is set in a font that has its glyphs. */
  text(str: string, x: number | undefined, y: number | undefined, s: Style, opts: PDFKit.Mixins.TextOptions = {}, tag = 'P', parent?: PDFKit.PDFStructureElement | null): void {
    // An empty cell or label is drawn but not tagged: a reader has nothing to read there.
    if (!str.trim()) this.textRuns(str, x, y, s, opts);
    else this.mark(tag, () => this.textRuns(str, x, y, s, opts), parent ?? undefined);
  }

  private textRuns(str: string, x: number | undefined, y: number | undefined, s: Style, opts: PDFKit.Mixins.TextOptions): void {
    this.sink?.push(str);
    this.style(s);
    const runs = splitRuns(str);
    if (runs.length <= 1 && (runs[0]?.script ?? 'latin') === 'latin') {
      this.doc.text(str, x, y, opts);
      return;
    }
    runs.forEach((r, i) => {
      this.useFont(r.script, Boolean(s.bold));
      const last = i === runs.length - 1;
      if (i === 0) this.doc.text(r.text, x, y, { ...opts, continued: !last });
      else this.doc.text(r.text, { ...opts, continued: !last });
    });
  }

  height(str: string, width: number, s: Style, opts: PDFKit.Mixins.TextOptions = {}): number {
    this.style(s);
    // CJK glyphs are about 1 em wide; the Latin font's .notdef is narrower, so widen them for measuring.
    const measured = str.replace(/[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g, 'MM');
    return this.doc.heightOfString(measured, { ...opts, width });
  }

  ensure(space: number): void {
    if (this.doc.y + space > this.bottom) this.doc.addPage();
  }

  gap(h: number): void {
    this.doc.y += h;
  }

  hr(color = C.rule, weight = 0.6): void {
    const y = this.doc.y;
    this.artifact(() => this.doc.save().moveTo(this.left, y).lineTo(this.right, y).lineWidth(weight).strokeColor(color).stroke().restore());
  }

  /** A filled rectangle as page furniture. */
  fill(x: number, y: number, width: number, height: number, color: string): void {
    this.artifact(() => this.doc.save().rect(x, y, width, height).fill(color).restore());
  }

  heading(num: string, title: string): void {
    this.ensure(48);
    this.gap(10);
    const y = this.doc.y;
    this.text(`${num}  ${title.toUpperCase()}`, this.left, y, { size: 9.5, bold: true, color: C.navy }, { characterSpacing: 0.6, lineBreak: false }, 'H2');
    this.doc.y = y + 14;
    this.hr(C.navy, 0.8);
    this.gap(6);
  }

  /** A two-column label/value table. */
  fields(rows: Array<[string, string]>, labelWidth = 132): void {
    for (const [label, value] of rows) {
      const w = this.width - labelWidth;
      const h = Math.max(this.height(value, w, { size: 9.5 }), 12);
      this.ensure(h + 4);
      const y = this.doc.y;
      this.text(label, this.left, y, { size: 8.5, color: C.grey }, { width: labelWidth - 8 });
      this.text(value, this.left + labelWidth, y, { size: 9.5 }, { width: w });
      this.doc.y = y + h + 3;
    }
  }

  /** A list item (L > LI > Lbl + LBody); consecutive bullets make one list. */
  bullet(str: string, indent: number, s: Style = { size: 9 }, marker = '•'): void {
    const w = this.width - indent - 12;
    const h = this.height(str, w, s);
    this.ensure(h + 2);
    const y = this.doc.y;
    const t = this.tags;
    let li: PDFKit.PDFStructureElement | null = null;
    if (t && t.artifact === 0) {
      const list = t.list ?? this.group('L');
      li = this.group('LI', list ?? undefined);
      t.list = list;
    }
    this.text(marker, this.left + indent, y, { ...s, color: C.grey }, { width: 12, lineBreak: false }, 'Lbl', li);
    this.text(str, this.left + indent + 12, y, s, { width: w }, 'LBody', li);
    this.doc.y = y + h + 2;
  }

  paragraph(str: string, s: Style = { size: 9.5 }, indent = 0, opts: PDFKit.Mixins.TextOptions = {}): void {
    const w = this.width - indent;
    const h = this.height(str, w, s, opts);
    this.ensure(Math.min(h, 40));
    this.text(str, this.left + indent, this.doc.y, s, { width: w, ...opts });
    this.gap(2);
  }
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // A fixed mask (any of the eight is valid, ISO/IEC 18004 § 7.8) spares scoring all eight for each letter.
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 } as QRCodeModule.QRCodeOptions);
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.save();
  doc.rect(x, y, size, size).fill('#FFFFFF');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < n && qr.modules.get(r, end + 1)) end++;
      doc.rect(x + (quiet + c) * cell, y + (quiet + r) * cell, (end - c + 1) * cell, cell);
      c = end + 1;
    }
  }
  doc.fill('#000000');
  doc.restore();
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function longDate(iso: string): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

function country(code: string | undefined): string {
  return code ? `${countryName(code)} (${code})` : '—';
}

function humanize(s: string | undefined): string {
  return s ? s.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) : '—';
}

function itemTitle(c: Case, index: number): string {
  const it = c.items[index];
  if (!it) return `Item ${index + 1}`;
  return it.description?.trim() || KIND_LABEL[it.kind] || humanize(it.kind);
}

function outcomeLine(it: ItemDetermination): string {
  const parts = [AUTHORIZATION_LABEL[it.authorization] ?? it.authorization];
  if (it.authorization === 'PROHIBITED') {
    parts.push('do not proceed');
  } else if (it.authorization === 'LICENSE') {
    parts.push(it.reviewPolicy ? `review policy: ${REVIEW_POLICY_LABEL[it.reviewPolicy]}` : 'review policy not stated by the rule (see warnings)');
  } else {
    parts.push(it.licenseRequired ? 'license required' : 'no license required');
  }
  return parts.join(' — ');
}

const SCREEN_STATUS: Record<ScreeningSection['status'], string> = {
  clear: 'No party is on a screened list',
  listed: 'A party is on a restricted-party list (see the determination and reasoning)',
  needs_review: 'Needs review: candidates await an officer decision',
  not_screened: 'Not screened: no Consolidated Screening List was imported',
};

/** The screening result: the list (date, hash), each party screened, each candidate and its decision. */
function screeningSection(w: Writer, s: ScreeningSection, num: string): void {
  w.heading(num, 'Restricted-party screening');
  w.fields([
    ['Result', SCREEN_STATUS[s.status]],
    ['List', s.list ? `Consolidated Screening List of ${longDate(s.list.date)}, ${s.list.entryCount.toLocaleString('en-US')} entries${s.list.stale ? ` (out of date: ${s.list.ageDays} days old)` : ''}\nSHA-256 ${s.list.sha256}` : 'none imported'],
    ['Screened on', `${longDate(s.screenedOn)}; match at a score of ${s.thresholds.match}, review at ${s.thresholds.review}`],
  ]);
  for (const p of s.parties) {
    w.ensure(30);
    const who = `${humanize(p.role)}: ${p.name}${p.country ? ` (${country(p.country)})` : ''}${p.ownerOf ? `, owns ${p.ownerOf.percent} % of ${p.ownerOf.name}` : ''}`;
    const st = p.status === 'clear' ? 'no candidate' : p.status === 'listed' ? 'LISTED' : 'NEEDS REVIEW';
    w.paragraph(`${who} — ${st}`, { size: 9, bold: true, color: p.status === 'clear' ? C.ink : C.red });
    for (const c of p.candidates) {
      const dec = c.officer ? `${c.officer.verdict === 'confirmed' ? 'Confirmed' : 'Cleared'} by ${c.officer.by} on ${c.officer.at.slice(0, 10)}: ${c.officer.reason}` : c.decision === 'match' ? 'Match (no officer decision)' : 'Review: undecided';
      w.bullet(`${c.list} ${c.name}${c.matchedName !== c.name ? ` [as “${c.matchedName}”]` : ''}, score ${c.score.toFixed(2)}${c.entityNumber ? `, entry ${c.entityNumber}` : ''}${c.federalRegisterNotice ? `, ${c.federalRegisterNotice}` : ''}. ${dec}.`, 12, { size: 8.5 });
    }
  }
}

function tierText(t: number | null): string {
  return t === null ? 'not applicable (Framework not codified on this date)' : `Tier ${t}`;
}

/** Renders the unsigned letter (with its empty signature field). `textSink` receives every string drawn. */
export function renderLetter(input: RenderLetterInput, textSink?: string[]): Buffer {
  if (sha256Hex(canonicalJson(input.case)) !== input.determination.caseSha256) {
    throw new Error('the determination was not made for this case (caseSha256 differs from the canonical case)');
  }
  const record = letterRecordOf(input);
  const issuedAt = new Date(record.issuedAt);
  const d = input.determination;
  const c = input.case;
  const asOf = d.evaluations[0].asOf;

  const doc = new PDFDocument({
    size: record.pageSize === 'LETTER' ? 'LETTER' : 'A4',
    // Tagged (a structure tree in reading order, page furniture marked as artifacts), with a language and
    // a title shown in the window: what an accessible PDF needs (Section 508; PDF/UA's basics).
    tagged: true,
    margins: { top: 48, bottom: 72, left: 58, right: 58 },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    lang: 'en-US',
    displayTitle: true,
  });
  // Hex strings in Info, escaped XMP: nothing a party writes can be read as PDF or XML syntax.
  setSafeInfo(doc, {
    Title: `Export control determination ${record.letterNumber}`,
    Author: `${input.officer}, ${input.office.name}`,
    Subject: `Determination for ${c.endUser.name}, as of ${asOf}`,
    Keywords: `Tierline; determination; ${record.letterNumber}; EAR; 15 CFR`,
    Creator: 'Tierline',
    Producer: 'Tierline (pdfkit)',
    CreationDate: issuedAt,
    ModDate: issuedAt,
  });
  const w = new Writer(doc, true);
  w.sink = textSink ?? null;
  const L = w.left;

  // ---- letterhead ----
  const qrSize = 100;
  const qrX = w.right - qrSize + 4;
  const headTop = 40;
  const headW = w.width - qrSize - 16;
  w.text(input.office.name, L + 14, headTop, { size: 16, bold: true, color: C.navy }, { width: headW - 14 });
  let hy = doc.y + 1;
  const sub = [input.office.unit, ...(input.office.address ?? []), input.office.contact].filter((s): s is string => Boolean(s));
  for (const line of sub) {
    w.text(line, L + 14, hy, { size: 8.5, color: C.grey }, { width: headW - 14 });
    hy = doc.y;
  }
  w.fill(L, headTop, 4, Math.max(hy - headTop, 22), C.navy);
  w.mark('Figure', () => drawQr(doc, input.qrRecord, qrX, headTop - 4, qrSize), undefined, {
    alt: 'QR code holding the signed record of this letter, for offline verification',
  });
  w.text('Scan to verify offline', qrX, headTop + qrSize - 2, { size: 6, color: C.grey }, { width: qrSize, align: 'center', lineBreak: false });
  const ruleY = Math.max(hy + 10, headTop + qrSize + 12);
  w.artifact(() => {
    doc.save().moveTo(L, ruleY).lineTo(w.right, ruleY).lineWidth(1.6).strokeColor(C.navy).stroke();
    doc.moveTo(L, ruleY + 3).lineTo(w.right, ruleY + 3).lineWidth(0.5).stroke().restore();
  });
  doc.y = ruleY + 14;

  // ---- title and reference block ----
  w.text('EXPORT CONTROL DETERMINATION', L, doc.y, { size: 14, bold: true, color: C.ink }, { characterSpacing: 1.2 }, 'H1');
  w.text(
    'Classification and license requirements under the Export Administration Regulations (15 CFR parts 730–774) for advanced computing items and AI model weights',
    L,
    doc.y + 1,
    { size: 8.5, color: C.grey },
    { width: w.width },
  );
  w.gap(8);
  const refTop = doc.y;
  const colW = w.width / 4;
  const refs: Array<[string, string]> = [
    ['LETTER NO.', record.letterNumber],
    ['DATE ISSUED', longDate(isoDate(issuedAt))],
    ['RULES AS OF', longDate(asOf)],
    ['CASE REFERENCE', c.reference?.trim() || '—'],
  ];
  w.fill(L, refTop, w.width, 34, C.faint);
  const refTable = w.group('Table');
  const refHead = w.group('TR', refTable ?? undefined);
  const refBody = w.group('TR', refTable ?? undefined);
  refs.forEach(([k, v], i) => {
    const x = L + i * colW + 8;
    w.text(k, x, refTop + 6, { size: 6.5, bold: true, color: C.grey }, { width: colW - 12, characterSpacing: 0.5, lineBreak: false }, 'TH', refHead);
    w.text(v, x, refTop + 16, { size: 10, bold: i === 0, color: C.ink }, { width: colW - 12, height: 13, ellipsis: true }, 'TD', refBody);
  });
  doc.y = refTop + 42;
  if (record.supersedes) {
    w.paragraph(`This letter supersedes letter ${record.supersedes}, which is withdrawn.`, { size: 9, bold: true, color: C.red });
  }

  // ---- status banner ----
  const banners = d.evaluations.filter((ev) => regimeNotEnforced(ev.regimeStatus));
  if (banners.length) {
    const text = [...new Set(banners.map((ev) => ev.regimeStatus))].join(' ');
    const both = d.evaluations.some((ev) => ev.mode === 'as_written') && d.evaluations.some((ev) => ev.mode === 'enforced');
    const onlyEnforced = !both && d.evaluations[0].mode === 'enforced';
    const body = both
      ? `${text} This letter therefore states the outcome both as the regulations are written and as they are enforced on ${longDate(asOf)}; rely on the enforced outcome for what BIS requires on that date.`
      : onlyEnforced
        ? `${text} This letter states the outcome under the rules BIS enforces on ${longDate(asOf)}; the regulations as written may lead to a different outcome.`
        : `${text} This letter states the outcome under the regulations as written only; what BIS enforces on ${longDate(asOf)} may lead to a different outcome.`;
    const h = w.height(body, w.width - 24, { size: 8.5 }) + 24;
    w.ensure(h + 8);
    const y = doc.y;
    w.fill(L, y, w.width, h, C.amberBg);
    w.fill(L, y, 4, h, C.amber);
    w.text(`REGIME STATUS ON ${longDate(asOf).toUpperCase()} — NOT ENFORCED AS WRITTEN`, L + 14, y + 7, { size: 8, bold: true, color: C.amber }, { characterSpacing: 0.4, width: w.width - 24 });
    w.text(body, L + 14, doc.y + 2, { size: 8.5, color: C.amberInk }, { width: w.width - 24 });
    doc.y = y + h + 4;
  }

  // ---- 1. parties ----
  w.heading('1', 'Parties and transaction');
  const eu = c.endUser;
  const euLine = [eu.name, eu.type ? `(${humanize(eu.type)})` : ''].filter(Boolean).join(' ');
  const euDetail = [
    `headquarters ${country(eu.headquarters)}`,
    eu.ultimateParentHeadquarters && eu.ultimateParentHeadquarters !== eu.headquarters
      ? `ultimate parent headquartered in ${country(eu.ultimateParentHeadquarters)}`
      : null,
    eu.privateSector === false ? 'government owned or controlled' : null,
    eu.nationality ? `nationality ${country(eu.nationality)}` : null,
    eu.veu ? `validated end user: ${eu.veu.kind}${eu.veu.country ? ` for ${country(eu.veu.country)}` : ''}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  w.fields([
    ['Issuing office', [input.office.name, input.office.unit].filter(Boolean).join(', ')],
    ['End user', euLine],
    ['', euDetail],
    ['Transaction', `${humanize(c.transaction?.type ?? 'export')} from ${country(c.transaction?.from ?? 'US')} to ${country(c.destination)}`],
    ['Date of transaction', longDate(c.date)],
    ['End use', humanize(c.endUse)],
  ]);

  // ---- 2. summary table ----
  w.heading('2', 'Items and determinations');
  const modes = d.evaluations.map((ev) => ev.mode);
  const cols = [
    { title: '#', w: 18 },
    { title: 'Item', w: 0 },
    { title: 'Qty', w: 46 },
    { title: 'ECCN', w: 62 },
    ...modes.map((m) => ({ title: MODE_LABEL[m], w: 92 })),
  ];
  const fixed = cols.reduce((s, col) => s + col.w, 0);
  cols[1].w = w.width - fixed;
  const table = w.group('Table');
  let headerRows = 0;
  const header = () => {
    const y = doc.y;
    w.fill(L, y, w.width, 16, C.navy);
    const draw = () => {
      let x = L;
      const tr = w.group('TR', table ?? undefined);
      for (const col of cols) {
        w.text(col.title.toUpperCase(), x + 4, y + 4.5, { size: 6.8, bold: true, color: '#FFFFFF' }, { width: col.w - 8, lineBreak: false, characterSpacing: 0.4 }, 'TH', tr);
        x += col.w;
      }
    };
    // The header repeated on a later page is furniture: the table has one header row.
    if (headerRows++ === 0) draw();
    else w.artifact(draw);
    doc.y = y + 16;
  };
  w.ensure(40);
  header();
  c.items.forEach((item, i) => {
    const per = d.evaluations.map((ev) => ev.items.find((x) => x.index === i));
    const eccn = per.find((p) => p?.eccn)?.eccn ?? item.eccn ?? '—';
    const cells = [
      String(i + 1),
      itemTitle(c, i),
      item.quantity.toLocaleString('en-US'),
      eccn,
      ...per.map((p) => (p ? `${p.authorization.replace(/_/g, ' ')}\n${p.authorization === 'PROHIBITED' ? 'Do not proceed' : p.licenseRequired ? 'License required' : 'No license required'}` : '—')),
    ];
    const h = Math.max(...cells.map((t, k) => w.height(t, cols[k].w - 8, { size: 8.5 }))) + 8;
    if (doc.y + h > w.bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (i % 2 === 1) w.fill(L, y, w.width, h, '#F7F8FA');
    let x = L;
    const tr = w.group('TR', table ?? undefined);
    cells.forEach((t, k) => {
      const isOutcome = k >= 4;
      const lic = isOutcome && per[k - 4]?.licenseRequired;
      w.text(t, x + 4, y + 4, { size: 8.5, bold: isOutcome, color: isOutcome ? (lic ? C.red : C.green) : C.ink }, { width: cols[k].w - 8 }, 'TD', tr);
      x += cols[k].w;
    });
    doc.y = y + h;
    w.hr(C.rule, 0.4);
  });

  // ---- 3. restricted-party screening ----
  let sectionNo = 3;
  if (d.screening) screeningSection(w, d.screening, String(sectionNo++));

  // ---- determination per mode ----
  for (const ev of d.evaluations) {
    w.heading(String(sectionNo++), `Determination — ${MODE_LABEL[ev.mode].toLowerCase()}`);
    w.paragraph(`Applying ${MODE_LONG[ev.mode]}, ${longDate(ev.asOf)}:`, { size: 9, color: C.grey });
    w.fields([
      ['Regime status', ev.regimeStatus],
      ...(ev.regimeStatusDetail ? [['Status in detail', ev.regimeStatusDetail] as [string, string]] : []),
      ...(ev.sinceThen?.length ? [[`Since ${ev.asOf}`, ev.sinceThen.map((x) => `${x.date}: ${x.text}`).join('\n')] as [string, string]] : []),
      ['Destination tier', tierText(ev.destinationTier)],
      ['Effective tier', tierText(ev.effectiveTier)],
      ['License required', ev.licenseRequired ? 'Yes — at least one item needs a license' : 'No'],
      ['Rule pack', `${ev.rulePack.id}, version ${ev.rulePack.version}\nSHA-256 ${ev.rulePack.sha256}`],
    ]);
    for (const it of [...ev.items].sort((a, b) => a.index - b.index)) {
      w.ensure(44);
      w.gap(4);
      w.paragraph(`Item ${it.index + 1}: ${itemTitle(c, it.index)}${it.eccn ? ` — ECCN ${it.eccn}` : ' — not classified under these ECCNs'}`, { size: 9.5, bold: true });
      w.paragraph(outcomeLine(it), { size: 9.5, bold: true, color: it.licenseRequired ? C.red : C.green }, 12);
      if (it.obligations.length) {
        w.paragraph('Obligations:', { size: 8.5, color: C.grey }, 12);
        for (const o of it.obligations) w.bullet(o, 18, { size: 8.8 });
      }
    }
  }

  // ---- reasoning ----
  w.heading(String(sectionNo++), 'Reasoning');
  w.paragraph('Each step names the test applied, its result, and the provision of the regulations it rests on.', { size: 8.5, color: C.grey });
  for (const ev of d.evaluations) {
    for (const it of [...ev.items].sort((a, b) => a.index - b.index)) {
      w.ensure(40);
      w.gap(3);
      w.paragraph(`${MODE_LABEL[ev.mode]} — item ${it.index + 1}: ${itemTitle(c, it.index)}`, { size: 9, bold: true, color: C.navy });
      it.trace.forEach((st, k) => {
        const flag = lowConfidence(st) ? `  [${st.confidence === 'low' ? 'LOW CONFIDENCE' : 'UNSOURCED'}]` : '';
        w.bullet(`${st.title ? `${st.title}: ` : ''}${st.test}: ${st.result}  (${st.citation})${flag}`, 6, { size: 8.5, color: flag ? C.amberInk : C.ink }, `${k + 1}.`);
      });
      if (!it.trace.length) w.paragraph('No steps recorded.', { size: 8.5, color: C.grey }, 18);
    }
  }

  // ---- warnings ----
  const warnings = collectWarnings(d);
  w.heading(String(sectionNo++), 'Warnings and limitations');
  if (warnings.length) for (const wn of warnings) w.bullet(wn, 0, { size: 8.8, color: C.amberInk }, '!');
  else w.paragraph('None. Every value in this determination rests on a sourced parameter of at least medium confidence.', { size: 9 });

  // ---- certification and signature block ----
  // The certification and the signature block stay together on one page.
  w.ensure(230);
  w.heading(String(sectionNo++), 'Certification');
  w.paragraph(
    `This determination applies the rule packs named above to the case data supplied, as of ${longDate(asOf)}. It states the license requirements the issuing office found; it is not a license and does not replace a BIS classification or advisory opinion. Keep this letter with the export records for five years (15 CFR 762.6).`,
    { size: 8.8 },
  );
  w.gap(14);
  const sy = doc.y;
  const half = w.width / 2 - 10;
  w.text('ISSUED BY', L, sy, { size: 6.8, bold: true, color: C.grey }, { characterSpacing: 0.5 });
  w.text(`/s/ ${input.officer}`, L, sy + 16, { size: 13, color: C.navy }, { width: half });
  const lineY = doc.y + 3;
  w.artifact(() => doc.save().moveTo(L, lineY).lineTo(L + half - 20, lineY).lineWidth(0.6).strokeColor(C.ink).stroke().restore());
  w.text(input.officer, L, lineY + 5, { size: 10.5, bold: true }, { width: half });
  w.text(`Issuing officer, ${input.office.name}`, L, doc.y, { size: 8.5, color: C.grey }, { width: half - 20 });
  w.text(`${longDate(isoDate(issuedAt))}, ${issuedAt.toISOString().slice(11, 16)} UTC`, L, doc.y, { size: 8.5, color: C.grey }, { width: half });
  const leftEnd = doc.y;
  const bx = L + half + 20;
  w.artifact(() => doc.save().roundedRect(bx, sy - 2, half, 96, 3).lineWidth(0.8).strokeColor(C.navy).stroke().restore());
  w.fill(bx, sy - 2, 4, 96, C.navy);
  w.text('DIGITALLY SIGNED', bx + 14, sy + 7, { size: 7.5, bold: true, color: C.navy }, { characterSpacing: 0.6 });
  const sigLines = [
    'PAdES signature (CMS, SHA-256) over this whole file',
    record.signer ? `Certificate SHA-256: ${formatFingerprint(record.signer.fingerprint)}` : 'Certificate: office signing identity',
    record.signer ? `QR key id: ${record.signer.qrKeyId}` : '',
    `Audit chain head at issue: #${input.auditHead.seq} ${input.auditHead.hash}`,
    'Verify: tierline verify FILE.pdf',
  ].filter(Boolean);
  w.text(sigLines.join('\n'), bx + 14, doc.y + 3, { size: 6.4, color: C.ink }, { width: half - 24, lineGap: 0.6 });
  doc.y = Math.max(leftEnd, sy + 100);

  // ---- attachments: the canonical JSON, covered by the signature ----
  const embed = (name: string, json: string, description: string) =>
    doc.file(Buffer.from(json, 'utf8'), {
      name,
      type: 'application/json',
      description,
      creationDate: issuedAt,
      modifiedDate: issuedAt,
      relationship: 'Data',
    } as PDFKit.Mixins.PDFAttachmentOptions);
  embed(ATTACHMENT_DETERMINATION, canonicalJson(d), 'Canonical determination (tierline.determination/1)');
  embed(ATTACHMENT_CASE, canonicalJson(c), 'Canonical case (tierline.case/1)');
  embed(ATTACHMENT_LETTER, canonicalJson(record), 'Letter record (tierline.letter/1)');

  // ---- running footer with page numbers on every page ----
  const range = doc.bufferedPageRange();
  const total = range.count;
  const packs = d.evaluations.map((ev) => `${ev.rulePack.id} v${ev.rulePack.version} (${ev.rulePack.sha256.slice(0, 12)}…)`).join(', ');
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const fy = doc.page.height - 52;
    w.artifact(() => {
      doc.save().moveTo(L, fy).lineTo(w.right, fy).lineWidth(0.5).strokeColor(C.rule).stroke().restore();
      w.text(`Determination letter ${record.letterNumber} · issued ${isoDate(issuedAt)} · rules as of ${asOf}`, L, fy + 6, { size: 7, color: C.grey }, { width: w.width - 80, lineBreak: false });
      w.text(`Page ${i + 1} of ${total}`, w.right - 80, fy + 6, { size: 7, bold: true, color: C.grey }, { width: 80, align: 'right', lineBreak: false });
      w.text(`Rule packs: ${packs} · audit head #${input.auditHead.seq} ${input.auditHead.hash.slice(0, 16)}…`, L, fy + 16, { size: 6.2, color: C.grey }, { width: w.width, height: 9, ellipsis: true });
    }, 'Pagination');
    doc.page.margins.bottom = savedBottom;
  }

  const draft = input.draft ?? /^draft/i.test(record.letterNumber);
  if (draft) {
    for (let i = range.start; i < range.start + total; i++) {
      doc.switchToPage(i);
      const cx = doc.page.width / 2;
      const cy = doc.page.height / 2;
      w.artifact(() => {
        doc.save().rotate(-35, { origin: [cx, cy] }).fillOpacity(0.12);
        w.text('DRAFT — NOT ISSUED', cx - 330, cy - 26, { size: 50, bold: true, color: C.red }, { width: 660, align: 'center', lineBreak: false });
        doc.restore();
      });
    }
    return endDocument(doc);
  }

  // ---- the empty signature field on page 1, filled by signPdf ----
  doc.switchToPage(range.start);
  addSignaturePlaceholder(doc, {
    reason: `Determination letter ${record.letterNumber}`,
    contactInfo: input.office.contact ?? '',
    name: input.officer,
    location: input.office.name,
    signingTime: issuedAt,
    signatureLength: SIGNATURE_LENGTH,
    byteRangePlaceholder: BYTE_RANGE_PLACEHOLDER,
    subFilter: 'ETSI.CAdES.detached',
    appName: 'Tierline',
  });

  return endDocument(doc);
}

/**
 * A bare pdfkit document holding the given strings as plain paragraphs, in the same fonts: no layout,
 * QR code, attachments or signature. The benchmark's baseline.
 */
export function renderPlainText(strings: readonly string[], pageSize: PageSize = 'A4'): Buffer {
  const doc = new PDFDocument({ size: pageSize, margins: { top: 48, bottom: 72, left: 58, right: 58 }, compress: true });
  const w = new Writer(doc);
  for (const s of strings) w.text(s, undefined, undefined, { size: 9.5 }, { width: w.width });
  return endDocument(doc);
}

/** Ends a pdfkit document and returns its bytes, synchronously (pdfkit writes everything in end()). */
export function endDocument(doc: PDFKit.PDFDocument): Buffer {
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const out = Buffer.concat(chunks);
  if (!out.subarray(-8).toString('latin1').includes('%%EOF')) throw new Error('pdfkit did not finish the document synchronously');
  return out;
}

export type { Evaluation };
