// A rule pack is signed data: the dated parameters of one regime (country groups, thresholds, caps,
// dates, legal status), each with its citation, a short excerpt and a confidence. The decision
// procedure is code (shared/engine/regimes) that reads these parameters; a change of a country, a
// threshold, a cap or a date is a new pack version, never a code change.
import { z } from 'zod';
import { EvaluationMode } from './case';
import { Confidence } from './determination';
import { IsoDate } from './dates';
import { SchemaRef } from './schema-ref';

export const RULEPACK_FORMAT = 'tierline.rulepack/1';

/** The procedures the engine knows. A pack names, per period, which one applies. */
export const Procedure = z.enum(['advanced_computing', 'ai_diffusion']);
export type Procedure = z.infer<typeof Procedure>;

export const StatusCode = z.enum([
  'pre_rule',
  'effective_compliance_not_required',
  'in_force',
  'codified_not_enforced',
  'enforced_posture',
]);
export type StatusCode = z.infer<typeof StatusCode>;

const Sourced = {
  citation: z.string().min(1),
  excerpt: z.string().max(600),
  confidence: Confidence,
  note: z.string().max(1000).optional(),
};

export const StatusPeriod = z.strictObject({
  from: IsoDate,
  to: IsoDate.nullable(),
  procedure: Procedure,
  code: StatusCode,
  /** Plain words for the banner: what the law is and what BIS enforces on these dates. */
  text: z.string().min(1).max(1000),
  /** The longer account, shown one click (or one page section) away from the banner. */
  detail: z.string().max(2000).optional(),
  /** What happened on the period's first day, in one sentence: listed as "since then" for earlier cases. */
  event: z.string().max(600).optional(),
  ...Sourced,
});
export type StatusPeriod = z.infer<typeof StatusPeriod>;

export const ParameterValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number().finite(),
    z.string(),
    z.array(ParameterValue),
    z.record(z.string(), ParameterValue),
  ]),
);
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export const ParameterVersion = z.strictObject({
  from: IsoDate,
  to: IsoDate.nullable(),
  value: ParameterValue,
  citation: z.string().min(1).optional(),
  excerpt: z.string().max(600).optional(),
  confidence: Confidence.optional(),
  note: z.string().max(1000).optional(),
});
export type ParameterVersion = z.infer<typeof ParameterVersion>;

export const Parameter = z.strictObject({
  title: z.string().min(1),
  unit: z.string().optional(),
  ...Sourced,
  versions: z.array(ParameterVersion).min(1),
});
export type Parameter = z.infer<typeof Parameter>;

export const RulePackBody = z.strictObject({
  $schema: SchemaRef,
  format: z.literal(RULEPACK_FORMAT),
  id: z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'pack ids are lower-case words joined by dots or dashes'),
  version: z.number().int().positive(),
  mode: EvaluationMode,
  title: z.string().min(1),
  summary: z.string(),
  issued: IsoDate,
  /** First date the pack answers for; earlier case dates are refused. */
  coverageFrom: IsoDate,
  /**
   * Until when the pack is current (a freeze-attack guard, like TUF's timestamp role): past this date
   * every determination warns that the rules may be out of date. Optional: older packs have none.
   */
  reviewBy: IsoDate.optional(),
  status: z.array(StatusPeriod).min(1),
  parameters: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*([._][a-zA-Z0-9]+)*$/, "parameter ids are dotted words"), Parameter),
});
export type RulePackBody = z.infer<typeof RulePackBody>;

export const PackSignature = z.strictObject({
  alg: z.literal('Ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});
export type PackSignature = z.infer<typeof PackSignature>;

export const SignedRulePack = RulePackBody.extend({ signature: PackSignature });
export type SignedRulePack = z.infer<typeof SignedRulePack>;

/** A pack that core has verified and hashed, ready for the engine. */
export interface LoadedPack {
  body: RulePackBody;
  sha256: string;
  keyId: string;
}

/**
 * Checks that periods of a dated list cover [from, ∞) exactly once: sorted, no gap, no overlap, last
 * one open-ended. Returns the problem in plain words, or null.
 */
export function checkTimeline(
  periods: ReadonlyArray<{ from: string; to: string | null }>,
  coverageFrom: string,
  nextDay: (d: string) => string,
): string | null {
  if (periods.length === 0) return 'no periods';
  if (periods[0].from > coverageFrom) return `first period starts ${periods[0].from}, after coverage starts ${coverageFrom}`;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i];
    if (p.to !== null && p.to < p.from) return `period ${i} ends (${p.to}) before it starts (${p.from})`;
    if (i < periods.length - 1) {
      if (p.to === null) return `period ${i} is open-ended but is followed by another`;
      const expected = nextDay(p.to);
      if (periods[i + 1].from !== expected)
        return `period ${i + 1} starts ${periods[i + 1].from}; expected ${expected} (the day after period ${i} ends)`;
    } else if (p.to !== null) {
      return `the last period ends ${p.to}; it must stay open (to: null) until a newer pack replaces it`;
    }
  }
  return null;
}
