// Restricted-party screening: the list entry as ITA publishes it, and the screening section of a
// determination (which parties were screened against which list snapshot, the candidates found, and
// the officer's decision on each). The screening itself runs in main/core; the engine reads this
// section as an input and applies the consequences the lists' authorities state.
import { z } from 'zod';
import { IsoDate } from './dates';

export interface CslAddress {
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
}

export interface CslId {
  type: string | null;
  number: string | null;
  country: string | null;
  issue_date: string | null;
  expiration_date: string | null;
}

/** One entry of the Consolidated Screening List with every ITA field (null or [] where empty). */
export interface CslEntry {
  id: string;
  source: string;
  /** Short code of the source list: EL, DPL, UVL, MEU, SDN, SSI, CMIC, NS-MBS, PLC, CAP, DTC, ISN… */
  list: string;
  entity_number: string | null;
  type: string | null;
  programs: string[];
  name: string;
  title: string | null;
  addresses: CslAddress[];
  federal_register_notice: string | null;
  start_date: string | null;
  end_date: string | null;
  standard_order: string | null;
  license_requirement: string | null;
  license_policy: string | null;
  call_sign: string | null;
  vessel_type: string | null;
  gross_tonnage: string | null;
  gross_registered_tonnage: string | null;
  vessel_flag: string | null;
  vessel_owner: string | null;
  remarks: string | null;
  source_list_url: string | null;
  alt_names: string[];
  citizenships: string[];
  dates_of_birth: string[];
  nationalities: string[];
  places_of_birth: string[];
  source_information_url: string | null;
  ids: CslId[];
  /** Countries of the entry's addresses (ISO alpha-2 where the list gives them), without repeats. */
  countries: string[];
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const OfficerDecision = z.strictObject({
  verdict: z.enum(['confirmed', 'cleared']),
  reason: z.string().min(1),
  by: z.string(),
  at: z.string(),
});
export type OfficerDecision = z.infer<typeof OfficerDecision>;

export const ScreeningCandidate = z.strictObject({
  list: z.string(),
  source: z.string(),
  entryId: z.string(),
  entrySha256: Hex64,
  name: z.string(),
  matchedName: z.string(),
  score: z.number().min(0).max(1),
  decision: z.enum(['match', 'review']),
  explanation: z.string(),
  entityNumber: z.string().nullable(),
  type: z.string().nullable(),
  programs: z.array(z.string()),
  licenseRequirement: z.string().nullable(),
  licensePolicy: z.string().nullable(),
  federalRegisterNotice: z.string().nullable(),
  countries: z.array(z.string()),
  sourceListUrl: z.string().nullable(),
  /** The officer's confirm/clear for this party and entry (remembered until the list changes the entry). */
  officer: OfficerDecision.nullable(),
});
export type ScreeningCandidate = z.infer<typeof ScreeningCandidate>;

export const ScreenedRole = z.enum(['end_user', 'purchaser', 'intermediate_consignee', 'ultimate_consignee', 'freight_forwarder', 'other', 'owner']);
export type ScreenedRole = z.infer<typeof ScreenedRole>;

export const ScreenedParty = z.strictObject({
  role: ScreenedRole,
  name: z.string(),
  country: z.string().nullable(),
  /** For an owner: the party it owns and the share the case states. */
  ownerOf: z.strictObject({ name: z.string(), percent: z.number().min(0).max(100) }).optional(),
  /** `listed`: a candidate is a match (or a review the officer confirmed); `needs_review`: undecided. */
  status: z.enum(['clear', 'listed', 'needs_review']),
  candidates: z.array(ScreeningCandidate),
});
export type ScreenedParty = z.infer<typeof ScreenedParty>;

export const ScreeningListRef = z.strictObject({
  sha256: Hex64,
  date: IsoDate,
  entryCount: z.number().int().positive(),
  ageDays: z.number().int(),
  maxAgeDays: z.number().int().positive(),
  stale: z.boolean(),
});
export type ScreeningListRef = z.infer<typeof ScreeningListRef>;

export const ScreeningSection = z.strictObject({
  /** `not_screened`: no list snapshot was imported. */
  status: z.enum(['clear', 'listed', 'needs_review', 'not_screened']),
  list: ScreeningListRef.nullable(),
  screenedOn: IsoDate,
  thresholds: z.strictObject({ match: z.number(), review: z.number() }),
  parties: z.array(ScreenedParty),
  warnings: z.array(z.string()),
});
export type ScreeningSection = z.infer<typeof ScreeningSection>;

/** The candidates that bind: matches the officer did not clear, and reviews the officer confirmed. */
export function bindingCandidates(p: ScreenedParty): ScreeningCandidate[] {
  return p.candidates.filter((c) => (c.officer ? c.officer.verdict === 'confirmed' : c.decision === 'match'));
}

/** Review candidates with no officer decision yet. */
export function undecidedCandidates(p: ScreenedParty): ScreeningCandidate[] {
  return p.candidates.filter((c) => c.decision === 'review' && !c.officer);
}

export function partyStatus(p: Pick<ScreenedParty, 'candidates'>): ScreenedParty['status'] {
  const full = p as ScreenedParty;
  if (bindingCandidates(full).length) return 'listed';
  if (undecidedCandidates(full).length) return 'needs_review';
  return 'clear';
}

export function sectionStatus(parties: readonly ScreenedParty[]): 'clear' | 'listed' | 'needs_review' {
  if (parties.some((p) => p.status === 'needs_review')) return 'needs_review';
  if (parties.some((p) => p.status === 'listed')) return 'listed';
  return 'clear';
}
