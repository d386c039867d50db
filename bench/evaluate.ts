// bench/evaluate: evaluates a generated stream of varied cases in process and persists them with their
// determinations. Prints cases per second for the engine alone, for engine + store (the app's batch
// path: validate, store case, read ledger, evaluate, store determination, audit), and for a bare
// better-sqlite3 insert of the same rows into the same schema, measured in the same run (the ceiling).
//   npm run bench:evaluate            100,000 cases
//   BENCH_CASES=20000 npm run bench:evaluate
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Case } from '../shared/domain/case';
import { evaluateCase } from '../shared/engine';
import { canonicalSha256, latestPack, openDatabaseOrThrow, type Db } from '../main/core/db';
import { evaluateAndRecordStream } from '../main/core/services/evaluate';
import { createEvaluatorPool } from '../main/core/services/evaluate-pool';
import { trustRootDir } from '../main/core/rulepacks';
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

  // 1. Engine alone, one thread: both-mode evaluation of parsed cases (the digest is the store's job).
  const parsed = docs.map((d) => Case.parse(d));
  const digests = docs.map((d) => canonicalSha256(d));
  for (let i = 0; i < 5000; i++) evaluateCase({ case: parsed[i % N], caseSha256: digests[i % N], packs, ledger: [], hints: false });
  let t0 = performance.now();
  let licenses = 0;
  for (let i = 0; i < N; i++) {
    const { determination } = evaluateCase({ case: parsed[i], caseSha256: digests[i], packs, ledger: [], hints: false });
    if (determination.evaluations[0].licenseRequired) licenses++;
  }
  const engine1Ms = performance.now() - t0;

  // 2. Engine on every core: one engine thread per core, each evaluating its share of the stream.
  const packTexts = [packs.as_written, packs.enforced].map((p) => latestPack(storeDb, p.body.id)!.signedJson);
  const threads = availableParallelism();
  const share = Math.ceil(N / threads);
  const workers = Array.from({ length: threads }, (_, k) => new Worker(new URL('./engine-worker.dev.mjs', import.meta.url), { workerData: { n: Math.min(share, N - k * share), seed: 1000 + k, packTexts, trustDir: trustRootDir() } }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  t0 = performance.now();
  const done = await Promise.all(workers.map((w) => new Promise<{ ms: number }>((r) => { w.once('message', r); w.postMessage('go'); })));
  const engineMs = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));

  // The evaluator pool over the raw stream (validate, digest, ledger read, evaluate, serialize).
  const pool = createEvaluatorPool({ packTexts, trustDir: trustRootDir(), dbFile: join(dir, 'store.sqlite') });
  await pool.evaluate(docs.slice(0, 4000));
  t0 = performance.now();
  for (let i = 0; i < N; i += 5000) await pool.evaluate(docs.slice(i, i + 5000));
  const poolMs = performance.now() - t0;

  // 3. Engine + store: the app's batch path for a stream (evaluateAndRecordStream): the evaluator pool
  //    validates, digests, reads the ledger and evaluates batch k+1 while the main thread's single
  //    connection writes batch k (case, items, party, determination, audit), one transaction per batch.
  t0 = performance.now();
  const r = await evaluateAndRecordStream(storeDb, docs, { actor: 'bench', pool, batchSize: BATCH });
  if (!r.ok) throw new Error(r.error.message);
  const storeMs = performance.now() - t0;
  await pool.close();
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
  console.log(`engine, 1 thread (evaluateCase, both modes, full trace; hints off as in batch work): ${N} cases in ${engine1Ms.toFixed(0)} ms = ${rate(N, engine1Ms)}/s (${licenses} need a license in their first mode)`);
  console.log(`engine, ${threads} threads: ${engineMs.toFixed(0)} ms = ${rate(N, engineMs)}/s (per thread: ${done.map((d) => `${d.ms.toFixed(0)} ms`).join(', ')})`);
  console.log(`evaluator pool, ${pool.size} workers (validate + digest + ledger + evaluate + serialize): ${poolMs.toFixed(0)} ms = ${rate(N, poolMs)}/s`);
  console.log(`engine+store: ${storeMs.toFixed(0)} ms (pool evaluates while one connection writes; batches of ${BATCH}, WAL, synchronous=FULL)`);
  console.log(`bare insert of the same rows: ${bareMs.toFixed(0)} ms`);
  console.log(`rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  // The engine figure is the faster of one thread and one thread per core (both printed above): on a
  // machine whose cores do not scale, more threads only add contention.
  const e = Math.max(rate(N, engine1Ms), rate(N, engineMs));
  const s = rate(N, storeMs);
  const b = rate(N, bareMs);
  console.log(`targets: engine ≥ 100000/s: ${e >= 100_000 ? 'met' : 'MISSED'}; store ≥ bare/2 (${Math.round(b / 2)}/s): ${s >= b / 2 ? 'met' : 'MISSED'}`);
  console.log(`engine=${e} store=${s} bare=${b}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
