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

function applicable<T extends { from: string; to: string | null }>(list: readonly T[], date: string): T | undefined {
  for (const v of list) if (v.from <= date && (v.to === null || date <= v.to)) return v;
  return undefined;
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
  const status = applicable(body.status, date);
  if (!status) throw new PackCoverageError(body.id, date, 'no status period applies');
  const values = {} as Record<string, unknown>;
  const uses = {} as Record<string, ParamUse>;
  for (const id of PARAM_IDS) {
    const p = body.parameters[id];
    if (!p) throw new PackCoverageError(body.id, date, `parameter ${id} is missing`);
    const v = applicable(p.versions, date);
    if (!v) throw new PackCoverageError(body.id, date, `no version of parameter ${id} applies`);
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
        ? `${p.title} (${id}) is ${confidence === 'unsourced' ? 'UNSOURCED' : 'low-confidence'}${note ? `: ${note}` : ''} [${citation}]`
        : null,
    };
  }
  const snap: Snapshot = { pack, date, status, values: values as ParamValues, uses: uses as ParamUses, derived: new Map() };
  if (byDate.size >= CACHE_LIMIT) byDate.clear();
  byDate.set(date, snap);
  return snap;
}

export function paramValue<K extends ParamId>(snap: Snapshot, id: K): ParamValue<K> {
  return snap.values[id];
}
