// The real Consolidated Screening List of 2026-07-31 (both ITA shapes, gzip-compressed in the repository)
// and the small fixture with every column of ITA's full file.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const CSL_DIR = resolve(import.meta.dirname, '../fixtures/csl');
export const REAL_CSV_GZ = join(CSL_DIR, 'consolidated-2026-07-31.csv.gz');
export const REAL_JSON_GZ = join(CSL_DIR, 'consolidated-2026-07-31.json.gz');
export const FULL_CSV = join(CSL_DIR, 'full-columns.csv');
export const FULL_JSON = join(CSL_DIR, 'full-columns.json');
export const REAL_LIST_DATE = '2026-07-31';

let csv: Buffer | undefined;
export function realCsvBytes(): Buffer {
  return (csv ??= gunzipSync(readFileSync(REAL_CSV_GZ)));
}
let json: Buffer | undefined;
export function realJsonBytes(): Buffer {
  return (json ??= gunzipSync(readFileSync(REAL_JSON_GZ)));
}
