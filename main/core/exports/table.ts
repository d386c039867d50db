// Tables out as CSV and XLSX that open cleanly in a spreadsheet: dates as dates, numbers as numbers,
// and no text cell that a spreadsheet would run as a formula. A text cell beginning with = + - @ (or a
// tab or carriage return, which some programs skip before looking for those) gets a leading apostrophe,
// the neutralisation OWASP recommends against CSV injection; numbers are written as numbers and never
// touched. XLSX is written with exceljs.
import type * as Excel from 'exceljs';
import { lazyModule } from '../lazy';

const ExcelJS = lazyModule<typeof Excel>('exceljs');

export type CellValue = string | number | boolean | null | undefined;
export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'datetime' | 'boolean';

export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  /** Approximate width in characters for XLSX. */
  width?: number;
}

export interface Table {
  /** Sheet name for XLSX (at most 31 characters, no []:*?/\). */
  name: string;
  columns: readonly Column[];
  rows: readonly Record<string, CellValue>[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet will show as text, never evaluate. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function csvCell(v: CellValue, type: ColumnType): string {
  if (v === null || v === undefined || v === '') return '';
  switch (type) {
    case 'number':
    case 'integer':
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      break;
    case 'boolean':
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      break;
    case 'date':
      // ISO dates are what every spreadsheet reads as a date.
      if (typeof v === 'string' && ISO_DATE.test(v)) return v;
      break;
    case 'datetime':
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '');
      break;
    default:
      break;
  }
  return csvField(neutralise(String(v)));
}

/** RFC 4180 CSV with a UTF-8 BOM (so spreadsheets read the encoding) and CRLF line ends. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvField(neutralise(c.header))).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key], c.type)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function dateOf(v: string): Date | null {
  if (ISO_DATE.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t);
}

function xlsxCell(v: CellValue, type: ColumnType): Excel.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if ((type === 'number' || type === 'integer') && typeof v === 'number' && Number.isFinite(v)) return v;
  if (type === 'boolean' && typeof v === 'boolean') return v;
  if ((type === 'date' || type === 'datetime') && typeof v === 'string') {
    const d = dateOf(v);
    if (d) return d;
  }
  return neutralise(String(v));
}

const NUM_FMT: Partial<Record<ColumnType, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss', integer: '0' };

export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** Adds the table as a sheet: bold frozen header row, typed cells, column formats. */
export function addSheet(wb: Excel.Workbook, table: Table): Excel.Worksheet {
  const ws = wb.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({
    header: neutralise(c.header),
    key: c.key,
    width: c.width ?? Math.min(60, Math.max(10, c.header.length + 2)),
    style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of table.rows) ws.addRow(table.columns.map((c) => xlsxCell(row[c.key], c.type)));
  return ws;
}

export async function toXlsx(tables: Table | readonly Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tierline';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const t of Array.isArray(tables) ? tables : [tables]) addSheet(wb, t as Table);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ExportFormat = 'csv' | 'xlsx';

export function formatOf(file: string): ExportFormat | null {
  const m = /\.(csv|xlsx)$/i.exec(file);
  return m ? (m[1].toLowerCase() as ExportFormat) : null;
}

export async function tableBytes(table: Table, format: ExportFormat): Promise<Buffer> {
  return format === 'csv' ? Buffer.from(toCsv(table), 'utf8') : toXlsx(table);
}
