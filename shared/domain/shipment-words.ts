// What a shipment is recorded under, in plain words, per mode: "NLR (no license required)", "License
// Exception LPP", "a BIS license (LICENSE)". The CLI, the core's refusals and the ship dialog say the same.
import type { Authorization, EvaluationMode } from './case';

export const AUTHORIZATION_WORDS: Record<Authorization, string> = {
  NOT_CONTROLLED: 'not controlled (no authorization needed)',
  NLR: 'NLR (no license required)',
  AIA: 'License Exception AIA',
  ACM: 'License Exception ACM',
  LPP: 'License Exception LPP',
  ACA: 'License Exception ACA',
  NAC: 'License Exception NAC',
  UVEU: 'Universal VEU',
  NVEU: 'National VEU',
  PROHIBITED: 'prohibited (a party is denied or blocked)',
  LICENSE: 'a BIS license (LICENSE)',
};

export const MODE_NAME: Record<EvaluationMode, string> = { enforced: 'enforced', as_written: 'as written' };

/** One evaluation's authorizations: "License Exception LPP", or per item when they differ ("item 1 NLR …; item 2 …"). */
export function authorizationsInWords(items: readonly { index: number; authorization: Authorization }[]): string {
  const distinct = [...new Set(items.map((i) => i.authorization))];
  if (distinct.length <= 1) return distinct.length ? AUTHORIZATION_WORDS[distinct[0]!] : 'no items';
  return items.map((i) => `item ${i.index + 1} ${AUTHORIZATION_WORDS[i.authorization]}`).join('; ');
}
