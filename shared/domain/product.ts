// A product of the user's catalogue: the values a case item takes when it names the product by
// `items[].partNumber` (docs/case-format.md). Entries are versioned: an edit makes a new
// version, and a stored case keeps the version it was filled from. The built-in chip catalogue
// (shared/catalog/chips.ts) appears as read-only entries.
import { z } from 'zod';
import { Eccn, ItemKind } from './case';

const NonNegative = z.number().finite().nonnegative();

export const ProductIc = z.strictObject({
  count: z.number().int().min(1).max(100_000),
  tppPerUnit: NonNegative,
  performanceDensity: NonNegative.optional(),
  dieAreaMm2: z.number().finite().positive().optional(),
  datacenter: z.boolean().optional(),
  approvedDesigner: z.boolean().optional(),
  dramBandwidthGBs: NonNegative.optional(),
});
export type ProductIc = z.infer<typeof ProductIc>;

export const PartNumber = z
  .string()
  .trim()
  .min(1, 'a part number cannot be empty')
  .max(100, 'a part number has at most 100 characters')
  .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), 'a part number cannot hold control characters');

/** What the user gives to add or edit an entry. */
export const ProductInput = z.strictObject({
  partNumber: PartNumber,
  description: z.string().max(500).optional(),
  kind: ItemKind,
  eccn: Eccn.optional(),
  tppPerUnit: NonNegative.optional(),
  performanceDensity: NonNegative.optional(),
  dieAreaMm2: z.number().finite().positive().optional(),
  ics: z.array(ProductIc).min(1).max(100).optional(),
  datacenter: z.boolean().optional(),
  approvedDesigner: z.boolean().optional(),
  dramBandwidthGBs: NonNegative.optional(),
  /** Where the values come from (datasheet, test report, supplier letter). */
  source: z.string().trim().min(1, 'say where the values come from (datasheet, test report, …)').max(500),
  note: z.string().max(2000).optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

export interface Product extends ProductInput {
  version: number;
  /** Built-in chip catalogue entries are read-only. */
  builtin: boolean;
  /** sha256 of the canonical JSON of the entry's values (ProductInput): what a stored case was filled from. */
  sha256: string;
  createdAt: string | null;
  actor: string | null;
}

/** Part numbers match case-, width- and spacing-insensitively. */
export function partKey(partNumber: string): string {
  return partNumber.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
}

/** The item fields a catalogue entry fills (in this order), with the entry field each comes from. */
export const FILLED_FIELDS = [
  'description',
  'kind',
  'eccn',
  'tppPerUnit',
  'performanceDensity',
  'dieAreaMm2',
  'datacenter',
  'approvedDesigner',
  'dramBandwidthGBs',
] as const;
export type FilledField = (typeof FILLED_FIELDS)[number];

/** TPP of one unit: the entry's own, else (a computer) the sum over its ICs. */
export function productUnitTpp(p: ProductInput): number | undefined {
  if (p.tppPerUnit !== undefined) return p.tppPerUnit;
  if (p.ics) return p.ics.reduce((s, ic) => s + ic.count * ic.tppPerUnit, 0);
  return undefined;
}
