// `--out FILE.csv|FILE.xlsx` on the list commands (cases list, letter list, shipments list, audit list,
// audit export): the whole register with the command's filters, written as the workbench's export
// buttons write it (main/core/exports): dates as dates, numbers as numbers, formulas neutralised.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatOf, tableBytes, type Table } from '../exports/table';
import { EXIT, type CliIo } from './types';

export const OUT_OPTION = ['--out <file>', 'write the whole list (with these filters) as FILE.csv or FILE.xlsx'] as const;

/** The format of an --out file, or null after printing why it cannot be written. */
export function outFormat(io: CliIo, file: string): 'csv' | 'xlsx' | null {
  const f = formatOf(file);
  if (!f) io.stderr(`--out: expected a file ending in .csv or .xlsx, got "${file}"`);
  return f;
}

export async function writeTableOut(io: CliIo, file: string, table: Table, json: boolean): Promise<number> {
  const format = outFormat(io, file);
  if (!format) return EXIT.USAGE;
  const target = resolve(io.cwd, file);
  const bytes = await tableBytes(table, format);
  try {
    writeFileSync(target, bytes);
  } catch (e) {
    io.stderr(`${file}: cannot write (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message})`);
    return EXIT.STORE;
  }
  if (json) io.stdout(JSON.stringify({ out: file, format, rows: table.rows.length }));
  else io.stdout(`${table.rows.length} row(s) of ${table.name.toLowerCase()} written to ${file}`);
  return EXIT.OK;
}
