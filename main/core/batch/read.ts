// Reads an order book (CSV or XLSX) into a header row and data rows of plain cell values, with the
// spreadsheet row number of each row. CSV through csv-parse (RFC 4180, BOM, CRLF or LF); XLSX through
// exceljs, the first sheet or a named one. What the reader refuses, it refuses with a row and column:
// merged header cells (the header would be ambiguous), and formulas in cells (Tierline reads values the
// user can see and check, not a formula whose cached result may be stale).
import { parse } from 'csv-parse/sync';
import type * as Excel from 'exceljs';
import { lazyModule } from '../lazy';

const ExcelJS = lazyModule<typeof Excel>('exceljs');

export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  cells: Cell[];
}

export interface CellProblem {
  row: number;
  /** The column's header text (or its letter when the header is empty). */
  column: string;
  message: string;
}

export interface Sheet {
  /** Sheet name for XLSX; the file's format for CSV. */
  name: string;
  headers: string[];
  rows: SheetRow[];
  /** Cells that cannot be read as values (formulas); the rows they are on are invalid. */
  problems: CellProblem[];
}

export type ReadResult = { ok: true; value: Sheet } | { ok: false; problems: CellProblem[] };

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function headerName(headers: string[], i: number): string {
  return headers[i]?.trim() || `column ${columnLetter(i)}`;
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

export function readCsv(text: string | Buffer): ReadResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { ok: false, problems: [{ row: err.lines ?? 1, column: 'file', message: `not readable as CSV: ${err.message}` }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: 1, column: 'file', message: 'the file is empty' }] };
  const headers = records[0].map((h) => h.trim());
  const rows: SheetRow[] = [];
  const problems: CellProblem[] = [];
  records.slice(1).forEach((r, i) => {
    const cells = r as Cell[];
    if (isBlank(cells)) return;
    if (r.length > headers.length && r.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push({ row: i + 2, column: `column ${columnLetter(headers.length)}`, message: `the line has ${r.length} cells but the header names ${headers.length} columns` });
    }
    rows.push({ row: i + 2, cells });
  });
  return { ok: true, value: { name: 'csv', headers, rows, problems } };
}

function cellValue(v: Excel.CellValue): Cell | { formula: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const f = (v as Excel.CellFormulaValue).formula ?? (v as Excel.CellSharedFormulaValue).sharedFormula;
      return { formula: String(f) };
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && 'hyperlink' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v as unknown as string);
}

export async function readXlsx(bytes: Buffer | Uint8Array, opts: { sheet?: string } = {}): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Excel.Buffer);
  } catch (e) {
    return { ok: false, problems: [{ row: 1, column: 'file', message: `not readable as an XLSX workbook: ${(e as Error).message}` }] };
  }
  const ws = opts.sheet ? wb.getWorksheet(opts.sheet) : wb.worksheets[0];
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    return { ok: false, problems: [{ row: 1, column: 'file', message: opts.sheet ? `no sheet named "${opts.sheet}" (the workbook has: ${names})` : 'the workbook has no sheets' }] };
  }
  const width = ws.columnCount;
  // Header row: the first non-empty row.
  let headerRow = 1;
  while (headerRow <= ws.rowCount && isBlank(Array.from({ length: width }, (_, i) => cellValue(ws.getRow(headerRow).getCell(i + 1).value) as Cell))) headerRow += 1;
  const hr = ws.getRow(headerRow);
  const problems: CellProblem[] = [];
  const headers: string[] = [];
  for (let c = 1; c <= width; c++) {
    const cell = hr.getCell(c);
    const v = cellValue(cell.value);
    headers.push(v === null ? '' : typeof v === 'object' && !(v instanceof Date) ? '' : String(v instanceof Date ? v.toISOString().slice(0, 10) : v).trim());
  }
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).filter((range) => {
    const m = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
    return m !== null && Number(m[1]) <= headerRow && Number(m[2]) >= headerRow;
  });
  if (merges.length) {
    return {
      ok: false,
      problems: merges.map((range) => ({ row: headerRow, column: range, message: `merged header cells ${range}: unmerge them so that every column has its own header` })),
    };
  }
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const xr = ws.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const v = cellValue(xr.getCell(c).value);
      if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
        problems.push({ row: r, column: headerName(headers, c - 1), message: `the cell holds a formula (=${v.formula}): Tierline reads values only; paste the values instead` });
        cells.push(null);
      } else cells.push(v);
    }
    if (isBlank(cells) && !problems.some((p) => p.row === r)) continue;
    rows.push({ row: r, cells });
  }
  return { ok: true, value: { name: ws.name, headers, rows, problems } };
}

export type InputFormat = 'csv' | 'xlsx';

export function inputFormatOf(file: string): InputFormat | null {
  const m = /\.(csv|xlsx)$/i.exec(file);
  return m ? (m[1].toLowerCase() as InputFormat) : null;
}

export async function readOrderBook(bytes: Buffer | Uint8Array, format: InputFormat, opts: { sheet?: string } = {}): Promise<ReadResult> {
  return format === 'csv' ? readCsv(Buffer.from(bytes)) : readXlsx(bytes, opts);
}
