// bench/evaluate: evaluates a generated stream of varied cases in process and persists them with their
// determinations. Prints cases per second for the engine alone, for engine + store (the app's batch
// path: validate, store case, read ledger, evaluate, store determination, audit), and for a bare
// better-sqlite3 insert of the same rows into the same schema, measured in the same run (the ceiling).
//   npm run bench:evaluate            100,000 cases
//   BENCH_CASES=20000 npm run bench:evaluate
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
  const counts = Object.fromEntries(TABLES.map((t) => [t, storeDb.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));

  // 3. Bare: the same rows, read back, inserted with prepared statements into a fresh copy of the schema.
  // Generated columns are computed by SQLite on insert; only stored columns are copied.
  const columns = Object.fromEntries(TABLES.map((t) => [t, (storeDb.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name)]));
  const rows = Object.fromEntries(TABLES.map((t) => [t, storeDb.prepare(`SELECT ${columns[t].join(',')} FROM ${t}`).raw().all() as unknown[][]]));
  storeDb.close();
  const bareDb: Db = openDatabaseOrThrow(join(dir, 'bare.sqlite'));
  const stmts = TABLES.map((t) => ({ t, stmt: bareDb.prepare(`INSERT INTO ${t} (${columns[t].join(',')}) VALUES (${columns[t].map(() => '?').join(',')})`) }));
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
  t0 = performance.now();
  for (const b of batches) {
    bareDb.transaction(() => {
      for (const { t, stmt } of stmts) for (const row of b[t]) stmt.run(...row);
    })();
  }
  const bareMs = performance.now() - t0;
  bareDb.close();

  const mem = process.memoryUsage();
  console.log(`rows per table: ${JSON.stringify(counts)}`);
  console.log(`engine (evaluateCase: each case's modes, full trace; hints off as in batch work): ${N} cases in ${engineMs.toFixed(0)} ms = ${rate(N, engineMs)}/s (${licenses} need a license in their first mode)`);
  console.log(`engine+store: ${storeMs.toFixed(0)} ms (batches of ${BATCH}, WAL, synchronous=FULL)`);
  console.log(`bare insert of the same rows: ${bareMs.toFixed(0)} ms`);
  console.log(`rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  const e = rate(N, engineMs);
  const s = rate(N, storeMs);
  const b = rate(N, bareMs);
  console.log(`targets: engine ≥ 100000/s: ${e >= 100_000 ? 'met' : 'MISSED'}; store ≥ bare/2 (${Math.round(b / 2)}/s): ${s >= b / 2 ? 'met' : 'MISSED'}`);
  console.log(`engine=${e} store=${s} bare=${b}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
