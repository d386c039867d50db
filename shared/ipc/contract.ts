// The one IPC contract: every channel the page may call, with the zod schema of its input and of its
// output. The preload exposes exactly these channels, the main process validates every payload against
// them, and the Chromium end-to-end bridge uses the same table. Payloads are JSON-safe: ISO dates,
// base64 bytes, no class instances, so the test bridge is exact.
import { z } from 'zod';
import { Authorization, Case, EvaluationMode } from '../domain/case';
import { Confidence, Determination } from '../domain/determination';
import { IsoDate } from '../domain/dates';
import { LetterOutcome } from '../domain/letter-outcome';
import { ScreeningCandidate, ScreeningListRef } from '../domain/screening';
import { ModeVerdict } from '../domain/mode-verdict';
import type { ChannelName } from './channels';
import type { Result } from './result';
import { ledgerChannels } from './contract-ledger';

/** Row ids as the store assigns them. */
const Id = z.number().int().positive();
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 text');
const Timestamp = z.string(); // ISO 8601 date-time, as stored
const Empty = z.strictObject({});
/** Unlocks the signing identity for one call; never stored or logged. */
const Passphrase = z.string().min(1).max(1000);

export const CaseStatus = z.enum(['draft', 'evaluated', 'shipped', 'archived']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Whether the latest determination needs a license in any mode: what the list shows and filters on. */
export const Outcome = z.enum(['not_evaluated', 'no_license_required', 'license_required']);
export type Outcome = z.infer<typeof Outcome>;

export const CaseSummary = z.strictObject({
  id: Id,
  reference: z.string().nullable(),
  date: IsoDate,
  destination: z.string(),
  endUserName: z.string(),
  itemCount: z.number().int().nonnegative(),
  status: CaseStatus,
  outcome: Outcome,
  /** The latest determination of the current document, per mode (null until evaluated). */
  enforced: ModeVerdict.nullable(),
  asWritten: ModeVerdict.nullable(),
  /** The case's latest letter. */
  letter: z.strictObject({ id: Id, number: z.string(), status: z.enum(['issued', 'void', 'superseded']) }).nullable(),
  updatedAt: Timestamp,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseListQuery = z.strictObject({
  search: z.string().max(200).optional(),
  status: CaseStatus.optional(),
  destination: z.string().length(2).optional(),
  outcome: Outcome.optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(200),
  /** Keyset paging: the rows after this one (the `next` of the previous page). */
  after: z.strictObject({ date: IsoDate, id: Id }).optional(),
  /** Count the matches (up to 10,000); false for the following pages. */
  count: z.boolean().default(true),
});
export type CaseListQuery = z.input<typeof CaseListQuery>;

export const CaseRecord = z.strictObject({
  id: Id,
  status: CaseStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  case: Case,
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export const Hint = z.strictObject({ mode: EvaluationMode, itemIndex: z.number().int(), text: z.string() });
export type Hint = z.infer<typeof Hint>;

export const DeterminationRecord = z.strictObject({
  id: Id,
  caseId: Id,
  createdAt: Timestamp,
  determination: Determination,
  hints: z.array(Hint),
});
export type DeterminationRecord = z.infer<typeof DeterminationRecord>;

export const LetterStatus = z.enum(['issued', 'void', 'superseded']);
export type LetterStatus = z.infer<typeof LetterStatus>;

export const LetterRecord = z.strictObject({
  id: Id,
  number: z.string(),
  caseId: Id,
  determinationId: Id.nullable(),
  officerName: z.string(),
  issuedAt: Timestamp,
  status: LetterStatus,
  statusReason: z.string().nullable(),
  supersededBy: Id.nullable(),
  sha256: z.string(),
});
export type LetterRecord = z.infer<typeof LetterRecord>;

/**
 * What a genuine letter decided, read from its verified signed records (the embedded case and
 * determination the signature covers), never from this office's store. Modes enforced first.
 */
export const LetterDecision = z.strictObject({
  reference: z.string().nullable(),
  caseDate: IsoDate,
  /** The end user and the country of its headquarters. */
  endUser: z.strictObject({ name: z.string(), headquarters: z.string() }),
  destination: z.string(),
  modes: z.array(
    z.strictObject({
      mode: EvaluationMode,
      asOf: IsoDate,
      verdict: ModeVerdict.nullable(),
      /** The bottom line as the determination screen says it ("BIS enforces: no license required, …"). */
      sentence: z.string(),
    }),
  ),
});
export type LetterDecision = z.infer<typeof LetterDecision>;

/** A verdict (shared/domain/letter-outcome.ts) plus `valid`: whether the letter may be relied on. */
export const LetterVerification = LetterOutcome.extend({
  valid: z.boolean(),
  /** Null unless the signature, the trust list and the embedded records all check out. */
  decided: LetterDecision.nullable(),
});
export type LetterVerification = z.infer<typeof LetterVerification>;

export const StatusPeriodView = z.strictObject({
  from: IsoDate,
  to: IsoDate.nullable(),
  code: z.string(),
  text: z.string(),
  citation: z.string(),
  excerpt: z.string(),
  confidence: Confidence,
});
export type StatusPeriodView = z.infer<typeof StatusPeriodView>;

export const PackParameterView = z.strictObject({
  key: z.string(),
  title: z.string(),
  unit: z.string().nullable(),
  citation: z.string(),
  excerpt: z.string(),
  confidence: Confidence,
  /** The version in force on the requested date, as JSON text. */
  value: z.string(),
  versions: z.number().int(),
  /** Every dated version, oldest first, each value as JSON text, its source filled from the parameter's own. */
  history: z.array(
    z.strictObject({ from: IsoDate, to: IsoDate.nullable(), value: z.string(), citation: z.string(), excerpt: z.string(), confidence: Confidence }),
  ),
});
export type PackParameterView = z.infer<typeof PackParameterView>;

export const PackSummary = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  mode: EvaluationMode,
  title: z.string(),
  issued: IsoDate,
  coverageFrom: IsoDate,
  sha256: z.string(),
  keyId: z.string(),
  active: z.boolean(),
  installedAt: Timestamp.nullable(),
  builtIn: z.boolean(),
  status: z.array(StatusPeriodView),
});
export type PackSummary = z.infer<typeof PackSummary>;

export const PackDetail = z.strictObject({
  pack: PackSummary,
  summary: z.string(),
  parameters: z.array(PackParameterView),
});
export type PackDetail = z.infer<typeof PackDetail>;

export const CapRow = z.strictObject({
  key: z.string(),
  label: z.string(),
  used: z.number().nonnegative(),
  cap: z.number().nonnegative().nullable(),
  unit: z.string(),
  citation: z.string().nullable(),
  /** The ledger.rows filter that lists the rows behind this bar. */
  rows: z
    .strictObject({ destination: z.string().optional(), consignee: z.string().optional(), authorization: Authorization, dateFrom: IsoDate.optional(), dateTo: IsoDate })
    .optional(),
  /** The cap counts shipments this workbench cannot see (a country allocation counts every exporter's). */
  global: z.boolean().optional(),
});
export type CapRow = z.infer<typeof CapRow>;

export const LedgerSummary = z.strictObject({
  asOf: IsoDate,
  shipmentCount: z.number().int().nonnegative(),
  countryAllocations: z.array(CapRow),
  consigneeLpp: z.array(CapRow),
  nveu: z.array(CapRow),
});
export type LedgerSummary = z.infer<typeof LedgerSummary>;

export const Shipment = z.strictObject({
  date: IsoDate,
  destination: z.string(),
  consignee: z.string(),
  tpp: z.number().nonnegative(),
  authorization: Authorization,
});

export const AuditEntry = z.strictObject({
  seq: z.number().int(),
  at: Timestamp,
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The newest signed anchor of the audit head (`tierline audit anchor`): when, and which entry it vouches for. */
export const AnchorSummary = z.strictObject({ at: Timestamp, seq: z.number().int() });

export const ChainCheck = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string(),
});
export type ChainCheck = z.infer<typeof ChainCheck>;

export const IdentityView = z.strictObject({
  configured: z.boolean(),
  /** The office printed in the letterhead and named in the certificate. */
  office: z.string().nullable(),
  /** Who the certificate names as signer (its common name): the officer who created it, or the office. */
  signer: z.string().nullable(),
  fingerprint: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type IdentityView = z.infer<typeof IdentityView>;

export const TrustEntry = z.strictObject({
  fingerprint: z.string(),
  subject: z.string(),
  addedAt: Timestamp,
  /** True for this installation's own signing certificate. */
  own: z.boolean(),
});
export type TrustEntry = z.infer<typeof TrustEntry>;

/** The workbench's own preferences, kept in the data folder (the browser mode's origin changes with its port). */
export const Preferences = z.strictObject({
  /** Paper for letter previews and issued letters; null: not chosen yet (the page's locale decides). */
  letterPageSize: z.enum(['A4', 'LETTER']).nullable(),
});
export type Preferences = z.infer<typeof Preferences>;

export const FileFilter = z.strictObject({ name: z.string(), extensions: z.array(z.string().regex(/^[a-z0-9*]+$/)) });

export const OpenedFile = z.strictObject({ name: z.string(), base64: Base64 });
export type OpenedFile = z.infer<typeof OpenedFile>;

export const AppInfo = z.strictObject({
  version: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  today: IsoDate,
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A letter's paper: ISO A4 or US Letter ("Letter" and "LETTER" both accepted); the core uses 'A4' | 'LETTER'. */
export const LetterPageSize = z
  .enum(['A4', 'Letter', 'LETTER'])
  .transform((v): 'A4' | 'LETTER' => (v === 'A4' ? 'A4' : 'LETTER'));

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

// batch.*: an order book evaluated in bulk (docs/batch.md).
const BatchFileInput = z.strictObject({
  fileName: z.string().min(1).max(300),
  base64: Base64.min(1),
  /** Header → field (null ignores the column), as confirmed in the mapping step; else the guesses. */
  columns: z.record(z.string().max(200), z.string().max(100).nullable()).optional(),
  sheet: z.string().max(200).optional(),
});
const BatchProblem = z.strictObject({ row: z.number().int(), column: z.string(), message: z.string() });
export const BatchPlanView = z.strictObject({
  fileName: z.string(),
  sheet: z.string(),
  columns: z.array(z.strictObject({ header: z.string(), field: z.string().nullable(), how: z.string() })),
  fields: z.array(z.strictObject({ field: z.string(), label: z.string() })),
  missing: z.array(z.string()),
  lines: z.number().int(),
  validLines: z.number().int(),
  invalidLines: z.number().int(),
  cases: z.number().int(),
  problems: z.array(BatchProblem),
  problemCount: z.number().int(),
  /** The confirmed mapping as a tierline.mapping/1 file, to save for next time. */
  mappingFile: z.string(),
});
export type BatchPlanView = z.infer<typeof BatchPlanView>;
const BatchSummary = z.strictObject({
  lines: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  evaluated: z.number().int(),
  cases: z.number().int(),
  licenseRequired: z.strictObject({ enforced: z.number().int(), asWritten: z.number().int() }),
  prohibited: z.strictObject({ enforced: z.number().int(), asWritten: z.number().int() }),
  screening: z.strictObject({ listed: z.number().int(), needsReview: z.number().int(), notScreened: z.number().int() }),
  stored: z.boolean(),
});
export const BatchJobStatus = z.strictObject({
  jobId: Id,
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  progress: z.strictObject({ phase: z.enum(['evaluate', 'store']), done: z.number().int(), total: z.number().int(), rate: z.number(), etaMs: z.number().nullable() }),
  summary: BatchSummary.nullable(),
  error: z.string().nullable(),
});
export type BatchJobStatus = z.infer<typeof BatchJobStatus>;
export const BatchResultLine = z.strictObject({
  row: z.number().int(),
  reference: z.string().nullable(),
  partNumber: z.string().nullable(),
  description: z.string().nullable(),
  quantity: z.number().nullable(),
  customer: z.string().nullable(),
  destination: z.string().nullable(),
  date: z.string().nullable(),
  status: z.enum(['evaluated', 'invalid']),
  problem: z.string().nullable(),
  enforced: z.string().nullable(),
  asWritten: z.string().nullable(),
  authorizationEnforced: z.string().nullable(),
  authorizationAsWritten: z.string().nullable(),
  reviewPolicy: z.string().nullable(),
  screening: z.string().nullable(),
  screeningMatch: z.string().nullable(),
  caps: z.string().nullable(),
  caseSha256: z.string().nullable(),
  caseId: z.number().int().nullable(),
  determinationId: z.number().int().nullable(),
});
export type BatchResultLine = z.infer<typeof BatchResultLine>;
// Letters for the selected lines of a batch: one per distinct determination, the passphrase checked once
// before the first; a line that cannot have a letter is skipped with its reason.
export const BatchLetterLine = z.strictObject({
  determinationId: Id,
  caseId: Id.nullable(),
  state: z.enum(['pending', 'issued', 'skipped']),
  reason: z.string().nullable(),
  letterId: Id.nullable(),
  number: z.string().nullable(),
});
export type BatchLetterLine = z.infer<typeof BatchLetterLine>;
export const BatchLettersStatus = z.strictObject({
  jobId: Id,
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  issued: z.number().int(),
  skipped: z.number().int(),
  lines: z.array(BatchLetterLine),
  error: z.string().nullable(),
});
export type BatchLettersStatus = z.infer<typeof BatchLettersStatus>;

// screening.* and lists.*: restricted-party look-up on the active list snapshot, the officer's decision on a
// determination's candidate, and the list snapshot itself (docs/screening.md).
export const ListStatus = z.strictObject({
  /** The snapshot every screening uses; null when no list is imported. */
  active: ScreeningListRef.extend({
    snapshotId: Id,
    fileName: z.string(),
    importedAt: Timestamp,
    importedBy: z.string(),
    sources: z.record(z.string(), z.number().int()),
  }).nullable(),
  snapshotCount: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
});
export type ListStatus = z.infer<typeof ListStatus>;
export const ScreeningLookup = z.strictObject({
  list: ScreeningListRef.extend({ snapshotId: Id }).nullable(),
  warnings: z.array(z.string()),
  query: z.string(),
  country: z.string().nullable(),
  thresholds: z.strictObject({ match: z.number(), review: z.number() }),
  /** Every candidate at or above the review threshold, best first. */
  matches: z.array(ScreeningCandidate),
});
export type ScreeningLookup = z.infer<typeof ScreeningLookup>;

// exports.table: the screens' lists as CSV or XLSX (main/core/exports/registers.ts), with the screens' filters.
export const ExportFormat = z.enum(['csv', 'xlsx']);
const CaseExportFilter = CaseListQuery.pick({ search: true, status: true, destination: true, outcome: true, dateFrom: true, dateTo: true });
export const LetterRegisterQuery = z.strictObject({
  search: z.string().max(200).optional(),
  status: z.enum(['issued', 'void', 'superseded']).optional(),
});
export const AuditQuery = z.strictObject({
  /** Action group: the part of the action before the dot (`case`, `letter`, `shipment`…). */
  group: z.string().regex(/^[a-z]+$/).max(40).optional(),
  search: z.string().max(200).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
});
export const ExportRequest = z.discriminatedUnion('register', [
  z.strictObject({ register: z.literal('cases'), format: ExportFormat, filter: CaseExportFilter.optional() }),
  z.strictObject({ register: z.literal('letters'), format: ExportFormat, filter: LetterRegisterQuery.optional() }),
  z.strictObject({ register: z.literal('ledger'), format: ExportFormat }),
  z.strictObject({ register: z.literal('audit'), format: ExportFormat, filter: AuditQuery.optional() }),
]);
export type ExportRequest = z.input<typeof ExportRequest>;

export const LetterRegisterRow = z.strictObject({
  id: Id,
  number: z.string(),
  issuedAt: Timestamp,
  status: LetterStatus,
  statusReason: z.string().nullable(),
  officer: z.string(),
  caseId: Id,
  determinationId: Id,
  reference: z.string().nullable(),
  caseDate: IsoDate,
  endUserName: z.string(),
  destination: z.string(),
  enforced: ModeVerdict.nullable(),
  asWritten: ModeVerdict.nullable(),
});
export type LetterRegisterRow = z.infer<typeof LetterRegisterRow>;

export const contract = {
  'app.info': channel(Empty, AppInfo, 'version, data folder and today\'s date'),
  'app.logError': channel(
    z.strictObject({
      kind: z.enum(['error', 'unhandledrejection']),
      message: z.string().max(2000),
      stack: z.string().max(20_000).optional(),
      source: z.string().max(500).optional(),
      line: z.number().int().nonnegative().optional(),
      column: z.number().int().nonnegative().optional(),
    }),
    Empty,
    'an uncaught error or unhandled rejection in the page, written to the core\'s log',
  ),

  'cases.list': channel(
    CaseListQuery,
    z.strictObject({
      /** Matches counted up to 10,000; null when the query asked not to count. */
      total: z.number().int().nullable(),
      /** More match than `total` says ("10,000+"). */
      totalIsLowerBound: z.boolean(),
      rows: z.array(CaseSummary),
      /** Pass as `after` for the next page; null at the end. */
      next: z.strictObject({ date: IsoDate, id: Id }).nullable(),
    }),
    'search and filter cases',
  ),
  'cases.get': channel(z.strictObject({ id: Id }), CaseRecord, 'one case'),
  'cases.create': channel(z.strictObject({ case: Case }), CaseRecord, 'store a new case'),
  'cases.update': channel(z.strictObject({ id: Id, case: Case }), CaseRecord, 'replace a case document'),
  'cases.import': channel(z.strictObject({ fileName: z.string().max(500), text: z.string().max(50_000_000) }), CaseRecord, 'import a tierline.case/1 file'),
  'cases.export': channel(z.strictObject({ id: Id }), z.strictObject({ fileName: z.string(), text: z.string() }), 'the case as a tierline.case/1 file'),

  'determinations.evaluate': channel(z.strictObject({ caseId: Id }), DeterminationRecord, 'evaluate a stored case in both modes and store the result'),
  'determinations.latest': channel(z.strictObject({ caseId: Id }), DeterminationRecord.nullable(), 'the latest stored determination of a case'),

  'letters.preview': channel(z.strictObject({ determinationId: Id, officerName: z.string().max(200).optional(), pageSize: LetterPageSize.optional() }), z.strictObject({ pdfBase64: Base64 }), 'an unsigned draft PDF'),
  'letters.issue': channel(z.strictObject({ determinationId: Id, officerName: z.string().trim().min(1).max(200), passphrase: Passphrase, pageSize: LetterPageSize.optional() }), z.strictObject({ letter: LetterRecord, pdfBase64: Base64 }), 'sign, number and register a letter'),
  'letters.register': channel(LetterRegisterQuery.extend({ limit: z.number().int().min(1).max(5000).default(1000) }), z.strictObject({ rows: z.array(LetterRegisterRow) }), 'the letter register with each letter\'s case, end user, destination and outcome per mode; searchable'),
  'letters.list': channel(z.strictObject({ caseId: Id.optional() }), z.array(LetterRecord), 'the letter register'),
  'letters.pdf': channel(z.strictObject({ id: Id }), z.strictObject({ fileName: z.string(), pdfBase64: Base64 }), 'the signed PDF of a registered letter'),
  'letters.verify': channel(z.strictObject({ pdfBase64: Base64.min(1) }), LetterVerification, 'verify a letter PDF (signature, digest, register)'),
  'letters.void': channel(z.strictObject({ id: Id, reason: z.string().trim().min(1).max(1000) }), LetterRecord, 'void a letter'),
  'letters.supersede': channel(z.strictObject({ id: Id, determinationId: Id, officerName: z.string().trim().min(1).max(200), passphrase: Passphrase, pageSize: LetterPageSize.optional() }), z.strictObject({ letter: LetterRecord, pdfBase64: Base64 }), 'issue a replacement and mark the old letter superseded'),

  'packs.list': channel(Empty, z.array(PackSummary), 'installed rule packs'),
  'packs.get': channel(z.strictObject({ id: z.string(), version: z.number().int(), asOf: IsoDate.optional() }), PackDetail, 'a pack with its parameters on a date'),
  'packs.import': channel(z.strictObject({ fileName: z.string().max(500), text: z.string().max(20_000_000) }), PackSummary, 'verify and install a signed pack file'),

  'ledger.summary': channel(z.strictObject({ asOf: IsoDate }), LedgerSummary, 'cap use per allocation, consignee and NVEU'),
  'shipments.record': channel(z.strictObject({ caseId: Id, date: IsoDate.optional(), mode: EvaluationMode.optional(), licenseNumber: z.string().trim().min(1).max(40).optional() }), z.strictObject({ count: z.number().int() }), 'record an evaluated case as shipped (one ledger row per item)'),
  'shipments.import': channel(z.strictObject({ fileName: z.string().max(500), text: z.string().max(50_000_000) }), z.strictObject({ count: z.number().int() }), 'import a shipment history CSV (date,destination,consignee,tpp,authorization), all or nothing'),

  'audit.list': channel(AuditQuery.extend({ offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(5000).default(500) }), z.strictObject({ total: z.number().int(), entries: z.array(AuditEntry), lastAnchor: AnchorSummary.nullable() }), 'audit log entries, newest first, and when the head was last anchored'),
  'exports.table': channel(ExportRequest, z.strictObject({ fileName: z.string(), base64: Base64, rows: z.number().int() }), 'the case list, letter register, ledger or audit log as CSV or XLSX (dates as dates, numbers as numbers, formulas neutralised)'),
  'audit.verify': channel(Empty, ChainCheck, 'verify the hash chain of the audit log'),

  'identity.get': channel(Empty, IdentityView, 'the signing identity'),
  'identity.create': channel(
    z.strictObject({
      office: z.string().trim().min(1).max(200),
      unit: z.string().trim().max(200).optional(),
      country: z.string().length(2).optional(),
      /** The officer who holds the key: the certificate's common name, the signer PDF readers show (64 characters, X.509's bound). */
      signer: z.string().trim().min(1).max(64).optional(),
      passphrase: Passphrase,
    }),
    IdentityView,
    'create a self-signed signing identity, sealed with a passphrase',
  ),
  'identity.certificate': channel(Empty, z.strictObject({ fileName: z.string(), pem: z.string() }), 'this office\'s certificate (PEM) for other offices\' trust lists'),
  'preferences.get': channel(Empty, Preferences, 'the workbench preferences (letter paper size)'),
  'preferences.set': channel(z.strictObject({ letterPageSize: z.enum(['A4', 'LETTER']).nullable().optional() }), Preferences, 'change workbench preferences; the fields given replace the stored ones'),
  'trust.list': channel(Empty, z.array(TrustEntry), 'certificates trusted for letter verification'),
  'trust.add': channel(z.strictObject({ pem: z.string().min(1).max(100_000) }), TrustEntry, 'trust an office certificate (PEM)'),
  'trust.remove': channel(z.strictObject({ fingerprint: z.string().min(16).max(200) }), z.strictObject({ removed: z.boolean() }), 'stop trusting a certificate'),

  'files.open': channel(z.strictObject({ title: z.string().max(200), filters: z.array(FileFilter).max(10) }), OpenedFile, 'native open dialog; the chosen file\'s bytes'),
  'files.save': channel(z.strictObject({ title: z.string().max(200), defaultName: z.string().max(300), base64: Base64, filters: z.array(FileFilter).max(10) }), z.strictObject({ path: z.string() }), 'native save dialog; writes the bytes'),
  'files.print': channel(z.strictObject({ pdfBase64: Base64.min(1), title: z.string().max(300) }), z.strictObject({ printed: z.boolean() }), 'print a PDF with the system dialog'),

  'batch.plan': channel(BatchFileInput, BatchPlanView, 'read an order book and map its columns: every invalid line by row and column; nothing stored'),
  'batch.start': channel(BatchFileInput.extend({ skipInvalid: z.boolean().default(false) }), BatchJobStatus, 'evaluate the order book in the background (both modes, screened); stored all at once when done'),
  'batch.status': channel(z.strictObject({ jobId: Id }), BatchJobStatus, 'progress of a batch: lines done, rate, time left'),
  'batch.cancel': channel(z.strictObject({ jobId: Id }), BatchJobStatus, 'cancel a running batch: nothing of it is stored'),
  'batch.results': channel(z.strictObject({ jobId: Id, offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(100000).default(1000) }), z.strictObject({ total: z.number().int(), lines: z.array(BatchResultLine) }), 'the results of a finished batch, one row per line'),
  'batch.export': channel(z.strictObject({ jobId: Id, format: z.enum(['csv', 'xlsx', 'json']) }), z.strictObject({ fileName: z.string(), base64: Base64 }), 'the results as CSV, XLSX or JSON'),
  'batch.letters': channel(
    z.strictObject({ determinationIds: z.array(Id).min(1, 'select at least one line').max(10000), officerName: z.string().trim().min(1).max(200), passphrase: Passphrase, pageSize: LetterPageSize.optional() }),
    BatchLettersStatus,
    'issue a signed letter for each selected determination in the background (passphrase checked before the first); lines that cannot have one are skipped with the reason',
  ),
  'batch.lettersStatus': channel(z.strictObject({ jobId: Id }), BatchLettersStatus, 'progress of the letters for selected batch lines: issued, skipped with reasons'),

  'screening.lookup': channel(
    z.strictObject({ name: z.string().trim().min(1).max(300), country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code').optional() }),
    ScreeningLookup,
    'screen one name (and its country) against the active list: candidates with score, list, matched name and why',
  ),
  'screening.decide': channel(
    z.strictObject({
      caseId: Id,
      /** The determination the officer decided on: refused if the case was evaluated again since. */
      determinationId: Id,
      party: z.string().min(1).max(500),
      list: z.string().min(1).max(40),
      entryId: z.string().min(1).max(200),
      decision: z.enum(['confirm', 'clear']),
      reason: z.string().trim().min(1).max(2000),
    }),
    DeterminationRecord,
    "confirm or clear one screening candidate of a case's current determination, with a reason (audited); the case is evaluated again",
  ),
  'lists.status': channel(Empty, ListStatus, 'the active screening list snapshot: date, hash, age and whether it is out of date'),
  'lists.import': channel(z.strictObject({ fileName: z.string().min(1).max(500), base64: Base64.min(1), date: IsoDate.optional() }), ListStatus, 'import a Consolidated Screening List file (ITA CSV or JSON, gzip allowed): all or nothing'),
  // ledger rows and reversals, licenses, impact analysis (contract-ledger.ts)
  ...ledgerChannels,
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType; summary: string }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Contract[C]['output']>;

// Every contract channel is named in channels.ts and vice versa (checked both ways at compile time).
const _everyNameHasAChannel: Record<ChannelName, unknown> = contract;
const _everyChannelHasAName: Record<Channel, unknown> = {} as Record<ChannelName, unknown>;
void _everyNameHasAChannel;
void _everyChannelHasAName;

/** What `window.tierline` is: the preload's surface and the e2e bridge's. */
export interface TierlineApi {
  invoke<C extends Channel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  channels: readonly Channel[];
}
