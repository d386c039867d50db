// One mode's outcome in a word, for lists and exports: the most restrictive authorization over the items
// of that mode's evaluation (a prohibition, a license, a license exception, no license, not controlled).
// The case list shows one per mode, enforced first, so a case that needs a license only as written reads so.
import { z } from 'zod';
import { Authorization } from './case';

export const VerdictCode = z.enum(['prohibited', 'license_required', 'exception', 'no_license_required', 'not_controlled']);
export type VerdictCode = z.infer<typeof VerdictCode>;

export const ModeVerdict = z.strictObject({
  code: VerdictCode,
  /** The most restrictive authorization of the mode's items (the one the code is read from). */
  authorization: Authorization,
});
export type ModeVerdict = z.infer<typeof ModeVerdict>;

const RANK: Record<Authorization, number> = { PROHIBITED: 0, LICENSE: 1, AIA: 2, ACM: 2, LPP: 2, ACA: 2, NAC: 2, UVEU: 2, NVEU: 2, NLR: 3, NOT_CONTROLLED: 4 };

export function codeOf(a: Authorization): VerdictCode {
  if (a === 'PROHIBITED') return 'prohibited';
  if (a === 'LICENSE') return 'license_required';
  if (a === 'NLR') return 'no_license_required';
  if (a === 'NOT_CONTROLLED') return 'not_controlled';
  return 'exception';
}

/** The verdict of one mode from its items' authorizations; null when there are none. */
export function verdictOf(authorizations: readonly Authorization[]): ModeVerdict | null {
  if (authorizations.length === 0) return null;
  const worst = [...authorizations].sort((a, b) => RANK[a] - RANK[b])[0];
  return { code: codeOf(worst), authorization: worst };
}

/** "License required", "No license required (NLR)", "License exception AIA"… */
export function verdictLabel(v: ModeVerdict | null): string {
  if (!v) return 'Not evaluated';
  switch (v.code) {
    case 'prohibited':
      return 'Prohibited';
    case 'license_required':
      return 'License required';
    case 'exception':
      return v.authorization.endsWith('VEU') ? `No license: ${v.authorization}` : `License exception ${v.authorization}`;
    case 'no_license_required':
      return 'No license required';
    case 'not_controlled':
      return 'Not controlled';
    default: {
      const never: never = v.code;
      return String(never);
    }
  }
}
