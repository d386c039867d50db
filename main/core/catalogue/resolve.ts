// Fills case items that name a product (`items[].partNumber`) from the catalogue, before the case is
// validated: the catalogue's values fill every field the item leaves out; a field the item gives wins,
// and a disagreement is reported as a warning. An unknown part number is an error at its JSON path.
// The filled document is what gets stored (its sha256 covers the filled values), together with the
// entry and version each item came from.
import { Item } from '../../../shared/domain/case';
import type { FieldError } from '../../../shared/domain/issues';
import { FILLED_FIELDS, productUnitTpp, type Product } from '../../../shared/domain/product';
import type { UsedProduct } from '../db/products-repo';

export type ProductLookup = (partNumber: string) => Product | null;

export interface Resolved {
  /** The case document with every catalogue value filled in (a copy; the input is not changed). */
  doc: unknown;
  used: UsedProduct[];
  warnings: string[];
}

/** Whether the item schema knows `ics` yet (CASE-FORMAT.md has it; the engine may not). */
const ITEM_HAS_ICS = 'ics' in Item.shape;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b;
}

/** The values an item takes from an entry: its own fields, and for a computer given by its ICs, their totals. */
export function productItemValues(p: Product): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FILLED_FIELDS) {
    const v = f === 'tppPerUnit' ? productUnitTpp(p) : p[f];
    if (v !== undefined) out[f] = v;
  }
  if (p.ics) {
    if (ITEM_HAS_ICS) out.ics = p.ics;
    else {
      // Until the item format carries ics, the computer is tested as one IC of the summed TPP (which can
      // only over-classify) with the densest IC's density: conservative in both.
      const dens = p.ics.map((ic) => ic.performanceDensity).filter((d): d is number => d !== undefined);
      if (out.performanceDensity === undefined && dens.length) out.performanceDensity = Math.max(...dens);
      if (out.datacenter === undefined && p.ics.some((ic) => ic.datacenter)) out.datacenter = true;
      if (out.dramBandwidthGBs === undefined) {
        const bw = p.ics.map((ic) => (ic.dramBandwidthGBs ?? 0) * ic.count).reduce((a, b) => a + b, 0);
        if (bw > 0) out.dramBandwidthGBs = bw;
      }
    }
  }
  return out;
}

export function resolveCase(raw: unknown, lookup: ProductLookup): { ok: true; value: Resolved } | { ok: false; errors: FieldError[] } {
  if (!isObject(raw) || !Array.isArray(raw.items)) return { ok: true, value: { doc: raw, used: [], warnings: [] } };
  if (!raw.items.some((it) => isObject(it) && it.partNumber !== undefined)) return { ok: true, value: { doc: raw, used: [], warnings: [] } };
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const used: UsedProduct[] = [];
  const items = raw.items.map((it: unknown, idx: number) => {
    if (!isObject(it) || it.partNumber === undefined) return it;
    const path = `$.items[${idx}].partNumber`;
    if (typeof it.partNumber !== 'string' || !it.partNumber.trim()) {
      errors.push({ path, message: 'a part number is text naming a catalogue entry' });
      return it;
    }
    const p = lookup(it.partNumber);
    if (!p) {
      errors.push({ path, message: `unknown part number "${it.partNumber}": add it to the product catalogue first` });
      return it;
    }
    const filled: Record<string, unknown> = { ...it };
    for (const [field, value] of Object.entries(productItemValues(p))) {
      if (filled[field] === undefined) filled[field] = value;
      else if (!same(filled[field], value) && field !== 'description') {
        warnings.push(
          `items[${idx}].${field}: the case gives ${JSON.stringify(filled[field])} but catalogue entry ${p.partNumber} v${p.version} says ${JSON.stringify(value)}; the case's value is used.`,
        );
      }
    }
    used.push({ idx, partNumber: p.partNumber, version: p.version, builtin: p.builtin, sha256: p.sha256 });
    return filled;
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { doc: { ...raw, items }, used, warnings } };
}
