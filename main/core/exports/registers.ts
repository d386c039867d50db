// The workbench's lists as tables for export (CSV and XLSX through table.ts): the case list, the letter
// register, the ledger and the audit log, with dates typed as dates and numbers as numbers. The same
// filters as the screens; the audit log's filtered query lives here too, since the screen pages it.
import { actionName } from '../../../shared/domain/audit-actions';
import { COUNTRY_NAMES } from '../../../shared/domain/countries';
import { verdictLabel, type ModeVerdict } from '../../../shared/domain/mode-verdict';
import { caseVerdicts, letterRegister, listCases, listShipments, type CaseFilter, type Db, type LetterRegisterFilter } from '../db';
import type { CellValue, Column, Table } from './table';

/** Exports stop here (a spreadsheet's practical size; the XLSX limit is 1,048,576 rows). */
export const EXPORT_MAX_ROWS = 200_000;

function country(code: string): string {
  return (COUNTRY_NAMES as Record<string, string>)[code] ?? '';
}

/** One column of a register: how it is headed and typed, and how a row gives its cell. */
interface ColumnSpec<R> extends Column {
  cell: (row: R) => CellValue;
}

/** A register's sheet from its column spec: each column declared once, with the cell it holds. */
function tableOf<R>(name: string, spec: readonly ColumnSpec<R>[], items: readonly R[]): Table {
  return {
    name,
    columns: spec.map(({ key, header, type, width }) => ({ key, header, type, width })),
    rows: items.map((r) => Object.fromEntries(spec.map((c) => [c.key, c.cell(r)]))),
  };
}

const verdictText = (v: ModeVerdict | null): string => (v ? verdictLabel(v) : 'Not evaluated');

/** Outcome and authorization under one mode, for any row that carries that mode's verdict. */
function verdictSpec<R>(prefix: string, label: string, v: (row: R) => ModeVerdict | null): ColumnSpec<R>[] {
  return [
    { key: prefix, header: `${label} outcome`, type: 'text', width: 22, cell: (r) => verdictText(v(r)) },
    { key: `${prefix}Authorization`, header: `${label} authorization`, type: 'text', width: 14, cell: (r) => v(r)?.authorization ?? null },
  ];
}

function destinationSpec<R>(code: (row: R) => string): ColumnSpec<R>[] {
  return [
    { key: 'destination', header: 'Destination', type: 'text', width: 11, cell: code },
    { key: 'destinationName', header: 'Destination name', type: 'text', width: 20, cell: (r) => country(code(r)) },
  ];
}

type CaseRow = ReturnType<typeof listCases>['rows'][number] & { verdicts: ReturnType<ReturnType<typeof caseVerdicts>['get']> };

const CASE_COLUMNS: ColumnSpec<CaseRow>[] = [
  { key: 'id', header: 'Case', type: 'integer', width: 8, cell: (r) => r.id },
  { key: 'reference', header: 'Reference', type: 'text', width: 18, cell: (r) => r.reference },
  { key: 'endUser', header: 'End user', type: 'text', width: 32, cell: (r) => r.endUserName },
  ...destinationSpec<CaseRow>((r) => r.destination),
  { key: 'date', header: 'Date', type: 'date', width: 12, cell: (r) => r.date },
  { key: 'items', header: 'Items', type: 'integer', width: 7, cell: (r) => r.itemCount },
  { key: 'status', header: 'Status', type: 'text', width: 10, cell: (r) => r.status },
  ...verdictSpec<CaseRow>('enforced', 'Enforced', (r) => r.verdicts?.enforced ?? null),
  ...verdictSpec<CaseRow>('asWritten', 'As written', (r) => r.verdicts?.asWritten ?? null),
  { key: 'letter', header: 'Letter', type: 'text', width: 16, cell: (r) => r.verdicts?.letter?.number ?? null },
  { key: 'letterStatus', header: 'Letter status', type: 'text', width: 12, cell: (r) => r.verdicts?.letter?.status ?? null },
  { key: 'updatedAt', header: 'Updated', type: 'datetime', width: 20, cell: (r) => r.updatedAt },
];

export function casesTable(db: Db, filter: Omit<CaseFilter, 'limit' | 'offset' | 'after' | 'count'> = {}): Table {
  const rows: CaseRow[] = [];
  let after: { date: string; id: number } | undefined;
  for (;;) {
    const page = listCases(db, { ...filter, limit: 1000, after, count: false });
    const verdicts = caseVerdicts(db, page.rows.map((r) => r.id));
    for (const r of page.rows) rows.push({ ...r, verdicts: verdicts.get(r.id) });
    if (!page.next || rows.length >= EXPORT_MAX_ROWS) break;
    after = page.next;
  }
  return tableOf('Cases', CASE_COLUMNS, rows);
}

type LetterRow = ReturnType<typeof letterRegister>[number];

const LETTER_COLUMNS: ColumnSpec<LetterRow>[] = [
  { key: 'number', header: 'Letter', type: 'text', width: 16, cell: (l) => l.number },
  { key: 'issuedAt', header: 'Issued', type: 'datetime', width: 20, cell: (l) => l.issuedAt },
  { key: 'status', header: 'Status', type: 'text', width: 11, cell: (l) => l.status },
  { key: 'statusReason', header: 'Status reason', type: 'text', width: 28, cell: (l) => l.statusReason },
  { key: 'caseId', header: 'Case', type: 'integer', width: 8, cell: (l) => l.caseId },
  { key: 'reference', header: 'Reference', type: 'text', width: 18, cell: (l) => l.reference },
  { key: 'endUser', header: 'End user', type: 'text', width: 32, cell: (l) => l.endUserName },
  ...destinationSpec<LetterRow>((l) => l.destination),
  { key: 'caseDate', header: 'Case date', type: 'date', width: 12, cell: (l) => l.caseDate },
  ...verdictSpec<LetterRow>('enforced', 'Enforced', (l) => l.enforced),
  ...verdictSpec<LetterRow>('asWritten', 'As written', (l) => l.asWritten),
  { key: 'officer', header: 'Officer', type: 'text', width: 22, cell: (l) => l.officer },
  { key: 'sha256', header: 'PDF SHA-256', type: 'text', width: 66, cell: (l) => l.pdfSha256 },
];

export function lettersTable(db: Db, filter: LetterRegisterFilter = {}): Table {
  return tableOf('Letters', LETTER_COLUMNS, letterRegister(db, { ...filter, limit: EXPORT_MAX_ROWS }));
}

type ShipmentRow = ReturnType<typeof listShipments>[number];

const LEDGER_COLUMNS: ColumnSpec<ShipmentRow>[] = [
  { key: 'id', header: 'Entry', type: 'integer', width: 8, cell: (s) => s.id },
  { key: 'date', header: 'Shipped', type: 'date', width: 12, cell: (s) => s.date },
  ...destinationSpec<ShipmentRow>((s) => s.destination),
  { key: 'consignee', header: 'Consignee', type: 'text', width: 32, cell: (s) => s.consignee },
  { key: 'tpp', header: 'TPP', type: 'number', width: 14, cell: (s) => s.tpp },
  { key: 'authorization', header: 'Authorization', type: 'text', width: 13, cell: (s) => s.authorization },
  { key: 'source', header: 'Source', type: 'text', width: 10, cell: (s) => s.source },
  { key: 'caseId', header: 'Case', type: 'integer', width: 8, cell: (s) => s.caseId },
  { key: 'item', header: 'Item', type: 'integer', width: 6, cell: (s) => (s.itemIndex === null ? null : s.itemIndex + 1) },
  { key: 'reverses', header: 'Reverses entry', type: 'integer', width: 10, cell: (s) => s.reversesId },
  { key: 'reversedBy', header: 'Reversed by entry', type: 'integer', width: 10, cell: (s) => s.reversedBy },
  { key: 'reason', header: 'Reason', type: 'text', width: 28, cell: (s) => s.reason },
  { key: 'recordedAt', header: 'Recorded', type: 'datetime', width: 20, cell: (s) => s.createdAt },
];

export function ledgerTable(db: Db): Table {
  const all: ShipmentRow[] = [];
  for (let offset = 0; all.length < EXPORT_MAX_ROWS; offset += 10_000) {
    const page = listShipments(db, { limit: 10_000, offset });
    all.push(...page);
    if (page.length < 10_000) break;
  }
  return tableOf('Ledger', LEDGER_COLUMNS, all);
}

export interface AuditQuery {
  /** Action group: the part before the dot, matched as a prefix (`shipment` also finds `shipments.imported`). */
  group?: string;
  /** Substring of the subject, the actor or the details. */
  search?: string;
  /** Entries on or after / on or before these days (UTC). */
  dateFrom?: string;
  dateTo?: string;
  offset?: number;
  limit?: number;
}

export interface AuditRowOut {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
  hash: string;
}

/** The audit log filtered, newest first: the page and the number of matches. */
export function queryAudit(db: Db, q: AuditQuery): { total: number; entries: AuditRowOut[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.group) {
    where.push("action LIKE @group ESCAPE '\\'");
    params.group = `${q.group.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (q.search?.trim()) {
    where.push("(lower(subject) LIKE @search ESCAPE '\\' OR lower(actor) LIKE @search ESCAPE '\\' OR lower(details) LIKE @search ESCAPE '\\')");
    params.search = `%${q.search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (q.dateFrom) {
    where.push('at >= @dateFrom');
    params.dateFrom = q.dateFrom;
  }
  if (q.dateTo) {
    where.push('at < @dateToNext');
    params.dateToNext = `${q.dateTo}T99`; // every instant of that day sorts before "T99"
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM audit_log ${clause}`).pluck().get(params) as number;
  const rows = db
    .prepare(`SELECT seq, at, actor, action, subject, details, hash FROM audit_log ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: Math.min(Math.max(Math.trunc(q.limit ?? 500), 1), EXPORT_MAX_ROWS), offset: Math.max(Math.trunc(q.offset ?? 0), 0) }) as {
    seq: number;
    at: string;
    actor: string;
    action: string;
    subject: string;
    details: string;
    hash: string;
  }[];
  return {
    total,
    entries: rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject || null, detail: r.details === '{}' ? null : r.details, hash: r.hash })),
  };
}

const AUDIT_COLUMNS: ColumnSpec<AuditRowOut>[] = [
  { key: 'seq', header: 'Entry', type: 'integer', width: 8, cell: (e) => e.seq },
  { key: 'at', header: 'When (UTC)', type: 'datetime', width: 20, cell: (e) => e.at },
  { key: 'actor', header: 'Who', type: 'text', width: 14, cell: (e) => e.actor },
  { key: 'actionName', header: 'Action', type: 'text', width: 26, cell: (e) => actionName(e.action) },
  { key: 'action', header: 'Action code', type: 'text', width: 20, cell: (e) => e.action },
  { key: 'subject', header: 'Subject', type: 'text', width: 22, cell: (e) => e.subject },
  { key: 'detail', header: 'Detail', type: 'text', width: 60, cell: (e) => e.detail },
  { key: 'hash', header: 'Hash', type: 'text', width: 66, cell: (e) => e.hash },
];

export function auditTable(db: Db, q: Omit<AuditQuery, 'offset' | 'limit'> = {}): Table {
  return tableOf('Audit log', AUDIT_COLUMNS, queryAudit(db, { ...q, limit: EXPORT_MAX_ROWS }).entries);
}

export type RegisterName = 'cases' | 'letters' | 'ledger' | 'audit';
