import type { Intent } from '@blueprintjs/core';
import type { Authorization, EvaluationMode } from '../../../../shared/domain/case';
import type { Confidence, ReviewPolicy } from '../../../../shared/domain/determination';

export const MODE_LABEL: Record<EvaluationMode, string> = { as_written: 'As written', enforced: 'Enforced' };
export const MODE_BLURB: Record<EvaluationMode, string> = {
  as_written: 'The rule as codified in 15 CFR, applied as if enforced.',
  enforced: 'What BIS enforces on this date.',
};

export const AUTH_LABEL: Record<Authorization, string> = {
  NOT_CONTROLLED: 'Not controlled',
  NLR: 'NLR (no license required)',
  AIA: 'License Exception AIA',
  ACM: 'License Exception ACM',
  LPP: 'License Exception LPP',
  ACA: 'License Exception ACA',
  NAC: 'License Exception NAC',
  UVEU: 'Universal VEU',
  NVEU: 'National VEU',
  PROHIBITED: 'Prohibited (denied or blocked party)',
  LICENSE: 'Individual license required',
};

export function authIntent(a: Authorization): Intent {
  if (a === 'LICENSE') return 'danger';
  if (a === 'NOT_CONTROLLED' || a === 'NLR') return 'none';
  return 'success';
}

export const POLICY_LABEL: Record<ReviewPolicy, string> = {
  presumption_of_approval: 'Presumption of approval',
  presumption_of_denial: 'Presumption of denial',
  case_by_case: 'Case-by-case review',
  policy_of_denial: 'Policy of denial',
};

export const CONFIDENCE_INTENT: Record<Confidence, Intent> = { high: 'success', medium: 'primary', low: 'warning', unsourced: 'danger' };
