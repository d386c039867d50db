// Screening list snapshots, their entries and name forms, the persisted search index, the screening
// settings and the officers' decisions. An import is one transaction: a refused or failing import
// leaves the store as it was. Every earlier snapshot is kept; the newest is the active one.
import { gunzipSync, gzipSync } from 'node:zlib';
import { canonicalJson } from '../../../shared/domain/canonical';
import type { CslEntry } from '../../../shared/domain/screening';
import { appendAudit } from './audit-repo';
import { recordRef } from './records';
import { sha256Hex } from './hash';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export interface ListSnapshot {
  id: number;
  sha256: string;
  listDate: string;
  fileName: string;
  format: 'csv' | 'json';
  entryCount: number;
  /** Entries per source list code. */
  sources: Record<string, number>;
  importedAt: string;
  importedBy: string;
  active: boolean;
}

interface SnapshotRow {
  id: number;
  sha256: string;
  list_date: string;
  file_name: string;
  format: 'csv' | 'json';
  entry_count: number;
  sources: string;
  imported_at: string;
  imported_by: string;
}

function toSnapshot(r: SnapshotRow, activeId: number | null): ListSnapshot {
  return {
    id: r.id,
    sha256: r.sha256,
    listDate: r.list_date,
    fileName: r.file_name,
    format: r.format,
    entryCount: r.entry_count,
    sources: JSON.parse(r.sources) as Record<string, number>,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    active: r.id === activeId,
  };
}

/** Digest of an entry's content: a decision is remembered until the list changes the entry. */
export function entrySha256(e: CslEntry): string {
  return sha256Hex(canonicalJson(e));
}

export interface ListImportInput {
  sha256: string;
  listDate: string;
  fileName: string;
  format: 'csv' | 'json';
  entries: readonly CslEntry[];
  /** Name forms the matcher indexes: [entry index, list text, how derived, core tokens]. */
  names: readonly (readonly [number, string, string, string])[];
  index: { version: number; json: string; buildMs: number };
  deletes: readonly (readonly [string, number])[];
}

export function importListSnapshot(db: Db, input: ListImportInput, opts: WriteOptions): Result<ListSnapshot> {
  const existing = db.prepare('SELECT id, list_date FROM list_snapshots WHERE sha256 = ?').get(input.sha256) as { id: number; list_date: string } | undefined;
  if (existing) return fail('DUPLICATE_IMPORT', `this file (sha256 ${input.sha256.slice(0, 12)}…) is already imported as snapshot ${existing.id} of ${existing.list_date}`, '$');
  const sources: Record<string, number> = {};
  for (const e of input.entries) sources[e.list] = (sources[e.list] ?? 0) + 1;
  const at = nowIso(opts);
  const r = write(db, () => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO list_snapshots (sha256, list_date, file_name, format, entry_count, sources, imported_at, imported_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.sha256, input.listDate, input.fileName, input.format, input.entries.length, canonicalJson(sources), at, opts.actor).lastInsertRowid,
    );
    const insEntry = db.prepare(
      `INSERT INTO list_entries (snapshot_id, idx, entry_id, list_code, source, entity_number, type, name, countries,
                                 license_requirement, license_policy, federal_register_notice, entry_sha256, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    input.entries.forEach((e, i) => {
      const raw = canonicalJson(e);
      insEntry.run(id, i, e.id, e.list, e.source, e.entity_number, e.type, e.name, e.countries.join(','), e.license_requirement, e.license_policy, e.federal_register_notice, sha256Hex(raw), raw);
    });
    const insName = db.prepare('INSERT INTO list_names (snapshot_id, form_id, entry_idx, name, how, tokens) VALUES (?, ?, ?, ?, ?, ?)');
    input.names.forEach((n, i) => insName.run(id, i, n[0], n[1], n[2], n[3]));
    const insDel = db.prepare('INSERT INTO list_token_deletes (snapshot_id, key, token_id) VALUES (?, ?, ?)');
    for (const [k, t] of input.deletes) insDel.run(id, k, t);
    db.prepare('INSERT INTO list_index (snapshot_id, version, data, build_ms) VALUES (?, ?, ?, ?)').run(id, input.index.version, gzipSync(input.index.json, { level: 6 }), input.index.buildMs);
    appendAudit(
      db,
      {
        action: 'list.imported',
        subject: `list:${id}`,
        details: { sha256: input.sha256, listDate: input.listDate, file: input.fileName, format: input.format, entries: input.entries.length },
        records: (['list', 'list-entries', 'list-names', 'list-deletes', 'list-index'] as const).map((k) => recordRef(db, k, id)),
      },
      opts,
    );
    const row = db.prepare('SELECT * FROM list_snapshots WHERE id = ?').get(id) as SnapshotRow;
    return toSnapshot(row, id);
  });
  return r;
}

function activeId(db: Db): number | null {
  const r = db.prepare('SELECT max(id) AS id FROM list_snapshots').get() as { id: number | null };
  return r.id;
}

export function listSnapshots(db: Db): ListSnapshot[] {
  const a = activeId(db);
  return (db.prepare('SELECT * FROM list_snapshots ORDER BY id DESC').all() as SnapshotRow[]).map((r) => toSnapshot(r, a));
}

export function activeSnapshot(db: Db): ListSnapshot | null {
  const a = activeId(db);
  if (a === null) return null;
  return toSnapshot(db.prepare('SELECT * FROM list_snapshots WHERE id = ?').get(a) as SnapshotRow, a);
}

/** The persisted index of a snapshot (gzip-compressed JSON), as stored at import. */
export function loadListIndex(db: Db, snapshotId: number): { version: number; json: string; buildMs: number } | null {
  const r = db.prepare('SELECT version, data, build_ms FROM list_index WHERE snapshot_id = ?').get(snapshotId) as { version: number; data: Buffer; build_ms: number } | undefined;
  return r ? { version: r.version, json: gunzipSync(r.data).toString('utf8'), buildMs: r.build_ms } : null;
}

/** Vocab ids for a set of deletion keys, from the indexed table (one statement per query token). */
export function tokenDeletesLookup(db: Db, snapshotId: number): (keys: string[]) => number[] {
  const stmts = new Map<number, ReturnType<Db['prepare']>>();
  return (keys) => {
    if (keys.length === 0) return [];
    let s = stmts.get(keys.length);
    if (!s) {
      s = db.prepare(`SELECT token_id FROM list_token_deletes WHERE snapshot_id = ? AND key IN (${keys.map(() => '?').join(',')})`).pluck();
      stmts.set(keys.length, s);
    }
    return s.all([snapshotId, ...keys]) as number[];
  };
}

export interface StoredEntry {
  idx: number;
  entry: CslEntry;
  entrySha256: string;
}

/** Entries of a snapshot by index (the candidates of a screening). */
export function entriesAt(db: Db, snapshotId: number, idxs: readonly number[]): Map<number, StoredEntry> {
  const out = new Map<number, StoredEntry>();
  const s = db.prepare('SELECT idx, raw, entry_sha256 FROM list_entries WHERE snapshot_id = ? AND idx = ?');
  for (const i of new Set(idxs)) {
    const r = s.get(snapshotId, i) as { idx: number; raw: string; entry_sha256: string } | undefined;
    if (r) out.set(r.idx, { idx: r.idx, entry: JSON.parse(r.raw) as CslEntry, entrySha256: r.entry_sha256 });
  }
  return out;
}

/** Every entry of a snapshot, in list order (for tests and exports). */
export function allEntries(db: Db, snapshotId: number): CslEntry[] {
  return (db.prepare('SELECT raw FROM list_entries WHERE snapshot_id = ? ORDER BY idx').pluck().all(snapshotId) as string[]).map((r) => JSON.parse(r) as CslEntry);
}

export const DEFAULT_MAX_AGE_DAYS = 30;

export interface ScreeningSettings {
  /** A list older than this many days makes every screening say so. */
  maxAgeDays: number;
}

export function screeningSettings(db: Db): ScreeningSettings {
  const r = db.prepare("SELECT value FROM screening_settings WHERE key = 'maxAgeDays'").pluck().get() as string | undefined;
  return { maxAgeDays: r === undefined ? DEFAULT_MAX_AGE_DAYS : Number(r) };
}

export function setScreeningSettings(db: Db, s: Partial<ScreeningSettings>, opts: WriteOptions): Result<ScreeningSettings> {
  if (s.maxAgeDays !== undefined && !(Number.isInteger(s.maxAgeDays) && s.maxAgeDays >= 1 && s.maxAgeDays <= 3650)) {
    return fail('INVALID_INPUT', 'the maximum list age is a whole number of days from 1 to 3650', '$.maxAgeDays');
  }
  return write(db, () => {
    const before = screeningSettings(db);
    if (s.maxAgeDays !== undefined) db.prepare("INSERT INTO screening_settings (key, value) VALUES ('maxAgeDays', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(s.maxAgeDays));
    const after = screeningSettings(db);
    appendAudit(db, { action: 'screening.settings', subject: 'screening', details: { before, after }, records: [recordRef(db, 'screening-setting', 'maxAgeDays')] }, opts);
    return after;
  });
}

export interface ScreeningDecisionInput {
  partyKey: string;
  partyName: string;
  listCode: string;
  entryId: string;
  entrySha256: string;
  verdict: 'confirmed' | 'cleared';
  reason: string;
  snapshotId: number;
  caseId: number | null;
}

export interface ScreeningDecision extends ScreeningDecisionInput {
  id: number;
  decidedBy: string;
  decidedAt: string;
}

interface DecisionRow {
  id: number;
  party_key: string;
  party_name: string;
  list_code: string;
  entry_id: string;
  entry_sha256: string;
  verdict: 'confirmed' | 'cleared';
  reason: string;
  snapshot_id: number;
  case_id: number | null;
  decided_by: string;
  decided_at: string;
}

function toDecision(r: DecisionRow): ScreeningDecision {
  return {
    id: r.id,
    partyKey: r.party_key,
    partyName: r.party_name,
    listCode: r.list_code,
    entryId: r.entry_id,
    entrySha256: r.entry_sha256,
    verdict: r.verdict,
    reason: r.reason,
    snapshotId: r.snapshot_id,
    caseId: r.case_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

export function recordScreeningDecisions(db: Db, inputs: readonly ScreeningDecisionInput[], opts: WriteOptions): Result<ScreeningDecision[]> {
  for (const [i, d] of inputs.entries()) {
    if (d.verdict !== 'confirmed' && d.verdict !== 'cleared') return fail('INVALID_INPUT', 'a decision is "confirmed" or "cleared"', `$[${i}].verdict`);
    if (!d.reason || d.reason.trim().length < 3) return fail('INVALID_INPUT', 'give the reason for the decision (at least a few words)', `$[${i}].reason`);
  }
  const at = nowIso(opts);
  return write(db, () =>
    inputs.map((d) => {
      const known = db.prepare('SELECT 1 FROM list_entries WHERE snapshot_id = ? AND list_code = ? AND entry_id = ? AND entry_sha256 = ?').get(d.snapshotId, d.listCode, d.entryId, d.entrySha256);
      if (!known) abort('NOT_FOUND', `no entry ${d.listCode} ${d.entryId} with that content in list snapshot ${d.snapshotId}`, '$.entryId');
      const id = Number(
        db
          .prepare(
            `INSERT INTO screening_decisions (party_key, party_name, list_code, entry_id, entry_sha256, verdict, reason, snapshot_id, case_id, decided_by, decided_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(d.partyKey, d.partyName, d.listCode, d.entryId, d.entrySha256, d.verdict, d.reason.trim(), d.snapshotId, d.caseId, opts.actor, at).lastInsertRowid,
      );
      appendAudit(
        db,
        {
          action: 'screening.decided',
          subject: d.caseId ? `case:${d.caseId}` : `party:${d.partyKey}`,
          details: { party: d.partyName, list: d.listCode, entry: d.entryId, entrySha256: d.entrySha256, verdict: d.verdict, reason: d.reason.trim(), snapshot: d.snapshotId },
          records: [recordRef(db, 'screening-decision', id)],
        },
        opts,
      );
      return toDecision(db.prepare('SELECT * FROM screening_decisions WHERE id = ?').get(id) as DecisionRow);
    }),
  );
}

/** The latest decision for this party and entry, while the entry's content is unchanged. */
export function decisionFor(db: Db, partyKey: string, listCode: string, entryId: string, entrySha: string): ScreeningDecision | null {
  const r = db
    .prepare('SELECT * FROM screening_decisions WHERE party_key = ? AND list_code = ? AND entry_id = ? AND entry_sha256 = ? ORDER BY id DESC LIMIT 1')
    .get(partyKey, listCode, entryId, entrySha) as DecisionRow | undefined;
  return r ? toDecision(r) : null;
}

export function listScreeningDecisions(db: Db, filter: { caseId?: number } = {}): ScreeningDecision[] {
  const rows = (filter.caseId === undefined
    ? db.prepare('SELECT * FROM screening_decisions ORDER BY id').all()
    : db.prepare('SELECT * FROM screening_decisions WHERE case_id = ? ORDER BY id').all(filter.caseId)) as DecisionRow[];
  return rows.map(toDecision);
}
