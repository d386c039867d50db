// The store behind the handlers: opened on first use in the data folder, built-in packs installed, and
// the store's error codes mapped onto the contract's.
import { databasePath } from '../paths';
import { openDatabase, type Db, type DbError, type DbErrorCode } from '../db';
import { installBuiltinPacks } from '../services/packs';
import { err, type ErrorCode, type Result } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { HandlerError } from './errors';
import { resource } from './resources';

export function storeOf(ctx: HandlerContext): Db {
  return resource(
    ctx,
    'db',
    () => {
      // From a checkout, `npm start` points Electron at its own build of better-sqlite3 (ctx.sqliteBinding, set by the shell only when unpackaged).
      const r = openDatabase(databasePath(ctx.dataDir), { nativeBinding: ctx.sqliteBinding });
      if (!r.ok) {
        throw new HandlerError(
          'UNAVAILABLE',
          r.error.code === 'DB_TOO_NEW'
            ? `The data folder was written by a newer Tierline (${r.error.message}). Install the newer version to open it.`
            : `The data folder could not be opened: ${r.error.message}.`,
        );
      }
      installBuiltinPacks(r.value, ctx.actor);
      return r.value;
    },
    (db) => db.close(),
  );
}

const CODE: Partial<Record<DbErrorCode, ErrorCode>> = {
  DB_OPEN_FAILED: 'UNAVAILABLE',
  DB_TOO_NEW: 'UNAVAILABLE',
  INVALID_INPUT: 'INVALID_INPUT',
  INVALID_CSV: 'INVALID_INPUT',
  SHA256_MISMATCH: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  STALE_DETERMINATION: 'CONFLICT',
  ALREADY_SHIPPED: 'CONFLICT',
  DUPLICATE_IMPORT: 'CONFLICT',
  LETTER_NUMBER_TAKEN: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  CONSTRAINT: 'CONFLICT',
  NOT_EVALUATED: 'CONFLICT',
  AMBIGUOUS_MODE: 'INVALID_INPUT',
  ALREADY_REVERSED: 'CONFLICT',
  LICENSE_REQUIRED: 'INVALID_INPUT',
  NOT_COVERED: 'CONFLICT',
  PROHIBITED: 'CONFLICT',
  SCREENING_REVIEW: 'CONFLICT',
};

function sentence(s: string): string {
  const t = s.trim();
  return t ? t[0].toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.') : t;
}

export function fromDbError(e: DbError): Result<never> {
  return err(CODE[e.code] ?? 'INTERNAL', sentence(e.message), { path: e.path, details: e.issues });
}
