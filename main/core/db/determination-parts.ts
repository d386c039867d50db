// Determinations stored compactly. A determination document repeats, case after case, the same trace
// steps, obligations, warnings, regime texts and rule-pack references (about 5 % of trace steps are
// distinct). The stored `determinations.document` is the document with each of those values replaced by
// the id of a row of `determination_parts` holding the value's JSON text once; expanding puts them back.
//
// The exported document is byte-identical: the engine's document is `JSON.stringify(doc)`, the parts are
// `JSON.stringify(value)` and every key keeps its place, so `JSON.stringify(expand(compact))` is the same
// text, and its sha256 is what the audit chain records for the determination (records.ts, `digests`).
// `audit verify` expands every document from the parts table and compares that digest, so an edited or
// deleted part shows as a changed determination; a part no determination uses is reported as inserted.
//
// Where a value may be a part, the document never holds a number (they are strings, arrays and objects),
// so a number there is a part id and nothing else: a document stored before this format (migration 0011)
// or one that could not be compacted byte for byte is simply its own expansion. Id 0 (never a row's id)
// stands for a value the determination row holds in a column of its own: `caseSha256` and `asOf`.
import type { Db } from './types';
import { sha256Hex } from './hash';

export const PARTS_TABLE = 'determination_parts';

/** Evaluation fields stored as one part each. */
const EVALUATION_PARTS = new Set(['rulePack', 'regimeStatus', 'regimeStatusDetail', 'sinceThen']);

type Json = unknown;
/** `column`: the field whose value the row may hold in a column ('caseSha256', 'asOf'), else undefined. */
type Ref = (value: Json, column?: keyof RowFacts) => Json;

/** The determination row's own columns that the document repeats. */
export interface RowFacts {
  caseSha256: string;
  asOf: string;
}

function mapScreening(sc: Record<string, Json>, ref: Ref): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k in sc) {
    const v = sc[k];
    if ((k === 'thresholds' || k === 'list') && v !== null && (typeof v === 'object' || typeof v === 'number')) out[k] = ref(v);
    else if (k === 'warnings' && Array.isArray(v)) out[k] = v.map((x) => ref(x));
    else out[k] = v;
  }
  return out;
}

function mapItem(item: Record<string, Json>, ref: Ref): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k in item) {
    const v = item[k];
    out[k] = (k === 'trace' || k === 'obligations') && Array.isArray(v) ? v.map((x) => ref(x)) : v;
  }
  return out;
}

function mapEvaluation(e: Record<string, Json>, ref: Ref): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k in e) {
    const v = e[k];
    if (v === undefined) out[k] = v;
    else if (k === 'items' && Array.isArray(v)) out[k] = v.map((i) => (i !== null && typeof i === 'object' ? mapItem(i as Record<string, Json>, ref) : i));
    else if (k === 'warnings' && Array.isArray(v)) out[k] = v.map((x) => ref(x));
    else if (EVALUATION_PARTS.has(k)) out[k] = ref(v);
    else if (k === 'asOf') out[k] = ref(v, 'asOf');
    else out[k] = v;
  }
  return out;
}

/** The document with every part position passed through `ref` (key order kept). */
function mapDocument(doc: Record<string, Json>, ref: Ref): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k in doc) {
    const v = doc[k];
    if (k === 'evaluations' && Array.isArray(v)) out[k] = v.map((e) => (e !== null && typeof e === 'object' ? mapEvaluation(e as Record<string, Json>, ref) : e));
    else if (k === 'format') out[k] = ref(v);
    else if (k === 'caseSha256') out[k] = ref(v, 'caseSha256');
    else if (k === 'screening' && v !== null && typeof v === 'object' && !Array.isArray(v)) out[k] = mapScreening(v as Record<string, Json>, ref);
    else out[k] = v;
  }
  return out;
}

/** 48 bits of the value's sha256: an index key for finding a part by value (the value itself is compared). */
function partHash(text: string): number {
  return parseInt(sha256Hex(text).slice(0, 12), 16);
}

// Per connection: the parts it has seen, by value text. Entries this connection inserted are `pending`
// until a transaction that contains them commits (tx.ts calls partsCommitted / partsRolledBack); a pending
// entry is checked against the table before it is reused, so a rollback can never leave a document
// pointing at a part that does not exist.
interface PartsState {
  byText: Map<string, number>;
  pending: Map<number, string>;
  /** id → value text, filled only from committed reads (outside any transaction). */
  byId: Map<number, string>;
  /** Whether this store has the parts table (a store not yet at schema 11 keeps documents whole). */
  table?: boolean;
  /** The JSON text of frozen values already seen (they cannot change). */
  frozen: WeakMap<object, string>;
}

const CACHE_MAX = 200_000;
const states = new WeakMap<Db, PartsState>();

function stateOf(db: Db): PartsState {
  let s = states.get(db);
  if (!s) states.set(db, (s = { byText: new Map(), pending: new Map(), byId: new Map(), frozen: new WeakMap() }));
  return s;
}

/** The outermost transaction committed: what this connection inserted is in the table for good. */
export function partsCommitted(db: Db): void {
  states.get(db)?.pending.clear();
}

/** A transaction or savepoint rolled back: forget what may have gone with it. */
export function partsRolledBack(db: Db): void {
  const s = states.get(db);
  if (!s || s.pending.size === 0) return;
  for (const text of s.pending.values()) s.byText.delete(text);
  for (const id of s.pending.keys()) s.byId.delete(id);
  s.pending.clear();
}

function partId(db: Db, s: PartsState, text: string): number {
  let id = s.byText.get(text);
  if (id !== undefined && s.pending.has(id)) {
    // Inserted by this connection in a transaction that may have rolled back since (outside tx.ts).
    const stored = db.prepare(`SELECT value FROM ${PARTS_TABLE} WHERE id = ?`).pluck().get(id) as string | undefined;
    if (stored !== text) {
      s.byText.delete(text);
      s.pending.delete(id);
      id = undefined;
    }
  }
  if (id !== undefined) return id;
  const hash = partHash(text);
  id = db.prepare(`SELECT id FROM ${PARTS_TABLE} WHERE hash = ? AND value = ?`).pluck().get(hash, text) as number | undefined;
  if (id === undefined) {
    id = Number(db.prepare(`INSERT INTO ${PARTS_TABLE} (hash, value) VALUES (?, ?)`).run(hash, text).lastInsertRowid);
    s.pending.set(id, text);
  } else if (db.inTransaction) {
    // Found inside a transaction: it may be another uncommitted write of this connection.
    s.pending.set(id, text);
  }
  if (s.byText.size >= CACHE_MAX) s.byText.clear();
  s.byText.set(text, id);
  return id;
}

/**
 * The compact text to store for a determination (exported as `JSON.stringify(doc)`). Must run inside the
 * write's transaction (it inserts the parts it needs). In a store without the parts table: `doc` whole.
 */
export function compactDocument(db: Db, doc: object, row: RowFacts): string {
  const s = stateOf(db);
  s.table ??= db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(PARTS_TABLE) === 1;
  if (!s.table) return JSON.stringify(doc);
  return JSON.stringify(
    mapDocument(doc as Record<string, Json>, (v, column) => {
      if (v === undefined || typeof v === 'number') return v;
      if (column !== undefined) return v === row[column] ? 0 : v;
      if (typeof v !== 'string' && Object.isFrozen(v)) {
        // A frozen value (the engine's shared trace steps) cannot have changed since it was last written.
        let text = s.frozen.get(v as object);
        if (text === undefined) s.frozen.set(v as object, (text = JSON.stringify(v)));
        return partId(db, s, text);
      }
      return partId(db, s, JSON.stringify(v));
    }),
  );
}

export class MissingPart extends Error {
  constructor(readonly id: number) {
    super(`determination part ${id}, which is gone`);
  }
}

/** Expands a parsed compact document given a way to read parts; `found` says whether any part was used. */
function expandParsed(doc: Record<string, Json>, row: RowFacts, part: (id: number) => string): { value: Record<string, Json>; found: boolean } {
  let found = false;
  const value = mapDocument(doc, (v, column) => {
    if (typeof v !== 'number') return v;
    found = true;
    if (v === 0 && column !== undefined) return row[column];
    return JSON.parse(part(v));
  });
  return { value, found };
}

/** Every part id a compact document names (to fetch them in one query). */
function idsOf(doc: Record<string, Json>): number[] {
  const ids: number[] = [];
  mapDocument(doc, (v, column) => {
    if (typeof v === 'number' && !(v === 0 && column !== undefined)) ids.push(v);
    return v;
  });
  return ids;
}

/** The determination document (as exported) of a stored compact text. */
export function expandDocument(db: Db, stored: string, row: RowFacts): unknown {
  const doc = JSON.parse(stored) as Record<string, Json> | null;
  if (doc === null || typeof doc !== 'object') return doc;
  const s = stateOf(db);
  const missing = idsOf(doc).filter((id) => !s.byId.has(id));
  const fetched = new Map<number, string>();
  if (missing.length) {
    const rows = db.prepare(`SELECT id, value FROM ${PARTS_TABLE} WHERE id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify([...new Set(missing)])) as [number, string][];
    const committed = !db.inTransaction;
    for (const [id, value] of rows) {
      fetched.set(id, value);
      if (committed) {
        if (s.byId.size >= CACHE_MAX) s.byId.clear();
        s.byId.set(id, value);
      }
    }
  }
  return expandParsed(doc, row, (id) => {
    const t = s.byId.get(id) ?? fetched.get(id);
    if (t === undefined) throw new MissingPart(id);
    return t;
  }).value;
}

/**
 * What `audit verify` uses: every part read from the table once (not from any cache), the exported text
 * of each stored document, and which parts were used, to report those no document names.
 */
export class PartsCheck {
  private parts: Map<number, string> | null = null;
  readonly used = new Set<number>();

  constructor(private readonly db: Db) {}

  private load(): Map<number, string> {
    if (!this.parts) {
      this.parts = new Map();
      const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(PARTS_TABLE);
      if (exists) for (const [id, value] of this.db.prepare(`SELECT id, value FROM ${PARTS_TABLE}`).raw().iterate() as IterableIterator<[number, string]>) this.parts.set(id, value);
    }
    return this.parts;
  }

  /** The exported text of a stored document; throws MissingPart when a part it names is gone. */
  fullText(stored: string, row: RowFacts): string {
    let doc: Record<string, Json>;
    try {
      doc = JSON.parse(stored) as Record<string, Json>;
    } catch {
      return stored;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return stored;
    const { value, found } = expandParsed(doc, row, (id) => {
      const t = this.load().get(id);
      if (t === undefined) throw new MissingPart(id);
      this.used.add(id);
      return t;
    });
    return found ? JSON.stringify(value) : stored;
  }

  /** Parts whose value no longer hashes to their index key, and parts no stored document names. */
  *problems(): Generator<{ id: number; change: 'changed' | 'inserted'; reason: string }> {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(PARTS_TABLE);
    if (!exists) return;
    for (const [id, hash, value] of this.db.prepare(`SELECT id, hash, value FROM ${PARTS_TABLE}`).raw().iterate() as IterableIterator<[number, number, string]>) {
      if (!this.used.has(id)) yield { id, change: 'inserted', reason: `${PARTS_TABLE} record ${PARTS_TABLE}:${id} is part of no determination: written outside Tierline` };
      else if (hash !== partHash(value)) yield { id, change: 'changed', reason: `${PARTS_TABLE} record ${PARTS_TABLE}:${id} was changed outside Tierline: its value no longer matches its hash` };
    }
  }
}

/**
 * Rewrites one stored document in compact form, only if expanding it gives back exactly the stored text
 * (migration 0011: documents written by older versions in another form stay as they are).
 */
export function compactStoredText(db: Db, stored: string, row: RowFacts): string {
  const doc = JSON.parse(stored) as Record<string, Json>;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || JSON.stringify(doc) !== stored) return stored;
  stateOf(db).table = true;
  const compact = compactDocument(db, doc, row);
  const back = JSON.stringify(expandDocument(db, compact, row));
  return back === stored ? compact : stored;
}
