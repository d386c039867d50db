import type { Db } from '../types';

export interface Migration {
  /** 1, 2, 3…: becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  /** Runs inside the migration's transaction; never commits or changes pragmas that need no transaction. */
  up: (db: Db) => void;
  /**
   * Record kinds (main/core/db/records.ts) whose canonical content this migration introduces or changes:
   * their stored records are entered into the audit chain again (`store.sealed`), in the transaction of
   * the last migration applied, once the schema is current.
   */
  reseal?: readonly string[] | 'all';
}
