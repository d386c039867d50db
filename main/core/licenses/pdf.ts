// The draft license application as a printable PDF (pdfkit, Noto Sans embedded): one section per block
// of Form BIS-748P, the items table, the determination's reasoning, and what is still missing. It is
// marked DRAFT on every page; it is a help for filling SNAP-R, not a filing.
import { fontBytes } from '../letters/fonts';
import type { ApplicationParty, LicenseApplication } from './application';
import type PDFKitModule from 'pdfkit';
import { lazyModule } from '../lazy';

const PDFDocument = lazyModule<typeof PDFKitModule>('pdfkit');

const money = (v: number | null) => (v === null ? 'to be completed' : `$${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
const num = (v: number | null) => (v === null ? '—' : Math.round(v).toLocaleString('en-US'));
const partyText = (p: ApplicationParty) => [p.name ?? 'to be completed', p.address ?? 'address to be completed', p.country ?? 'country to be completed'].join(', ');

export function renderApplicationPdf(app: LicenseApplication): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Draft license application — case ${app.source.caseId}`, Author: 'Tierline', Subject: 'Draft for Form BIS-748P / SNAP-R (not a filing)' },
    bufferPages: true,
  });
  doc.registerFont('body', fontBytes('latin'));
  doc.registerFont('bold', fontBytes('latinBold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on('end', () => resolveDone(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const h = (t: string) => doc.moveDown(0.6).font('bold').fontSize(11).text(t).moveDown(0.2);
  const p = (t: string, size = 9.5) => doc.font('body').fontSize(size).text(t);

  doc.font('bold').fontSize(16).text('DRAFT license application');
  p(app.notice, 9);
  p(`${app.form.name}. Prepared ${app.prepared} from case ${app.source.caseId}${app.source.reference ? ` (${app.source.reference})` : ''}, determination ${app.source.determinationId}; case sha256 ${app.source.caseSha256}.`, 8.5);
  p(app.form.blocksSource, 8);

  h('Block 14 — Applicant');
  p(partyText(app.applicant));
  h('Block 16 — Purchaser');
  p(partyText(app.purchaser));
  h('Block 17 — Intermediate consignee(s)');
  p(app.intermediateConsignees.length ? app.intermediateConsignees.map(partyText).join('\n') : 'none stated');
  h('Block 18 — Ultimate consignee');
  p(partyText(app.ultimateConsignee));
  h('Block 19 — End user');
  p(`${partyText(app.endUser)}; type ${app.endUser.type ?? 'not stated'}; headquartered in ${app.endUser.headquarters}, ultimate parent in ${app.endUser.ultimateParentHeadquarters}`);
  p(`Destination: ${app.destination.code} ${app.destination.name}`);
  h('Block 21 — Specific end use');
  p(app.specificEndUse);
  h('Block 22 — Items');
  for (const it of app.items) {
    p(`Case item ${it.caseItem}: ECCN ${it.eccn ?? 'to be completed'} — ${it.description ?? 'description to be completed'}`);
    p(`   quantity ${num(it.quantity)} ${it.units}; unit price ${money(it.unitPriceUsd)}; total ${money(it.totalPriceUsd)}; TPP ${num(it.tppPerUnit)} per unit, ${num(it.totalTpp)} in total`, 9);
  }
  h('Block 23 — Total application value');
  p(money(app.totalValueUsd));
  h('Block 24 — Additional information: the determination');
  for (const r of app.reasoning) {
    doc.font('bold').fontSize(9.5).text(`${r.mode === 'as_written' ? 'As written' : 'As enforced'} — ${r.regimeStatus}`);
    p(`Rule pack ${r.rulePack.id} v${r.rulePack.version} (sha256 ${r.rulePack.sha256})`, 8);
    for (const it of r.items) {
      p(`Case item ${it.caseItem} (${it.eccn ?? 'no ECCN'}): ${it.authorization}${it.reviewPolicy ? `, review policy ${it.reviewPolicy.replace(/_/g, ' ')}` : ''}`, 9);
      it.steps.forEach((s, i) => p(`   ${i + 1}. ${s.test} → ${s.result} [${s.citation}; confidence ${s.confidence}]`, 8));
    }
    for (const w of r.warnings) p(`   warning: ${w}`, 8);
  }
  h('Still to complete before filing');
  p(app.missing.length ? app.missing.map((m) => `• ${m}`).join('\n') : 'nothing listed');

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a page
    doc.font('bold').fontSize(8).fillColor('#a00').text(`DRAFT — not a filing — page ${i + 1} of ${range.count}`, 56, doc.page.height - 40, { lineBreak: false });
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
