// Batch self-assessment from an order book: read the file (CSV/XLSX), map its columns, turn its lines
// into cases (row/column-named problems), evaluate and screen them (run.ts), and write the results out as
// CSV, XLSX or JSON: one row per order line and the determination per case.
import type { Determination } from '../../../shared/domain/determination';
import { productLookup, type Db } from '../db';
import { toCsv, toXlsx, type Column, type Table } from '../exports/table';
import { planBatch, type BatchPlan } from './lines';
import { MappingFile, mapColumns } from './mapping';
import { inputFormatOf, readOrderBook, type Cell, type CellProblem, type Sheet } from './read';
import { resultLines, type BatchResultLine, type BatchRun } from './run';

export { planBatch, type BatchPlan, type LineProblem, type PreparedCase } from './lines';
export { LINE_FIELDS, MappingFile, MAPPING_FORMAT, mapColumns, mappingFile, type ColumnMapping } from './mapping';
export { readOrderBook, readCsv, readXlsx, inputFormatOf, type Sheet } from './read';
export { runBatch, resultLines, capsTouched, type BatchRun, type BatchProgress, type BatchResultLine, type BatchTimings, type RunBatchOptions } from './run';

export type LoadedBatch = { ok: true; sheet: Sheet; plan: BatchPlan } | { ok: false; problems: CellProblem[] };

/** Reads an order book and plans its cases; a file that cannot be read at all is `ok: false`. */
export async function loadBatch(db: Db, bytes: Uint8Array, fileName: string, opts: { mapping?: MappingFile; sheet?: string } = {}): Promise<LoadedBatch> {
  const format = inputFormatOf(fileName);
  if (!format) return { ok: false, problems: [{ row: 1, column: 'file', message: `expected a .csv or .xlsx file, got ${JSON.stringify(fileName)}` }] };
  const read = await readOrderBook(bytes, format, { sheet: opts.sheet ?? opts.mapping?.sheet });
  if (!read.ok) return read;
  const mapping = mapColumns(read.value.headers, opts.mapping);
  return { ok: true, sheet: read.value, plan: planBatch(read.value, mapping, productLookup(db)) };
}

/** Parses a `tierline.mapping/1` file; problems name the JSON path. */
export function parseMappingText(text: string): { ok: true; value: MappingFile } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const r = MappingFile.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`) };
}

/** Each data row's cells by the field they feed (for reporting invalid lines as they were written). */
export function rowFields(sheet: Sheet, plan: BatchPlan): Map<number, Record<string, Cell>> {
  const m = new Map<number, Record<string, Cell>>();
  for (const r of sheet.rows) {
    const o: Record<string, Cell> = {};
    r.cells.forEach((c, i) => {
      const f = plan.mapping.fields[i];
      if (f) o[f] = c;
    });
    m.set(r.row, o);
  }
  return m;
}

export function batchResultLines(sheet: Sheet, plan: BatchPlan, run: Extract<BatchRun, { status: 'done' }> | null): BatchResultLine[] {
  return resultLines(plan, run, rowFields(sheet, plan));
}

export const RESULT_COLUMNS: readonly Column[] = [
  { key: 'row', header: 'Row', type: 'integer', width: 6 },
  { key: 'reference', header: 'Reference', type: 'text', width: 14 },
  { key: 'partNumber', header: 'Part number', type: 'text', width: 18 },
  { key: 'description', header: 'Description', type: 'text', width: 24 },
  { key: 'quantity', header: 'Quantity', type: 'integer', width: 9 },
  { key: 'customer', header: 'Customer', type: 'text', width: 28 },
  { key: 'destination', header: 'Destination', type: 'text', width: 11 },
  { key: 'date', header: 'Date', type: 'date', width: 11 },
  { key: 'status', header: 'Status', type: 'text', width: 10 },
  { key: 'problem', header: 'Problem', type: 'text', width: 40 },
  { key: 'enforced', header: 'Enforced outcome', type: 'text', width: 20 },
  { key: 'asWritten', header: 'As-written outcome', type: 'text', width: 20 },
  { key: 'authorizationEnforced', header: 'Authorization (enforced)', type: 'text', width: 12 },
  { key: 'authorizationAsWritten', header: 'Authorization (as written)', type: 'text', width: 12 },
  { key: 'reviewPolicy', header: 'Review policy', type: 'text', width: 30 },
  { key: 'screening', header: 'Screening', type: 'text', width: 12 },
  { key: 'screeningMatch', header: 'Screening candidate', type: 'text', width: 30 },
  { key: 'caps', header: 'Caps touched', type: 'text', width: 20 },
  { key: 'caseSha256', header: 'Case SHA-256', type: 'text', width: 20 },
  { key: 'caseId', header: 'Case id', type: 'integer', width: 8 },
  { key: 'determinationId', header: 'Determination id', type: 'integer', width: 8 },
];

export function resultsTable(lines: readonly BatchResultLine[]): Table {
  return { name: 'Results', columns: RESULT_COLUMNS, rows: lines as unknown as Record<string, string | number | null>[] };
}

export interface BatchSummary {
  lines: number;
  valid: number;
  invalid: number;
  evaluated: number;
  cases: number;
  licenseRequired: { enforced: number; asWritten: number };
  /** Lines that may not ship at all (a party on the DPL or SDN list). */
  prohibited: { enforced: number; asWritten: number };
  screening: { listed: number; needsReview: number; notScreened: number };
  stored: boolean;
}

/** What the summary and the results files need of a plan (a job's main thread keeps only this). */
export type BatchSummaryInput = Pick<BatchPlan, 'lines' | 'validLines' | 'sheet' | 'invalid'>;

export function batchSummary(plan: BatchSummaryInput, lines: readonly BatchResultLine[], stored: boolean): BatchSummary {
  const ev = lines.filter((l) => l.status === 'evaluated');
  return {
    lines: plan.lines,
    valid: plan.validLines,
    invalid: plan.lines - plan.validLines,
    evaluated: ev.length,
    cases: new Set(ev.map((l) => l.caseSha256)).size,
    licenseRequired: { enforced: ev.filter((l) => l.enforced === 'license required').length, asWritten: ev.filter((l) => l.asWritten === 'license required').length },
    prohibited: { enforced: ev.filter((l) => l.enforced === 'prohibited').length, asWritten: ev.filter((l) => l.asWritten === 'prohibited').length },
    screening: { listed: ev.filter((l) => l.screening === 'listed').length, needsReview: ev.filter((l) => l.screening === 'needs review').length, notScreened: ev.filter((l) => l.screening === 'not screened').length },
    stored,
  };
}

export const BATCH_RESULTS_FORMAT = 'tierline.batch-results/1';

export interface BatchResultsJson {
  format: typeof BATCH_RESULTS_FORMAT;
  file: string;
  sheet: string;
  summary: BatchSummary;
  problems: { row: number; column: string; message: string }[];
  lines: BatchResultLine[];
  cases: { reference: string | null; rows: number[]; caseSha256: string; caseId: number | null; determinationId: number | null; determination: Determination }[];
}

export type BatchResultCase = BatchResultsJson['cases'][number];

/** A finished run's cases as the results file lists them. */
export function resultCases(run: Extract<BatchRun, { status: 'done' }> | null): BatchResultCase[] {
  return (run?.cases ?? []).map((c, i) => ({
    reference: c.prepared.doc.reference ?? null,
    rows: c.prepared.rows,
    caseSha256: c.sha256,
    caseId: run?.stored?.caseIds[i] ?? null,
    determinationId: run?.stored?.determinationIds[i] ?? null,
    determination: c.determination,
  }));
}

export function resultsJson(file: string, plan: BatchSummaryInput, lines: BatchResultLine[], run: Extract<BatchRun, { status: 'done' }> | null): BatchResultsJson {
  return resultsJsonOf(file, plan, lines, resultCases(run), run?.stored != null);
}

export function resultsJsonOf(file: string, plan: BatchSummaryInput, lines: BatchResultLine[], cases: BatchResultCase[], stored: boolean): BatchResultsJson {
  return { format: BATCH_RESULTS_FORMAT, file, sheet: plan.sheet, summary: batchSummary(plan, lines, stored), problems: plan.invalid, lines, cases };
}

export type ResultsFormat = 'csv' | 'xlsx' | 'json';

export function resultsFormatOf(file: string): ResultsFormat | null {
  const m = /\.(csv|xlsx|json)$/i.exec(file);
  return m ? (m[1].toLowerCase() as ResultsFormat) : null;
}

/** The results file: CSV/XLSX one row per line (XLSX adds a Problems sheet); JSON also carries each case's determination. */
export async function resultsBytes(format: ResultsFormat, file: string, plan: BatchSummaryInput, lines: BatchResultLine[], run: Extract<BatchRun, { status: 'done' }> | null): Promise<Buffer> {
  return resultsBytesOf(format, file, plan, lines, () => resultCases(run), run?.stored != null);
}

/** As resultsBytes, with the cases asked for only by a JSON export (`cases` is called then). */
export async function resultsBytesOf(format: ResultsFormat, file: string, plan: BatchSummaryInput, lines: BatchResultLine[], cases: () => BatchResultCase[], stored: boolean): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(resultsJsonOf(file, plan, lines, cases(), stored), null, 2)}\n`, 'utf8');
  const table = resultsTable(lines);
  if (format === 'csv') return Buffer.from(toCsv(table), 'utf8');
  const problems: Table = {
    name: 'Problems',
    columns: [
      { key: 'row', header: 'Row', type: 'integer', width: 6 },
      { key: 'column', header: 'Column', type: 'text', width: 20 },
      { key: 'message', header: 'Problem', type: 'text', width: 80 },
    ],
    rows: plan.invalid as unknown as Record<string, string | number>[],
  };
  return toXlsx([table, problems]);
}
