// Opens the data folder for a CLI command: --data-dir, else TIERLINE_DATA_DIR, else the OS per-user
// folder; migrations run and the built-in rule packs are installed on first use.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, type Db } from '../db';
import { databasePath, resolveDataDir } from '../paths';
import { installBuiltinPacks } from '../services/packs';
import { EXIT, type CliIo } from './types';

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

/** Runs a command body with the data folder open, closing it afterwards; an unopenable store is exit 1. */
export async function withSession(io: CliIo, dataDir: string | undefined, fn: (db: Db) => Promise<number> | number): Promise<number> {
  const session = openSession(dataDir, io);
  if (typeof session === 'string') {
    io.stderr(session);
    return EXIT.FAILED;
  }
  try {
    return await fn(session.db);
  } finally {
    session.close();
  }
}

/** Reads an input file named on the command line; an unreadable one is reported as `FILE: cannot read: CODE`. */
export function readTextInput(io: CliIo, file: string): string | null {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.stderr(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return null;
  }
}
