// The audit log: append-only and hash-chained. Each row's hash covers the previous row's hash and the
// canonical JSON of the row itself (seq included), so an edited, deleted or reordered row breaks the
// chain from that point on. Writers append inside their own transaction, so the log and the data agree.
import { canonicalJson } from '../../../shared/domain/canonical';
import { PARTS_TABLE, PartsCheck } from './determination-parts';
import { sha256Hex } from './hash';
import { RECORD_KINDS, storedRecords, uncoveredRows, type RecordRef } from './records';
import { nowIso, type Db, type WriteOptions } from './types';

export type AuditAction =
  | 'case.created'
  | 'case.changed'
  | 'case.evaluated'
  | 'shipment.recorded'
  | 'shipments.imported'
  | 'shipment.reversed'
  | 'shipments.reversed'
  | 'license.added'
  | 'letter.issued'
  | 'letter.voided'
  | 'letter.superseded'
  | 'pack.imported'
  | 'key.created'
  | 'trust.changed'
  | 'store.sealed'
  | 'audit.anchored'
  | 'pack.deactivated'
  | 'product.added'
  | 'product.changed'
  | 'products.imported'
  | 'batch.evaluated'
  | 'list.imported'
  | 'screening.settings'
  | 'screening.decided';

const RECORD_TABLES = new Map(RECORD_KINDS.map((k) => [k.kind, k.table]));

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function auditHash(
  prevHash: string,
  row: { seq: number; at: string; actor: string; action: string; subject: string; details: unknown },
): string {
  return hashWithDetailsText(prevHash, row, canonicalJson(row.details));
}

/** The same digest as auditHash, given the details already in canonical JSON (sorted keys spelled out). */
function hashWithDetailsText(prevHash: string, r: { seq: number; at: string; actor: string; action: string; subject: string }, detailsText: string): string {
  const q = JSON.stringify;
  return sha256Hex(`${prevHash}{"action":${q(r.action)},"actor":${q(r.actor)},"at":${q(r.at)},"details":${detailsText},"seq":${canonicalJson(r.seq)},"subject":${q(r.subject)}}`);
}

/** The last entry, or seq 0 with the genesis hash for an empty log. */
export function auditHead(db: Db): AuditHead {
  const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Appends one entry. Call it inside the transaction of the write it records (every repo write does);
 * on its own it opens a transaction of its own.
 */
export function appendAudit(
  db: Db,
  entry: { action: AuditAction; subject: string; details?: Record<string, unknown>; records?: readonly RecordRef[] },
  opts: WriteOptions,
): AuditEntry {
  const append = () => {
    // The records this write created or changed, with their content hashes, go into the hashed details.
    const withRecords = entry.records?.length ? { ...entry.details, records: Object.fromEntries(entry.records) } : entry.details;
    // AUTOINCREMENT remembers the highest seq ever used, so a deleted tail still leaves a trace.
    const row = db
      .prepare(
        `SELECT (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS seq,
                (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash,
                (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS used`,
      )
      .get() as { seq: number | null; hash: string | null; used: number | null };
    const head: AuditHead = row.seq === null ? { seq: 0, hash: GENESIS_HASH } : { seq: row.seq, hash: row.hash! };
    const seq = Math.max(head.seq, row.used ?? 0) + 1;
    const detailsText = canonicalJson(withRecords ?? {});
    const details = JSON.parse(detailsText) as Record<string, unknown>;
    const at = nowIso(opts);
    const hash = hashWithDetailsText(head.hash, { seq, at, actor: opts.actor, action: entry.action, subject: entry.subject }, detailsText);
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(seq, at, opts.actor, entry.action, entry.subject, detailsText, head.hash, hash);
    return { seq, at, actor: opts.actor, action: entry.action, subject: entry.subject, details, prevHash: head.hash, hash };
  };
  // Inside the caller's transaction the read-then-append is already atomic.
  return db.inTransaction ? append() : db.transaction(append).immediate();
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  /** Entries with seq greater than this (paging forward). */
  afterSeq?: number;
  /** Entries with seq less than this (paging backward, newest first). */
  beforeSeq?: number;
  action?: string;
  subject?: string;
  /** Newest first (default) or oldest first. */
  order?: 'asc' | 'desc';
  limit?: number;
}

export function listAudit(db: Db, filter: AuditFilter = {}): AuditEntry[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.afterSeq !== undefined) {
    where.push('seq > @afterSeq');
    params.afterSeq = filter.afterSeq;
  }
  if (filter.beforeSeq !== undefined) {
    where.push('seq < @beforeSeq');
    params.beforeSeq = filter.beforeSeq;
  }
  if (filter.action) {
    where.push('action = @action');
    params.action = filter.action;
  }
  if (filter.subject) {
    where.push('subject = @subject');
    params.subject = filter.subject;
  }
  params.limit = Math.min(Math.max(filter.limit ?? 100, 1), 10_000);
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY seq ${filter.order === 'asc' ? 'ASC' : 'DESC'} LIMIT @limit`;
  return (db.prepare(sql).all(params) as AuditRow[]).map(toEntry);
}

/** A record that no longer agrees with the chain. */
export interface RecordProblem {
  table: string;
  /** `kind:key`, as audit entries name it (`case:12`, `letter:TL-2026-000001`). */
  record: string;
  change: 'changed' | 'deleted' | 'inserted';
  /** The last entry that recorded this record (the first that no longer matches); null when none ever did. */
  seq: number | null;
  reason: string;
}

export type AuditVerification =
  | { ok: true; head: AuditHead; count: number; records: number }
  | { ok: false; seq: number; reason: string }
  | { ok: false; seq: number | null; reason: string; record: RecordProblem; problems: RecordProblem[]; head: AuditHead; count: number };

const MAX_PROBLEMS = 100;

/**
 * Walks the whole chain in seq order, then recomputes every stored record from its row and compares it
 * with the last entry that recorded it (see records.ts). `expectedHead` (printed on a letter, or from a
 * signed anchor) also catches the one thing a chain alone cannot: the last rows cut off together with
 * the counter. A failure names the first bad entry; a record failure also names the table and record.
 */
export function verifyAuditChain(db: Db, opts: { expectedHead?: AuditHead } = {}): AuditVerification {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  // What the log says each record should hash to now: the last entry that named it wins.
  const expected = new Map<string, { hash: string | null; seq: number }>();
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq ASC').iterate() as IterableIterator<AuditRow>) {
    if (r.seq !== expectedSeq) {
      return r.seq > expectedSeq
        ? { ok: false, seq: expectedSeq, reason: `entry ${expectedSeq} is missing (next is ${r.seq})` }
        : { ok: false, seq: r.seq, reason: `entry ${r.seq} is out of order` };
    }
    if (r.prev_hash !== prevHash) {
      return { ok: false, seq: r.seq, reason: `entry ${r.seq} does not follow entry ${r.seq - 1} (previous hash differs)` };
    }
    let details: unknown;
    try {
      details = JSON.parse(r.details);
    } catch {
      return { ok: false, seq: r.seq, reason: `entry ${r.seq} has unreadable details` };
    }
    const hash = auditHash(r.prev_hash, { ...r, details });
    if (hash !== r.hash) return { ok: false, seq: r.seq, reason: `entry ${r.seq} was changed after it was written (hash differs)` };
    const records = (details as { records?: unknown }).records;
    if (records && typeof records === 'object' && !Array.isArray(records)) {
      for (const [ref, h] of Object.entries(records as Record<string, unknown>)) expected.set(ref, { hash: typeof h === 'string' ? h : null, seq: r.seq });
    }
    prevHash = r.hash;
    expectedSeq += 1;
    count += 1;
  }
  const last = expectedSeq - 1;
  const used = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as number | undefined;
  if (used !== undefined && used > last) {
    return { ok: false, seq: last + 1, reason: `entries ${last + 1}..${used} were written and are gone` };
  }
  const head = { seq: last, hash: prevHash };
  const want = opts.expectedHead;
  if (want && want.seq > 0) {
    if (want.seq > last) return { ok: false, seq: last + 1, reason: `the log ends at ${last}; entry ${want.seq} was expected` };
    const at = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(want.seq) as string | undefined;
    if (at !== want.hash) return { ok: false, seq: want.seq, reason: `entry ${want.seq} is not the one recorded earlier` };
  }

  // The records: every stored one must be the content the log last recorded for it, and nothing the log
  // still holds may be missing.
  const problems: RecordProblem[] = [];
  let stored = 0;
  const note = (p: RecordProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const parts = new PartsCheck(db);
  for (const rec of storedRecords(db, parts)) {
    stored += 1;
    const ref = `${rec.kind.kind}:${rec.key}`;
    const want = expected.get(ref);
    expected.delete(ref);
    const table = rec.kind.table;
    if (!want || want.hash === null) {
      note({ table, record: ref, change: 'inserted', seq: null, reason: `${table} record ${ref} was written outside Tierline: no audit entry records it` });
    } else if (want.hash !== rec.hash) {
      const why = rec.inconsistent ? `${rec.inconsistent}, so it` : 'it';
      note({ table, record: ref, change: 'changed', seq: want.seq, reason: `${table} record ${ref} was changed outside Tierline: ${why} no longer matches audit entry ${want.seq}` });
    } else if (rec.inconsistent) {
      note({ table, record: ref, change: 'changed', seq: want.seq, reason: `${table} record ${ref} was changed outside Tierline: ${rec.inconsistent} (audit entry ${want.seq})` });
    }
  }
  for (const [ref, want] of expected) {
    if (want.hash === null) continue;
    const kind = ref.slice(0, ref.indexOf(':'));
    const table = storedTableOf(kind);
    note({ table, record: ref, change: 'deleted', seq: want.seq, reason: `${table} record ${ref} is gone: audit entry ${want.seq} recorded it` });
  }
  // The parts of compact determinations: each belongs to the determinations that name it (checked above).
  for (const p of parts.problems()) {
    note({ table: PARTS_TABLE, record: `${PARTS_TABLE}:${p.id}`, change: p.change, seq: null, reason: p.reason });
  }
  for (const u of uncoveredRows(db)) {
    note({ table: u.table, record: `${u.table}:?`, change: 'inserted', seq: null, reason: `${u.rows} row(s) of ${u.table} belong to no kind of record: written outside Tierline` });
  }
  if (problems.length) {
    problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    const first = problems[0];
    const reason = count === 0 ? `the store holds ${stored} record(s) but the audit log is empty: ${first.reason}` : first.reason;
    return { ok: false, seq: first.seq, reason, record: first, problems, head, count };
  }
  return { ok: true, head, count, records: stored };
}

function storedTableOf(kind: string): string {
  return RECORD_TABLES.get(kind) ?? 'unknown';
}

const SEAL_CHUNK = 1000;

/**
 * Enters records already stored into the chain (`store.sealed` entries, up to 1000 records each): once,
 * when the migration that made the store chain its records runs, and again for a kind whose canonical
 * content a later migration changes (`reseal` in the migration). Runs inside that migration's
 * transaction; never call it to "repair" a failing verification, which would bless a tampered row.
 */
export function sealRecords(db: Db, kinds: readonly string[] | 'all', reason: string, opts: WriteOptions = { actor: 'tierline' }): number {
  const refs: RecordRef[] = [];
  for (const r of storedRecords(db)) if (kinds === 'all' || kinds.includes(r.kind.kind)) refs.push([`${r.kind.kind}:${r.key}`, r.hash]);
  const parts = Math.ceil(refs.length / SEAL_CHUNK);
  for (let i = 0; i < parts; i++) {
    appendAudit(
      db,
      { action: 'store.sealed', subject: 'store', details: { reason, part: i + 1, of: parts }, records: refs.slice(i * SEAL_CHUNK, (i + 1) * SEAL_CHUNK) },
      opts,
    );
  }
  return refs.length;
}
