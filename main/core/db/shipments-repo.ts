// The shipment ledger that caps and allocations count against. Evaluating is not shipping: a row enters
// only when the user records a case as shipped or imports a shipment history (CSV). An import is
// all-or-nothing: every row is validated first, and one bad row stores nothing.
import { parse } from 'csv-parse/sync';
import { type Authorization, type Case, type EvaluationMode, PriorShipment } from '../../../shared/domain/case';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { parseWith } from '../../../shared/domain/issues';
import type { LedgerShipment } from '../../../shared/engine/types';
import { appendAudit } from './audit-repo';
import { nameKey } from './cases-repo';
import { latestDetermination } from './determinations-repo';
import { sha256Hex } from './hash';
import { recordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type DbIssue, type Result, type WriteOptions } from './types';

export type ShipmentSource = 'recorded' | 'imported';

export interface ShipmentRecord extends LedgerShipment {
  id: number;
  source: ShipmentSource;
  caseId: number | null;
  itemIndex: number | null;
  importSha256: string | null;
  createdAt: string;
}

interface ShipmentRow {
  id: number;
  ship_date: string;
  destination: string;
  consignee: string;
  tpp: number;
  authorization: Authorization;
  source: ShipmentSource;
  case_id: number | null;
  item_idx: number | null;
  import_sha256: string | null;
  created_at: string;
}

function toRecord(r: ShipmentRow): ShipmentRecord {
  return {
    id: r.id,
    date: r.ship_date,
    destination: r.destination,
    consignee: r.consignee,
    tpp: r.tpp,
    authorization: r.authorization,
    source: r.source,
    caseId: r.case_id,
    itemIndex: r.item_idx,
    importSha256: r.import_sha256,
    createdAt: r.created_at,
  };
}

function insertShipment(
  db: Db,
  s: LedgerShipment & { source: ShipmentSource; caseId: number | null; itemIndex: number | null; importSha256: string | null; at: string },
): void {
  db.prepare(
    `INSERT INTO shipments (ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx,
                            import_sha256, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.date, s.destination, s.consignee.trim(), nameKey(s.consignee), s.tpp, s.authorization, s.source, s.caseId, s.itemIndex, s.importSha256, s.at);
}

export interface RecordShipmentInput {
  caseId: number;
  /** Shipping date; defaults to the case date. */
  date?: string;
  /** Which evaluation's authorizations to record; needed only when the modes disagree and the case names none. */
  mode?: EvaluationMode;
}

/**
 * The user marks a case shipped: one ledger row per item, with the authorization of the latest
 * determination of the current document and the item's TPP (quantity × TPP per unit).
 */
export function recordShipment(db: Db, input: RecordShipmentInput, opts: WriteOptions): Result<ShipmentRecord[]> {
  if (input.date !== undefined && !isValidIsoDate(input.date)) {
    return fail('INVALID_INPUT', 'expected a calendar date written YYYY-MM-DD', '$.date');
  }
  return write(db, () => {
    const c = db.prepare('SELECT sha256, document, status FROM cases WHERE id = ?').get(input.caseId) as
      | { sha256: string; document: string; status: string }
      | undefined;
    if (!c) return abort('NOT_FOUND', `no case ${input.caseId}`);
    if (db.prepare("SELECT 1 FROM shipments WHERE case_id = ? AND source = 'recorded' LIMIT 1").get(input.caseId)) {
      abort('ALREADY_SHIPPED', `case ${input.caseId} is already recorded as shipped`);
    }
    const det = latestDetermination(db, input.caseId);
    if (!det) return abort('NOT_EVALUATED', `case ${input.caseId} has not been evaluated: evaluate it before recording a shipment`);
    if (det.caseSha256 !== c.sha256) {
      abort('STALE_DETERMINATION', `case ${input.caseId} changed after its last evaluation: evaluate it again first`);
    }
    const doc = JSON.parse(c.document) as Case;
    const mode = input.mode ?? doc.mode;
    const evaluations = det.document.evaluations;
    let evaluation = mode ? evaluations.find((e) => e.mode === mode) : evaluations[0];
    if (!evaluation) return abort('INVALID_INPUT', `the determination has no ${mode} evaluation`, '$.mode');
    if (!mode && evaluations.length > 1) {
      const key = (e: (typeof evaluations)[number]) => e.items.map((i) => i.authorization).join(',');
      if (new Set(evaluations.map(key)).size > 1) {
        abort('AMBIGUOUS_MODE', 'the modes give different authorizations: say which mode the shipment went under', '$.mode');
      }
      evaluation = evaluations[0];
    }
    const date = input.date ?? doc.date;
    const at = nowIso(opts);
    doc.items.forEach((item, index) => {
      const found = evaluation.items.find((i) => i.index === index);
      if (!found) abort('INVALID_INPUT', `the determination has no result for item ${index}`, `$.items[${index}]`);
      insertShipment(db, {
        date,
        destination: doc.destination,
        consignee: doc.endUser.name,
        tpp: item.quantity * (item.tppPerUnit ?? 0),
        authorization: found.authorization,
        source: 'recorded',
        caseId: input.caseId,
        itemIndex: index,
        importSha256: null,
        at,
      });
    });
    db.prepare("UPDATE cases SET status = 'shipped', updated_at = ? WHERE id = ?").run(at, input.caseId);
    const rows = (db.prepare('SELECT * FROM shipments WHERE case_id = ? ORDER BY item_idx').all(input.caseId) as ShipmentRow[]).map(toRecord);
    appendAudit(
      db,
      {
        action: 'shipment.recorded',
        subject: `case:${input.caseId}`,
        details: { determinationId: det.id, mode: evaluation.mode, date, items: rows.map((r) => ({ tpp: r.tpp, authorization: r.authorization })) },
        records: [recordRef(db, 'shipments', input.caseId), recordRef(db, 'case', input.caseId)],
      },
      { ...opts, at },
    );
    return rows;
  });
}

export const SHIPMENT_CSV_COLUMNS = ['date', 'destination', 'consignee', 'tpp', 'authorization'] as const;
const MAX_ISSUES = 50;
const NUMBER_RE = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

type CsvRecord = { record: string[]; info: { lines: number } };

/** Parses and validates a shipment history; returns every problem (up to 50) or the rows. */
export function parseShipmentsCsv(text: string): Result<LedgerShipment[]> {
  let records: CsvRecord[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    const where = err.lines ? `line ${err.lines}` : 'the file';
    return fail('INVALID_CSV', `${where}: ${err.message}`, where);
  }
  if (records.length === 0) return fail('INVALID_CSV', `the file is empty; expected the header ${SHIPMENT_CSV_COLUMNS.join(',')}`, 'row 0');
  const header = records[0].record.map((h) => h.toLowerCase());
  const expected = [...SHIPMENT_CSV_COLUMNS];
  if (header.length !== expected.length || expected.some((c, i) => header[i] !== c)) {
    return fail('INVALID_CSV', `the header must be exactly ${expected.join(',')} (found ${records[0].record.join(',')})`, 'row 0');
  }
  const issues: DbIssue[] = [];
  const rows: LedgerShipment[] = [];
  for (let r = 1; r < records.length && issues.length < MAX_ISSUES; r++) {
    const { record, info } = records[r];
    const where = (column: string) => `row ${r}, column ${column}`;
    const problem = (column: string, message: string) =>
      issues.push({ path: where(column), message: `row ${r} (line ${info.lines}), column ${column}: ${message}` });
    if (record.length !== expected.length) {
      problem(expected[Math.min(record.length, expected.length - 1)], `expected ${expected.length} fields, found ${record.length}`);
      continue;
    }
    const [date, destination, consignee, tppText, authorization] = record;
    if (!NUMBER_RE.test(tppText)) {
      problem('tpp', `expected a number ≥ 0, found "${tppText}"`);
      continue;
    }
    const parsed = parseWith(PriorShipment, {
      date,
      destination: destination.toUpperCase(),
      consignee,
      tpp: Number(tppText),
      authorization: authorization.toUpperCase(),
    });
    if (!parsed.ok) {
      for (const e of parsed.errors) problem(e.path.replace(/^\$\.?/, '') || 'row', e.message);
      continue;
    }
    rows.push(parsed.value);
  }
  if (issues.length) return fail('INVALID_CSV', issues[0].message, issues[0].path, issues);
  if (rows.length === 0) return fail('INVALID_CSV', 'the file has a header but no shipments', 'row 1');
  return { ok: true, value: rows };
}

/** Imports a CSV shipment history (header `date,destination,consignee,tpp,authorization`). */
export function importShipments(
  db: Db,
  csvText: string,
  opts: WriteOptions & { fileName?: string },
): Result<{ count: number; importSha256: string }> {
  const parsed = parseShipmentsCsv(csvText);
  if (!parsed.ok) return parsed;
  const importSha256 = sha256Hex(csvText);
  return write(db, () => {
    if (db.prepare('SELECT 1 FROM shipments WHERE import_sha256 = ? LIMIT 1').get(importSha256)) {
      abort('DUPLICATE_IMPORT', 'this exact file has already been imported');
    }
    const at = nowIso(opts);
    for (const s of parsed.value) {
      insertShipment(db, { ...s, source: 'imported', caseId: null, itemIndex: null, importSha256, at });
    }
    appendAudit(
      db,
      {
        action: 'shipments.imported',
        subject: `import:${importSha256}`,
        details: { sha256: importSha256, count: parsed.value.length, fileName: opts.fileName ?? null },
        records: [recordRef(db, 'import', importSha256)],
      },
      { ...opts, at },
    );
    return { count: parsed.value.length, importSha256 };
  });
}

/**
 * The shipments that count for a new case: those to the same consignee (matched case- and
 * spacing-insensitively) or to the same destination, dated on or before `asOf`; oldest first.
 */
export function ledgerFor(db: Db, q: { consignee: string; destination: string; asOf: string }): LedgerShipment[] {
  const rows = db
    .prepare(
      `SELECT ship_date, destination, consignee, tpp, authorization, id FROM shipments
         WHERE consignee_key = @key AND ship_date <= @asOf
       UNION
       SELECT ship_date, destination, consignee, tpp, authorization, id FROM shipments
         WHERE destination = @destination AND ship_date <= @asOf
       ORDER BY ship_date, id`,
    )
    .all({ key: nameKey(q.consignee), destination: q.destination, asOf: q.asOf }) as ShipmentRow[];
  return rows.map((r) => ({ date: r.ship_date, destination: r.destination, consignee: r.consignee, tpp: r.tpp, authorization: r.authorization }));
}

export interface ShipmentFilter {
  caseId?: number;
  consignee?: string;
  destination?: string;
  source?: ShipmentSource;
  dateFrom?: string;
  dateTo?: string;
  limit?: number;
  offset?: number;
}

/** Newest first. */
export function listShipments(db: Db, f: ShipmentFilter = {}): ShipmentRecord[] {
  const rows = db
    .prepare(
      `SELECT * FROM shipments
       WHERE (@caseId IS NULL OR case_id = @caseId)
         AND (@key IS NULL OR consignee_key = @key)
         AND (@destination IS NULL OR destination = @destination)
         AND (@source IS NULL OR source = @source)
         AND (@dateFrom IS NULL OR ship_date >= @dateFrom)
         AND (@dateTo IS NULL OR ship_date <= @dateTo)
       ORDER BY ship_date DESC, id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({
      caseId: f.caseId ?? null,
      key: f.consignee ? nameKey(f.consignee) : null,
      destination: f.destination ?? null,
      source: f.source ?? null,
      dateFrom: f.dateFrom ?? null,
      dateTo: f.dateTo ?? null,
      limit: Math.min(Math.max(Math.trunc(f.limit ?? 100), 1), 10_000),
      offset: Math.max(Math.trunc(f.offset ?? 0), 0),
    }) as ShipmentRow[];
  return rows.map(toRecord);
}
