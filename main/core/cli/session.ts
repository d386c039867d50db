// Opens the data folder for a CLI command: --data-dir, else TIERLINE_DATA_DIR, else the OS per-user
// folder. Writing commands create the store (migrations run, built-in rule packs installed on first
// use); read-only commands open an existing store read-only and say plainly when there is none (exit 3).
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

export interface SessionOptions {
  /** Open an existing store without changing it; a missing store is an error, not a new empty one. */
  readonly?: boolean;
}

export function openSession(flag: string | undefined, io: CliIo, opts: SessionOptions = {}): Session | string {
  const dataDir = resolveDataDir({ flag, env: io.env });
  const opened = openDatabase(databasePath(dataDir), { readonly: opts.readonly });
  if (!opened.ok) {
    if (opened.error.code === 'DB_MISSING') return `no Tierline store in ${dataDir} (check --data-dir or TIERLINE_DATA_DIR; a command that writes, such as tierline cases import, creates one)`;
    return `${opened.error.code}: ${opened.error.message}`;
  }
  const db = opened.value;
  if (!opts.readonly) {
    try {
      installBuiltinPacks(db, 'cli');
    } catch (e) {
      db.close();
      return (e as Error).message;
    }
  }
  return { db, dataDir, close: () => db.close() };
}

export const ACTOR = 'cli';

/** Runs a command body with the data folder open, closing it afterwards; an unopenable store is exit 3. */
export async function withSession(
  io: CliIo,
  dataDir: string | undefined,
  fn: (db: Db) => Promise<number> | number,
  opts: SessionOptions = {},
): Promise<number> {
  const session = openSession(dataDir, io, opts);
  if (typeof session === 'string') {
    io.stderr(session);
    return EXIT.STORE;
  }
  try {
    return await fn(session.db);
  } finally {
    session.close();
  }
}

/** Reads standard input (for `-`). */
export function readStdin(io: CliIo): string {
  return io.stdin ? io.stdin().toString('utf8') : readFileSync(0, 'utf8');
}

/**
 * Reads an input file named on the command line, `-` meaning standard input; an unreadable one is
 * reported as `FILE: cannot read: CODE`.
 */
export function readTextInput(io: CliIo, file: string): string | null {
  try {
    return file === '-' ? readStdin(io) : readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.stderr(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return null;
  }
}

/** The bytes of an input file, `-` meaning standard input. */
export function readBytesInput(io: CliIo, file: string): Buffer {
  if (file !== '-') return readFileSync(resolve(io.cwd, file));
  return io.stdin ? io.stdin() : readFileSync(0);
}

/** readBytesInput that reports an unreadable file as `FILE: cannot read: CODE` and returns null. */
export function readBytesOrReport(io: CliIo, file: string): Buffer | null {
  try {
    return readBytesInput(io, file);
  } catch (e) {
    io.stderr(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return null;
  }
}

/**
 * A dated input file (a screening list, or a candidate for impact): `--date`, when given, must be written
 * YYYY-MM-DD (else exit 2, before the file is read); then the file's bytes (unreadable: exit 2). Returns
 * the exit code after saying what is wrong.
 */
export function readDatedInput(io: CliIo, file: string, date: unknown): { bytes: Buffer; date: string | undefined } | number {
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(date))) {
    io.stderr('--date: expected YYYY-MM-DD');
    return EXIT.USAGE;
  }
  const bytes = readBytesOrReport(io, file);
  if (bytes === null) return EXIT.INVALID_INPUT;
  return { bytes, date: date as string | undefined };
}
