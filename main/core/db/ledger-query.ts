// Reads for the ledger screen: the rows behind each bar (filtered by destination, consignee, year,
// authorization, reversed or standing, case or import), the CSV imports with how many rows still stand,
// and what was drawn on a license. Read-only.
import type { Authorization } from '../../../shared/domain/case';
import { nameKey } from './cases-repo';
import type { Db } from './types';

export interface LedgerRowsFilter {
  destination?: string;
  source?: LedgerRowRecord['source'];
  consignee?: string;
  authorization?: Authorization;
  year?: number;
  dateFrom?: string;
  dateTo?: string;
  state?: 'all' | 'standing' | 'reversed';
  caseId?: number;
  importSha256?: string;
  offset?: number;
  limit?: number;
}

export interface LedgerRowRecord {
  id: number;
  date: string;
  destination: string;
  consignee: string;
  tpp: number;
  authorization: Authorization;
  source: 'recorded' | 'imported' | 'reversal';
  caseId: number | null;
  itemIndex: number | null;
  importSha256: string | null;
  reversesId: number | null;
  reason: string | null;
  reversedBy: number | null;
  license: { number: string; line: number } | null;
  createdAt: string;
}

interface Row {
  id: number;
  ship_date: string;
  destination: string;
  consignee: string;
  tpp: number;
  authorization: Authorization;
  source: LedgerRowRecord['source'];
  case_id: number | null;
  item_idx: number | null;
  import_sha256: string | null;
  reverses_id: number | null;
  reason: string | null;
  reversed_by: number | null;
  license_number: string | null;
  license_line: number | null;
  created_at: string;
}

/** The one filter over the ledger (alias `s`): the ledger screen's rows, the CLI's list and the export. */
export const SHIPMENT_WHERE = `
  WHERE (@destination IS NULL OR s.destination = @destination)
    AND (@source IS NULL OR s.source = @source)
    AND (@key IS NULL OR s.consignee_key = @key)
    AND (@auth IS NULL OR s.authorization = @auth)
    AND (@from IS NULL OR s.ship_date >= @from)
    AND (@to IS NULL OR s.ship_date <= @to)
    AND (@caseId IS NULL OR s.case_id = @caseId)
    AND (@sha IS NULL OR s.import_sha256 = @sha)
    AND (@state = 'all'
      OR (@state = 'standing' AND s.source <> 'reversal' AND NOT EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = s.id))
      OR (@state = 'reversed' AND (s.source = 'reversal' OR EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = s.id))))`;

/** The named parameters SHIPMENT_WHERE reads, from a filter (a year narrows the dates it is given). */
export function shipmentParams(f: Omit<LedgerRowsFilter, 'offset' | 'limit'>) {
  const from = [f.dateFrom, f.year === undefined ? undefined : `${f.year}-01-01`].filter((x): x is string => !!x).sort().pop() ?? null;
  const to = [f.dateTo, f.year === undefined ? undefined : `${f.year}-12-31`].filter((x): x is string => !!x).sort()[0] ?? null;
  return {
    destination: f.destination ?? null,
    source: f.source ?? null,
    key: f.consignee ? nameKey(f.consignee) : null,
    auth: f.authorization ?? null,
    from,
    to,
    caseId: f.caseId ?? null,
    sha: f.importSha256 ?? null,
    state: f.state ?? 'all',
  };
}

/** Newest first, with the total that match. */
export function ledgerRows(db: Db, f: LedgerRowsFilter = {}): { total: number; rows: LedgerRowRecord[] } {
  const p = shipmentParams(f);
  const total = db.prepare(`SELECT count(*) FROM shipments s ${SHIPMENT_WHERE}`).pluck().get(p) as number;
  const rows = db
    .prepare(
      `SELECT s.*, (SELECT r.id FROM shipments r WHERE r.reverses_id = s.id) AS reversed_by,
              l.number AS license_number, d.item_idx AS license_line
         FROM shipments s
         LEFT JOIN license_drawdowns d ON d.shipment_id = COALESCE(s.reverses_id, s.id)
         LEFT JOIN licenses l ON l.id = d.license_id
         ${SHIPMENT_WHERE}
        ORDER BY s.ship_date DESC, s.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...p, limit: Math.min(Math.max(Math.trunc(f.limit ?? 500), 1), 5000), offset: Math.max(Math.trunc(f.offset ?? 0), 0) }) as Row[];
  return {
    total,
    rows: rows.map((r) => ({
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
      reversedBy: r.reversed_by,
      license: r.license_number === null || r.license_line === null ? null : { number: r.license_number, line: r.license_line },
      createdAt: r.created_at,
    })),
  };
}

export interface LedgerImportRecord {
  sha256: string;
  fileName: string | null;
  importedAt: string;
  rows: number;
  standing: number;
  tpp: number;
}

/** Every CSV import, newest first: its file name (from the audit entry), rows, rows still standing, TPP standing. */
export function ledgerImports(db: Db): LedgerImportRecord[] {
  const rows = db
    .prepare(
      `SELECT s.import_sha256 AS sha256, min(s.created_at) AS imported_at, count(*) AS rows,
              sum(CASE WHEN NOT EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = s.id) THEN 1 ELSE 0 END) AS standing,
              total(CASE WHEN NOT EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = s.id) THEN s.tpp ELSE 0 END) AS tpp
         FROM shipments s WHERE s.source = 'imported' AND s.import_sha256 IS NOT NULL
        GROUP BY s.import_sha256 ORDER BY imported_at DESC`,
    )
    .all() as { sha256: string; imported_at: string; rows: number; standing: number; tpp: number }[];
  const nameOf = db.prepare(`SELECT details FROM audit_log WHERE action = 'shipments.imported' AND subject = ? ORDER BY seq DESC LIMIT 1`).pluck();
  return rows.map((r) => {
    let fileName: string | null = null;
    try {
      const d = JSON.parse((nameOf.get(`import:${r.sha256}`) as string | undefined) ?? 'null') as { fileName?: unknown } | null;
      if (typeof d?.fileName === 'string') fileName = d.fileName;
    } catch {
      /* an audit detail that does not read leaves the name unknown */
    }
    return { sha256: r.sha256, fileName, importedAt: r.imported_at, rows: r.rows, standing: r.standing, tpp: r.tpp };
  });
}

export interface DrawdownRecord {
  shipmentId: number;
  caseId: number | null;
  date: string;
  line: number;
  quantity: number;
  tpp: number;
  valueUsd: number | null;
  reversed: boolean;
}

/** What shipments drew on a license, oldest first; a reversed shipment's drawdown no longer counts. */
export function licenseDrawdowns(db: Db, licenseId: number): DrawdownRecord[] {
  const rows = db
    .prepare(
      `SELECT d.shipment_id, s.case_id, s.ship_date, d.item_idx, d.quantity, d.tpp, d.value_usd,
              EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = d.shipment_id) AS reversed
         FROM license_drawdowns d JOIN shipments s ON s.id = d.shipment_id
        WHERE d.license_id = ? ORDER BY s.ship_date, d.shipment_id`,
    )
    .all(licenseId) as { shipment_id: number; case_id: number | null; ship_date: string; item_idx: number; quantity: number; tpp: number; value_usd: number | null; reversed: number }[];
  return rows.map((r) => ({ shipmentId: r.shipment_id, caseId: r.case_id, date: r.ship_date, line: r.item_idx, quantity: r.quantity, tpp: r.tpp, valueUsd: r.value_usd, reversed: r.reversed === 1 }));
}
