// Opening the store: create the folder, set the pragmas that make every commit durable, and bring the
// schema up to date. A file written by a newer Tierline is refused rather than half-understood.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sealRecords } from './audit-repo';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { fail, ok, type Db, type Result } from './types';

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Migrations to apply (tests pass a prefix to stop at an older version). */
  migrations?: readonly Migration[];
  /** A better-sqlite3 binary built for another runtime (the Electron copy when running from a checkout). */
  nativeBinding?: string;
  /** Open an existing file for reading only: nothing is created or migrated (read-only CLI commands). */
  readonly?: boolean;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration in its own transaction, bumping user_version inside it. */
export function runMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): Result<{ from: number; to: number }> {
  const from = schemaVersion(db);
  const known = migrations.length;
  if (from > known) {
    return fail(
      'DB_TOO_NEW',
      `this database has schema version ${from}, but this Tierline knows only up to ${known}: use a newer Tierline`,
    );
  }
  const pending = migrations.slice(from);
  // Kinds whose records are entered into the chain again, once the schema is current (records.ts).
  const reseal = new Set<string>();
  let resealAll = false;
  for (const m of pending) {
    if (m.reseal === 'all') resealAll = true;
    else for (const k of m.reseal ?? []) reseal.add(k);
  }
  pending.forEach((m, i) => {
    db.transaction(() => {
      // Another process may have applied it while this one waited for the write lock.
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      if (i === pending.length - 1 && (resealAll || reseal.size)) {
        sealRecords(db, resealAll ? 'all' : [...reseal], `schema ${from} → ${m.version}: records stored before are entered into the chain`);
      }
    }).immediate();
  });
  return ok({ from, to: Math.max(from, known) });
}

export function applyPragmas(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!db.memory) db.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL databases at NORMAL, which may lose the last commits on power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * Repositories prepare their SQL where they use it, which reads well but compiles the statement on
 * every call (the benchmark showed it as the store's largest cost). Prepared statements are cached per
 * connection by their SQL text; a cached reader is reset to plain row objects before it is handed out,
 * so one call site's pluck() or raw() never leaks into another.
 */
export function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      cache.set(sql, stmt);
    } else if (stmt.reader) {
      stmt.pluck(false);
      stmt.raw(false);
      stmt.expand(false);
    }
    return stmt;
  }) as Db['prepare'];
}

export function openDatabase(file: string, opts: OpenOptions = {}): Result<Db> {
  if (opts.readonly) return openReadonly(file, opts);
  let db: Db;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    return fail('DB_OPEN_FAILED', `cannot open ${file}: ${(e as Error).message}`);
  }
  try {
    cacheStatements(db);
    applyPragmas(db);
    const migrated = runMigrations(db, opts.migrations ?? MIGRATIONS);
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
    return ok(db);
  } catch (e) {
    db.close();
    return fail('DB_OPEN_FAILED', `cannot prepare ${file}: ${(e as Error).message}`);
  }
}

function openReadonly(file: string, opts: OpenOptions): Result<Db> {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch (e) {
    const missing = /unable to open|does not exist|SQLITE_CANTOPEN/i.test((e as Error).message);
    return fail(missing ? 'DB_MISSING' : 'DB_OPEN_FAILED', missing ? `there is no Tierline store at ${file}` : `cannot open ${file}: ${(e as Error).message}`);
  }
  try {
    cacheStatements(db);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = schemaVersion(db);
    const known = (opts.migrations ?? MIGRATIONS).length;
    if (version !== known) {
      db.close();
      return version > known
        ? fail('DB_TOO_NEW', `this database has schema version ${version}, but this Tierline knows only up to ${known}: use a newer Tierline`)
        : fail('DB_OUTDATED', `${file} has schema version ${version}; a command that writes (e.g. tierline cases import) brings it to ${known}`);
    }
    return ok(db);
  } catch (e) {
    db.close();
    return fail('DB_OPEN_FAILED', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/** For scripts and tests that cannot go on without a database. */
export function openDatabaseOrThrow(file: string, opts: OpenOptions = {}): Db {
  const r = openDatabase(file, opts);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export { LATEST_VERSION };
