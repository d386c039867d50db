// A pack resolved at one date: the one applicable version of every parameter and the status period.
// Snapshots are cached per pack hash and date, so evaluating many cases of the same date costs one
// resolution.
import type { Confidence } from '../domain/determination';
import type { LoadedPack, StatusPeriod } from '../domain/rulepack';
import type { ParamId, ParamValue } from './manifest';
import { PARAMETERS } from './manifest';

export type ParamValues = { [K in ParamId]: ParamValue<K> };
export type ParamUses = { [K in ParamId]: ParamUse };

export interface ParamUse {
  id: ParamId;
  title: string;
  citation: string;
  excerpt: string;
  confidence: Confidence;
  note?: string;
  from: string;
  to: string | null;
  /** The warning to show when a decision rests on this parameter (low or unsourced), else null. */
  warning: string | null;
}

export interface Snapshot {
  pack: LoadedPack;
  /** The first date this snapshot was built for; every date of its segment shares it. */
  date: string;
  status: StatusPeriod;
  /** Plain objects with one fixed shape (every snapshot the same keys in the same order): fast reads. */
  values: ParamValues;
  uses: ParamUses;
  /** Caches derived from the values (country-group sets), filled by the engine on first use. */
  derived: Map<string, unknown>;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1, unsourced: 0 };

export function weakest(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] ? a : b;
}

export function isWeak(c: Confidence): boolean {
  return c === 'low' || c === 'unsourced';
}


export class PackCoverageError extends Error {
  constructor(
    readonly packId: string,
    readonly date: string,
    detail: string,
  ) {
    super(`rule pack ${packId} does not cover ${date}: ${detail}`);
  }
}

// Snapshots per pack (weakly held) and date: evaluating many cases of the same date resolves once.
const cache = new WeakMap<LoadedPack, Map<string, Snapshot>>();
const CACHE_LIMIT = 4096;
const PARAM_IDS = Object.keys(PARAMETERS) as ParamId[];

export function snapshotAt(pack: LoadedPack, date: string): Snapshot {
  let byDate = cache.get(pack);
  if (!byDate) {
    byDate = new Map();
    cache.set(pack, byDate);
  }
  const hit = byDate.get(date);
  if (hit) return hit;
  const body = pack.body;
  if (date < body.coverageFrom) throw new PackCoverageError(body.id, date, `its coverage starts ${body.coverageFrom}`);
  const statusIndex = applicableIndex(body.status, date);
  if (statusIndex < 0) throw new PackCoverageError(body.id, date, 'no status period applies');
  // Dates between two dated changes see the same versions: they share one snapshot (and its caches).
  const versionIndex: number[] = [];
  for (const id of PARAM_IDS) {
    const p = body.parameters[id];
    if (!p) throw new PackCoverageError(body.id, date, `parameter ${id} is missing`);
    const i = applicableIndex(p.versions, date);
    if (i < 0) throw new PackCoverageError(body.id, date, `no version of parameter ${id} applies`);
    versionIndex.push(i);
  }
  const segment = `${statusIndex}:${versionIndex.join(',')}`;
  let bySegment = segments.get(pack);
  if (!bySegment) {
    bySegment = new Map();
    segments.set(pack, bySegment);
  }
  let snap = bySegment.get(segment);
  if (!snap) {
    snap = buildSnapshot(pack, date, statusIndex, versionIndex);
    bySegment.set(segment, snap);
  }
  if (byDate.size >= CACHE_LIMIT) byDate.clear();
  byDate.set(date, snap);
  return snap;
}

const segments = new WeakMap<LoadedPack, Map<string, Snapshot>>();

function applicableIndex(list: readonly { from: string; to: string | null }[], date: string): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v.from <= date && (v.to === null || date <= v.to)) return i;
  }
  return -1;
}

function buildSnapshot(pack: LoadedPack, date: string, statusIndex: number, versionIndex: number[]): Snapshot {
  const body = pack.body;
  const values = {} as Record<string, unknown>;
  const uses = {} as Record<string, ParamUse>;
  PARAM_IDS.forEach((id, k) => {
    const p = body.parameters[id];
    const v = p.versions[versionIndex[k]];
    values[id] = v.value;
    const confidence = v.confidence ?? p.confidence;
    const note = v.note ?? p.note;
    const citation = v.citation ?? p.citation;
    uses[id] = {
      id,
      title: p.title,
      citation,
      excerpt: v.excerpt ?? p.excerpt,
      confidence,
      note,
      from: v.from,
      to: v.to,
      warning: isWeak(confidence)
        ? `${p.title}: ${confidence === 'unsourced' ? 'unsourced' : 'low confidence'}${note ? `. ${note.replace(/\.$/, '')}` : ''} (${citation}).`
        : null,
    };
  });
  return { pack, date, status: body.status[statusIndex], values: values as ParamValues, uses: uses as ParamUses, derived: new Map() };
}

export function paramValue<K extends ParamId>(snap: Snapshot, id: K): ParamValue<K> {
  return snap.values[id];
}
