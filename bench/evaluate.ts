// bench/evaluate: evaluates a generated stream of varied cases in process and persists them with their
// determinations. Prints cases per second for the engine alone, for engine + store (the app's batch
// path: validate, store case, read ledger, evaluate, store determination, audit), and for a bare
// better-sqlite3 insert of the same rows, measured in the same run, twice: into plain tables (primary
// keys only, no CHECKs, indexes, triggers or FTS: the honest ceiling the store is judged against, `bare`)
// and into a copy of the full schema (`schema`, what the schema itself costs). Both with WAL,
// synchronous=FULL and one transaction per 1,000 cases, as the store. Also the stored bytes per case.
//   npm run bench:evaluate            100,000 cases
//   BENCH_CASES=20000 npm run bench:evaluate
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Case } from '../shared/domain/case';
import { evaluateCase } from '../shared/engine';
import { canonicalSha256, openDatabaseOrThrow, type Db } from '../main/core/db';
import { evaluateAndRecordMany } from '../main/core/services/evaluate';
import { activePacks, installBuiltinPacks } from '../main/core/services/packs';
import { generateCases } from './generate';

const N = Number(process.env.BENCH_CASES ?? 100_000);
const BATCH = 1000;
const TABLES = ['parties', 'cases', 'items', 'determinations', 'audit_log'];

function rate(n: number, ms: number): number {
  return Math.round((n * 1000) / ms);
}

const dir = mkdtempSync(join(tmpdir(), 'tierline-bench-'));
try {
  console.log(`generating ${N.toLocaleString('en-US')} cases…`);
  const docs = generateCases(N);
  const itemsPer = docs.reduce((a, d) => a + (d.items as unknown[]).length, 0) / N;
  const modesPer = docs.reduce((a, d) => a + (d.mode ? 1 : 2), 0) / N;
  console.log(`stream: ${itemsPer.toFixed(2)} items and ${modesPer.toFixed(2)} modes per case on average; dates 2023-2027; ${new Set(docs.map((d) => d.destination)).size} destinations`);
  const storeDb = openDatabaseOrThrow(join(dir, 'store.sqlite'));
  installBuiltinPacks(storeDb, 'bench');
  const packs = activePacks(storeDb);

  // 1. Engine alone: evaluation of parsed cases in their modes (the digest is the store's job).
  const parsed = docs.map((d) => Case.parse(d));
  const digests = docs.map((d) => canonicalSha256(d));
  for (let i = 0; i < 5000; i++) evaluateCase({ case: parsed[i % N], caseSha256: digests[i % N], packs, ledger: [], hints: false });
  let t0 = performance.now();
  let licenses = 0;
  for (let i = 0; i < N; i++) {
    const { determination } = evaluateCase({ case: parsed[i], caseSha256: digests[i], packs, ledger: [], hints: false });
    if (determination.evaluations[0].licenseRequired) licenses++;
  }
  const engineMs = performance.now() - t0;

  // 2. Engine + store: the app's batch path (evaluateAndRecordMany: validate, digest, store the case,
  //    read the ledger, evaluate, store the determination, audit), one transaction per 1,000 cases.
  t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const r = evaluateAndRecordMany(storeDb, docs.slice(i, i + BATCH), { actor: 'bench', packs });
    if (!r.ok) throw new Error(`batch ${i}: ${r.error.message}`);
  }
  const storeMs = performance.now() - t0;
  storeDb.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = storeDb.pragma('page_size', { simple: true }) as number;
  const storeBytes = (storeDb.pragma('page_count', { simple: true }) as number) * pageSize;
  const bytesByTable = Object.fromEntries(
    (storeDb.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[])
      .filter((r) => r.bytes > storeBytes / 100)
      .map((r) => [r.name, Math.round(r.bytes / N)]),
  );
  const counts = Object.fromEntries(TABLES.map((t) => [t, storeDb.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));

  // 3. Bare: the same rows, read back, inserted with prepared statements into a fresh copy of the schema.
  // Generated columns are computed by SQLite on insert; only stored columns are copied.
  const columns = Object.fromEntries(TABLES.map((t) => [t, (storeDb.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name)]));
  const rows = Object.fromEntries(TABLES.map((t) => [t, storeDb.prepare(`SELECT ${columns[t].join(',')} FROM ${t}`).raw().all() as unknown[][]]));
  storeDb.close();
  // Plain tables: the same columns, declared without types, constraints or indexes; a primary key only.
  const plainDb = new Database(join(dir, 'plain.sqlite'));
  plainDb.pragma('journal_mode = WAL');
  plainDb.pragma('synchronous = FULL');
  const pk: Record<string, string> = { parties: 'id', cases: 'id', items: 'case_id, idx', determinations: 'id', audit_log: 'seq' };
  for (const t of TABLES) plainDb.exec(`CREATE TABLE ${t} (${columns[t].join(', ')}, PRIMARY KEY (${pk[t]}))`);
  const schemaDb: Db = openDatabaseOrThrow(join(dir, 'schema.sqlite'));
  // Batches hold the rows of the same cases as the store's batches (foreign keys stay satisfied).
  const caseKey: Record<string, string> = { cases: 'id', items: 'case_id', determinations: 'case_id' };
  const batches: Record<string, unknown[][]>[] = [];
  for (let i = 0; i < N; i += BATCH) batches.push(Object.fromEntries(TABLES.map((t) => [t, []])));
  for (const t of ['cases', 'items', 'determinations']) {
    const k = columns[t].indexOf(caseKey[t]);
    for (const row of rows[t]) batches[Math.floor(((row[k] as number) - 1) / BATCH)][t].push(row);
  }
  const partyCol = columns.cases.indexOf('party_id');
  let partiesDone = 0;
  batches.forEach((b, i) => {
    const maxParty = Math.max(partiesDone, ...b.cases.map((r) => r[partyCol] as number));
    b.parties = rows.parties.slice(partiesDone, maxParty);
    partiesDone = maxParty;
    const perBatch = rows.audit_log.length / batches.length;
    b.audit_log = rows.audit_log.slice(Math.floor(i * perBatch), Math.floor((i + 1) * perBatch));
  });
  const insertAll = (db: Database.Database): number => {
    const stmts = TABLES.map((t) => ({ t, stmt: db.prepare(`INSERT INTO ${t} (${columns[t].join(',')}) VALUES (${columns[t].map(() => '?').join(',')})`) }));
    const start = performance.now();
    for (const b of batches) {
      db.transaction(() => {
        for (const { t, stmt } of stmts) for (const row of b[t]) stmt.run(...row);
      })();
    }
    return performance.now() - start;
  };
  // Alternate the two so neither always runs on a warmer cache.
  const bareMs = insertAll(plainDb);
  const schemaMs = insertAll(schemaDb);
  plainDb.pragma('wal_checkpoint(TRUNCATE)');
  const plainBytes = (plainDb.pragma('page_count', { simple: true }) as number) * (plainDb.pragma('page_size', { simple: true }) as number);
  plainDb.close();
  schemaDb.close();

  const mem = process.memoryUsage();
  console.log(`rows per table: ${JSON.stringify(counts)}`);
  console.log(`engine (evaluateCase: each case's modes, full trace; hints off as in batch work): ${N} cases in ${engineMs.toFixed(0)} ms = ${rate(N, engineMs)}/s (${licenses} need a license in their first mode)`);
  console.log(`engine+store: ${storeMs.toFixed(0)} ms (batches of ${BATCH}, WAL, synchronous=FULL)`);
  console.log(`bare: plain insert of the same rows into plain tables (primary keys only): ${bareMs.toFixed(0)} ms`);
  console.log(`schema: the same insert into a copy of the full schema (CHECKs, indexes, FTS trigger): ${schemaMs.toFixed(0)} ms`);
  console.log(`stored: ${(storeBytes / 2 ** 20).toFixed(0)} MiB = ${Math.round(storeBytes / N)} bytes per case (plain tables: ${Math.round(plainBytes / N)}); per case by table or index: ${JSON.stringify(bytesByTable)}`);
  console.log(`rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  const e = rate(N, engineMs);
  const s = rate(N, storeMs);
  const b = rate(N, bareMs);
  const bpc = Math.round(storeBytes / N);
  console.log(
    `targets: engine ≥ 200000/s: ${e >= 200_000 ? 'met' : 'MISSED'}; store ≥ bare/2 (${Math.round(b / 2)}/s): ${s >= b / 2 ? 'met' : 'MISSED'} (${(s / b).toFixed(2)}×); bytes per case ≤ 4096: ${bpc <= 4096 ? 'met' : 'MISSED'}`,
  );
  console.log(`engine=${e} store=${s} bare=${b} schema=${rate(N, schemaMs)} bytes_per_case=${bpc}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
