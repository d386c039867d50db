// Reads the Consolidated Screening List as the International Trade Administration publishes it, in both
// shapes: `consolidated.csv` (ITA's column header, multi-valued cells joined with "; ") and
// `consolidated.json` (`{ "results": [ … ] }`, ITA's field names). Every column of ITA's full file is
// accepted and kept (the entry's `raw` form); a malformed file is refused with the row and field named.
import { parse } from 'csv-parse/sync';
import type { CslAddress, CslEntry, CslId } from '../../../shared/domain/screening';

export type { CslAddress, CslEntry, CslId };

/** ITA's CSV header, in ITA's order (the full file; the 2026-07-31 copy has the same header). */
export const CSL_CSV_COLUMNS = [
  '_id', 'source', 'entity_number', 'type', 'programs', 'name', 'title', 'addresses', 'federal_register_notice',
  'start_date', 'end_date', 'standard_order', 'license_requirement', 'license_policy', 'call_sign', 'vessel_type',
  'gross_tonnage', 'gross_registered_tonnage', 'vessel_flag', 'vessel_owner', 'remarks', 'source_list_url',
  'alt_names', 'citizenships', 'dates_of_birth', 'nationalities', 'places_of_birth', 'source_information_url', 'ids',
] as const;

const REQUIRED_CSV = ['source', 'name'] as const;

export interface CslIssue {
  /** `row 17, field name` (CSV rows count data rows from 1; JSON rows are `results[16]`). */
  path: string;
  message: string;
}

export interface ParsedList {
  format: 'csv' | 'json';
  entries: CslEntry[];
  /** The list's date where the file itself states one (JSON `sources_used[].last_imported`, max). */
  statedDate: string | null;
}

export type ParseResult = { ok: true; value: ParsedList } | { ok: false; issues: CslIssue[] };

const MAX_ISSUES = 50;

/** "Entity List (EL) - Bureau of Industry and Security" → "EL"; "… (NS-MBS List) - …" → "NS-MBS". */
export function listCode(source: string): string {
  const m = /\(([A-Za-z0-9-]+)(?: List)?\)/.exec(source);
  if (m) return m[1].toUpperCase();
  return source.trim().split(/\s+-\s+/)[0].toUpperCase();
}

function blank(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function splitList(v: string | null | undefined): string[] {
  const t = blank(v);
  return t === null ? [] : t.split(/\s*;\s*/).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * CSV address cell: one address per "; "-separated part, its fields joined by ", " with the country
 * last. The street, city, state and postal code stay together in `address` (ITA's CSV does not mark
 * which is which); the country is what screening reads.
 */
function csvAddresses(v: string): CslAddress[] {
  return splitList(v).map((one) => {
    const parts = one.split(/\s*,\s*/);
    // country names written "MAN, ISLE OF", "KOREA, NORTH", "CONGO, DEMOCRATIC REPUBLIC OF THE"
    if (parts.length >= 2 && /^(ISLE OF|NORTH|SOUTH|THE|(DEMOCRATIC |ISLAMIC )?REPUBLIC OF( THE)?|FEDERATED STATES OF|BRITISH|U\.S\.)$/i.test(parts[parts.length - 1])) {
      parts.splice(parts.length - 2, 2, `${parts[parts.length - 2]}, ${parts[parts.length - 1]}`);
    }
    return { address: blank(parts.slice(0, -1).join(', ')), city: null, state: null, postal_code: null, country: blank(parts[parts.length - 1]) };
  });
}

/** CSV ids cell: "type, number, country, issue date, expiration date" per id, ids joined by "; ". */
function csvIds(v: string): CslId[] {
  return splitList(v).map((one) => {
    const p = one.split(/\s*,\s*/);
    return { type: blank(p[0]), number: blank(p[1]), country: blank(p[2]), issue_date: blank(p[3]), expiration_date: blank(p[4]) };
  });
}

function countriesOf(addresses: CslAddress[]): string[] {
  const out: string[] = [];
  for (const a of addresses) {
    const c = a.country?.trim().toUpperCase();
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

function finish(e: Omit<CslEntry, 'list' | 'countries'>): CslEntry {
  return { ...e, list: listCode(e.source), countries: countriesOf(e.addresses) };
}

export function parseCsv(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let records: string[][];
  try {
    records = parse(body, { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    const err = e as Error & { lines?: number; records?: number };
    const row = err.records !== undefined ? (err.records === 0 ? 'header' : `row ${err.records}`) : 'file';
    return { ok: false, issues: [{ path: `${row}${err.lines !== undefined ? ` (line ${err.lines})` : ''}`, message: `not valid CSV: ${err.message}` }] };
  }
  if (records.length === 0) return { ok: false, issues: [{ path: 'header', message: 'the file is empty: expected ITA\'s header line (_id,source,entity_number,…)' }] };
  const header = records[0].map((h) => h.trim());
  const issues: CslIssue[] = [];
  for (const col of REQUIRED_CSV) if (!header.includes(col)) issues.push({ path: `header, column ${col}`, message: `missing: the header must name ITA's columns (${CSL_CSV_COLUMNS.slice(0, 6).join(',')},…)` });
  const unknown = header.filter((h) => !(CSL_CSV_COLUMNS as readonly string[]).includes(h));
  for (const u of unknown) issues.push({ path: `header, column ${u || '(empty)'}`, message: 'not a column of ITA\'s consolidated.csv' });
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) issues.push({ path: `header, column ${h}`, message: 'named twice' });
    seen.add(h);
  }
  if (issues.length) return { ok: false, issues };
  const col = (name: string) => header.indexOf(name);
  const idx = Object.fromEntries(CSL_CSV_COLUMNS.map((c) => [c, col(c)])) as Record<(typeof CSL_CSV_COLUMNS)[number], number>;
  const get = (r: string[], c: (typeof CSL_CSV_COLUMNS)[number]): string => (idx[c] >= 0 ? (r[idx[c]] ?? '') : '');
  const entries: CslEntry[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const row = `row ${i}`;
    const source = blank(get(r, 'source'));
    const name = blank(get(r, 'name'));
    if (!source) issues.push({ path: `${row}, field source`, message: 'empty: every entry names the list it comes from' });
    if (!name) issues.push({ path: `${row}, field name`, message: 'empty: every entry has a name' });
    if (issues.length >= MAX_ISSUES) break;
    if (!source || !name) continue;
    entries.push(
      finish({
        id: blank(get(r, '_id')) ?? `row-${i}`,
        source,
        entity_number: blank(get(r, 'entity_number')),
        type: blank(get(r, 'type')),
        programs: splitList(get(r, 'programs')),
        name,
        title: blank(get(r, 'title')),
        addresses: csvAddresses(get(r, 'addresses')),
        federal_register_notice: blank(get(r, 'federal_register_notice')),
        start_date: blank(get(r, 'start_date')),
        end_date: blank(get(r, 'end_date')),
        standard_order: blank(get(r, 'standard_order')),
        license_requirement: blank(get(r, 'license_requirement')),
        license_policy: blank(get(r, 'license_policy')),
        call_sign: blank(get(r, 'call_sign')),
        vessel_type: blank(get(r, 'vessel_type')),
        gross_tonnage: blank(get(r, 'gross_tonnage')),
        gross_registered_tonnage: blank(get(r, 'gross_registered_tonnage')),
        vessel_flag: blank(get(r, 'vessel_flag')),
        vessel_owner: blank(get(r, 'vessel_owner')),
        remarks: blank(get(r, 'remarks')),
        source_list_url: blank(get(r, 'source_list_url')),
        alt_names: splitList(get(r, 'alt_names')),
        citizenships: splitList(get(r, 'citizenships')),
        dates_of_birth: splitList(get(r, 'dates_of_birth')),
        nationalities: splitList(get(r, 'nationalities')),
        places_of_birth: splitList(get(r, 'places_of_birth')),
        source_information_url: blank(get(r, 'source_information_url')),
        ids: csvIds(get(r, 'ids')),
      }),
    );
  }
  if (issues.length) return { ok: false, issues };
  if (entries.length === 0) return { ok: false, issues: [{ path: 'row 1', message: 'the file has a header but no entries' }] };
  return { ok: true, value: { format: 'csv', entries, statedDate: null } };
}

type Json = unknown;

function isObj(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const JSON_FIELDS = new Set<string>([...CSL_CSV_COLUMNS.filter((c) => c !== '_id'), 'id', '_id']);

export function parseJson(text: string): ParseResult {
  let doc: Json;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, issues: [{ path: '$', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!isObj(doc) || !Array.isArray(doc.results)) return { ok: false, issues: [{ path: '$.results', message: 'expected ITA\'s shape { "results": [ … ] }' }] };
  const issues: CslIssue[] = [];
  const entries: CslEntry[] = [];
  const results = doc.results as Json[];
  const add = (path: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message });
  };
  results.forEach((r, i) => {
    const at = `results[${i}]`;
    if (!isObj(r)) return add(at, 'expected an object (one list entry)');
    for (const k of Object.keys(r)) if (!JSON_FIELDS.has(k)) add(`${at}, field ${k}`, 'not a field of ITA\'s consolidated.json');
    const str = (k: string, required = false): string | null => {
      const v = r[k];
      if (v === undefined || v === null) {
        if (required) add(`${at}, field ${k}`, 'missing');
        return null;
      }
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      if (typeof v !== 'string') {
        add(`${at}, field ${k}`, `expected text, found ${Array.isArray(v) ? 'a list' : typeof v}`);
        return null;
      }
      const b = blank(v);
      if (required && b === null) add(`${at}, field ${k}`, 'empty');
      return b;
    };
    const strs = (k: string): string[] => {
      const v = r[k];
      if (v === undefined || v === null) return [];
      if (typeof v === 'string') return splitList(v);
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        add(`${at}, field ${k}`, 'expected a list of text');
        return [];
      }
      // ITA's JSON sometimes holds several names in one string joined by ";" (its CSV splits them)
      return (v as string[]).flatMap((s) => splitList(s));
    };
    const objs = <T>(k: string, fields: (keyof T & string)[]): T[] => {
      const v = r[k];
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) {
        add(`${at}, field ${k}`, 'expected a list of objects');
        return [];
      }
      return v.flatMap((o, j) => {
        if (!isObj(o)) {
          add(`${at}, field ${k}[${j}]`, 'expected an object');
          return [];
        }
        const out: Record<string, string | null> = {};
        for (const f of fields) {
          const x = o[f];
          if (x === undefined || x === null) out[f] = null;
          else if (typeof x === 'string' || typeof x === 'number') out[f] = blank(String(x));
          else {
            add(`${at}, field ${k}[${j}].${f}`, 'expected text');
            out[f] = null;
          }
        }
        return [out as T];
      });
    };
    const source = str('source', true);
    const name = str('name', true);
    const e = {
      id: str('id') ?? str('_id') ?? `results-${i}`,
      source: source ?? '',
      entity_number: str('entity_number'),
      type: str('type'),
      programs: strs('programs'),
      name: name ?? '',
      title: str('title'),
      addresses: objs<CslAddress>('addresses', ['address', 'city', 'state', 'postal_code', 'country']),
      federal_register_notice: str('federal_register_notice'),
      start_date: str('start_date'),
      end_date: str('end_date'),
      standard_order: str('standard_order'),
      license_requirement: str('license_requirement'),
      license_policy: str('license_policy'),
      call_sign: str('call_sign'),
      vessel_type: str('vessel_type'),
      gross_tonnage: str('gross_tonnage'),
      gross_registered_tonnage: str('gross_registered_tonnage'),
      vessel_flag: str('vessel_flag'),
      vessel_owner: str('vessel_owner'),
      remarks: str('remarks'),
      source_list_url: str('source_list_url'),
      alt_names: strs('alt_names'),
      citizenships: strs('citizenships'),
      dates_of_birth: strs('dates_of_birth'),
      nationalities: strs('nationalities'),
      places_of_birth: strs('places_of_birth'),
      source_information_url: str('source_information_url'),
      ids: objs<CslId>('ids', ['type', 'number', 'country', 'issue_date', 'expiration_date']),
    };
    if (source && name) entries.push(finish(e));
  });
  if (issues.length) return { ok: false, issues };
  if (entries.length === 0) return { ok: false, issues: [{ path: '$.results', message: 'the list has no entries' }] };
  let statedDate: string | null = null;
  if (Array.isArray(doc.sources_used)) {
    for (const s of doc.sources_used) {
      const d = isObj(s) && typeof s.last_imported === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(s.last_imported)?.[0] : undefined;
      if (d && (statedDate === null || d > statedDate)) statedDate = d;
    }
  }
  return { ok: true, value: { format: 'json', entries, statedDate } };
}

/** Picks the shape from the content: JSON starts with `{`, anything else is read as CSV. */
export function parseList(text: string): ParseResult {
  const t = text.replace(/^\ufeff/, '').trimStart();
  return t.startsWith('{') || t.startsWith('[') ? parseJson(text) : parseCsv(text);
}

/** A YYYY-MM-DD in a file name or path ("csl-2026-07-31/consolidated.csv"), if any. */
export function dateInPath(path: string): string | null {
  const all = [...path.matchAll(/(\d{4})-(\d{2})-(\d{2})/g)];
  return all.length ? all[all.length - 1][0] : null;
}
