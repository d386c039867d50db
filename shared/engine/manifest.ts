// The parameters the procedures read, with the shape of their values. A pack is checked against this
// list when it is built and when it is imported, so a malformed pack is refused before any case is
// evaluated with it (like a rules engine that rejects a malformed rule when it is built).
import { z } from 'zod';
import type { FieldError } from '../domain/issues';
import { jsonPath } from '../domain/issues';
import type { RulePackBody } from '../domain/rulepack';
import { checkTimeline } from '../domain/rulepack';
import { nextDay } from '../domain/dates';

const Countries = z.array(z.string().regex(/^[A-Z]{2}$/));
const Eccns = z.array(z.string().regex(/^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/));
const Tpp = z.number().nonnegative();

export const Thresholds3A090 = z.strictObject({
  aTppMin: z.number(),
  aTppMinWithDensity: z.number(),
  aDensityMin: z.number(),
  b1TppMin: z.number(),
  b1DensityMin: z.number(),
  b2TppMin: z.number(),
  b2DensityMin: z.number(),
  nonDatacenterTppMin: z.number(),
});
export type Thresholds3A090 = z.infer<typeof Thresholds3A090>;

export const UveuShares = z.strictObject({
  tier1Min: z.number().min(0).max(1),
  singleTier2CountryMax: z.number().min(0).max(1),
  usMinForUsHeadquartered: z.number().min(0).max(1),
});
export type UveuShares = z.infer<typeof UveuShares>;

export const ChinaPolicy = z.strictObject({
  destinations: Countries,
  fromCountries: Countries,
  transactionTypes: z.array(z.enum(['export', 'reexport', 'transfer', 'deemed_export'])),
  tppPerUnitBelow: z.number(),
  dramBandwidthBelowGBs: z.number(),
  attestations: z.array(z.strictObject({ key: z.string(), text: z.string() })),
  unrecordedConditions: z.array(z.string()),
});
export type ChinaPolicy = z.infer<typeof ChinaPolicy>;

/** One License Exception's lines in the CCL entries: which entries were read, what they make eligible, the text. */
export const ExceptionLines = z.strictObject({
  entries: Eccns,
  eligible: Eccns,
  lines: z.record(z.string(), z.string()),
});
export type ExceptionLines = z.infer<typeof ExceptionLines>;

export const Weights4E091Status = z.enum(['not_in_ear', 'compliance_not_required', 'controlled', 'not_enforced']);

/** Every parameter id a procedure reads, with its value schema (null = the provision is absent). */
export const PARAMETERS = {
  'group.supp5a': Countries.nullable(),
  'group.supp5b': Countries.nullable(),
  'group.d1': Countries,
  'group.d4': Countries,
  'group.d5': Countries,
  'group.macau': Countries,
  'group.a5': Countries,
  'group.a6': Countries,
  'group.namedWithD145': Countries,
  'group.undatedChanges': z.array(z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/), text: z.string().min(1) })),
  'hq.usCountsAsSupp5a': z.boolean(),
  'hq.testFrom2023': z.boolean(),
  'eccn.3a090.thresholds': Thresholds3A090,
  'eccn.aLevel': Eccns,
  'eccn.bLevel': Eccns,
  'eccn.hbm': Eccns,
  'eccn.4e091.status': Weights4E091Status,
  'eccn.4e091.operationsThreshold': z.number().positive().nullable(),
  'eccn.4e091.note2ByOperations': z.boolean(),
  'eccn.4e091.note1': z.strictObject({ additionalOperationsFloor: z.number().positive(), shareOfTotal: z.number().min(0).max(1) }).nullable(),
  'aia.eligibleEccns': Eccns,
  'aia.approvedDesignerEccns': Eccns,
  'aia.reportThresholdTpp': Tpp,
  'acm.eligibleEccns': Eccns,
  'ccl.aiaLines': ExceptionLines,
  'ccl.acmLines': ExceptionLines,
  'ccl.lppLines': ExceptionLines,
  'acm.endUses': z.array(z.string()),
  'lpp.capTppPerConsigneeYear': Tpp,
  'lpp.eligibleEccns': Eccns,
  'lpp.transactionTypes': z.array(z.string()),
  'lpp.barredForD1D4NotA5A6': z.boolean(),
  'lpp.barredForD5MacauHeadquartered': z.boolean(),
  'lpp.approvedDesignerRequired': z.boolean(),
  'lpp.notifyBis': z.boolean(),
  'nacAca.eligibleEccns': Eccns,
  'aca.tier2Expansion': z.boolean(),
  'nac.noticeDays': z.number().int().positive(),
  'allocation.capTpp': Tpp.nullable(),
  'allocation.supp5bCapTpp': Tpp.nullable(),
  'allocation.countFrom': z.string(),
  'allocation.crossingPolicy': z.enum(['policy_of_denial', 'presumption_of_approval']).nullable(),
  'review.hqTestCaseByCase': z.strictObject({ levels: z.array(z.enum(['a', 'b'])), aNotDesignedForDatacenters: z.boolean() }),
  'veu.transactionTypes': z.array(z.enum(['export', 'reexport', 'transfer', 'deemed_export'])),
  'review.tier2HeadquarteredInTier1': z.enum(['allocation', 'presumption_of_approval']),
  'uveu.shares': UveuShares,
  'veu.supp10Paras14_15_18Required': z.boolean(),
  'nveu.quarterCapsTpp': z.record(z.string().regex(/^\d{4}Q[1-4]$/), Tpp),
  'weights.deemedExportEmployeeExclusion': z.boolean(),
  'weights.reviewPolicyNonTier1Hq': z.enum(['presumption_of_denial', 'case_by_case', 'presumption_of_approval']),
  'hbm.controlled': z.boolean(),
  'enforced.hqTestWorldwideForA': z.boolean(),
  'enforced.chinaPolicy': ChinaPolicy.nullable(),
} as const satisfies Record<string, z.ZodType>;

export type ParamId = keyof typeof PARAMETERS;
export type ParamValue<K extends ParamId> = z.infer<(typeof PARAMETERS)[K]>;

/** A pack's id ends with the mode it is for (us-bis.ai-diffusion.as-written, …enforced). */
export const MODE_ID_SUFFIX = { as_written: '.as-written', enforced: '.enforced' } as const;

/**
 * Checks a pack body beyond its JSON shape: every parameter the engine reads is present, each value has
 * the right shape, and the status timeline and every parameter's versions cover the pack's dates exactly
 * once. Errors name the JSON path.
 */
export function validatePackSemantics(body: RulePackBody): FieldError[] {
  const errors: FieldError[] = [];
  // The store picks the active pack of a mode by its id: a pack whose id names the other mode would be
  // loaded for the wrong mode and fail every evaluation.
  const suffix = MODE_ID_SUFFIX[body.mode];
  if (!body.id.endsWith(suffix)) {
    const named = (Object.keys(MODE_ID_SUFFIX) as (keyof typeof MODE_ID_SUFFIX)[]).find((m) => body.id.endsWith(MODE_ID_SUFFIX[m]));
    errors.push({
      path: '$.mode',
      message: named
        ? `the pack id ${body.id} names mode ${named} but the pack's mode is ${body.mode}`
        : `the pack id ${body.id} does not name its mode: a pack of mode ${body.mode} has an id ending in "${suffix}"`,
    });
  }
  if (body.coverageFrom > body.issued) errors.push({ path: '$.coverageFrom', message: `coverage starts ${body.coverageFrom}, after the pack was issued (${body.issued})` });
  if (body.reviewBy !== undefined && body.reviewBy < body.issued) errors.push({ path: '$.reviewBy', message: `the pack is to be reviewed by ${body.reviewBy}, before it was issued (${body.issued})` });
  const t = checkTimeline(body.status, body.coverageFrom, nextDay);
  if (t) errors.push({ path: '$.status', message: t });
  for (const id of Object.keys(PARAMETERS) as ParamId[]) {
    const p = body.parameters[id];
    if (!p) {
      errors.push({ path: jsonPath(['parameters', id]), message: 'missing: the engine reads this parameter' });
      continue;
    }
    const tl = checkTimeline(p.versions, body.coverageFrom, nextDay);
    if (tl) errors.push({ path: jsonPath(['parameters', id, 'versions']), message: tl });
    p.versions.forEach((v, i) => {
      const r = PARAMETERS[id].safeParse(v.value);
      if (!r.success) {
        for (const issue of r.error.issues) {
          errors.push({ path: jsonPath(['parameters', id, 'versions', i, 'value', ...issue.path]), message: issue.message });
        }
      }
    });
  }
  for (const id of Object.keys(body.parameters)) {
    if (!(id in PARAMETERS)) errors.push({ path: jsonPath(['parameters', id]), message: 'unknown parameter: no procedure reads it' });
  }
  return errors;
}
