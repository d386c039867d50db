// A pack resolved at one date: the one applicable version of every parameter and the status period.
// Snapshots are cached per pack hash and date, so evaluating many cases of the same date costs one
// resolution.
import type { Confidence } from '../domain/determination';
import type { LoadedPack, StatusPeriod } from '../domain/rulepack';
import type { ParamId, ParamValue } from './manifest';

export interface ParamUse {
  id: ParamId;
  title: string;
  citation: string;
  excerpt: string;
  confidence: Confidence;
  note?: string;
  from: string;
  to: string | null;
}

export interface Snapshot {
  pack: LoadedPack;
  date: string;
  status: StatusPeriod;
  values: Map<string, unknown>;
  uses: Map<string, ParamUse>;
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

const cache = new Map<string, Snapshot>();
const CACHE_LIMIT = 4096;

export function snapshotAt(pack: LoadedPack, date: string): Snapshot {
  const key = `${pack.sha256}|${date}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const body = pack.body;
  if (date < body.coverageFrom) throw new PackCoverageError(body.id, date, `its coverage starts ${body.coverageFrom}`);
  const status = applicable(body.status, date);
  if (!status) throw new PackCoverageError(body.id, date, 'no status period applies');
  const values = new Map<string, unknown>();
  const uses = new Map<string, ParamUse>();
  for (const [id, p] of Object.entries(body.parameters)) {
    const v = applicable(p.versions, date);
    if (!v) throw new PackCoverageError(body.id, date, `no version of parameter ${id} applies`);
    values.set(id, v.value);
    uses.set(id, {
      id: id as ParamId,
      title: p.title,
      citation: v.citation ?? p.citation,
      excerpt: v.excerpt ?? p.excerpt,
      confidence: v.confidence ?? p.confidence,
      note: v.note ?? p.note,
      from: v.from,
      to: v.to,
    });
  }
  const snap: Snapshot = { pack, date, status, values, uses };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, snap);
  return snap;
}

export function paramValue<K extends ParamId>(snap: Snapshot, id: K): ParamValue<K> {
  if (!snap.values.has(id)) throw new PackCoverageError(snap.pack.body.id, snap.date, `parameter ${id} is missing`);
  return snap.values.get(id) as ParamValue<K>;
}
