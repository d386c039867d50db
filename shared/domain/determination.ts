// The `tierline.determination/1` document: what `tierline evaluate --json` prints, what letters embed.
import { z } from 'zod';
import { Authorization, EvaluationMode } from './case';
import { IsoDate } from './dates';
import { SchemaRef } from './schema-ref';
import { ScreeningSection } from './screening';

export const Confidence = z.enum(['high', 'medium', 'low', 'unsourced']);
export type Confidence = z.infer<typeof Confidence>;

export const ReviewPolicy = z.enum([
  'presumption_of_approval',
  'presumption_of_denial',
  'case_by_case',
  'policy_of_denial',
]);
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

export const TraceStep = z.strictObject({
  /** Stable id of the rule step, for tools; readers see `title`. */
  rule: z.string(),
  /** What the step decides, in words (absent in determinations made before titles existed). */
  title: z.string().optional(),
  citation: z.string(),
  test: z.string(),
  result: z.string(),
  confidence: Confidence,
});
export type TraceStep = z.infer<typeof TraceStep>;

export const ItemDetermination = z.strictObject({
  index: z.number().int().nonnegative(),
  eccn: z.string().nullable(),
  licenseRequired: z.boolean(),
  authorization: Authorization,
  reviewPolicy: ReviewPolicy.nullable(),
  obligations: z.array(z.string()),
  trace: z.array(TraceStep),
});
export type ItemDetermination = z.infer<typeof ItemDetermination>;

export const Tier = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof Tier>;

export const PackRef = z.strictObject({
  id: z.string(),
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PackRef = z.infer<typeof PackRef>;

export const Evaluation = z.strictObject({
  mode: EvaluationMode,
  asOf: IsoDate,
  rulePack: PackRef,
  /** The regime on the as-of date, as known on that date (at most two sentences). */
  regimeStatus: z.string(),
  /** The longer account of that status. */
  regimeStatusDetail: z.string().optional(),
  /** Developments after the as-of date known to the pack when the case was evaluated, oldest first. */
  sinceThen: z.array(z.strictObject({ date: IsoDate, text: z.string() })).optional(),
  destinationTier: Tier.nullable(),
  effectiveTier: Tier.nullable(),
  licenseRequired: z.boolean(),
  items: z.array(ItemDetermination),
  warnings: z.array(z.string()),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const DETERMINATION_FORMAT = 'tierline.determination/1';

export const Determination = z.strictObject({
  $schema: SchemaRef,
  format: z.literal(DETERMINATION_FORMAT),
  caseSha256: z.string().regex(/^[0-9a-f]{64}$/),
  evaluations: z.array(Evaluation).min(1),
  /** The parties screened against the active list snapshot (absent where no screening was run). */
  screening: ScreeningSection.optional(),
});
export type Determination = z.infer<typeof Determination>;
