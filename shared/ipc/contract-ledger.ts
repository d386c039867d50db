// The workbench side of licenses, the ledger's rows and reversals, and impact analysis (docs/licenses.md,
// docs/ledger.md, docs/impact.md): schemas and channels, spread into the one contract in contract.ts.
import { z } from 'zod';
import { Authorization, EvaluationMode } from '../domain/case';
import { IsoDate } from '../domain/dates';
import { License, LicenseParty } from '../domain/license';

const Id = z.number().int().positive();
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 text');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');
const Reason = z.string().trim().min(1, 'a reversing entry needs a reason').max(1000);

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

// ---- ledger rows and reversals ----

export const ShipmentSource = z.enum(['recorded', 'imported', 'reversal']);
export type ShipmentSource = z.infer<typeof ShipmentSource>;

export const LedgerRow = z.strictObject({
  id: Id,
  date: IsoDate,
  destination: z.string(),
  consignee: z.string(),
  tpp: z.number(),
  authorization: Authorization,
  source: ShipmentSource,
  caseId: Id.nullable(),
  itemIndex: z.number().int().nullable(),
  importSha256: z.string().nullable(),
  /** On a reversing entry: the row it reverses, and why. */
  reversesId: Id.nullable(),
  reason: z.string().nullable(),
  /** On a reversed row: the reversing entry. */
  reversedBy: Id.nullable(),
  /** The license line a row under LICENSE drew on. */
  license: z.strictObject({ number: z.string(), line: z.number().int() }).nullable(),
  createdAt: z.string(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerRowsQuery = z.strictObject({
  destination: z.string().trim().toUpperCase().length(2, 'expected a two-letter country code').optional(),
  consignee: z.string().trim().min(1).max(300).optional(),
  authorization: Authorization.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  /** standing: rows that count (neither reversed nor reversing); reversed: reversed rows and their reversing entries. */
  state: z.enum(['all', 'standing', 'reversed']).default('all'),
  caseId: Id.optional(),
  importSha256: Sha256.optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});
export type LedgerRowsQuery = z.input<typeof LedgerRowsQuery>;

export const LedgerImport = z.strictObject({
  sha256: z.string(),
  fileName: z.string().nullable(),
  importedAt: z.string(),
  rows: z.number().int(),
  standing: z.number().int(),
  tpp: z.number(),
});
export type LedgerImport = z.infer<typeof LedgerImport>;

// ---- licenses ----

const Limit = z.strictObject({ limit: z.number(), used: z.number(), left: z.number() });
export const LicenseStatusView = z.strictObject({
  number: z.string(),
  asOf: IsoDate,
  state: z.enum(['not_yet_valid', 'valid', 'expired', 'used_up']),
  daysToExpiry: z.number().int(),
  lines: z.array(
    z.strictObject({
      index: z.number().int(),
      eccn: z.string(),
      description: z.string(),
      quantity: Limit,
      tpp: Limit.nullable(),
      valueUsd: Limit.nullable(),
      usedFraction: z.number(),
    }),
  ),
  warnings: z.array(z.string()),
});
export type LicenseStatusView = z.infer<typeof LicenseStatusView>;

export const LicenseView = z.strictObject({
  license: License,
  status: LicenseStatusView,
  sha256: z.string(),
  createdAt: z.string(),
});
export type LicenseView = z.infer<typeof LicenseView>;

export const Drawdown = z.strictObject({
  shipmentId: Id,
  caseId: Id.nullable(),
  date: IsoDate,
  line: z.number().int(),
  quantity: z.number(),
  tpp: z.number(),
  valueUsd: z.number().nullable(),
  reversed: z.boolean(),
});
export type Drawdown = z.infer<typeof Drawdown>;

export const ApplicationDraft = z.strictObject({
  /** The draft as a tierline.license-application/1 file (JSON text). */
  fileName: z.string(),
  json: z.string(),
  pdfFileName: z.string(),
  pdfBase64: Base64,
  /** What the applicant must still complete before filing. */
  missing: z.array(z.string()),
  modes: z.array(EvaluationMode),
  items: z.number().int(),
});
export type ApplicationDraft = z.infer<typeof ApplicationDraft>;

/** How a shipment of a case would be recorded, per mode: the authorization and the licenses that could cover it. */
export const ShipmentPlan = z.strictObject({
  caseId: Id,
  date: IsoDate,
  /** ready, or why the case cannot be recorded now. */
  state: z.enum(['ready', 'not_evaluated', 'stale', 'shipped', 'prohibited']),
  message: z.string().nullable(),
  /** The two modes give different authorizations: the user must say which the shipment went under. */
  modesDiffer: z.boolean(),
  /** The case's own "mode" field, when it names one. */
  caseMode: EvaluationMode.nullable(),
  modes: z.array(
    z.strictObject({
      mode: EvaluationMode,
      /** Plain words: "NLR", "License Exception LPP", "LICENSE (needs a BIS license)". */
      summary: z.string(),
      items: z.array(z.strictObject({ index: z.number().int(), authorization: Authorization })),
      needsLicense: z.boolean(),
      licenses: z.array(z.strictObject({ number: z.string(), expires: IsoDate, covers: z.boolean(), reason: z.string().nullable() })),
    }),
  ),
});
export type ShipmentPlan = z.infer<typeof ShipmentPlan>;

// ---- impact ----

const ChangeKind = z.enum(['license_required', 'authorization', 'review_policy', 'tier', 'cap', 'screening']);
export const ImpactJobStatus = z.strictObject({
  jobId: Id,
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  progress: z.strictObject({ done: z.number().int(), total: z.number().int(), changed: z.number().int() }),
  /** One line naming the candidate and what it would replace. */
  candidate: z.string(),
  error: z.string().nullable(),
});
export type ImpactJobStatus = z.infer<typeof ImpactJobStatus>;

const ModeSummary = z.strictObject({ evaluated: z.number().int(), changedCases: z.number().int(), byKind: z.record(ChangeKind, z.number().int()) });
export const ImpactReportView = z.strictObject({
  format: z.literal('tierline.impact/1'),
  candidate: z.union([
    z.strictObject({
      kind: z.literal('pack'),
      id: z.string(),
      version: z.number().int(),
      mode: EvaluationMode,
      title: z.string(),
      sha256: z.string(),
      keyId: z.string(),
      replaces: z.strictObject({ version: z.number().int(), sha256: z.string() }).nullable(),
    }),
    z.strictObject({
      kind: z.literal('list'),
      fileName: z.string(),
      sha256: z.string(),
      date: z.string(),
      entryCount: z.number().int(),
      replaces: z.strictObject({ sha256: z.string(), date: z.string() }).nullable(),
    }),
  ]),
  total: z.number().int(),
  scanned: z.number().int(),
  cancelled: z.boolean(),
  modes: z.strictObject({ as_written: ModeSummary.optional(), enforced: ModeSummary.optional() }),
  screening: z.strictObject({ screened: z.number().int(), changedCases: z.number().int() }).nullable(),
  changes: z.array(
    z.strictObject({
      caseId: Id,
      reference: z.string().nullable(),
      date: z.string(),
      destination: z.string(),
      endUser: z.string(),
      mode: EvaluationMode.nullable(),
      changes: z.array(z.strictObject({ kind: ChangeKind, item: z.number().int().nullable(), subject: z.string().nullable(), before: z.string(), after: z.string() })),
    }),
  ),
  letters: z.array(
    z.strictObject({
      letterId: Id,
      number: z.string(),
      caseId: Id,
      mode: EvaluationMode.nullable(),
      issuedAt: z.string(),
      before: z.string(),
      after: z.string(),
      alreadyDiffersUnderActive: z.boolean(),
    }),
  ),
  notInMode: z.number().int(),
  sameRulesOnDate: z.number().int(),
  errors: z.array(z.strictObject({ caseId: Id, message: z.string() })),
  elapsedMs: z.number(),
  note: z.string(),
});
export type ImpactReportView = z.infer<typeof ImpactReportView>;

export const ledgerChannels = {
  'ledger.rows': channel(LedgerRowsQuery, z.strictObject({ total: z.number().int(), rows: z.array(LedgerRow) }), 'the ledger rows behind the bars, newest first, filtered'),
  'ledger.imports': channel(z.strictObject({}), z.array(LedgerImport), 'the shipment-history CSV imports, with how many of their rows still stand'),
  'shipments.plan': channel(
    z.strictObject({ caseId: Id, date: IsoDate.optional() }),
    ShipmentPlan,
    'how a shipment of the case would be recorded in each mode, and which stored licenses cover it',
  ),
  'shipments.reverse': channel(
    z.strictObject({ shipmentId: Id.optional(), caseId: Id.optional(), importSha256: Sha256.optional(), reason: Reason }),
    z.strictObject({ count: z.number().int() }),
    'reverse one ledger row, a case\'s shipment or a whole CSV import with a reason (reversing entries; nothing is edited or deleted)',
  ),
  'licenses.list': channel(z.strictObject({ asOf: IsoDate.optional() }), z.array(LicenseView), 'stored licenses with what remains and their warnings on a date'),
  'licenses.get': channel(
    z.strictObject({ number: z.string().trim().min(1).max(40), asOf: IsoDate.optional() }),
    LicenseView.extend({ drawdowns: z.array(Drawdown) }),
    'one license: what remains per line, warnings, and the shipments drawn on it',
  ),
  'licenses.add': channel(z.strictObject({ fileName: z.string().max(500), text: z.string().max(5_000_000) }), LicenseView, 'store a tierline.license/1 file'),
  'licenses.application': channel(
    z.strictObject({ caseId: Id, mode: EvaluationMode.optional(), applicant: LicenseParty.optional(), endUseStatement: z.string().trim().min(1).max(4000).optional() }),
    ApplicationDraft,
    'a draft BIS-748P / SNAP-R application from a determination that needs a license, as JSON and PDF (nothing is sent)',
  ),
  'impact.start': channel(
    z.strictObject({ fileName: z.string().min(1).max(300), base64: Base64.min(1), listDate: IsoDate.optional() }),
    ImpactJobStatus,
    'verify a candidate pack or screening list (not installed) and re-evaluate every stored case under it in the background',
  ),
  'impact.status': channel(z.strictObject({ jobId: Id }), ImpactJobStatus, 'progress of an impact run'),
  'impact.cancel': channel(z.strictObject({ jobId: Id }), ImpactJobStatus, 'stop an impact run (what was found so far is kept in the report)'),
  'impact.report': channel(z.strictObject({ jobId: Id }), ImpactReportView, 'the report of a finished or cancelled impact run: changed cases per mode and the letters to supersede'),
} as const;
