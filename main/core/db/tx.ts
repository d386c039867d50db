// One way to write: validate, then run the writes in one transaction (a savepoint when nested inside a
// caller's transaction), turning an expected refusal into a typed error value with nothing written.
import type { Db, DbError, DbErrorCode, Result } from './types';

/** Thrown inside a write to roll it back; `write` turns it into `{ok:false, error}`. */
export class StoreAbort extends Error {
  constructor(readonly error: DbError) {
    super(error.message);
  }
}

export function abort(code: DbErrorCode, message: string, path = '$'): never {
  throw new StoreAbort({ code, message, path });
}

interface SqliteError extends Error {
  code: string;
}

function isSqliteError(e: unknown): e is SqliteError {
  return e instanceof Error && typeof (e as SqliteError).code === 'string' && (e as SqliteError).code.startsWith('SQLITE_');
}

const batching = new WeakSet<Db>();

export function write<T>(db: Db, fn: () => T): Result<T> {
  // Inside writeBatch every write is part of one all-or-nothing unit: no savepoint of its own, and a
  // refusal propagates to the batch, which rolls everything back.
  if (batching.has(db)) return { ok: true, value: fn() };
  return run(db, fn);
}

/**
 * Runs many writes as one all-or-nothing transaction without a savepoint per write (a batch import of
 * thousands of cases): any refusal inside rolls back the whole batch and is returned as the result.
 */
export function writeBatch<T>(db: Db, fn: () => T): Result<T> {
  return run(db, () => {
    batching.add(db);
    try {
      return fn();
    } finally {
      batching.delete(db);
    }
  });
}

function run<T>(db: Db, fn: () => T): Result<T> {
  try {
    return { ok: true, value: db.transaction(fn).immediate() };
  } catch (e) {
    if (e instanceof StoreAbort) return { ok: false, error: e.error };
    // Constraint and trigger refusals are the schema guarding an invariant the code should have checked
    // first; report them as values, but anything else (I/O, corruption) is a real failure.
    if (isSqliteError(e) && e.code.startsWith('SQLITE_CONSTRAINT')) {
      return { ok: false, error: { code: 'CONSTRAINT', message: e.message, path: '$' } };
    }
    throw e;
  }
}
