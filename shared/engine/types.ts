// What the engine needs from outside (packs, ledger) and what it returns besides the document.
import type { Authorization, EvaluationMode } from '../domain/case';
import type { LoadedPack } from '../domain/rulepack';

/** A shipment that counts toward a cap: from the store's ledger or the case's declared priorShipments. */
export interface LedgerShipment {
  date: string;
  destination: string;
  consignee: string;
  tpp: number;
  authorization: Authorization;
}

/**
 * Sums over the store's ledger, computed where the ledger lives (indexed SQL sums in the store), so a
 * case costs the same however long the ledger grows. Consignees are passed as `nameKey` keys; dates are
 * inclusive `YYYY-MM-DD` bounds. Reversing entries carry negative TPP and net out.
 */
export interface LedgerTotals {
  lppUsed(consigneeKey: string, from: string, to: string): number;
  allocationUsed(country: string, from: string, to: string): number;
  installedUnder(auth: Authorization, consigneeKey: string, country: string | null, to: string): number;
  /** How many (net) ledger rows have this date, consignee and TPP: a declared prior matching one is the same shipment. */
  matching(s: LedgerShipment): number;
}

export type PackSet = Record<EvaluationMode, LoadedPack>;

/** "What would change the outcome": a margin the engine computed, in plain words. */
export interface Hint {
  mode: EvaluationMode;
  itemIndex: number;
  text: string;
}
