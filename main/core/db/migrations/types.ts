import type { Db } from '../types';

export interface Migration {
  /** 1, 2, 3…: becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  /** Runs inside the migration's transaction; never commits or changes pragmas that need no transaction. */
  up: (db: Db) => void;
}
