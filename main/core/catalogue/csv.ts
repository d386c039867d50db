// The catalogue as CSV: export every entry (current versions and the built-in chips) and import a file
// of entries (all or nothing, every problem named by row and column). The columns are the entry's own
// field names; `version`, `builtin` and `sha256` are written on export and ignored on import, and
// built-in rows are skipped, so an exported file imports back unchanged.
import { parse } from 'csv-parse/sync';
import { parseWith } from '../../../shared/domain/issues';
import { ProductInput, type Product } from '../../../shared/domain/product';
import type { DbIssue, ProductImportRow } from '../db';
import { toCsv, type Column, type Table } from '../exports/table';

export const CATALOGUE_COLUMNS: readonly Column[] = [
  { key: 'partNumber', header: 'partNumber', type: 'text', width: 22 },
  { key: 'version', header: 'version', type: 'integer' },
  { key: 'builtin', header: 'builtin', type: 'boolean' },
  { key: 'description', header: 'description', type: 'text', width: 30 },
  { key: 'kind', header: 'kind', type: 'text' },
  { key: 'eccn', header: 'eccn', type: 'text' },
  { key: 'tppPerUnit', header: 'tppPerUnit', type: 'number' },
  { key: 'performanceDensity', header: 'performanceDensity', type: 'number' },
  { key: 'dieAreaMm2', header: 'dieAreaMm2', type: 'number' },
  { key: 'ics', header: 'ics', type: 'text', width: 30 },
  { key: 'datacenter', header: 'datacenter', type: 'boolean' },
  { key: 'approvedDesigner', header: 'approvedDesigner', type: 'boolean' },
  { key: 'dramBandwidthGBs', header: 'dramBandwidthGBs', type: 'number' },
  { key: 'source', header: 'source', type: 'text', width: 40 },
  { key: 'note', header: 'note', type: 'text', width: 40 },
  { key: 'sha256', header: 'sha256', type: 'text', width: 20 },
];

const INFO_ONLY = new Set(['version', 'builtin', 'sha256']);
const NUMBERS = new Set(['tppPerUnit', 'performanceDensity', 'dieAreaMm2', 'dramBandwidthGBs']);
const BOOLEANS = new Set(['datacenter', 'approvedDesigner']);
const TEXT = new Set(['partNumber', 'description', 'kind', 'eccn', 'source', 'note']);

export function catalogueTable(products: readonly Product[]): Table {
  return {
    name: 'Catalogue',
    columns: CATALOGUE_COLUMNS,
    rows: products.map((p) => ({
      partNumber: p.partNumber,
      version: p.version,
      builtin: p.builtin,
      description: p.description,
      kind: p.kind,
      eccn: p.eccn,
      tppPerUnit: p.tppPerUnit,
      performanceDensity: p.performanceDensity,
      dieAreaMm2: p.dieAreaMm2,
      ics: p.ics ? JSON.stringify(p.ics) : undefined,
      datacenter: p.datacenter,
      approvedDesigner: p.approvedDesigner,
      dramBandwidthGBs: p.dramBandwidthGBs,
      source: p.source,
      note: p.note,
      sha256: p.sha256,
    })),
  };
}

export function exportCatalogueCsv(products: readonly Product[]): string {
  return toCsv(catalogueTable(products));
}

export function parseBoolean(s: string): boolean | undefined {
  const v = s.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'x'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  return undefined;
}

/** A number as people write it: 15832, 15,832, 1.5e4, 19.45; not "about 20". */
export function parseNumber(s: string): number | undefined {
  const t = s.trim().replace(/(?<=\d),(?=\d{3}(\D|$))/g, '').replace(/\s/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Rows of a catalogue CSV as entries to import, or every problem found (by row and column). */
export function parseCatalogueCsv(text: string): { ok: true; rows: ProductImportRow[] } | { ok: false; issues: DbIssue[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: false, trim: false, info: true }) as typeof records;
  } catch (e) {
    return { ok: false, issues: [{ path: 'file', message: `not readable as CSV: ${(e as Error).message}` }] };
  }
  const issues: DbIssue[] = [];
  const header = records.length ? Object.keys(records[0].record) : [];
  for (const h of header) {
    if (!TEXT.has(h) && !NUMBERS.has(h) && !BOOLEANS.has(h) && !INFO_ONLY.has(h) && h !== 'ics') {
      issues.push({ path: `row 1, column ${h}`, message: 'unknown column (expected the catalogue field names, e.g. partNumber, kind, tppPerUnit, source)' });
    }
  }
  for (const required of ['partNumber', 'kind', 'source']) {
    if (records.length && !header.includes(required)) issues.push({ path: `row 1, column ${required}`, message: 'required column missing' });
  }
  if (issues.length) return { ok: false, issues };
  const rows: ProductImportRow[] = [];
  records.forEach(({ record, info }, i) => {
    const row = i + 2; // header is row 1
    const location = `row ${row}`;
    if (parseBoolean(record.builtin ?? '') === true) return;
    const out: Record<string, unknown> = {};
    for (const [k, raw] of Object.entries(record)) {
      if (INFO_ONLY.has(k) || raw.trim() === '') continue;
      if (NUMBERS.has(k)) {
        const n = parseNumber(raw);
        if (n === undefined) issues.push({ path: `${location}, column ${k}`, message: `expected a number, got ${JSON.stringify(raw)}` });
        else out[k] = n;
      } else if (BOOLEANS.has(k)) {
        const b = parseBoolean(raw);
        if (b === undefined) issues.push({ path: `${location}, column ${k}`, message: `expected yes/no (true/false), got ${JSON.stringify(raw)}` });
        else out[k] = b;
      } else if (k === 'ics') {
        try {
          out.ics = JSON.parse(raw);
        } catch {
          issues.push({ path: `${location}, column ics`, message: 'expected a JSON list of ICs, e.g. [{"count":8,"tppPerUnit":15832}]' });
        }
      } else out[k] = raw.trim();
    }
    void info;
    rows.push({ location, raw: out });
  });
  if (issues.length) {
    // Report the other problems of the file too (a field with a type error is absent here, so say nothing
    // more about it), in row order.
    const flagged = new Set(issues.map((i) => i.path));
    for (const r of rows) {
      const v = parseWith(ProductInput, r.raw);
      if (v.ok) continue;
      for (const e of v.errors) {
        const path = `${r.location}, column ${e.path.replace(/^\$\.?/, '')}`;
        if (!flagged.has(path)) issues.push({ path, message: e.message });
      }
    }
    const rowOf = (p: string) => Number(/row (\d+)/.exec(p)?.[1] ?? 0);
    issues.sort((a, b) => rowOf(a.path) - rowOf(b.path));
    return { ok: false, issues };
  }
  return { ok: true, rows };
}
