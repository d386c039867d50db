// The workbench's lists as tables for export (CSV and XLSX through table.ts): the case list, the letter
// register, the ledger and the audit log, with dates typed as dates and numbers as numbers. The same
// filters as the screens; the audit log's filtered query lives here too, since the screen pages it.
import { actionName } from '../../../shared/domain/audit-actions';
import { COUNTRY_NAMES } from '../../../shared/domain/countries';
import { verdictLabel, type ModeVerdict } from '../../../shared/domain/mode-verdict';
import { caseVerdicts, letterRegister, listCases, listShipments, type CaseFilter, type Db, type LetterRegisterFilter } from '../db';
import type { Column, Table } from './table';

/** Exports stop here (a spreadsheet's practical size; the XLSX limit is 1,048,576 rows). */
export const EXPORT_MAX_ROWS = 200_000;

function country(code: string): string {
  return (COUNTRY_NAMES as Record<string, string>)[code] ?? '';
}

const verdictCols = (prefix: string, label: string): Column[] => [
  { key: `${prefix}`, header: `${label} outcome`, type: 'text', width: 22 },
  { key: `${prefix}Authorization`, header: `${label} authorization`, type: 'text', width: 14 },
];

function verdictCells(prefix: string, v: ModeVerdict | null): Record<string, string | null> {
  return { [prefix]: v ? verdictLabel(v) : 'Not evaluated', [`${prefix}Authorization`]: v?.authorization ?? null };
}

export function casesTable(db: Db, filter: Omit<CaseFilter, 'limit' | 'offset' | 'after' | 'count'> = {}): Table {
  const rows: Table['rows'][number][] = [];
  let after: { date: string; id: number } | undefined;
  for (;;) {
    const page = listCases(db, { ...filter, limit: 1000, after, count: false });
    const verdicts = caseVerdicts(db, page.rows.map((r) => r.id));
    for (const r of page.rows) {
      const v = verdicts.get(r.id);
      rows.push({
        id: r.id,
        reference: r.reference,
        endUser: r.endUserName,
        destination: r.destination,
        destinationName: country(r.destination),
        date: r.date,
        items: r.itemCount,
        status: r.status,
        ...verdictCells('enforced', v?.enforced ?? null),
        ...verdictCells('asWritten', v?.asWritten ?? null),
        letter: v?.letter?.number ?? null,
        letterStatus: v?.letter?.status ?? null,
        updatedAt: r.updatedAt,
      });
    }
    if (!page.next || rows.length >= EXPORT_MAX_ROWS) break;
    after = page.next;
  }
  return {
    name: 'Cases',
    columns: [
      { key: 'id', header: 'Case', type: 'integer', width: 8 },
      { key: 'reference', header: 'Reference', type: 'text', width: 18 },
      { key: 'endUser', header: 'End user', type: 'text', width: 32 },
      { key: 'destination', header: 'Destination', type: 'text', width: 11 },
      { key: 'destinationName', header: 'Destination name', type: 'text', width: 20 },
      { key: 'date', header: 'Date', type: 'date', width: 12 },
      { key: 'items', header: 'Items', type: 'integer', width: 7 },
      { key: 'status', header: 'Status', type: 'text', width: 10 },
      ...verdictCols('enforced', 'Enforced'),
      ...verdictCols('asWritten', 'As written'),
      { key: 'letter', header: 'Letter', type: 'text', width: 16 },
      { key: 'letterStatus', header: 'Letter status', type: 'text', width: 12 },
      { key: 'updatedAt', header: 'Updated', type: 'datetime', width: 20 },
    ],
    rows,
  };
}

export function lettersTable(db: Db, filter: LetterRegisterFilter = {}): Table {
  const rows = letterRegister(db, { ...filter, limit: EXPORT_MAX_ROWS }).map((l) => ({
    number: l.number,
    issuedAt: l.issuedAt,
    status: l.status,
    statusReason: l.statusReason,
    caseId: l.caseId,
    reference: l.reference,
    endUser: l.endUserName,
    destination: l.destination,
    destinationName: country(l.destination),
    caseDate: l.caseDate,
    ...verdictCells('enforced', l.enforced),
    ...verdictCells('asWritten', l.asWritten),
    officer: l.officer,
    sha256: l.pdfSha256,
  }));
  return {
    name: 'Letters',
    columns: [
      { key: 'number', header: 'Letter', type: 'text', width: 16 },
      { key: 'issuedAt', header: 'Issued', type: 'datetime', width: 20 },
      { key: 'status', header: 'Status', type: 'text', width: 11 },
      { key: 'statusReason', header: 'Status reason', type: 'text', width: 28 },
      { key: 'caseId', header: 'Case', type: 'integer', width: 8 },
      { key: 'reference', header: 'Reference', type: 'text', width: 18 },
      { key: 'endUser', header: 'End user', type: 'text', width: 32 },
      { key: 'destination', header: 'Destination', type: 'text', width: 11 },
      { key: 'destinationName', header: 'Destination name', type: 'text', width: 20 },
      { key: 'caseDate', header: 'Case date', type: 'date', width: 12 },
      ...verdictCols('enforced', 'Enforced'),
      ...verdictCols('asWritten', 'As written'),
      { key: 'officer', header: 'Officer', type: 'text', width: 22 },
      { key: 'sha256', header: 'PDF SHA-256', type: 'text', width: 66 },
    ],
    rows,
  };
}

export function ledgerTable(db: Db): Table {
  const all = [];
  for (let offset = 0; all.length < EXPORT_MAX_ROWS; offset += 10_000) {
    const page = listShipments(db, { limit: 10_000, offset });
    all.push(...page);
    if (page.length < 10_000) break;
  }
  const rows = all.map((s) => ({
    id: s.id,
    date: s.date,
    destination: s.destination,
    destinationName: country(s.destination),
    consignee: s.consignee,
    tpp: s.tpp,
    authorization: s.authorization,
    source: s.source,
    caseId: s.caseId,
    item: s.itemIndex === null ? null : s.itemIndex + 1,
    reverses: s.reversesId,
    reversedBy: s.reversedBy,
    reason: s.reason,
    recordedAt: s.createdAt,
  }));
  return {
    name: 'Ledger',
    columns: [
      { key: 'id', header: 'Entry', type: 'integer', width: 8 },
      { key: 'date', header: 'Shipped', type: 'date', width: 12 },
      { key: 'destination', header: 'Destination', type: 'text', width: 11 },
      { key: 'destinationName', header: 'Destination name', type: 'text', width: 20 },
      { key: 'consignee', header: 'Consignee', type: 'text', width: 32 },
      { key: 'tpp', header: 'TPP', type: 'number', width: 14 },
      { key: 'authorization', header: 'Authorization', type: 'text', width: 13 },
      { key: 'source', header: 'Source', type: 'text', width: 10 },
      { key: 'caseId', header: 'Case', type: 'integer', width: 8 },
      { key: 'item', header: 'Item', type: 'integer', width: 6 },
      { key: 'reverses', header: 'Reverses entry', type: 'integer', width: 10 },
      { key: 'reversedBy', header: 'Reversed by entry', type: 'integer', width: 10 },
      { key: 'reason', header: 'Reason', type: 'text', width: 28 },
      { key: 'recordedAt', header: 'Recorded', type: 'datetime', width: 20 },
    ],
    rows,
  };
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

export function auditTable(db: Db, q: Omit<AuditQuery, 'offset' | 'limit'> = {}): Table {
  const { entries } = queryAudit(db, { ...q, limit: EXPORT_MAX_ROWS });
  return {
    name: 'Audit log',
    columns: [
      { key: 'seq', header: 'Entry', type: 'integer', width: 8 },
      { key: 'at', header: 'When (UTC)', type: 'datetime', width: 20 },
      { key: 'actor', header: 'Who', type: 'text', width: 14 },
      { key: 'actionName', header: 'Action', type: 'text', width: 26 },
      { key: 'action', header: 'Action code', type: 'text', width: 20 },
      { key: 'subject', header: 'Subject', type: 'text', width: 22 },
      { key: 'detail', header: 'Detail', type: 'text', width: 60 },
      { key: 'hash', header: 'Hash', type: 'text', width: 66 },
    ],
    rows: entries.map((e) => ({ ...e, actionName: actionName(e.action) })),
  };
}

export type RegisterName = 'cases' | 'letters' | 'ledger' | 'audit';
