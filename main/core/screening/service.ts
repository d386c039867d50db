// Screening as the rest of the core uses it: import a list file (parse, build the index, store it all
// in one transaction), and screen names against the active snapshot with its persisted index (loaded
// once per process and snapshot, never rebuilt on start).
import { gunzipSync } from 'node:zlib';
import { nameKey, type Case } from '../../../shared/domain/case';
import { partyStatus, sectionStatus, type CslEntry, type ScreenedParty, type ScreeningCandidate, type ScreeningListRef, type ScreeningSection } from '../../../shared/domain/screening';
import {
  activeSnapshot,
  allEntries,
  decisionFor,
  entriesAt,
  importListSnapshot,
  loadListIndex,
  screeningSettings,
  sha256Hex,
  tokenDeletesLookup,
  type Db,
  type ListSnapshot,
  type WriteOptions,
} from '../db';
import { dateInPath, parseList, type CslIssue } from './csl';
import { buildIndex, DEFAULT_THRESHOLDS, INDEX_VERSION, memoryDeletes, ScreeningIndex, type Candidate, type SerializedIndex, type Thresholds } from './matcher';

export type ImportListResult =
  | { ok: true; value: { snapshot: ListSnapshot; buildMs: number; parseMs: number } }
  | { ok: false; error: { code: string; message: string; issues: CslIssue[] } };

export interface ImportListInput {
  bytes: Uint8Array;
  fileName: string;
  /** The list's date (YYYY-MM-DD); else the date the file states, else one in its file name. */
  date?: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function buildListIndex(entries: readonly CslEntry[]): { index: SerializedIndex; deletes: [string, number][]; buildMs: number } {
  const t0 = performance.now();
  const built = buildIndex(entries.map((e) => ({ name: e.name, altNames: e.alt_names, countries: e.countries, type: e.type })));
  return { ...built, buildMs: performance.now() - t0 };
}

export function importListFile(db: Db, input: ImportListInput, opts: WriteOptions): ImportListResult {
  const t0 = performance.now();
  // A gzip-compressed file is read as the file it holds; the hash is of the list file itself.
  const bytes = input.bytes[0] === 0x1f && input.bytes[1] === 0x8b ? gunzipSync(input.bytes) : input.bytes;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const parsed = parseList(text);
  if (!parsed.ok) return { ok: false, error: { code: 'INVALID_LIST', message: `${parsed.issues.length} problem(s) in the list; nothing imported`, issues: parsed.issues } };
  const parseMs = performance.now() - t0;
  const date = input.date ?? parsed.value.statedDate ?? dateInPath(input.fileName);
  if (!date) {
    return { ok: false, error: { code: 'INVALID_LIST', message: 'the list date is unknown', issues: [{ path: 'date', message: 'the file does not state the list\'s date and its name holds none: give it (--date YYYY-MM-DD)' }] } };
  }
  if (!DATE_RE.test(date)) return { ok: false, error: { code: 'INVALID_LIST', message: 'bad list date', issues: [{ path: 'date', message: `expected YYYY-MM-DD, got "${date}"` }] } };
  const { index, deletes, buildMs } = buildListIndex(parsed.value.entries);
  const names = index.forms.map(([e, listed, how, ids]) => [e, listed, how, ids.map((i) => index.vocab[i]).join(' ')] as const);
  const r = importListSnapshot(
    db,
    {
      sha256: sha256Hex(bytes),
      listDate: date,
      fileName: input.fileName,
      format: parsed.value.format,
      entries: parsed.value.entries,
      names,
      index: { version: INDEX_VERSION, json: JSON.stringify(index), buildMs },
      deletes,
    },
    opts,
  );
  if (!r.ok) return { ok: false, error: { code: r.error.code, message: r.error.message, issues: [{ path: r.error.path, message: r.error.message }] } };
  loaded.delete(db);
  return { ok: true, value: { snapshot: r.value, buildMs, parseMs } };
}

interface Loaded {
  snapshot: ListSnapshot;
  index: ScreeningIndex;
  loadMs: number;
  /** Set when the stored index was of this older format and the current one was built in memory. */
  rebuiltFrom?: number;
}

const loaded = new WeakMap<Db, Loaded>();

/**
 * The active snapshot with its index, loaded from the store once per process (the index is the one
 * built at import; one of an older format is rebuilt in memory from the snapshot's entries, never
 * rewritten in the store).
 */
export function activeScreener(db: Db, thresholds: Thresholds = DEFAULT_THRESHOLDS): Loaded | null {
  const snap = activeSnapshot(db);
  if (!snap) return null;
  const have = loaded.get(db);
  if (have && have.snapshot.id === snap.id && have.index.thresholds === thresholds) return have;
  const t0 = performance.now();
  const stored = loadListIndex(db, snap.id);
  if (!stored) throw new Error(`list snapshot ${snap.id} has no stored index`);
  let index: ScreeningIndex;
  let rebuiltFrom: number | undefined;
  if (stored.version === INDEX_VERSION) {
    index = new ScreeningIndex(JSON.parse(stored.json) as SerializedIndex, tokenDeletesLookup(db, snap.id), thresholds);
  } else {
    // A store from an earlier version holds an index of an older format (its names normalised another
    // way). The stored index is a record and stays as it is; this process builds the current one from
    // the snapshot's own entries, in memory, once. Importing a newer list stores an index of this format.
    const built = buildListIndex(allEntries(db, snap.id));
    index = new ScreeningIndex(built.index, memoryDeletes(built.deletes), thresholds);
    rebuiltFrom = stored.version;
  }
  const l: Loaded = { snapshot: snap, index, loadMs: performance.now() - t0, ...(rebuiltFrom === undefined ? {} : { rebuiltFrom }) };
  loaded.set(db, l);
  return l;
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function listRef(db: Db, snap: ListSnapshot, today: string): ScreeningListRef {
  const { maxAgeDays } = screeningSettings(db);
  const ageDays = daysBetween(snap.listDate, today);
  return { sha256: snap.sha256, date: snap.listDate, entryCount: snap.entryCount, ageDays, maxAgeDays, stale: ageDays > maxAgeDays };
}

export function staleWarning(ref: ScreeningListRef): string {
  return `The screening list is out of date: the active list is of ${ref.date}, ${ref.ageDays} days old (more than ${ref.maxAgeDays}); import a current Consolidated Screening List.`;
}

export interface ScreenQueryInput {
  name: string;
  country?: string | null;
}

export interface ScreenOutput {
  list: (ScreeningListRef & { snapshotId: number }) | null;
  warnings: string[];
  results: { query: string; country: string | null; matches: ScreeningCandidate[] }[];
}

function toCandidate(c: Candidate, e: { entry: CslEntry; entrySha256: string }, officer: ScreeningCandidate['officer']): ScreeningCandidate {
  const x = e.entry;
  return {
    list: x.list,
    source: x.source,
    entryId: x.id,
    entrySha256: e.entrySha256,
    name: x.name,
    matchedName: c.matchedName,
    score: c.score,
    decision: c.decision,
    explanation: c.explanation,
    entityNumber: x.entity_number,
    type: x.type,
    programs: x.programs,
    licenseRequirement: x.license_requirement,
    licensePolicy: x.license_policy,
    federalRegisterNotice: x.federal_register_notice,
    countries: x.countries,
    sourceListUrl: x.source_list_url,
    officer,
  };
}

/**
 * Screens names against the active snapshot: every candidate at or above the review threshold, best
 * first, with the officer's remembered decision for the same party and (unchanged) entry.
 */
export function screenNames(db: Db, queries: readonly ScreenQueryInput[], opts: { today?: string; thresholds?: Thresholds } = {}): ScreenOutput {
  const s = activeScreener(db, opts.thresholds);
  const today = opts.today ?? todayIso();
  if (!s) {
    return {
      list: null,
      warnings: ['No screening list is imported: nothing was screened. Import the Consolidated Screening List (tierline lists import FILE).'],
      results: queries.map((q) => ({ query: q.name, country: q.country ?? null, matches: [] })),
    };
  }
  const ref = { ...listRef(db, s.snapshot, today), snapshotId: s.snapshot.id };
  const warnings = ref.stale ? [staleWarning(ref)] : [];
  const results = queries.map((q) => {
    const found = s.index.search({ name: q.name, country: q.country ?? null });
    const entries = entriesAt(db, s.snapshot.id, found.map((c) => c.entry));
    const key = nameKey(q.name);
    const matches = found.flatMap((c) => {
      const e = entries.get(c.entry);
      if (!e) return [];
      const d = decisionFor(db, key, e.entry.list, e.entry.id, e.entrySha256);
      return [toCandidate(c, e, d ? { verdict: d.verdict, reason: d.reason, by: d.decidedBy, at: d.decidedAt } : null)];
    });
    return { query: q.name, country: q.country ?? null, matches };
  });
  return { list: ref, warnings, results };
}

/** Screens a case's end user, its parties and every owner the case states, against the active snapshot. */
export function screenCase(db: Db, c: Case, opts: { today?: string; thresholds?: Thresholds } = {}): ScreeningSection {
  const today = opts.today ?? todayIso();
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const subjects: { role: ScreenedParty['role']; name: string; country: string | null; ownerOf?: { name: string; percent: number } }[] = [];
  subjects.push({ role: 'end_user', name: c.endUser.name, country: c.endUser.headquarters });
  for (const o of c.endUser.owners ?? []) subjects.push({ role: 'owner', name: o.name, country: o.country ?? null, ownerOf: { name: c.endUser.name, percent: o.percent } });
  for (const p of c.parties ?? []) {
    subjects.push({ role: p.role, name: p.name, country: p.country });
    for (const o of p.owners ?? []) subjects.push({ role: 'owner', name: o.name, country: o.country ?? null, ownerOf: { name: p.name, percent: o.percent } });
  }
  const out = screenNames(db, subjects, { today, thresholds });
  const parties: ScreenedParty[] = subjects.map((s, i) => {
    const candidates = out.results[i].matches;
    const p: ScreenedParty = { role: s.role, name: s.name, country: s.country, status: 'clear', candidates };
    if (s.ownerOf) p.ownerOf = s.ownerOf;
    p.status = partyStatus(p);
    return p;
  });
  const list = out.list ? { sha256: out.list.sha256, date: out.list.date, entryCount: out.list.entryCount, ageDays: out.list.ageDays, maxAgeDays: out.list.maxAgeDays, stale: out.list.stale } : null;
  return {
    status: list ? sectionStatus(parties) : 'not_screened',
    list,
    screenedOn: today,
    thresholds: { match: thresholds.match, review: thresholds.review },
    parties,
    warnings: [],
  };
}
