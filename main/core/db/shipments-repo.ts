// The shipment ledger that caps and allocations count against. Evaluating is not shipping: a row enters
// only when the user records a case as shipped or imports a shipment history (CSV). An import is
// all-or-nothing: every row is validated first, and one bad row stores nothing.
import type BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { type Authorization, type Case, type EvaluationMode, PriorShipment } from '../../../shared/domain/case';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { parseWith } from '../../../shared/domain/issues';
import { checkCoverage, type Draw, type ShipmentLine } from '../../../shared/domain/license';
import { authorizationsInWords, MODE_NAME } from '../../../shared/domain/shipment-words';
import type { LedgerShipment, LedgerTotals } from '../../../shared/engine/types';
import { appendAudit } from './audit-repo';
import { nameKey } from './cases-repo';
import { latestDetermination } from './determinations-repo';
import { SHIPMENT_WHERE, shipmentParams } from './ledger-query';
import { getLicense, insertDrawdown, licenseUsage } from './licenses-repo';
import { sha256Hex } from './hash';
import { recordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type DbIssue, type Result, type WriteOptions } from './types';

/** SQL: the row `s` has no reversing entry. */
const NOT_REVERSED = 'NOT EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = s.id)';

export type ShipmentSource = 'recorded' | 'imported' | 'reversal';

export interface ShipmentRecord extends LedgerShipment {
  id: number;
  source: ShipmentSource;
  caseId: number | null;
  itemIndex: number | null;
  importSha256: string | null;
  /** On a reversing entry: the row it reverses, and why. */
  reversesId: number | null;
  reason: string | null;
  /** On a reversed row: the reversing entry. */
  reversedBy: number | null;
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
  reverses_id: number | null;
  reason: string | null;
  reversed_by?: number | null;
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
    reversesId: r.reverses_id,
    reason: r.reason,
    reversedBy: r.reversed_by ?? null,
    createdAt: r.created_at,
  };
}

function insertShipment(
  db: Db,
  s: LedgerShipment & { source: ShipmentSource; caseId: number | null; itemIndex: number | null; importSha256: string | null; at: string },
): number {
  const r = db.prepare(
    `INSERT INTO shipments (ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx,
                            import_sha256, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.date, s.destination, s.consignee.trim(), nameKey(s.consignee), s.tpp, s.authorization, s.source, s.caseId, s.itemIndex, s.importSha256, s.at);
  return Number(r.lastInsertRowid);
}

export interface RecordShipmentInput {
  caseId: number;
  /** Shipping date; defaults to the case date. */
  date?: string;
  /** Which evaluation's authorizations to record; needed only when the modes disagree and the case names none. */
  mode?: EvaluationMode;
  /** The license the LICENSE items ship under (required when any item's authorization is LICENSE). */
  licenseNumber?: string;
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
    if (db.prepare(`SELECT 1 FROM shipments s WHERE case_id = ? AND source = 'recorded' AND ${NOT_REVERSED} LIMIT 1`).get(input.caseId)) {
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
        const said = evaluations.map((e) => `${MODE_NAME[e.mode]}: ${authorizationsInWords(e.items)}`).join('; ');
        abort('AMBIGUOUS_MODE', `the two modes give different authorizations (${said}): say which one the shipment went under`, '$.mode');
      }
      evaluation = evaluations[0];
    }
    if (evaluation.items.some((i) => i.authorization === 'PROHIBITED')) {
      abort('PROHIBITED', `case ${input.caseId} is prohibited (a party is denied or blocked): it cannot be recorded as shipped`);
    }
    const date = input.date ?? doc.date;
    const at = nowIso(opts);
    const results = doc.items.map((item, index) => {
      const found = evaluation.items.find((i) => i.index === index);
      if (!found) return abort('INVALID_INPUT', `the determination has no result for item ${index}`, `$.items[${index}]`);
      return found;
    });
    const licensed: ShipmentLine[] = results
      .filter((r) => r.authorization === 'LICENSE')
      .map((r) => {
        const item = doc.items[r.index];
        return { itemIndex: r.index, eccn: r.eccn, quantity: item.quantity, tpp: item.quantity * (item.tppPerUnit ?? 0), valueUsd: item.unitValueUsd === undefined ? null : item.quantity * item.unitValueUsd };
      });
    let license: { id: number; number: string; draws: Draw[] } | null = null;
    if (licensed.length && !input.licenseNumber) {
      const first = licensed[0];
      abort('LICENSE_REQUIRED', `item ${first.itemIndex} (${first.eccn ?? 'no ECCN'}) ships under LICENSE (${evaluation.mode}): name the license that covers it`, '$.license');
    }
    if (input.licenseNumber !== undefined) {
      if (!licensed.length) abort('INVALID_INPUT', `no item of case ${input.caseId} ships under LICENSE in the ${evaluation.mode} evaluation: there is nothing to draw on license ${input.licenseNumber}`, '$.license');
      const rec = getLicense(db, input.licenseNumber);
      if (!rec) return abort('NOT_FOUND', `no license ${input.licenseNumber} is stored (add it first: tierline licenses add FILE.json)`, '$.license');
      const cover = checkCoverage({ license: rec.license, usage: licenseUsage(db, rec.id), date, endUser: doc.endUser.name, destination: doc.destination, lines: licensed });
      if (!cover.ok) return abort('NOT_COVERED', cover.reason, cover.path);
      license = { id: rec.id, number: rec.license.number, draws: cover.draws };
    }
    const shipmentIds = new Map<number, number>();
    doc.items.forEach((item, index) => {
      const found = results[index];
      const id = insertShipment(db, {
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
      shipmentIds.set(index, id);
    });
    if (license) for (const d of license.draws) insertDrawdown(db, license.id, shipmentIds.get(d.itemIndex)!, d);
    db.prepare("UPDATE cases SET status = 'shipped', updated_at = ? WHERE id = ?").run(at, input.caseId);
    const rows = (db.prepare(`SELECT * FROM shipments s WHERE case_id = ? AND source = 'recorded' AND ${NOT_REVERSED} ORDER BY item_idx`).all(input.caseId) as ShipmentRow[]).map(toRecord);
    appendAudit(
      db,
      {
        action: 'shipment.recorded',
        subject: `case:${input.caseId}`,
        details: {
          determinationId: det.id,
          mode: evaluation.mode,
          date,
          items: rows.map((r) => ({ tpp: r.tpp, authorization: r.authorization })),
          ...(license ? { license: license.number } : {}),
        },
        records: [
          recordRef(db, 'shipments', input.caseId),
          recordRef(db, 'case', input.caseId),
          ...(license ? [recordRef(db, 'drawdowns', license.id)] : []),
        ],
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
    if (db.prepare(`SELECT 1 FROM shipments s WHERE import_sha256 = ? AND source = 'imported' AND ${NOT_REVERSED} LIMIT 1`).get(importSha256)) {
      abort('DUPLICATE_IMPORT', 'this exact file has already been imported (reverse that import first to import it again)');
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

interface LedgerStatements {
  lpp: BetterSqlite3.Statement;
  allocation: BetterSqlite3.Statement;
  installed: BetterSqlite3.Statement;
  installedIn: BetterSqlite3.Statement;
  matching: BetterSqlite3.Statement;
}
const statements = new WeakMap<Db, LedgerStatements>();

function ledgerStatements(db: Db): LedgerStatements {
  let st = statements.get(db);
  if (!st) {
    // Each sum is one range scan of a covering index; `case_id IS NOT @ex` leaves out the case's own rows
    // (its recorded shipments and their reversals), and reversing entries (negative TPP) net out.
    st = {
      lpp: db.prepare(
        `SELECT total(tpp) FROM shipments INDEXED BY shipments_sum_by_consignee
          WHERE consignee_key = @key AND authorization = 'LPP' AND ship_date BETWEEN @from AND @to AND case_id IS NOT @ex`,
      ),
      allocation: db.prepare(
        `SELECT total(tpp) FROM shipments INDEXED BY shipments_sum_by_destination
          WHERE destination = @country AND authorization = 'LICENSE' AND ship_date BETWEEN @from AND @to AND case_id IS NOT @ex`,
      ),
      installed: db.prepare(
        `SELECT total(tpp) FROM shipments INDEXED BY shipments_sum_by_consignee
          WHERE consignee_key = @key AND authorization = @auth AND ship_date <= @to AND case_id IS NOT @ex`,
      ),
      installedIn: db.prepare(
        `SELECT total(tpp) FROM shipments INDEXED BY shipments_sum_by_consignee
          WHERE consignee_key = @key AND authorization = @auth AND ship_date <= @to AND destination = @country AND case_id IS NOT @ex`,
      ),
      matching: db.prepare(
        `SELECT total(CASE WHEN source = 'reversal' THEN -1 ELSE 1 END) FROM shipments INDEXED BY shipments_by_consignee_date
          WHERE consignee_key = @key AND ship_date = @date AND abs(abs(tpp) - @tpp) <= 1e-9 * max(1, @tpp) AND case_id IS NOT @ex`,
      ),
    };
    for (const s of Object.values(st)) s.pluck();
    statements.set(db, st);
  }
  return st;
}

/**
 * The ledger as the engine sees it when it evaluates a case: sums computed in SQL over indexed columns
 * (consignees by their stored `consignee_key`), so a case costs a few index range scans however many
 * shipments the store holds. `excludeCaseId` is the case being evaluated: its own recorded shipments are
 * that case, never priors (a shipped case evaluated again, or given a letter, must not count itself twice).
 */
export function ledgerFor(db: Db, q: { excludeCaseId?: number | null } = {}): LedgerTotals {
  const st = ledgerStatements(db);
  // Case ids start at 1, so 0 excludes nothing (and `case_id IS NOT 0` keeps the imported rows, whose case_id is NULL).
  const ex = q.excludeCaseId ?? 0;
  return {
    lppUsed: (key, from, to) => st.lpp.get({ key, from, to, ex }) as number,
    allocationUsed: (country, from, to) => st.allocation.get({ country, from, to, ex }) as number,
    installedUnder: (auth, key, country, to) =>
      (country === null ? st.installed.get({ key, auth, to, ex }) : st.installedIn.get({ key, auth, to, country, ex })) as number,
    matching: (s) => st.matching.get({ key: nameKey(s.consignee), date: s.date, tpp: s.tpp, ex }) as number,
  };
}

/** The shipments of the ledger that a case's sums rest on (for the ledger screen's rows behind a bar). */
export function ledgerRowsFor(db: Db, q: { consignee: string; destination: string; asOf: string }): LedgerShipment[] {
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

const REASON_MAX = 1000;

function checkReason(reason: unknown): Result<string> {
  if (typeof reason !== 'string' || reason.trim().length === 0) return fail('INVALID_INPUT', 'a reversing entry needs a reason', '$.reason');
  if (reason.trim().length > REASON_MAX) return fail('INVALID_INPUT', `the reason is longer than ${REASON_MAX} characters`, '$.reason');
  return { ok: true, value: reason.trim() };
}

function insertReversals(db: Db, rows: ShipmentRow[], reason: string, at: string): ShipmentRecord[] {
  const stmt = db.prepare(
    `INSERT INTO shipments (ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx,
                            import_sha256, reverses_id, reason, created_at)
     SELECT ship_date, destination, consignee, consignee_key, -tpp, authorization, 'reversal', case_id, item_idx,
            import_sha256, id, @reason, @at FROM shipments WHERE id = @id`,
  );
  const ids = rows.map((r) => Number(stmt.run({ id: r.id, reason, at }).lastInsertRowid));
  const get = db.prepare('SELECT * FROM shipments WHERE id = ?');
  return ids.map((id) => toRecord(get.get(id) as ShipmentRow));
}

function refreshCaseStatus(db: Db, caseId: number, at: string): void {
  const still = db.prepare(`SELECT 1 FROM shipments s WHERE case_id = ? AND source = 'recorded' AND ${NOT_REVERSED} LIMIT 1`).get(caseId);
  if (!still) db.prepare("UPDATE cases SET status = 'evaluated', updated_at = ? WHERE id = ? AND status = 'shipped'").run(at, caseId);
}

/**
 * Corrects the ledger without editing it: a reversing entry for one shipment row (same date, parties,
 * authorization and case, negative TPP) with a reason. A row is reversed at most once; a reversing entry
 * is not itself reversed (record the shipment again instead).
 */
export function reverseShipment(db: Db, input: { shipmentId: number; reason: string }, opts: WriteOptions): Result<ShipmentRecord> {
  const reason = checkReason(input.reason);
  if (!reason.ok) return reason;
  return write(db, () => {
    const row = db.prepare('SELECT s.*, (SELECT r.id FROM shipments r WHERE r.reverses_id = s.id) AS reversed_by FROM shipments s WHERE id = ?').get(input.shipmentId) as
      | ShipmentRow
      | undefined;
    if (!row) return abort('NOT_FOUND', `no shipment ${input.shipmentId}`, '$.shipmentId');
    if (row.source === 'reversal') abort('INVALID_INPUT', `shipment ${row.id} is itself a reversing entry; record the shipment again instead`, '$.shipmentId');
    if (row.reversed_by) abort('ALREADY_REVERSED', `shipment ${row.id} was already reversed by entry ${row.reversed_by}`, '$.shipmentId');
    const at = nowIso(opts);
    const [rev] = insertReversals(db, [row], reason.value, at);
    if (row.case_id !== null) refreshCaseStatus(db, row.case_id, at);
    const records =
      row.case_id !== null ? [recordRef(db, 'shipments', row.case_id), recordRef(db, 'case', row.case_id)] : [recordRef(db, 'import', row.import_sha256 ?? '')];
    appendAudit(db, { action: 'shipment.reversed', subject: `shipment:${row.id}`, details: { reversal: rev.id, tpp: row.tpp, reason: reason.value }, records }, { ...opts, at });
    return rev;
  });
}

/** Reverses every unreversed row a case recorded as shipped (the case may then be recorded again). */
export function reverseCaseShipment(db: Db, input: { caseId: number; reason: string }, opts: WriteOptions): Result<ShipmentRecord[]> {
  const reason = checkReason(input.reason);
  if (!reason.ok) return reason;
  return write(db, () => {
    const rows = db.prepare(`SELECT * FROM shipments s WHERE case_id = ? AND source = 'recorded' AND ${NOT_REVERSED} ORDER BY id`).all(input.caseId) as ShipmentRow[];
    if (rows.length === 0) return abort('NOT_FOUND', `case ${input.caseId} has no recorded shipment to reverse`, '$.caseId');
    const at = nowIso(opts);
    const revs = insertReversals(db, rows, reason.value, at);
    refreshCaseStatus(db, input.caseId, at);
    appendAudit(
      db,
      {
        action: 'shipment.reversed',
        subject: `case:${input.caseId}`,
        details: { rows: rows.length, reason: reason.value },
        records: [recordRef(db, 'shipments', input.caseId), recordRef(db, 'case', input.caseId)],
      },
      { ...opts, at },
    );
    return revs;
  });
}

/** Reverses a whole CSV import (every row still standing), with one reason. */
export function reverseImport(db: Db, input: { importSha256: string; reason: string }, opts: WriteOptions): Result<{ count: number }> {
  const reason = checkReason(input.reason);
  if (!reason.ok) return reason;
  return write(db, () => {
    const rows = db.prepare(`SELECT * FROM shipments s WHERE import_sha256 = ? AND source = 'imported' AND ${NOT_REVERSED} ORDER BY id`).all(input.importSha256) as ShipmentRow[];
    if (rows.length === 0) return abort('NOT_FOUND', `no standing import with sha256 ${input.importSha256}`, '$.importSha256');
    const at = nowIso(opts);
    insertReversals(db, rows, reason.value, at);
    appendAudit(
      db,
      {
        action: 'shipments.reversed',
        subject: `import:${input.importSha256}`,
        details: { count: rows.length, reason: reason.value },
        records: [recordRef(db, 'import', input.importSha256)],
      },
      { ...opts, at },
    );
    return { count: rows.length };
  });
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

/** Newest first (the ledger screen's filter, every row whether standing or reversed). */
export function listShipments(db: Db, f: ShipmentFilter = {}): ShipmentRecord[] {
  const rows = db
    .prepare(
      `SELECT s.*, (SELECT r.id FROM shipments r WHERE r.reverses_id = s.id) AS reversed_by FROM shipments s
       ${SHIPMENT_WHERE}
       ORDER BY ship_date DESC, id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({
      ...shipmentParams({ ...f, state: 'all' }),
      limit: Math.min(Math.max(Math.trunc(f.limit ?? 100), 1), 10_000),
      offset: Math.max(Math.trunc(f.offset ?? 0), 0),
    }) as ShipmentRow[];
  return rows.map(toRecord);
}
