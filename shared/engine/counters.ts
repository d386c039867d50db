// Cap counters over the shipments that count: the store's ledger (summed where it lives, in SQL, through
// LedgerTotals), the case's declared prior shipments that the ledger does not already hold, and what
// earlier lines of the same case have already used.
import type { Authorization } from '../domain/case';
import { nameKey } from '../domain/case';
import type { LedgerShipment, LedgerTotals } from './types';

/** An empty ledger (the engine's benchmarks and previews without a store): shared, nothing to sum. */
const EMPTY_LEDGER: LedgerTotals = {
  lppUsed: () => 0,
  allocationUsed: () => 0,
  installedUnder: () => 0,
  matching: () => 0,
};

/** LedgerTotals over an in-memory list (tests, the scenario table, the ledger summary). */
export function arrayLedger(rows: readonly LedgerShipment[]): LedgerTotals {
  if (rows.length === 0) return EMPTY_LEDGER;
  const keyed = rows.map((s) => ({ s, key: nameKey(s.consignee) }));
  const sum = (pred: (s: LedgerShipment, key: string) => boolean) => {
    let t = 0;
    for (const r of keyed) if (pred(r.s, r.key)) t += r.s.tpp;
    return t;
  };
  return {
    lppUsed: (key, from, to) => sum((s, k) => s.authorization === 'LPP' && k === key && s.date >= from && s.date <= to),
    allocationUsed: (country, from, to) => sum((s) => s.authorization === 'LICENSE' && s.destination === country && s.date >= from && s.date <= to),
    installedUnder: (auth, key, country, to) => sum((s, k) => s.authorization === auth && k === key && (!country || s.destination === country) && s.date <= to),
    matching: (s) => {
      const key = nameKey(s.consignee);
      let n = 0;
      for (const r of keyed) if (r.key === key && r.s.date === s.date && sameTpp(Math.abs(r.s.tpp), s.tpp)) n += r.s.tpp < 0 ? -1 : 1;
      return n;
    },
  };
}

export function sameTpp(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export class Counters {
  private readonly extra: { s: LedgerShipment; key: string }[] = [];
  private readonly base: LedgerTotals;
  /** Declared prior shipments already in the ledger (counted once, from the ledger). */
  readonly duplicatesOfLedger: LedgerShipment[] = [];
  constructor(
    ledger: readonly LedgerShipment[] | LedgerTotals,
    readonly asOf: string,
    declared: readonly LedgerShipment[] = [],
  ) {
    this.base = Array.isArray(ledger) ? arrayLedger(ledger as readonly LedgerShipment[]) : (ledger as LedgerTotals);
    // A declared prior shipment that matches a ledger row (date, consignee, TPP) is the same shipment:
    // each ledger row absorbs at most one declared row with the same key.
    if (declared.length === 0) return;
    const seen = new Map<string, number>();
    for (const s of declared) {
      if (s.date > asOf) continue;
      const k = `${s.date}|${nameKey(s.consignee)}|${s.tpp}`;
      const already = seen.get(k) ?? 0;
      seen.set(k, already + 1);
      if (already < this.base.matching(s)) this.duplicatesOfLedger.push(s);
      else this.add(s);
    }
  }

  /** Adds a line of the case being evaluated (or an unmatched declared prior), so later lines see it. */
  add(s: LedgerShipment): void {
    this.extra.push({ s, key: nameKey(s.consignee) });
  }

  private sumExtra(pred: (s: LedgerShipment, key: string) => boolean): number {
    let t = 0;
    for (const r of this.extra) if (r.s.date <= this.asOf && pred(r.s, r.key)) t += r.s.tpp;
    return t;
  }

  lppUsed(consignee: string, year: string): number {
    const k = nameKey(consignee);
    const from = `${year}-01-01`;
    const to = `${year}-12-31` < this.asOf ? `${year}-12-31` : this.asOf;
    return this.base.lppUsed(k, from, to) + (this.extra.length === 0 ? 0 : this.sumExtra((s, key) => s.authorization === 'LPP' && s.date.startsWith(year) && key === k));
  }

  /** Licensed TPP to a destination since the allocation's start (LPP and VEU shipments do not count). */
  allocationUsed(country: string, from: string): number {
    return this.base.allocationUsed(country, from, this.asOf) + (this.extra.length === 0 ? 0 : this.sumExtra((s) => s.authorization === 'LICENSE' && s.destination === country && s.date >= from));
  }

  installedUnder(auth: Authorization, consignee: string, country?: string): number {
    const k = nameKey(consignee);
    return this.base.installedUnder(auth, k, country ?? null, this.asOf) + (this.extra.length === 0 ? 0 : this.sumExtra((s, key) => s.authorization === auth && key === k && (!country || s.destination === country)));
  }
}
