// One way to write: validate, then run the writes in one transaction (a savepoint when nested inside a
// caller's transaction), turning an expected refusal into a typed error value with nothing written.
import { partsCommitted, partsRolledBack } from './determination-parts';
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
    const value = db.transaction(fn).immediate();
    if (!db.inTransaction) partsCommitted(db);
    return { ok: true, value };
  } catch (e) {
    partsRolledBack(db);
    if (e instanceof StoreAbort) return { ok: false, error: e.error };
    // Constraint and trigger refusals are the schema guarding an invariant the code should have checked
    // first; report them as values, but anything else (I/O, corruption) is a real failure.
    if (isSqliteError(e) && e.code.startsWith('SQLITE_CONSTRAINT')) {
      return { ok: false, error: { code: 'CONSTRAINT', message: e.message, path: '$' } };
    }
    throw e;
  }
}

/**
 * Like writeBatch, but the writes run in steps with the event loop free between them (a batch of
 * thousands of cases must not block the process for seconds). Still one transaction: all or nothing.
 * The connection must be the caller's own for the duration (open a second connection to the same file):
 * anything else written on it between the steps would join this transaction. Other connections wait
 * (busy_timeout) while it is open. A throw from `fn` (a refusal via `abort`, or a cancel) rolls back.
 */
export async function writeBatchInSteps<T>(db: Db, fn: () => Promise<T>): Promise<Result<T>> {
  if (db.inTransaction) throw new Error('writeBatchInSteps needs a connection with no open transaction');
  db.exec('BEGIN IMMEDIATE');
  batching.add(db);
  try {
    const value = await fn();
    batching.delete(db);
    db.exec('COMMIT');
    partsCommitted(db);
    return { ok: true, value };
  } catch (e) {
    batching.delete(db);
    if (db.inTransaction) db.exec('ROLLBACK');
    partsRolledBack(db);
    if (e instanceof StoreAbort) return { ok: false, error: e.error };
    if (isSqliteError(e) && e.code.startsWith('SQLITE_CONSTRAINT')) return { ok: false, error: { code: 'CONSTRAINT', message: e.message, path: '$' } };
    throw e;
  }
}
