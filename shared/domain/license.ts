// A license BIS granted (`tierline.license/1`): who may ship what to whom, in what quantity, TPP and
// value, until when, under which conditions (riders). Recording a shipment under LICENSE draws on it.
// Unknown fields are an error, as in the case format. The JSON Schema in docs/schemas/ is generated
// from this one schema (scripts/schemas.ts, npm run schemas).
import { z } from 'zod';
import { isCountryCode } from './countries';
import { isValidIsoDate } from './dates';
import { Eccn } from './case';
import { SchemaRef } from './schema-ref';

export const LICENSE_FORMAT = 'tierline.license/1';

export const LicenseDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date written YYYY-MM-DD')
  .refine(isValidIsoDate, { message: 'expected a calendar date written YYYY-MM-DD' });

export const LicenseCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "DE"')
  .refine(isCountryCode, { message: 'expected an ISO 3166-1 alpha-2 country code such as "DE"' });

export const LicenseParty = z
  .strictObject({
    name: z.string().trim().min(1, 'a party needs a name').max(300),
    country: LicenseCountry,
    address: z.string().trim().max(500).optional(),
  })
  .meta({ description: 'A party named on the license (name as on the license, country, address)' });
export type LicenseParty = z.infer<typeof LicenseParty>;

export const LicenseItem = z
  .strictObject({
    eccn: Eccn,
    description: z.string().trim().min(1).max(500),
    quantity: z.number().int('quantity must be a whole number').min(1).max(1_000_000_000).meta({ description: 'units authorized' }),
    tppLimit: z.number().finite().positive().optional().meta({ description: 'total TPP authorized for this line (absent: no TPP limit)' }),
    valueLimitUsd: z.number().finite().positive().optional().meta({ description: 'total value authorized for this line, U.S. dollars (absent: no value limit)' }),
  })
  .meta({ description: 'One line of the license: an ECCN with its quantity, TPP and value limits' });
export type LicenseItem = z.infer<typeof LicenseItem>;

export const License = z
  .strictObject({
    $schema: SchemaRef,
    format: z.literal(LICENSE_FORMAT),
    number: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, 'expected the license number as BIS issued it (letters, digits and hyphens, 3 to 40 characters)'),
    issued: LicenseDay.meta({ description: 'date of issue' }),
    expires: LicenseDay.meta({ description: 'last day on which the license may be used (shipping on this day is covered)' }),
    applicant: LicenseParty,
    consignee: LicenseParty.meta({ description: 'ultimate consignee' }),
    intermediateConsignees: z.array(LicenseParty).max(20).optional(),
    endUser: LicenseParty,
    destination: LicenseCountry,
    items: z.array(LicenseItem).min(1, 'a license authorizes at least one item').max(100),
    conditions: z.array(z.string().trim().min(1).max(4000)).max(100).optional().meta({ description: 'conditions (riders) as written on the license' }),
    determination: z
      .strictObject({ caseId: z.number().int().positive().optional(), determinationId: z.number().int().positive().optional() })
      .optional()
      .meta({ description: 'the stored determination this license answers' }),
  })
  .superRefine((l, ctx) => {
    if (l.expires < l.issued) ctx.addIssue({ code: 'custom', path: ['expires'], message: `the license expires (${l.expires}) before it was issued (${l.issued})` });
  })
  .meta({ title: 'Tierline license (tierline.license/1)', description: 'A license granted by BIS, kept so that shipments under LICENSE draw it down' });
export type License = z.infer<typeof License>;

// ---------------------------------------------------------------------------------------------------
// Coverage and drawdown: pure functions over a license and what its lines have already been drawn.

/** What standing shipments have drawn on one license line. */
export interface LineUsage {
  quantity: number;
  tpp: number;
  valueUsd: number;
}

/** One line of a shipment that ships under LICENSE. */
export interface ShipmentLine {
  /** Index of the item in the case. */
  itemIndex: number;
  eccn: string | null;
  quantity: number;
  tpp: number;
  /** Total value in U.S. dollars, or null when the case does not state a unit value. */
  valueUsd: number | null;
}

export type CoverageCondition = 'not_yet_valid' | 'expired' | 'end_user' | 'destination' | 'item' | 'quantity' | 'tpp' | 'value';

export interface Draw {
  itemIndex: number;
  licenseItem: number;
  quantity: number;
  tpp: number;
  valueUsd: number | null;
}

export type Coverage = { ok: true; draws: Draw[] } | { ok: false; condition: CoverageCondition; reason: string; path: string };

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const key = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
const EPS = 1e-9;

/**
 * Does the license cover this shipment on its date? Checks, in order: the date (from issue through the
 * expiry day inclusive), the end user, the destination, then each line: a license line with the same
 * ECCN with enough quantity, TPP and value left (earlier lines of the same shipment included). The first
 * condition that fails is the reason; nothing is drawn unless every line is covered.
 */
export function checkCoverage(input: {
  license: License;
  usage: readonly LineUsage[];
  date: string;
  endUser: string;
  destination: string;
  lines: readonly ShipmentLine[];
}): Coverage {
  const { license: l, date } = input;
  const refuse = (condition: CoverageCondition, reason: string, path = '$.license'): Coverage => ({ ok: false, condition, reason: `license ${l.number} does not cover this shipment: ${reason}`, path });
  if (date < l.issued) return refuse('not_yet_valid', `it was issued on ${l.issued}, after the ship date ${date}`);
  if (date > l.expires) return refuse('expired', `it expired on ${l.expires} (ship date ${date})`);
  if (key(input.endUser) !== key(l.endUser.name)) return refuse('end_user', `it names the end user "${l.endUser.name}", not "${input.endUser}"`);
  if (input.destination !== l.destination) return refuse('destination', `it is for destination ${l.destination}, not ${input.destination}`);
  const used = l.items.map((_, i) => ({ ...(input.usage[i] ?? { quantity: 0, tpp: 0, valueUsd: 0 }) }));
  const draws: Draw[] = [];
  for (const line of input.lines) {
    const path = `$.items[${line.itemIndex}]`;
    const what = `item ${line.itemIndex} (${line.eccn ?? 'no ECCN'})`;
    const candidates = l.items.map((it, i) => ({ it, i })).filter(({ it }) => line.eccn !== null && it.eccn.toLowerCase() === line.eccn.toLowerCase());
    if (candidates.length === 0) return refuse('item', `${what}: the license authorizes ${l.items.map((it) => it.eccn).join(', ')} only`, path);
    let firstProblem: Coverage | null = null;
    let chosen: number | null = null;
    for (const { it, i } of candidates) {
      const u = used[i];
      const line1 = `license line ${i + 1}`;
      let problem: Coverage | null = null;
      if (u.quantity + line.quantity > it.quantity) {
        problem = refuse('quantity', `${what}: ${n(line.quantity)} units asked, ${n(Math.max(0, it.quantity - u.quantity))} of ${n(it.quantity)} left on ${line1}`, path);
      } else if (it.tppLimit !== undefined && u.tpp + line.tpp > it.tppLimit * (1 + EPS)) {
        problem = refuse('tpp', `${what}: ${n(line.tpp)} TPP asked, ${n(Math.max(0, it.tppLimit - u.tpp))} of ${n(it.tppLimit)} TPP left on ${line1}`, path);
      } else if (it.valueLimitUsd !== undefined && line.valueUsd === null) {
        problem = refuse('value', `${what}: ${line1} limits the value to $${n(it.valueLimitUsd)} and the case does not state the item's unitValueUsd`, `${path}.unitValueUsd`);
      } else if (it.valueLimitUsd !== undefined && line.valueUsd !== null && u.valueUsd + line.valueUsd > it.valueLimitUsd * (1 + EPS)) {
        problem = refuse('value', `${what}: $${n(line.valueUsd)} asked, $${n(Math.max(0, it.valueLimitUsd - u.valueUsd))} of $${n(it.valueLimitUsd)} left on ${line1}`, path);
      }
      if (!problem) {
        chosen = i;
        break;
      }
      firstProblem ??= problem;
    }
    if (chosen === null) return firstProblem!;
    used[chosen].quantity += line.quantity;
    used[chosen].tpp += line.tpp;
    used[chosen].valueUsd += line.valueUsd ?? 0;
    draws.push({ itemIndex: line.itemIndex, licenseItem: chosen, quantity: line.quantity, tpp: line.tpp, valueUsd: line.valueUsd });
  }
  return { ok: true, draws };
}

export interface LineStatus {
  index: number;
  eccn: string;
  description: string;
  quantity: { limit: number; used: number; left: number };
  tpp: { limit: number; used: number; left: number } | null;
  valueUsd: { limit: number; used: number; left: number } | null;
  /** Highest fraction used of any limit on the line, 0..1. */
  usedFraction: number;
}

export interface LicenseStatus {
  number: string;
  asOf: string;
  state: 'not_yet_valid' | 'valid' | 'expired' | 'used_up';
  daysToExpiry: number;
  lines: LineStatus[];
  warnings: string[];
}

export const USE_WARNING_FRACTION = 0.8;
export const EXPIRY_WARNING_DAYS = 30;

function dayNumber(d: string): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}

/** What remains on each line, and the warnings: 80 % of a limit used, 30 days or fewer to expiry. */
export function licenseStatus(l: License, usage: readonly LineUsage[], asOf: string): LicenseStatus {
  const warnings: string[] = [];
  const lines = l.items.map((it, i): LineStatus => {
    const u = usage[i] ?? { quantity: 0, tpp: 0, valueUsd: 0 };
    const lim = (limit: number | undefined, used: number) => (limit === undefined ? null : { limit, used, left: Math.max(0, limit - used) });
    const quantity = { limit: it.quantity, used: u.quantity, left: Math.max(0, it.quantity - u.quantity) };
    const tpp = lim(it.tppLimit, u.tpp);
    const valueUsd = lim(it.valueLimitUsd, u.valueUsd);
    const fractions = [quantity, tpp, valueUsd].filter((x) => x !== null).map((x) => x.used / x.limit);
    const usedFraction = Math.max(...fractions);
    if (usedFraction >= 1 - EPS) warnings.push(`line ${i + 1} (${it.eccn}) is used up`);
    else if (usedFraction >= USE_WARNING_FRACTION) warnings.push(`line ${i + 1} (${it.eccn}) is ${Math.floor(usedFraction * 100)} % used`);
    return { index: i, eccn: it.eccn, description: it.description, quantity, tpp, valueUsd, usedFraction };
  });
  const daysToExpiry = dayNumber(l.expires) - dayNumber(asOf);
  let state: LicenseStatus['state'] = 'valid';
  if (asOf < l.issued) state = 'not_yet_valid';
  else if (asOf > l.expires) state = 'expired';
  else if (lines.every((x) => x.usedFraction >= 1 - EPS)) state = 'used_up';
  if (state === 'expired') warnings.push(`expired on ${l.expires}`);
  else if (daysToExpiry <= EXPIRY_WARNING_DAYS) warnings.push(daysToExpiry === 0 ? `expires today (${l.expires})` : `expires in ${daysToExpiry} day(s), on ${l.expires}`);
  return { number: l.number, asOf, state, daysToExpiry, lines, warnings };
}
