// The store's public API: open the database, then call typed read/write functions that take it first.
// Writes return Result values ({ok, value} | {ok:false, error:{code, message, path}}) and append their
// audit entry in the same transaction; they nest (as savepoints) inside a caller's db.transaction.
export * from './types';
export { openDatabase, openDatabaseOrThrow, runMigrations, schemaVersion, applyPragmas, BUSY_TIMEOUT_MS, LATEST_VERSION } from './open';
export type { OpenOptions } from './open';
export { MIGRATIONS } from './migrations/index';
export type { Migration } from './migrations/index';
export { sha256Hex, canonicalSha256 } from './hash';
export * from './audit-repo';
export * from './packs-repo';
export * from './cases-repo';
export * from './determinations-repo';
export * from './shipments-repo';
export * from './licenses-repo';
export * from './letters-repo';
export * from './trust-repo';
export * from './records';
export * from './products-repo';
export * from './screening-repo';
export * from './impact-repo';
export { write, writeBatch, writeBatchInSteps, abort, StoreAbort } from './tx';
export * from './ledger-query';
export * from './case-verdicts';
