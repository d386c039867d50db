// Cases and their parties and line items. The case document is stored as the canonical JSON of what was
// imported, with its sha256; the columns beside it are copies for listing and filtering. Re-importing an
// identical document finds the existing case instead of making a second one.
import { canonicalJson } from '../../../shared/domain/canonical';
import { Case, nameKey, type EndUser, type EvaluationMode } from '../../../shared/domain/case';
import { parseWith } from '../../../shared/domain/issues';
import { appendAudit } from './audit-repo';
import { recordItemProducts, type UsedProduct } from './products-repo';
import { recordRef, type RecordRef } from './records';
import { sha256Hex } from './hash';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export const CASE_STATUSES = ['draft', 'evaluated', 'shipped', 'archived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OUTCOMES = ['license_required', 'no_license_required'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface Party {
  id: number;
  name: string;
  headquarters: string;
  ultimateParentHeadquarters: string;
  type: string | null;
}

export interface CaseSummary {
  id: number;
  reference: string | null;
  date: string;
  destination: string;
  mode: EvaluationMode | null;
  status: CaseStatus;
  /** From the latest determination of the current document; null until evaluated. */
  outcome: CaseOutcome | null;
  endUserName: string;
  itemCount: number;
  sha256: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseRecord extends CaseSummary {
  party: Party;
  document: Case;
  /** The canonical JSON text the sha256 is taken over. */
  documentText: string;
}

interface CaseRow {
  id: number;
  reference: string | null;
  case_date: string;
  destination: string;
  mode: EvaluationMode | null;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  party_id: number;
  item_count: number;
  sha256: string;
  created_at: string;
  updated_at: string;
  party_name: string;
  document?: string;
  party_hq?: string;
  party_parent_hq?: string;
  party_type?: string | null;
}

// Parties and ledger consignees are matched with the engine's own key (case-, width-, spacing-insensitive).
export { nameKey };

function toSummary(r: CaseRow): CaseSummary {
  return {
    id: r.id,
    reference: r.reference,
    date: r.case_date,
    destination: r.destination,
    mode: r.mode,
    status: r.status,
    outcome: r.outcome,
    endUserName: r.party_name,
    itemCount: r.item_count,
    sha256: r.sha256,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A case the caller has already parsed and canonicalized (the evaluate services), so it is not done twice. */
export interface ValidatedCase {
  doc: Case;
  text: string;
}

function validateCase(caseDoc: unknown, sha256: string, validated?: ValidatedCase): Result<{ doc: Case; text: string }> {
  if (validated) {
    const actual = sha256Hex(validated.text);
    if (sha256 !== actual) return fail('SHA256_MISMATCH', `the case's canonical JSON hashes to ${actual}, not ${sha256}`, '$');
    return { ok: true, value: validated };
  }
  const parsed = parseWith(Case, caseDoc);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return fail('INVALID_INPUT', `not a valid case: ${first.path}: ${first.message}`, first.path, parsed.errors);
  }
  const text = canonicalJson(caseDoc);
  const actual = sha256Hex(text);
  if (sha256 !== actual) {
    return fail('SHA256_MISMATCH', `the case's canonical JSON hashes to ${actual}, not ${sha256}`, '$');
  }
  return { ok: true, value: { doc: parsed.value, text } };
}

function upsertParty(db: Db, endUser: EndUser, at: string): number {
  const key = nameKey(endUser.name);
  const parentHq = endUser.ultimateParentHeadquarters ?? endUser.headquarters;
  const existing = db
    .prepare('SELECT id FROM parties WHERE name_key = ? AND headquarters = ? AND ultimate_parent_hq = ?')
    .pluck()
    .get(key, endUser.headquarters, parentHq) as number | undefined;
  if (existing !== undefined) return existing;
  return Number(
    db
      .prepare('INSERT INTO parties (name, name_key, headquarters, ultimate_parent_hq, type, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(endUser.name.trim(), key, endUser.headquarters, parentHq, endUser.type ?? null, at).lastInsertRowid,
  );
}

/** What the case list's search matches: the reference, the end user's name and the items' ECCNs. */
export function caseSearchText(doc: Case): string {
  return nameKey([doc.reference ?? '', doc.endUser.name, ...doc.items.map((i) => i.eccn ?? '')].join(' '));
}

function insertItems(db: Db, caseId: number, doc: Case): void {
  const stmt = db.prepare(
    `INSERT INTO items (case_id, idx, kind, eccn, description, quantity, tpp_per_unit, datacenter)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  doc.items.forEach((item, idx) => {
    const datacenter = item.datacenter === undefined ? null : item.datacenter ? 1 : 0;
    stmt.run(caseId, idx, item.kind, item.eccn ?? null, item.description ?? null, item.quantity, item.tppPerUnit ?? null, datacenter);
  });
}

/** The id of the case holding exactly this document, if any. */
export function caseIdBySha(db: Db, sha256: string): number | undefined {
  return db.prepare('SELECT id FROM cases WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
}

/** A new case whose audit entry is left to the caller, who files its determination in the same entry. */
export interface DeferredCaseAudit {
  details: Record<string, unknown>;
  records: RecordRef[];
}

/**
 * Imports or creates a case. `caseDoc` is the `tierline.case/1` document as received; `sha256` the hex
 * digest of its canonical JSON (checked). An identical document already stored returns that case.
 * With `evaluated` (the batch path, which evaluates first), a new case is stored evaluated with that
 * outcome and its audit entry is not written but returned (`deferred`), for insertDetermination to write
 * one entry for both: one row and one audit entry per case instead of an insert, an update and two.
 */
export function saveCase(
  db: Db,
  caseDoc: unknown,
  sha256: string,
  opts: WriteOptions & { validated?: ValidatedCase; usedProducts?: readonly UsedProduct[]; evaluated?: CaseOutcome },
): Result<{ id: number; created: boolean; deferred?: DeferredCaseAudit }> {
  const valid = validateCase(caseDoc, sha256, opts.validated);
  if (!valid.ok) return valid;
  const { doc, text } = valid.value;
  return write(db, () => {
    const existing = caseIdBySha(db, sha256);
    if (existing !== undefined) return { id: existing, created: false };
    const at = nowIso(opts);
    const partyId = upsertParty(db, doc.endUser, at);
    const id = Number(
      db
        .prepare(
          `INSERT INTO cases (reference, case_date, destination, mode, status, outcome, party_id, item_count, document, sha256,
                              search_text, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          doc.reference ?? null, doc.date, doc.destination, doc.mode ?? null, opts.evaluated ? 'evaluated' : 'draft', opts.evaluated ?? null, partyId,
          doc.items.length, text, sha256, caseSearchText(doc), at, at,
        )
        .lastInsertRowid,
    );
    insertItems(db, id, doc);
    const records: RecordRef[] = [recordRef(db, 'party', partyId), recordRef(db, 'case', id), recordRef(db, 'items', id)];
    // Which catalogue versions filled the items: part of the same record-keeping write.
    if (opts.usedProducts?.length) {
      recordItemProducts(db, sha256, opts.usedProducts);
      records.push(recordRef(db, 'products-used', sha256));
    }
    if (opts.evaluated) return { id, created: true, deferred: { details: { reference: doc.reference ?? null, items: doc.items.length }, records } };
    appendAudit(db, { action: 'case.created', subject: `case:${id}`, details: { sha256, reference: doc.reference ?? null, items: doc.items.length }, records }, { ...opts, at });
    return { id, created: true };
  });
}

/**
 * Replaces a case's document (an edit in the app). The case goes back to draft: its determinations stay,
 * but they answer for the old document's sha256. A shipped case is a record and cannot change.
 */
export function updateCase(
  db: Db,
  id: number,
  caseDoc: unknown,
  sha256: string,
  opts: WriteOptions,
): Result<{ id: number; changed: boolean }> {
  const valid = validateCase(caseDoc, sha256);
  if (!valid.ok) return valid;
  const { doc, text } = valid.value;
  return write(db, () => {
    const current = db.prepare('SELECT status, sha256 FROM cases WHERE id = ?').get(id) as
      | { status: CaseStatus; sha256: string }
      | undefined;
    if (!current) return abort('NOT_FOUND', `no case ${id}`);
    if (current.sha256 === sha256) return { id, changed: false };
    if (current.status === 'shipped') abort('ALREADY_SHIPPED', `case ${id} is recorded as shipped and can no longer change`);
    const other = caseIdBySha(db, sha256);
    if (other !== undefined) abort('CONFLICT', `case ${other} already holds this exact document`);
    const at = nowIso(opts);
    const partyId = upsertParty(db, doc.endUser, at);
    db.prepare('DELETE FROM items WHERE case_id = ?').run(id);
    db.prepare(
      `UPDATE cases SET reference = ?, case_date = ?, destination = ?, mode = ?, status = 'draft', outcome = NULL,
              party_id = ?, item_count = ?, document = ?, sha256 = ?, search_text = ?, updated_at = ?
       WHERE id = ?`,
    ).run(doc.reference ?? null, doc.date, doc.destination, doc.mode ?? null, partyId, doc.items.length, text, sha256, caseSearchText(doc), at, id);
    insertItems(db, id, doc);
    appendAudit(
      db,
      {
        action: 'case.changed',
        subject: `case:${id}`,
        details: { from: current.sha256, to: sha256, items: doc.items.length },
        records: [recordRef(db, 'party', partyId), recordRef(db, 'case', id), recordRef(db, 'items', id)],
      },
      { ...opts, at },
    );
    return { id, changed: true };
  });
}

const SUMMARY_SELECT = `SELECT c.id, c.reference, c.case_date, c.destination, c.mode, c.status, c.outcome, c.party_id,
  c.item_count, c.sha256, c.created_at, c.updated_at, p.name AS party_name
  FROM cases c JOIN parties p ON p.id = c.party_id`;

export function getCase(db: Db, id: number): CaseRecord | null {
  const r = db
    .prepare(
      `SELECT c.*, p.name AS party_name, p.headquarters AS party_hq, p.ultimate_parent_hq AS party_parent_hq,
              p.type AS party_type
       FROM cases c JOIN parties p ON p.id = c.party_id WHERE c.id = ?`,
    )
    .get(id) as CaseRow | undefined;
  if (!r || r.document === undefined) return null;
  return {
    ...toSummary(r),
    party: {
      id: r.party_id,
      name: r.party_name,
      headquarters: r.party_hq ?? '',
      ultimateParentHeadquarters: r.party_parent_hq ?? '',
      type: r.party_type ?? null,
    },
    document: JSON.parse(r.document) as Case,
    documentText: r.document,
  };
}

export function getCaseBySha256(db: Db, sha256: string): CaseRecord | null {
  const id = caseIdBySha(db, sha256);
  return id === undefined ? null : getCase(db, id);
}

export interface CaseFilter {
  /** Substring of the reference, the end user's name or an item's ECCN (case-insensitive). */
  search?: string;
  status?: CaseStatus;
  destination?: string;
  /** `not_evaluated` = no determination for the current document. */
  outcome?: CaseOutcome | 'not_evaluated';
  dateFrom?: string;
  dateTo?: string;
  limit?: number;
  /** Rows to skip. Cost grows with the offset: the workbench pages with `after` instead. */
  offset?: number;
  /** Keyset paging: the rows after this one in list order (newest case date first, then id). */
  after?: { date: string; id: number };
  /** Count the matches (capped at COUNT_CAP); false for the next pages of a list already counted. */
  count?: boolean;
}

export interface CasePage {
  rows: CaseSummary[];
  /** Matching cases, counted up to COUNT_CAP; null when not asked for. */
  total: number | null;
  /** True when there are more matches than `total` says ("10,000+"). */
  totalIsLowerBound: boolean;
  /** The key to ask for the next page with (`after`), or null at the end. */
  next: { date: string; id: number } | null;
}

/** Counting stops here: a list shows "10,000+" rather than spend seconds on an exact figure. */
export const COUNT_CAP = 10_000;
/**
 * A search term is looked up in the trigram index when it matches fewer cases than this; a commoner term
 * ("ltd", "con") is cheaper to test row by row while walking the date index, since a page fills quickly.
 */
const SELECTIVE = 12_000;
/**
 * A capped count over a row-by-row search (a common term with another filter) stops after examining
 * this many cases, then says "N+": at a million cases 40,000 rows cost 77–97 ms a keystroke, 5,000 keep
 * page and count under about 25 ms (bench:search). The page itself is never cut short.
 */
const SCAN_COUNT_BUDGET = 5_000;
/** The same for a term under three characters on its own (no trigram index; every case a candidate). */
const SCAN_COUNT_BUDGET_ALONE = 40_000;

function likePattern(s: string): string {
  return `%${nameKey(s).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Newest case date first, then newest id. Every filter has an index on (filter, case_date, id), so a page
 * is an index range read wherever it starts (keyset paging with `after`); the count is capped; a search
 * term takes the trigram index or the date index by how many cases it matches (one capped probe).
 */
export function listCases(db: Db, filter: CaseFilter = {}): CasePage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const search = filter.search ? nameKey(filter.search) : '';
  let scanSearch = false;
  let searchMatches: number | null = null;
  if (search) {
    params.search = likePattern(search);
    // Three characters or more: the trigram index, queried as a phrase of the term's trigrams, which is
    // exactly a substring match and needs no row read to confirm it (LIKE would re-read every candidate).
    if ([...search].length >= 3) {
      params.phrase = `"${search.replace(/"/g, '""')}"`;
      searchMatches = db
        .prepare(`SELECT count(*) FROM (SELECT rowid FROM cases_search WHERE cases_search MATCH ? LIMIT ${SELECTIVE})`)
        .pluck()
        .get(params.phrase) as number;
      scanSearch = searchMatches >= SELECTIVE;
    } else scanSearch = true;
    where.push(scanSearch ? "c.search_text LIKE @search ESCAPE '\\'" : 'c.id IN (SELECT rowid FROM cases_search WHERE cases_search MATCH @phrase)');
  }
  if (filter.status) {
    where.push('c.status = @status');
    params.status = filter.status;
  }
  if (filter.destination) {
    where.push('c.destination = @destination');
    params.destination = filter.destination.toUpperCase();
  }
  if (filter.outcome === 'not_evaluated') where.push('c.outcome IS NULL');
  else if (filter.outcome) {
    where.push('c.outcome = @outcome');
    params.outcome = filter.outcome;
  }
  if (filter.dateFrom) {
    where.push('c.case_date >= @dateFrom');
    params.dateFrom = filter.dateFrom;
  }
  if (filter.dateTo) {
    where.push('c.case_date <= @dateTo');
    params.dateTo = filter.dateTo;
  }
  const filters = where.length;
  const clause = filters ? `WHERE ${where.join(' AND ')}` : '';
  const pageWhere = [...where];
  if (filter.after) {
    pageWhere.push('(c.case_date, c.id) < (@afterDate, @afterId)');
    params.afterDate = filter.after.date;
    params.afterId = filter.after.id;
  }
  const pageClause = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 1000);
  const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
  const rows = db
    .prepare(`${SUMMARY_SELECT} ${pageClause} ORDER BY c.case_date DESC, c.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as CaseRow[];

  let total: number | null = null;
  let totalIsLowerBound = false;
  if (filter.count !== false) {
    if (search && !scanSearch && filters === 1) total = searchMatches;
    else if (scanSearch && searchMatches !== null && filters === 1) {
      // A common term with no other filter: at least SELECTIVE cases match.
      total = COUNT_CAP;
      totalIsLowerBound = true;
    } else if (scanSearch) {
      const budget = filters > 1 ? SCAN_COUNT_BUDGET : SCAN_COUNT_BUDGET_ALONE;
      const examined = db
        .prepare(
          `SELECT count(*) AS n, coalesce(sum(search_text LIKE @search ESCAPE '\\'), 0) AS hits FROM
             (SELECT c.search_text FROM cases c ${where.length > 1 ? `WHERE ${where.slice(1).join(' AND ')}` : ''} LIMIT ${budget})`,
        )
        .get(params) as { n: number; hits: number };
      total = examined.hits;
      totalIsLowerBound = examined.n >= budget;
    } else {
      total = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM cases c ${clause} LIMIT ${COUNT_CAP + 1})`).pluck().get(params) as number;
    }
    if (total !== null && total > COUNT_CAP) {
      total = COUNT_CAP;
      totalIsLowerBound = true;
    }
  }
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  return { rows: rows.map(toSummary), total, totalIsLowerBound, next: last ? { date: last.case_date, id: last.id } : null };
}

export interface ItemRow {
  index: number;
  kind: string;
  eccn: string | null;
  description: string | null;
  quantity: number;
  tppPerUnit: number | null;
  totalTpp: number | null;
  datacenter: boolean | null;
}

export function listItems(db: Db, caseId: number): ItemRow[] {
  const rows = db
    .prepare(
      `SELECT idx, kind, eccn, description, quantity, tpp_per_unit, total_tpp, datacenter
       FROM items WHERE case_id = ? ORDER BY idx`,
    )
    .all(caseId) as {
    idx: number;
    kind: string;
    eccn: string | null;
    description: string | null;
    quantity: number;
    tpp_per_unit: number | null;
    total_tpp: number | null;
    datacenter: number | null;
  }[];
  return rows.map((r) => ({
    index: r.idx,
    kind: r.kind,
    eccn: r.eccn,
    description: r.description,
    quantity: r.quantity,
    tppPerUnit: r.tpp_per_unit,
    totalTpp: r.total_tpp,
    datacenter: r.datacenter === null ? null : r.datacenter === 1,
  }));
}

/** Archive or reopen: the only status a user sets directly (evaluated and shipped follow from writes). */
export function setCaseArchived(db: Db, id: number, archived: boolean, opts: WriteOptions): Result<{ status: CaseStatus }> {
  return write(db, () => {
    const current = db.prepare('SELECT status, outcome FROM cases WHERE id = ?').get(id) as
      | { status: CaseStatus; outcome: CaseOutcome | null }
      | undefined;
    if (!current) return abort('NOT_FOUND', `no case ${id}`);
    const shipped = db.prepare("SELECT 1 FROM shipments WHERE case_id = ? AND source = 'recorded' LIMIT 1").get(id) !== undefined;
    const reopened: CaseStatus = shipped ? 'shipped' : current.outcome ? 'evaluated' : 'draft';
    const status: CaseStatus = archived ? 'archived' : reopened;
    if (status === current.status) return { status };
    const at = nowIso(opts);
    db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
    appendAudit(
      db,
      { action: 'case.changed', subject: `case:${id}`, details: { status: { from: current.status, to: status } }, records: [recordRef(db, 'case', id)] },
      { ...opts, at },
    );
    return { status };
  });
}
