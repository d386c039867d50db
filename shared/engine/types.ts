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

export type PackSet = Record<EvaluationMode, LoadedPack>;

/** "What would change the outcome": a margin the engine computed, in plain words. */
export interface Hint {
  mode: EvaluationMode;
  itemIndex: number;
  text: string;
}
