// The audit chain covers the records, not only itself: from this version every write's audit entry
// carries the content hash of the records it creates or changes (main/core/db/records.ts). Records
// stored before it are entered into the chain once, by `store.sealed` entries written in the same
// transaction as the last migration applied (see `reseal` in runMigrations). No schema change.
import type { Migration } from './types';

export const migration0009: Migration = {
  version: 9,
  name: 'records-chained',
  reseal: 'all',
  up() {},
};
