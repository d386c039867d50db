// A draft license application from a determination that needs a license: what BIS's Multipurpose
// Application (Form BIS-748P, filed through SNAP-R) asks for, filled from the case and its stored
// determination, with what is still missing listed. A help for filling SNAP-R: nothing is sent anywhere.
import { getCase, latestDetermination, type Db } from '../db';
import type { Case, EvaluationMode } from '../../../shared/domain/case';
import { countryName } from '../../../shared/domain/countries';
import type { Evaluation, TraceStep } from '../../../shared/domain/determination';
import type { LicenseParty } from '../../../shared/domain/license';

export const APPLICATION_FORMAT = 'tierline.license-application/1';

export interface ApplicationParty {
  name: string | null;
  country: string | null;
  address: string | null;
}

export interface ApplicationItem {
  caseItem: number;
  eccn: string | null;
  description: string | null;
  quantity: number;
  units: 'each';
  unitPriceUsd: number | null;
  totalPriceUsd: number | null;
  tppPerUnit: number | null;
  totalTpp: number | null;
}

export interface ApplicationReasoning {
  mode: EvaluationMode;
  rulePack: { id: string; version: number; sha256: string };
  regimeStatus: string;
  items: { caseItem: number; eccn: string | null; authorization: string; reviewPolicy: string | null; steps: TraceStep[] }[];
  warnings: string[];
}

export interface LicenseApplication {
  format: typeof APPLICATION_FORMAT;
  status: 'draft';
  notice: string;
  prepared: string;
  source: { caseId: number; reference: string | null; caseSha256: string; determinationId: number; caseDate: string };
  form: { name: string; blocksSource: string; blocksConfidence: 'low' };
  /** Block 14. */
  applicant: ApplicationParty;
  /** Block 16. */
  purchaser: ApplicationParty;
  /** Block 17. */
  intermediateConsignees: ApplicationParty[];
  /** Block 18. */
  ultimateConsignee: ApplicationParty;
  /** Block 19. */
  endUser: ApplicationParty & { type: string | null; headquarters: string; ultimateParentHeadquarters: string };
  destination: { code: string; name: string };
  /** Block 21. */
  specificEndUse: string;
  /** Block 22. */
  items: ApplicationItem[];
  /** Block 23. */
  totalValueUsd: number | null;
  /** Block 24: the determination's reasoning for every mode that needs a license. */
  reasoning: ApplicationReasoning[];
  /** What the applicant must still complete before filing. */
  missing: string[];
}

export interface ApplicationOptions {
  caseId: number;
  /** Only this mode's reasoning (default: every mode whose evaluation needs a license). */
  mode?: EvaluationMode;
  applicant?: LicenseParty;
  purchaser?: LicenseParty;
  intermediateConsignees?: LicenseParty[];
  /** End-use statement written by the applicant (default: built from the case's end use). */
  endUseStatement?: string;
  /** YYYY-MM-DD the draft is prepared on (default: today). */
  prepared?: string;
}

export type ApplicationResult = { ok: true; value: LicenseApplication } | { ok: false; code: 'NOT_FOUND' | 'NOT_EVALUATED' | 'STALE_DETERMINATION' | 'NO_LICENSE_NEEDED'; message: string };

const END_USE: Record<string, string> = {
  development: 'development',
  production: 'production',
  storage: 'storage',
  datacenter: 'installation and operation in a data center',
  research: 'research',
  other: 'an end use the case does not specify further',
};

const party = (p: LicenseParty | undefined): ApplicationParty => ({ name: p?.name ?? null, country: p?.country ?? null, address: p?.address ?? null });

function endUseStatement(c: Case): string {
  const use = c.endUse ? END_USE[c.endUse] : null;
  const items = c.items.map((i) => `${i.quantity} × ${i.description ?? i.eccn ?? i.kind}`).join('; ');
  return `${c.endUser.name} (${c.endUser.type ?? 'type not stated'}, headquartered in ${c.endUser.headquarters}) will use ${items} in ${countryName(c.destination)}${use ? ` for ${use}` : ''}. [Draft: the applicant states the specific end use in its own words.]`;
}

export function buildApplication(db: Db, opts: ApplicationOptions): ApplicationResult {
  const rec = getCase(db, opts.caseId);
  if (!rec) return { ok: false, code: 'NOT_FOUND', message: `no case ${opts.caseId}` };
  const det = latestDetermination(db, opts.caseId);
  if (!det) return { ok: false, code: 'NOT_EVALUATED', message: `case ${opts.caseId} has not been evaluated` };
  if (det.caseSha256 !== rec.sha256) return { ok: false, code: 'STALE_DETERMINATION', message: `case ${opts.caseId} changed after its last evaluation: evaluate it again first` };
  const c = rec.document;
  const needing: Evaluation[] = det.document.evaluations.filter((e) => e.licenseRequired && (!opts.mode || e.mode === opts.mode));
  if (needing.length === 0) {
    return { ok: false, code: 'NO_LICENSE_NEEDED', message: `the determination of case ${opts.caseId} needs no license${opts.mode ? ` in the ${opts.mode} evaluation` : ''}: there is nothing to apply for` };
  }
  const licensedIdx = new Set(needing.flatMap((e) => e.items.filter((i) => i.licenseRequired).map((i) => i.index)));
  const eccnOf = (idx: number) => needing.flatMap((e) => e.items).find((i) => i.index === idx)?.eccn ?? c.items[idx].eccn ?? null;
  const items: ApplicationItem[] = [...licensedIdx].sort((a, b) => a - b).map((idx) => {
    const it = c.items[idx];
    return {
      caseItem: idx,
      eccn: eccnOf(idx),
      description: it.description ?? null,
      quantity: it.quantity,
      units: 'each',
      unitPriceUsd: it.unitValueUsd ?? null,
      totalPriceUsd: it.unitValueUsd === undefined ? null : it.unitValueUsd * it.quantity,
      tppPerUnit: it.tppPerUnit ?? null,
      totalTpp: it.tppPerUnit === undefined ? null : it.tppPerUnit * it.quantity,
    };
  });
  const missing: string[] = [];
  if (!opts.applicant) missing.push('Block 14 applicant: name, address, country');
  if (!opts.purchaser) missing.push('Block 16 purchaser (if other than the ultimate consignee)');
  missing.push('Block 18/19 addresses of the ultimate consignee and end user');
  for (const i of items) if (i.unitPriceUsd === null) missing.push(`Block 22 unit price of case item ${i.caseItem} (items[${i.caseItem}].unitValueUsd)`);
  if (!opts.endUseStatement) missing.push('Block 21 specific end use in the applicant\'s own words (a draft statement is filled in)');
  const total = items.every((i) => i.totalPriceUsd !== null) ? items.reduce((s, i) => s + (i.totalPriceUsd ?? 0), 0) : null;
  const end: ApplicationParty = { name: c.endUser.name, country: c.destination, address: null };
  return {
    ok: true,
    value: {
      format: APPLICATION_FORMAT,
      status: 'draft',
      notice: 'Draft prepared by Tierline to help fill SNAP-R. It is not an application and has not been sent anywhere; the applicant checks and files it.',
      prepared: opts.prepared ?? new Date().toISOString().slice(0, 10),
      source: { caseId: rec.id, reference: c.reference ?? null, caseSha256: rec.sha256, determinationId: det.id, caseDate: c.date },
      form: {
        name: 'Form BIS-748P Multipurpose Application (filed electronically through SNAP-R), 15 CFR 748.1, 748.6',
        blocksSource: 'Block numbers (14 applicant, 16 purchaser, 17 intermediate consignee, 18 ultimate consignee, 19 end user, 21 specific end use, 22 items, 23 total value, 24 additional information) are from memory of the form, not from a primary source in the reference snapshot; verify against Supplement No. 1 to part 748.',
        blocksConfidence: 'low',
      },
      applicant: party(opts.applicant),
      purchaser: party(opts.purchaser),
      intermediateConsignees: (opts.intermediateConsignees ?? []).map(party),
      ultimateConsignee: end,
      endUser: { ...end, type: c.endUser.type ?? null, headquarters: c.endUser.headquarters, ultimateParentHeadquarters: c.endUser.ultimateParentHeadquarters ?? c.endUser.headquarters },
      destination: { code: c.destination, name: countryName(c.destination) },
      specificEndUse: opts.endUseStatement ?? endUseStatement(c),
      items,
      totalValueUsd: total,
      reasoning: needing.map((e) => ({
        mode: e.mode,
        rulePack: e.rulePack,
        regimeStatus: e.regimeStatus,
        items: e.items.filter((i) => i.licenseRequired).map((i) => ({ caseItem: i.index, eccn: i.eccn, authorization: i.authorization, reviewPolicy: i.reviewPolicy, steps: i.trace })),
        warnings: e.warnings,
      })),
      missing,
    },
  };
}
