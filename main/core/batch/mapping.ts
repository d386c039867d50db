// Which column of an order book feeds which case field. Headers are matched by their normalised text
// (case, spaces and punctuation ignored) against the case format's own field names (always understood,
// so a file written for Tierline needs no mapping) and the synonyms a person would use ("Qty",
// "Ship-to country", "Customer"). A saved mapping (`tierline.mapping/1`, `--map FILE`) names columns
// explicitly and wins over the guesses; `null` ignores a column.
import { z } from 'zod';
import { SchemaRef } from '../../../shared/domain/schema-ref';

export type FieldKind = 'text' | 'country' | 'date' | 'integer' | 'number' | 'boolean' | 'enum';

export interface LineField {
  field: string;
  level: 'case' | 'item';
  kind: FieldKind;
  synonyms: string[];
  label: string;
}

const f = (field: string, level: LineField['level'], kind: FieldKind, label: string, synonyms: string[] = []): LineField => ({ field, level, kind, label, synonyms });

/** Every field an order line can carry, in the order the UI lists them. */
export const LINE_FIELDS: readonly LineField[] = [
  f('reference', 'case', 'text', 'order reference', ['order', 'order ref', 'order reference', 'order no', 'order number', 'order id', 'po', 'po number', 'purchase order', 'sales order', 'so', 'so number', 'document', 'ref']),
  f('date', 'case', 'date', 'date', ['order date', 'ship date', 'shipping date', 'export date', 'delivery date', 'planned ship date']),
  f('destination', 'case', 'country', 'destination country', ['ship-to country', 'ship to country', 'country', 'destination country', 'dest country', 'dest', 'country of destination', 'delivery country']),
  f('endUser.name', 'case', 'text', 'customer (end user)', ['customer', 'customer name', 'end user', 'end-user', 'end user name', 'consignee', 'ultimate consignee', 'sold-to', 'sold to', 'sold-to party', 'ship-to name', 'client']),
  f('endUser.headquarters', 'case', 'country', 'customer headquarters', ['customer country', 'customer hq', 'hq', 'hq country', 'headquarters', 'headquarters country', 'end user country', 'end user headquarters', 'customer headquarters']),
  f('endUser.ultimateParentHeadquarters', 'case', 'country', 'ultimate parent headquarters', ['parent hq', 'parent country', 'ultimate parent hq', 'ultimate parent country', 'parent headquarters']),
  f('endUser.type', 'case', 'enum', 'customer type', ['customer type', 'end user type', 'customer category']),
  f('endUser.privateSector', 'case', 'boolean', 'private sector', ['private sector', 'private']),
  f('endUse', 'case', 'enum', 'end use', ['end use', 'end-use', 'use']),
  f('transaction.type', 'case', 'enum', 'transaction type', ['transaction', 'transaction type']),
  f('transaction.from', 'case', 'country', 'ship-from country', ['ship-from country', 'ship from country', 'from country', 'origin', 'origin country', 'ship from']),
  f('partNumber', 'item', 'text', 'part number', ['part number', 'part no', 'part', 'pn', 'p/n', 'sku', 'material', 'material number', 'product', 'product code', 'item number', 'article', 'article number']),
  f('quantity', 'item', 'integer', 'quantity', ['qty', 'quantity', 'units', 'pcs', 'pieces', 'order qty', 'order quantity']),
  f('description', 'item', 'text', 'description', ['item description', 'product description', 'material description']),
  f('kind', 'item', 'enum', 'kind', ['item kind', 'item type']),
  f('eccn', 'item', 'text', 'ECCN', ['eccn', 'export classification']),
  f('tppPerUnit', 'item', 'number', 'TPP per unit', ['tpp', 'tpp per unit', 'total processing performance']),
  f('performanceDensity', 'item', 'number', 'performance density', ['performance density', 'pd']),
  f('dieAreaMm2', 'item', 'number', 'die area (mm²)', ['die area', 'die area mm2']),
  f('datacenter', 'item', 'boolean', 'datacenter', ['data center', 'datacenter use']),
  f('approvedDesigner', 'item', 'boolean', 'approved designer', ['approved designer', 'authorized designer']),
  f('dramBandwidthGBs', 'item', 'number', 'DRAM bandwidth (GB/s)', ['dram bandwidth', 'memory bandwidth', 'hbm bandwidth']),
  f('trainingOperations', 'item', 'number', 'training operations', ['training operations', 'training ops']),
  f('weightsPublished', 'item', 'boolean', 'weights published', ['weights published', 'published']),
];

export const FIELD_BY_NAME: ReadonlyMap<string, LineField> = new Map(LINE_FIELDS.map((x) => [x.field, x]));

/** Fields without which a line cannot become a case item. (partNumber or kind is checked per line.) */
export const REQUIRED_FIELDS = ['date', 'destination', 'endUser.name', 'endUser.headquarters', 'quantity'] as const;

export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const GUESS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  // Exact field names first (they always win), then synonyms.
  for (const x of LINE_FIELDS) m.set(normalizeHeader(x.field), x.field);
  for (const x of LINE_FIELDS) for (const s of x.synonyms) if (!m.has(normalizeHeader(s))) m.set(normalizeHeader(s), x.field);
  return m;
})();

export const MAPPING_FORMAT = 'tierline.mapping/1';

/** A case field an order-book column can feed (one of LINE_FIELDS). */
export const MappingField = z.string().refine((s) => FIELD_BY_NAME.has(s), { message: `expected a field name such as quantity, partNumber, endUser.name` });

export const MappingFile = z.strictObject({
  $schema: SchemaRef,
  format: z.literal(MAPPING_FORMAT),
  name: z.string().max(200).optional(),
  /** XLSX: the sheet to read (default: the first). */
  sheet: z.string().max(200).optional(),
  /** Header text → field name, or null to ignore the column. */
  columns: z.record(z.string().min(1).max(200), MappingField.nullable()),
});
export type MappingFile = z.infer<typeof MappingFile>;

export interface ColumnMapping {
  /** Per column index: the field it feeds, or null (ignored). */
  fields: (string | null)[];
  /** How each mapped column was recognised. */
  how: ('field name' | 'synonym' | 'mapping file' | 'ignored' | 'unknown')[];
  /** Fields no column feeds that a line needs. */
  missing: string[];
  /** Two columns feeding one field: [field, first header, second header]. */
  duplicates: [string, string, string][];
}

export function mapColumns(headers: readonly string[], saved?: MappingFile): ColumnMapping {
  const savedByNorm = new Map<string, string | null>();
  if (saved) for (const [h, field] of Object.entries(saved.columns)) savedByNorm.set(normalizeHeader(h), field);
  const fields: (string | null)[] = [];
  const how: ColumnMapping['how'] = [];
  const seen = new Map<string, string>();
  const duplicates: ColumnMapping['duplicates'] = [];
  headers.forEach((h) => {
    const n = normalizeHeader(h);
    let field: string | null = null;
    let kind: ColumnMapping['how'][number] = 'unknown';
    if (savedByNorm.has(n)) {
      field = savedByNorm.get(n) ?? null;
      kind = field ? 'mapping file' : 'ignored';
    } else if (n && GUESS.has(n)) {
      field = GUESS.get(n)!;
      kind = normalizeHeader(field) === n ? 'field name' : 'synonym';
    }
    if (field) {
      const first = seen.get(field);
      if (first !== undefined) {
        duplicates.push([field, first, h]);
        field = null;
        kind = 'ignored';
      } else seen.set(field, h);
    }
    fields.push(field);
    how.push(kind);
  });
  const missing = REQUIRED_FIELDS.filter((x) => !seen.has(x));
  if (!seen.has('partNumber') && !seen.has('kind')) missing.push('partNumber' as never);
  return { fields, how, missing: [...missing], duplicates };
}

/** The mapping as a file to save for next time. */
export function mappingFile(headers: readonly string[], mapping: ColumnMapping, opts: { name?: string; sheet?: string } = {}): MappingFile {
  const columns: Record<string, string | null> = {};
  headers.forEach((h, i) => {
    if (h.trim()) columns[h] = mapping.fields[i];
  });
  return { format: MAPPING_FORMAT, ...(opts.name ? { name: opts.name } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}), columns };
}

export function fieldSuggestions(field: string): string {
  const x = FIELD_BY_NAME.get(field);
  if (!x) return field;
  return [x.field, ...x.synonyms.slice(0, 3).map((s) => `"${s.replace(/\b\w/g, (c) => c.toUpperCase())}"`)].join(', ');
}
