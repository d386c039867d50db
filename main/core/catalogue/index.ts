// The product catalogue: entries (main/core/db/products-repo.ts), CSV in and out, and the resolver that
// fills case items named by part number.
import { sha256Hex, importProducts, type Db, type Result, type WriteOptions } from '../db';
import { parseCatalogueCsv } from './csv';

export { resolveCase, productItemValues, type ProductLookup, type Resolved } from './resolve';
export { exportCatalogueCsv, catalogueTable, parseCatalogueCsv, parseBoolean, parseNumber, CATALOGUE_COLUMNS } from './csv';

/** Imports a catalogue CSV: all or nothing; every problem names its row and column. */
export function importCatalogueCsv(db: Db, text: string, opts: WriteOptions): Result<{ added: number; changed: number; unchanged: number }> {
  const parsed = parseCatalogueCsv(text);
  if (!parsed.ok) {
    return { ok: false, error: { code: 'INVALID_CSV', message: `${parsed.issues.length} problem(s) in the catalogue file; nothing stored`, path: parsed.issues[0].path, issues: parsed.issues } };
  }
  return importProducts(db, parsed.rows, { ...opts, sha256: sha256Hex(text) });
}
