// Cap counters over the shipments that count: the store's ledger plus the case's declared prior
// shipments, plus what earlier lines of the same case have already used.
import type { Authorization } from '../domain/case';
import { nameKey } from '../domain/case';
import type { LedgerShipment } from './types';

const consigneeKey = nameKey;

export class Counters {
  private readonly rows: LedgerShipment[];
  constructor(
    ledger: readonly LedgerShipment[],
    readonly asOf: string,
  ) {
    this.rows = ledger.filter((s) => s.date <= asOf);
  }

  /** Adds a line of the case being evaluated, so later lines see it. */
  add(s: LedgerShipment): void {
    this.rows.push(s);
  }

  private sum(pred: (s: LedgerShipment) => boolean): number {
    let t = 0;
    for (const s of this.rows) if (pred(s)) t += s.tpp;
    return t;
  }

  lppUsed(consignee: string, year: string): number {
    const k = consigneeKey(consignee);
    return this.sum((s) => s.authorization === 'LPP' && s.date.startsWith(year) && consigneeKey(s.consignee) === k);
  }

  /** Licensed TPP to a destination since the allocation's start (LPP and VEU shipments do not count). */
  allocationUsed(country: string, from: string): number {
    return this.sum((s) => s.authorization === 'LICENSE' && s.destination === country && s.date >= from);
  }

  installedUnder(auth: Authorization, consignee: string, country?: string): number {
    const k = consigneeKey(consignee);
    return this.sum((s) => s.authorization === auth && consigneeKey(s.consignee) === k && (!country || s.destination === country));
  }
}
