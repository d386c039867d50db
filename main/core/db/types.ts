// Shared vocabulary of the store: the database handle, typed errors as values, and write options.
import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

export type DbErrorCode =
  | 'DB_OPEN_FAILED'
  | 'DB_TOO_NEW'
  | 'DB_MISSING'
  | 'DB_OUTDATED'
  | 'INVALID_INPUT'
  | 'INVALID_CSV'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SHA256_MISMATCH'
  | 'STALE_DETERMINATION'
  | 'ALREADY_SHIPPED'
  | 'NOT_EVALUATED'
  | 'AMBIGUOUS_MODE'
  | 'PROHIBITED'
  | 'DUPLICATE_IMPORT'
  | 'ALREADY_REVERSED'
  | 'LICENSE_REQUIRED'
  | 'NOT_COVERED'
  | 'LETTER_NUMBER_TAKEN'
  | 'INVALID_TRANSITION'
  | 'CONSTRAINT'
  | 'EMPTY_LOG'
  | 'CHAIN_BROKEN';

export interface DbIssue {
  path: string;
  message: string;
}

export interface DbError {
  code: DbErrorCode;
  message: string;
  /** JSON path (`$.items[0].quantity`) or CSV location (`row 3, column tpp`) of the first problem. */
  path: string;
  /** Every problem found, when validation found several. */
  issues?: DbIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DbError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: DbErrorCode, message: string, path = '$', issues?: DbIssue[]): Result<T> {
  return { ok: false, error: issues ? { code, message, path, issues } : { code, message, path } };
}

/** Every write names who did it (for the audit log); `at` pins the clock in tests. */
export interface WriteOptions {
  actor: string;
  /** ISO 8601 instant; defaults to now. */
  at?: string;
}

export function nowIso(opts: WriteOptions): string {
  return opts.at ?? new Date().toISOString();
}
