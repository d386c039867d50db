// Country groups and the Framework's tiers on the evaluation date.
import type { NormalizedCase } from '../domain/case';
import type { Tier } from '../domain/determination';
import type { EvalContext } from './context';

export interface Geography {
  supp5a: ReadonlySet<string> | null;
  supp5b: ReadonlySet<string>;
  d1: ReadonlySet<string>;
  d4: ReadonlySet<string>;
  d5: ReadonlySet<string>;
  macau: ReadonlySet<string>;
  a5: ReadonlySet<string>;
  a6: ReadonlySet<string>;
  /** Named beside D:1/D:4/D:5 in the .b-level scope ("To or within the United Arab Emirates or …"). */
  namedWithD145: ReadonlySet<string>;
  /** Countries whose group membership on this date rests on an undated change, with the warning. */
  undated: ReadonlyMap<string, string>;
}

export function geography(ctx: EvalContext): Geography {
  const hit = ctx.snap.derived.get('geography') as Geography | undefined;
  if (hit) return hit;
  const s5a = ctx.v['group.supp5a'];
  const g: Geography = {
    supp5a: s5a ? new Set(s5a) : null,
    supp5b: new Set(ctx.v['group.supp5b'] ?? []),
    d1: new Set(ctx.v['group.d1']),
    d4: new Set(ctx.v['group.d4']),
    d5: new Set(ctx.v['group.d5']),
    macau: new Set(ctx.v['group.macau']),
    a5: new Set(ctx.v['group.a5']),
    a6: new Set(ctx.v['group.a6']),
    namedWithD145: new Set(ctx.v['group.namedWithD145']),
    undated: new Map(ctx.v['group.undatedChanges'].map((u) => [u.country, u.text])),
  };
  ctx.snap.derived.set('geography', g);
  return g;
}

export function isD5OrMacau(g: Geography, c: string): boolean {
  return g.d5.has(c) || g.macau.has(c);
}

/**
 * D:1, D:4 or D:5 (or Macau), excluding A:5 and A:6, plus the destinations the CCL names beside them (the
 * United Arab Emirates from 2026-07-23): the scope of § 742.6(a)(6)(iii)(B) and § 740.2(a)(9)(ii).
 */
export function inD145NotA56(g: Geography, c: string): boolean {
  if (g.namedWithD145.has(c)) return true;
  return (g.d1.has(c) || g.d4.has(c) || g.d5.has(c) || g.macau.has(c)) && !g.a5.has(c) && !g.a6.has(c);
}

/** Tier under the Framework's definitions; null before the Framework is codified. */
export function tierOf(g: Geography, c: string): Tier | null {
  if (!g.supp5a) return null;
  if (isD5OrMacau(g, c)) return 3;
  if (c === 'US' || g.supp5a.has(c)) return 1;
  return 2;
}

export interface Parties {
  location: string;
  hq: string;
  parent: string;
  destinationTier: Tier | null;
  effectiveTier: Tier | null;
  /** Headquarters or ultimate parent in D:5 or Macau (the headquarters test). */
  hqD5: boolean;
  /** Headquarters and ultimate parent both in Supp. 5(a) or the U.S. */
  hqTier1: boolean;
  /** hqTier1 holds only because the U.S. is counted as a Supp. 5(a) headquarters. */
  hqTier1ViaUs: boolean;
}

export function parties(g: Geography, c: NormalizedCase): Parties {
  const location = c.destination;
  const hq = c.endUser.headquarters;
  const parent = c.endUser.ultimateParentHeadquarters;
  const hqD5 = isD5OrMacau(g, hq) || isD5OrMacau(g, parent);
  const s5a = g.supp5a;
  const hqTier1 = s5a !== null && (hq === 'US' || s5a.has(hq)) && (parent === 'US' || s5a.has(parent)) && !hqD5;
  const hqTier1ViaUs = hqTier1 && (hq === 'US' || parent === 'US');
  const destinationTier = tierOf(g, location);
  let effectiveTier: Tier | null = null;
  if (destinationTier !== null) {
    if (destinationTier === 3 || hqD5) effectiveTier = 3;
    else if (tierOf(g, hq) === 1 && tierOf(g, parent) === 1) effectiveTier = 1;
    else effectiveTier = 2;
  }
  return { location, hq, parent, destinationTier, effectiveTier, hqD5, hqTier1, hqTier1ViaUs };
}
