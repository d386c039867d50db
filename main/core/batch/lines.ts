// Order lines → case documents. Each row is converted cell by cell (a wrong type is reported with its
// row, column and a plain reason); rows with the same order reference form one case with several
// items (their order-level cells must agree); items named by part number are filled from the
// catalogue; then each case is validated against `tierline.case/1` and every JSON-path error is
// mapped back to the row and column it came from. An order with any invalid line is not evaluated at
// all (evaluating the rest of an order would misstate it): its other lines are reported too.
import { lookupCountry, parseHumanNumber } from '../../../shared/domain/suggest';
import type { Case } from '../../../shared/domain/case';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { parseBoolean } from '../catalogue/csv';
import type { ProductLookup } from '../catalogue/resolve';
import type { UsedProduct } from '../db/products-repo';
import { prepareCaseDocument } from '../services/evaluate';
import { FIELD_BY_NAME, fieldSuggestions, type ColumnMapping, type FieldKind } from './mapping';
import type { Cell, Sheet } from './read';

export interface LineProblem {
  row: number;
  column: string;
  message: string;
}

export interface PreparedCase {
  /** The filled case document (what is stored and hashed). */
  raw: unknown;
  doc: Case;
  used: UsedProduct[];
  warnings: string[];
  /** Spreadsheet row of each item, in item order. */
  rows: number[];
}

export interface BatchPlan {
  sheet: string;
  headers: string[];
  mapping: ColumnMapping;
  /** Data lines read (blank rows skipped). */
  lines: number;
  validLines: number;
  cases: PreparedCase[];
  /** Every problem, in row order; a file-level problem has row 1 (the header). */
  invalid: LineProblem[];
  /** Rows with at least one problem. */
  invalidRows: number[];
}

function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

function convert(cell: Cell, kind: FieldKind): Converted {
  const text = cell instanceof Date ? utcDate(cell) : String(cell).trim();
  switch (kind) {
    case 'text':
      return { ok: true, value: text };
    case 'country': {
      // a code in any case ("de") or a country's exact English name is taken; an abbreviation or a near
      // spelling ("UAE", "Germny") is suggested, never guessed
      const l = lookupCountry(text);
      if (l?.kind === 'exact') return { ok: true, value: l.code };
      if (l) return { ok: false, message: `${JSON.stringify(text)} is not a country code or name: did you mean ${l.code} (${l.name})?` };
      return { ok: false, message: `expected a country as an ISO code such as DE (or its English name), got ${JSON.stringify(text)}` };
    }
    case 'date': {
      if (cell instanceof Date) return { ok: true, value: utcDate(cell) };
      const t = text.replace(/\//g, '-');
      if (/^\d{4}-\d{2}-\d{2}$/.test(t) && isValidIsoDate(t)) return { ok: true, value: t };
      if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t) && isValidIsoDate(t.slice(0, 10))) return { ok: true, value: t.slice(0, 10) };
      return { ok: false, message: `expected a date written YYYY-MM-DD (or a date cell), got ${JSON.stringify(text)}${/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(text) ? ': day and month order is ambiguous' : ''}` };
    }
    case 'integer': {
      const n = typeof cell === 'number' ? cell : parseHumanNumber(text);
      if (n === null || !Number.isFinite(n)) return { ok: false, message: `expected a whole number, got ${JSON.stringify(text)}` };
      if (!Number.isInteger(n)) return { ok: false, message: `expected a whole number, got ${text}` };
      return { ok: true, value: n };
    }
    case 'number': {
      const n = typeof cell === 'number' ? cell : parseHumanNumber(text);
      if (n === null || !Number.isFinite(n)) return { ok: false, message: `expected a number, got ${JSON.stringify(text)}` };
      return { ok: true, value: n };
    }
    case 'boolean': {
      const b = typeof cell === 'boolean' ? cell : parseBoolean(text);
      if (b === undefined) return { ok: false, message: `expected yes or no, got ${JSON.stringify(text)}` };
      return { ok: true, value: b };
    }
    case 'enum':
      return { ok: true, value: text.toLowerCase().replace(/[\s-]+/g, '_') };
  }
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

interface Line {
  row: number;
  caseFields: Map<string, unknown>;
  item: Record<string, unknown>;
  key: string;
}

/** `$.items[2].quantity` → ['quantity', 2]; `$.endUser.name` → ['endUser.name', null]. */
function fieldOfPath(path: string): [string, number | null] {
  const m = /^\$\.items\[(\d+)\]\.?([A-Za-z0-9_.[\]]*)$/.exec(path);
  if (m) return [m[2].replace(/\[\d+\].*$/, '') || 'items', Number(m[1])];
  return [path.replace(/^\$\.?/, '').replace(/\[\d+\].*$/, ''), null];
}

export function planBatch(sheet: Sheet, mapping: ColumnMapping, lookup: ProductLookup): BatchPlan {
  const problems: LineProblem[] = [];
  const headerOf = (field: string): string => {
    const i = mapping.fields.indexOf(field);
    return i >= 0 ? sheet.headers[i] : field;
  };
  for (const field of mapping.missing) {
    problems.push({ row: 1, column: field, message: `no column for ${FIELD_BY_NAME.get(field)?.label ?? field}: add one with a header such as ${fieldSuggestions(field)}, or map a column to it` });
  }
  for (const [field, a, b] of mapping.duplicates) {
    problems.push({ row: 1, column: b, message: `both "${a}" and "${b}" would feed ${field}: map one of them to another field or ignore it` });
  }
  const fileInvalid = problems.length > 0;
  for (const p of sheet.problems) problems.push(p);
  const badRows = new Set(sheet.problems.map((p) => p.row));

  const lines: Line[] = [];
  for (const r of sheet.rows) {
    const caseFields = new Map<string, unknown>();
    const item: Record<string, unknown> = {};
    r.cells.forEach((cell, i) => {
      const field = mapping.fields[i];
      if (!field || cell === null || (typeof cell === 'string' && cell.trim() === '')) return;
      const spec = FIELD_BY_NAME.get(field)!;
      const c = convert(cell, spec.kind);
      if (!c.ok) {
        problems.push({ row: r.row, column: sheet.headers[i] || field, message: c.message });
        badRows.add(r.row);
        return;
      }
      if (spec.level === 'case') caseFields.set(field, c.value);
      else item[field] = c.value;
    });
    if (item.partNumber === undefined && item.kind === undefined && !badRows.has(r.row)) {
      problems.push({ row: r.row, column: headerOf('partNumber'), message: 'the line names no product: give its part number' });
      badRows.add(r.row);
    }
    const ref = caseFields.get('reference');
    lines.push({ row: r.row, caseFields, item, key: typeof ref === 'string' && ref ? `ref:${ref}` : `row:${r.row}` });
  }

  // Group by order reference, keeping first-seen order.
  const groups = new Map<string, Line[]>();
  for (const l of lines) {
    const g = groups.get(l.key);
    if (g) g.push(l);
    else groups.set(l.key, [l]);
  }

  const cases: PreparedCase[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const groupProblems: LineProblem[] = [];
    // Order-level cells must agree across the order's lines (an empty cell takes the order's value).
    const merged = new Map(first.caseFields);
    for (const l of group.slice(1)) {
      for (const [field, v] of l.caseFields) {
        const have = merged.get(field);
        if (have === undefined) merged.set(field, v);
        else if (have !== v) {
          groupProblems.push({ row: l.row, column: headerOf(field), message: `order ${String(merged.get('reference'))} has ${JSON.stringify(have)} here on row ${first.row}; this line says ${JSON.stringify(v)}` });
        }
      }
    }
    const doc: Record<string, unknown> = { format: 'tierline.case/1' };
    for (const [field, v] of merged) setPath(doc, field, v);
    doc.items = group.map((l) => ({ ...l.item }));
    if (!fileInvalid && !group.some((l) => badRows.has(l.row)) && groupProblems.length === 0) {
      const prepared = prepareCaseDocument(doc, lookup);
      if (prepared.ok) {
        cases.push({ ...prepared.value, rows: group.map((l) => l.row) });
        continue;
      }
      for (const e of prepared.errors) {
        const [field, idx] = fieldOfPath(e.path);
        const row = idx !== null ? group[idx].row : first.row;
        groupProblems.push({ row, column: headerOf(field), message: e.message });
      }
    }
    for (const p of groupProblems) {
      problems.push(p);
      badRows.add(p.row);
    }
    const bad = group.filter((l) => badRows.has(l.row));
    if (bad.length && group.length > 1) {
      for (const l of group) {
        if (badRows.has(l.row)) continue;
        problems.push({ row: l.row, column: headerOf('reference'), message: `not evaluated: order ${String(merged.get('reference'))} has an invalid line (row ${bad[0].row})` });
        badRows.add(l.row);
      }
    }
  }
  const rowOf = new Map(sheet.rows.map((r, i) => [r.row, i]));
  problems.sort((a, b) => (rowOf.get(a.row) ?? -1) - (rowOf.get(b.row) ?? -1));
  const invalidRows = [...badRows].sort((a, b) => a - b);
  const validLines = fileInvalid ? 0 : cases.reduce((s, c) => s + c.rows.length, 0);
  return {
    sheet: sheet.name,
    headers: sheet.headers,
    mapping,
    lines: sheet.rows.length,
    validLines,
    cases: fileInvalid ? [] : cases,
    invalid: problems,
    invalidRows,
  };
}
