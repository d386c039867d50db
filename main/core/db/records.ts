// The records the audit chain vouches for. Every stored record (a case, the items of a case, a
// determination, a letter…) has a canonical content computed from its row; the audit entry that creates
// or changes it carries that content's sha256 in `details.records` ({"case:12": "<sha256>"}), so the
// chain, which is itself hashed, covers the data and not only itself. `verifyRecords` recomputes every
// record from its row and compares with the last entry that named it: a row edited, deleted or inserted
// behind Tierline's back (triggers dropped, file edited) no longer matches.
//
// THE REGISTRY: a table that holds records is listed once in RECORD_KINDS below (or, if it holds only
// derived data, in UNCHAINED_TABLES with the reason). A test fails while any table is in neither list.
// A repository then names the records each write creates or changes:
//   appendAudit(db, { action, subject, details, records: [recordRef(db, 'case', id)] }, opts)
import { canonicalJson } from '../../../shared/domain/canonical';
import { expandDocument, MissingPart, PartsCheck } from './determination-parts';
import { sha256Hex } from './hash';
import { LATEST_VERSION } from './migrations/index';
import type { Db } from './types';

export interface RecordKind {
  /** How audit entries name a record of this kind: `${kind}:${key}`. Never reuse or rename one. */
  kind: string;
  table: string;
  /** SQL expression (over the table's columns) giving the record's key; with `where`, a plain column is best (indexed lookups). */
  key: string;
  /** Rows that belong to this kind (when a table holds several kinds). */
  where?: string;
  /** The columns of the canonical content (rows are read back from SQLite, so the write and the check see the same values). */
  columns: readonly string[];
  /**
   * Large columns entered by their sha256 instead of their text (column → content field). A writer that has
   * just hashed the value passes the digest to `recordRef`, so nothing large is read back or hashed twice.
   */
  digests?: Readonly<Record<string, string>>;
  /** Large columns whose sha256 is already a content column (column → digest column); the check recomputes it. */
  stored?: Readonly<Record<string, string>>;
  /** Many rows form one record (the items of a case): their order inside the record. */
  groupOrder?: string;
  /**
   * Large columns stored in a compact form: the digest is of the text they expand to (column → how). A
   * determination's document names its repeated parts (determination-parts.ts); its digest is of the
   * document as exported, so a part edited or deleted changes the determination.
   */
  expand?: Readonly<Record<string, 'determination-document'>>;
}

/**
 * Every record kind, in the order `verifyRecords` checks them. To chain a new table (licenses, screening
 * decisions, catalogue…): add one entry here in the same change as its migration, and pass
 * `recordRef(db, '<kind>', key)` to the `appendAudit` of every write that touches it.
 */
const SHIPMENT_COLUMNS = [
  'id', 'ship_date', 'destination', 'consignee', 'consignee_key', 'tpp', 'authorization', 'source', 'case_id', 'item_idx',
  'import_sha256', 'reverses_id', 'reason', 'created_at',
] as const;

export const RECORD_KINDS: readonly RecordKind[] = [
  { kind: 'pack', table: 'rule_packs', key: "id || '@' || version", columns: ['id', 'version', 'mode', 'title', 'issued', 'coverage_from', 'sha256', 'key_id', 'imported_at'], digests: { signed_json: 'signedJsonSha256' } },
  // A stored pack version the officer took out of use (the pack row stays; see migration 0010).
  { kind: 'pack-deactivation', table: 'pack_deactivations', key: "pack_id || '@' || version", columns: ['pack_id', 'version', 'reason', 'actor', 'deactivated_at'] },
  { kind: 'party', table: 'parties', key: 'id', columns: ['id', 'name', 'name_key', 'headquarters', 'ultimate_parent_hq', 'type', 'created_at'] },
  {
    kind: 'case',
    table: 'cases',
    key: 'id',
    columns: ['id', 'reference', 'case_date', 'destination', 'mode', 'status', 'outcome', 'party_id', 'item_count', 'sha256', 'search_text', 'created_at', 'updated_at'],
    stored: { document: 'sha256' },
  },
  { kind: 'items', table: 'items', key: 'case_id', columns: ['idx', 'kind', 'eccn', 'description', 'quantity', 'tpp_per_unit', 'datacenter'], groupOrder: 'idx' },
  {
    kind: 'determination',
    table: 'determinations',
    key: 'id',
    columns: ['id', 'case_id', 'case_sha256', 'created_at', 'as_of', 'pack_refs', 'license_required', 'authorizations', 'actor'],
    digests: { document: 'documentSha256' },
    expand: { document: 'determination-document' },
  },
  // The ledger: a case's recorded shipments with their reversing entries, and each imported history
  // with its reversals (a reversal copies case_id or import_sha256 from the row it reverses).
  {
    kind: 'shipments',
    table: 'shipments',
    key: 'case_id',
    where: 'case_id IS NOT NULL',
    columns: SHIPMENT_COLUMNS,
    groupOrder: 'id',
  },
  {
    kind: 'import',
    table: 'shipments',
    key: 'import_sha256',
    where: 'case_id IS NULL AND import_sha256 IS NOT NULL',
    columns: SHIPMENT_COLUMNS,
    groupOrder: 'id',
  },
  {
    kind: 'letter',
    table: 'letters',
    key: 'number',
    columns: ['id', 'number', 'year', 'seq', 'case_id', 'determination_id', 'pdf_sha256', 'status', 'superseded_by', 'void_reason', 'issued_at', 'officer', 'status_changed_at'],
    stored: { pdf: 'pdf_sha256' },
  },
  {
    kind: 'product',
    table: 'products',
    key: 'id',
    columns: [
      'id', 'part_number', 'part_key', 'version', 'description', 'kind', 'eccn', 'tpp_per_unit', 'performance_density', 'die_area_mm2',
      'ics', 'datacenter', 'approved_designer', 'dram_bandwidth_gbs', 'source', 'note', 'sha256', 'created_at', 'actor',
    ],
  },
  // Which catalogue entry and version filled each item of a case document (keyed by the document's sha256).
  { kind: 'products-used', table: 'case_item_products', key: 'case_sha256', columns: ['idx', 'part_number', 'product_id', 'builtin', 'version', 'product_sha256'], groupOrder: 'idx' },
  // Licenses BIS granted (the stored document by its sha256), their lines, and what shipments drew on each.
  {
    kind: 'license',
    table: 'licenses',
    key: 'number',
    columns: ['id', 'number', 'issued', 'expires', 'destination', 'end_user_key', 'consignee_key', 'determination_id', 'sha256', 'created_at'],
    stored: { document: 'sha256' },
  },
  { kind: 'license-items', table: 'license_items', key: 'license_id', columns: ['idx', 'eccn', 'quantity', 'tpp_limit', 'value_limit_usd'], groupOrder: 'idx' },
  { kind: 'drawdowns', table: 'license_drawdowns', key: 'license_id', columns: ['id', 'item_idx', 'shipment_id', 'quantity', 'tpp', 'value_usd'], groupOrder: 'id' },
  // Screening: each list snapshot as imported (its entries, the name forms and index the matcher searches,
  // so a suppressed match is caught too), the settings, and the officers' decisions.
  {
    kind: 'list',
    table: 'list_snapshots',
    key: 'id',
    columns: ['id', 'sha256', 'list_date', 'file_name', 'format', 'entry_count', 'sources', 'imported_at', 'imported_by'],
  },
  {
    kind: 'list-entries',
    table: 'list_entries',
    key: 'snapshot_id',
    columns: [
      'idx', 'entry_id', 'list_code', 'source', 'entity_number', 'type', 'name', 'countries', 'license_requirement', 'license_policy',
      'federal_register_notice', 'entry_sha256', 'raw',
    ],
    groupOrder: 'idx',
  },
  { kind: 'list-names', table: 'list_names', key: 'snapshot_id', columns: ['form_id', 'entry_idx', 'name', 'how', 'tokens'], groupOrder: 'form_id' },
  { kind: 'list-deletes', table: 'list_token_deletes', key: 'snapshot_id', columns: ['key', 'token_id'], groupOrder: 'key, token_id' },
  { kind: 'list-index', table: 'list_index', key: 'snapshot_id', columns: ['snapshot_id', 'version', 'build_ms'], digests: { data: 'dataSha256' } },
  { kind: 'screening-setting', table: 'screening_settings', key: 'key', columns: ['key', 'value'] },
  {
    kind: 'screening-decision',
    table: 'screening_decisions',
    key: 'id',
    columns: ['id', 'party_key', 'party_name', 'list_code', 'entry_id', 'entry_sha256', 'verdict', 'reason', 'snapshot_id', 'case_id', 'decided_by', 'decided_at'],
  },
  { kind: 'key', table: 'trusted_keys', key: 'fingerprint', columns: ['fingerprint', 'subject', 'pem', 'added_at', 'removed_at'] },
  { kind: 'identity', table: 'signing_identity', key: 'id', columns: ['id', 'certificate_pem', 'fingerprint', 'created_at'], digests: { p12: 'p12Sha256' } },
];

/** Tables that hold no records of their own, and why. Anything else must be in RECORD_KINDS. */
export const UNCHAINED_TABLES: Readonly<Record<string, string>> = {
  audit_log: 'the chain itself',
  determination_parts:
    'parts of compact determination documents: verify expands every document from them and checks the digest its entry recorded; a part no document names is reported',
  cases_search: 'full-text index rebuilt from cases.search_text (which is chained)',
  cases_search_config: 'full-text index internals',
  cases_search_data: 'full-text index internals',
  cases_search_docsize: 'full-text index internals',
  cases_search_idx: 'full-text index internals',
};

/** One record named in an audit entry: `kind:key` and its content hash (null: the record was deleted). */
export type RecordRef = readonly [ref: string, hash: string | null];

export function kindOf(kind: string): RecordKind {
  const k = RECORD_KINDS.find((r) => r.kind === kind);
  if (!k) throw new Error(`no record kind "${kind}" is registered in main/core/db/records.ts`);
  return k;
}

const KEY = '__record_key';

function selectSql(k: RecordKind, opts: { one: boolean; large: readonly string[] }): string {
  const cols = [`CAST(${k.key} AS TEXT) AS ${KEY}`, ...k.columns, ...opts.large].join(', ');
  const where = [k.where, opts.one ? `${k.key} = ?` : null].filter(Boolean).join(' AND ');
  const order = opts.one ? (k.groupOrder ?? '') : [KEY, k.groupOrder].filter(Boolean).join(', ');
  return `SELECT ${cols} FROM ${k.table}${where ? ` WHERE ${where}` : ''}${order ? ` ORDER BY ${order}` : ''}`;
}

function digestOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || value instanceof Uint8Array) return sha256Hex(value);
  return sha256Hex(String(value));
}

function pick(k: RecordKind, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of k.columns) out[c] = row[c] ?? null;
  return out;
}

/** The sha256 of a record's canonical content: `{kind, content}` with large columns as their digests. */
export function recordHash(k: RecordKind, content: unknown): string {
  return sha256Hex(canonicalJson({ kind: k.kind, content }));
}

/** The text a large column's digest is taken over (its expansion when it is stored compactly). */
function largeValue(db: Db, k: RecordKind, col: string, row: Record<string, unknown>, check?: PartsCheck): unknown {
  const value = row[col];
  if (k.expand?.[col] === undefined || typeof value !== 'string') return value;
  const facts = { caseSha256: row.case_sha256 as string, asOf: row.as_of as string };
  return check ? check.fullText(value, facts) : JSON.stringify(expandDocument(db, value, facts));
}

function singleContent(db: Db, k: RecordKind, row: Record<string, unknown>, digests: Readonly<Record<string, string>>, check?: PartsCheck): Record<string, unknown> {
  const content = pick(k, row);
  for (const [col, field] of Object.entries(k.digests ?? {})) content[field] = digests[col] ?? digestOf(largeValue(db, k, col, row, check));
  return content;
}

/**
 * The reference an audit entry carries for a record as it now stands in the store (call it after the
 * write, inside the same transaction). `digests` gives the sha256 of large columns the caller has just
 * written (column → hex), so they are not read back; missing ones are read and hashed.
 */
export function recordRef(db: Db, kind: string, key: string | number, digests: Readonly<Record<string, string>> = {}): RecordRef {
  const k = kindOf(kind);
  const ref = `${k.kind}:${key}`;
  if (k.groupOrder !== undefined) {
    const rows = db.prepare(selectSql(k, { one: true, large: [] })).all(key) as Record<string, unknown>[];
    return [ref, rows.length ? recordHash(k, rows.map((r) => pick(k, r))) : null];
  }
  const missing = Object.keys(k.digests ?? {}).filter((c) => digests[c] === undefined);
  const row = db.prepare(selectSql(k, { one: true, large: missing })).get(key) as Record<string, unknown> | undefined;
  return [ref, row ? recordHash(k, singleContent(db, k, row, digests)) : null];
}

export interface StoredRecord {
  kind: RecordKind;
  key: string;
  hash: string;
  /** Set when a stored digest column disagrees with the large column it stands for. */
  inconsistent?: string;
}

/** Every record in the store, computed from its rows (large columns read and hashed). */
/**
 * The kinds whose table this store has. While a store is being migrated (an older schema), a kind that a
 * later migration introduces is not there yet; in a current store every table must be, and a dropped one
 * makes verification fail on the missing table rather than pass without it.
 */
function kindsPresent(db: Db): readonly RecordKind[] {
  if ((db.pragma('user_version', { simple: true }) as number) >= LATEST_VERSION) return RECORD_KINDS;
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return RECORD_KINDS.filter((k) => tables.has(k.table));
}

/**
 * `check` (optional) reads compact columns' parts from the table itself and notes which are used, so the
 * caller can then report parts no record names (PartsCheck.problems).
 */
export function* storedRecords(db: Db, check: PartsCheck = new PartsCheck(db)): Generator<StoredRecord> {
  for (const k of kindsPresent(db)) {
    const large = [...Object.keys(k.digests ?? {}), ...Object.keys(k.stored ?? {})];
    const rows = db.prepare(selectSql(k, { one: false, large })).iterate() as IterableIterator<Record<string, unknown>>;
    if (k.groupOrder !== undefined) {
      let key: string | null = null;
      let group: Record<string, unknown>[] = [];
      for (const r of rows) {
        const rk = String(r[KEY]);
        if (key !== null && rk !== key) {
          yield { kind: k, key, hash: recordHash(k, group) };
          group = [];
        }
        key = rk;
        group.push(pick(k, r));
      }
      if (key !== null) yield { kind: k, key, hash: recordHash(k, group) };
      continue;
    }
    for (const r of rows) {
      let rec: StoredRecord;
      try {
        rec = { kind: k, key: String(r[KEY]), hash: recordHash(k, singleContent(db, k, r, {}, check)) };
      } catch (e) {
        if (!(e instanceof MissingPart)) throw e;
        rec = { kind: k, key: String(r[KEY]), hash: 'missing', inconsistent: `its document names ${e.message}` };
      }
      for (const [col, digestCol] of Object.entries(k.stored ?? {})) {
        if (digestOf(r[col]) !== r[digestCol]) rec.inconsistent = `its ${col} no longer hashes to its ${digestCol}`;
      }
      yield rec;
    }
  }
}

/** Rows of each chained table that no registered kind covers (a row slipped in under another source, say). */
export function uncoveredRows(db: Db): { table: string; rows: number }[] {
  const out: { table: string; rows: number }[] = [];
  const present = kindsPresent(db);
  for (const table of new Set(present.map((k) => k.table))) {
    const total = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const kinds = present.filter((k) => k.table === table);
    const covered = kinds.some((k) => k.where === undefined)
      ? total
      : (db.prepare(`SELECT count(*) FROM ${table} WHERE ${kinds.map((k) => `(${k.where})`).join(' OR ')}`).pluck().get() as number);
    if (covered < total) out.push({ table, rows: total - covered });
  }
  return out;
}

/** Every record now stored, as references (used to seal a store's records into the chain once). */
export function allRecordRefs(db: Db): RecordRef[] {
  const out: RecordRef[] = [];
  for (const r of storedRecords(db)) out.push([`${r.kind.kind}:${r.key}`, r.hash]);
  return out;
}
