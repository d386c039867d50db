// licenses.*: the licenses BIS granted (list with what remains and the 80 % / 30-day warnings, one with its
// drawdowns, add from a tierline.license/1 file with every error named by field) and the draft license
// application from a determination that needs one (JSON and PDF; nothing is sent anywhere).
import { addLicense, getLicense, licenseDrawdowns, licenseUsage, listLicenses, type LicenseRecord } from '../db';
import { buildApplication, renderApplicationPdf } from '../licenses';
import { describeJsonError } from '../../../shared/domain/json-error';
import { licenseStatus } from '../../../shared/domain/license';
import type { LicenseView } from '../../../shared/ipc/contract-ledger';
import { plainWords } from '../../../shared/ipc/plain-words';
import { err, ok } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

function view(ctx: HandlerContext, rec: LicenseRecord, asOf: string): LicenseView {
  return { license: rec.license, status: licenseStatus(rec.license, licenseUsage(storeOf(ctx), rec.id), asOf), sha256: rec.sha256, createdAt: rec.createdAt };
}

const slug = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

export const licenseHandlers: Handlers<'licenses.list' | 'licenses.get' | 'licenses.add' | 'licenses.application'> = {
  'licenses.list': ({ asOf }, ctx) => {
    const day = asOf ?? ctx.today();
    return ok(listLicenses(storeOf(ctx)).map((r) => view(ctx, r, day)));
  },
  'licenses.get': ({ number, asOf }, ctx) => {
    const db = storeOf(ctx);
    const rec = getLicense(db, number);
    if (!rec) return err('NOT_FOUND', `There is no license ${number}.`);
    return ok({ ...view(ctx, rec, asOf ?? ctx.today()), drawdowns: licenseDrawdowns(db, rec.id) });
  },
  'licenses.add': ({ fileName, text }, ctx) => {
    const body = text.replace(/^\uFEFF/, '');
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch (e) {
      return err('INVALID_INPUT', `${fileName} is not valid JSON: ${describeJsonError(body, e)}.`, { path: '$' });
    }
    const r = addLicense(storeOf(ctx), raw, { actor: ctx.actor });
    if (!r.ok) {
      // One error per field (a country code that fails both its pattern and its list check says so once).
      const issues = [...new Map((r.error.issues ?? [{ path: r.error.path ?? '$', message: r.error.message }]).map((i) => [i.path, { path: i.path, message: plainWords(i.message) }] as const)).values()];
      const first = issues[0]!;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
      const what = r.error.code === 'INVALID_INPUT' && r.error.issues ? `is not a valid tierline.license/1 file: ${first.path}: ${first.message}${more}` : `was not added: ${r.error.message}`;
      const e = fromDbError(r.error);
      return err(e.ok ? 'INVALID_INPUT' : e.error.code, `${fileName} ${what.replace(/\.$/, '')}. Nothing was stored.`, { path: first.path, details: issues });
    }
    return ok(view(ctx, r.value, ctx.today()));
  },
  'licenses.application': async ({ caseId, mode, applicant, endUseStatement }, ctx) => {
    const r = buildApplication(storeOf(ctx), { caseId, mode, applicant, endUseStatement, prepared: ctx.today() });
    if (!r.ok) {
      const code = r.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT';
      return err(code, `${r.message[0]!.toUpperCase()}${r.message.slice(1)}.`);
    }
    const app = r.value;
    const pdf = await renderApplicationPdf(app);
    const base = `license-application-${slug(app.source.reference ?? '') || `case-${caseId}`}`;
    return ok({
      fileName: `${base}.json`,
      json: `${JSON.stringify(app, null, 2)}\n`,
      pdfFileName: `${base}.pdf`,
      pdfBase64: pdf.toString('base64'),
      missing: app.missing,
      modes: app.reasoning.map((x) => x.mode),
      items: app.items.length,
    });
  },
};
