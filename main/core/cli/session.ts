// Opens the data folder for a CLI command: --data-dir, else TIERLINE_DATA_DIR, else the OS per-user
// folder; migrations run and the built-in rule packs are installed on first use.
import { openDatabase, type Db } from '../db';
import { databasePath, resolveDataDir } from '../paths';
import { installBuiltinPacks } from '../services/packs';
import type { CliIo } from './types';

export interface Session {
  db: Db;
  dataDir: string;
  close(): void;
}

export function openSession(flag: string | undefined, io: CliIo): Session | string {
  const dataDir = resolveDataDir({ flag, env: io.env });
  const opened = openDatabase(databasePath(dataDir));
  if (!opened.ok) return `${opened.error.code}: ${opened.error.message}`;
  const db = opened.value;
  try {
    installBuiltinPacks(db, 'cli');
  } catch (e) {
    db.close();
    return (e as Error).message;
  }
  return { db, dataDir, close: () => db.close() };
}

export const ACTOR = 'cli';
