// Licenses BIS granted (`licenses`, `license_items`) and what shipments under LICENSE drew on them
// (`license_drawdowns`). A license is a record: stored once, never edited. What remains on a line is a
// sum over drawdowns whose shipment still stands (a reversed shipment frees its drawdown).
import { canonicalJson } from '../../../shared/domain/canonical';
import { License, type Draw, type LineUsage } from '../../../shared/domain/license';
import { parseWith } from '../../../shared/domain/issues';
import { appendAudit } from './audit-repo';
import { recordRef } from './records';
import { nameKey } from './cases-repo';
import { sha256Hex } from './hash';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export interface LicenseRecord {
  id: number;
  license: License;
  sha256: string;
  determinationId: number | null;
  createdAt: string;
}

interface LicenseRow {
  id: number;
  document: string;
  sha256: string;
  determination_id: number | null;
  created_at: string;
}

const toRecord = (r: LicenseRow): LicenseRecord => ({
  id: r.id,
  license: JSON.parse(r.document) as License,
  sha256: r.sha256,
  determinationId: r.determination_id,
  createdAt: r.created_at,
});

/** Stores a license document (`tierline.license/1`); bad input names the JSON path and stores nothing. */
export function addLicense(db: Db, doc: unknown, opts: WriteOptions): Result<LicenseRecord> {
  const parsed = parseWith(License, doc);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return fail('INVALID_INPUT', `not a valid license: ${first.path}: ${first.message}`, first.path, parsed.errors);
  }
  const l = parsed.value;
  const text = canonicalJson(l);
  const sha256 = sha256Hex(text);
  return write(db, () => {
    if (db.prepare('SELECT 1 FROM licenses WHERE number = ?').get(l.number)) abort('CONFLICT', `license ${l.number} is already stored`, '$.number');
    const detId = l.determination?.determinationId ?? null;
    if (detId !== null) {
      const det = db.prepare('SELECT case_id FROM determinations WHERE id = ?').get(detId) as { case_id: number } | undefined;
      if (!det) abort('NOT_FOUND', `no determination ${detId}`, '$.determination.determinationId');
      if (l.determination?.caseId !== undefined && l.determination.caseId !== det.case_id) {
        abort('INVALID_INPUT', `determination ${detId} belongs to case ${det.case_id}, not ${l.determination.caseId}`, '$.determination.caseId');
      }
    } else if (l.determination?.caseId !== undefined && !db.prepare('SELECT 1 FROM cases WHERE id = ?').get(l.determination.caseId)) {
      abort('NOT_FOUND', `no case ${l.determination.caseId}`, '$.determination.caseId');
    }
    const at = nowIso(opts);
    const id = Number(
      db
        .prepare(
          `INSERT INTO licenses (number, issued, expires, destination, end_user_key, consignee_key, determination_id, document, sha256, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(l.number, l.issued, l.expires, l.destination, nameKey(l.endUser.name), nameKey(l.consignee.name), detId, text, sha256, at).lastInsertRowid,
    );
    const item = db.prepare('INSERT INTO license_items (license_id, idx, eccn, quantity, tpp_limit, value_limit_usd) VALUES (?, ?, ?, ?, ?, ?)');
    l.items.forEach((it, i) => item.run(id, i, it.eccn, it.quantity, it.tppLimit ?? null, it.valueLimitUsd ?? null));
    appendAudit(
      db,
      {
        action: 'license.added',
        subject: `license:${l.number}`,
        details: { sha256, expires: l.expires, items: l.items.length, determinationId: detId },
        records: [recordRef(db, 'license', l.number), recordRef(db, 'license-items', id)],
      },
      { ...opts, at },
    );
    return { id, license: l, sha256, determinationId: detId, createdAt: at };
  });
}

export function getLicense(db: Db, number: string): LicenseRecord | null {
  const r = db.prepare('SELECT id, document, sha256, determination_id, created_at FROM licenses WHERE number = ?').get(number.trim()) as LicenseRow | undefined;
  return r ? toRecord(r) : null;
}

/** Newest expiry last; optionally only those for an end user and destination. */
export function listLicenses(db: Db, f: { endUser?: string; destination?: string } = {}): LicenseRecord[] {
  const rows = db
    .prepare(
      `SELECT id, document, sha256, determination_id, created_at FROM licenses
        WHERE (@key IS NULL OR end_user_key = @key) AND (@dest IS NULL OR destination = @dest)
        ORDER BY expires, number`,
    )
    .all({ key: f.endUser ? nameKey(f.endUser) : null, dest: f.destination ?? null }) as LicenseRow[];
  return rows.map(toRecord);
}

/** What standing shipments have drawn on each line of a license (index = line). */
export function licenseUsage(db: Db, licenseId: number): LineUsage[] {
  const lines = db.prepare('SELECT idx FROM license_items WHERE license_id = ? ORDER BY idx').pluck().all(licenseId) as number[];
  const sums = db
    .prepare(
      `SELECT d.item_idx AS idx, total(d.quantity) AS quantity, total(d.tpp) AS tpp, total(d.value_usd) AS value
         FROM license_drawdowns d
        WHERE d.license_id = ? AND NOT EXISTS (SELECT 1 FROM shipments r WHERE r.reverses_id = d.shipment_id)
        GROUP BY d.item_idx`,
    )
    .all(licenseId) as { idx: number; quantity: number; tpp: number; value: number }[];
  const by = new Map(sums.map((s) => [s.idx, s]));
  return lines.map((i) => ({ quantity: by.get(i)?.quantity ?? 0, tpp: by.get(i)?.tpp ?? 0, valueUsd: by.get(i)?.value ?? 0 }));
}

/** Records what one shipment row drew on a license line (inside the shipment's transaction). */
export function insertDrawdown(db: Db, licenseId: number, shipmentId: number, d: Draw): void {
  db.prepare('INSERT INTO license_drawdowns (license_id, item_idx, shipment_id, quantity, tpp, value_usd) VALUES (?, ?, ?, ?, ?, ?)').run(
    licenseId,
    d.licenseItem,
    shipmentId,
    d.quantity,
    d.tpp,
    d.valueUsd,
  );
}

/** The license a shipment row drew on, if any. */
export function drawdownOf(db: Db, shipmentId: number): { number: string; line: number } | null {
  const r = db
    .prepare('SELECT l.number, d.item_idx FROM license_drawdowns d JOIN licenses l ON l.id = d.license_id WHERE d.shipment_id = ?')
    .get(shipmentId) as { number: string; item_idx: number } | undefined;
  return r ? { number: r.number, line: r.item_idx } : null;
}
