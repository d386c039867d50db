import type { CaseStatus, Outcome } from '../../../../shared/ipc/contract';
import { COUNTRY_NAMES } from '../../../../shared/domain/countries';
import type { Intent } from '@blueprintjs/core';
import type { ModeVerdict } from '../../../../shared/domain/mode-verdict';

export const STATUS_LABEL: Record<CaseStatus, string> = { draft: 'Draft', evaluated: 'Evaluated', shipped: 'Shipped', archived: 'Archived' };
export const OUTCOME_LABEL: Record<Outcome, string> = { not_evaluated: 'Not evaluated', no_license_required: 'No license in either mode', license_required: 'License required in a mode' };
export const OUTCOME_INTENT: Record<Outcome, Intent> = { not_evaluated: 'none', no_license_required: 'success', license_required: 'danger' };

export const COUNTRY_OPTIONS = Object.entries(COUNTRY_NAMES)
  .map(([code, name]) => ({ value: code, label: `${code} — ${name}` }))
  .sort((a, b) => a.value.localeCompare(b.value));

export function countryLabel(code: string): string {
  return `${code} ${(COUNTRY_NAMES as Record<string, string>)[code] ?? ''}`.trim();
}

export function verdictIntent(v: ModeVerdict | null): Intent {
  if (!v) return 'none';
  if (v.code === 'prohibited' || v.code === 'license_required') return 'danger';
  if (v.code === 'exception') return 'primary';
  return 'success';
}

export function countryName(code: string): string {
  return (COUNTRY_NAMES as Record<string, string>)[code] ?? code;
}
