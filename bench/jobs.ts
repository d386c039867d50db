// npm run bench:jobs — long jobs off the thread that answers the window (main/core/jobs), on a
// 10,000-line order book over the built-in chips with the real screening list imported:
//   worker   the app's path: batch.start through dispatch (plan, evaluate, screen, store in one worker
//            thread), batch.status polled every 50 ms meanwhile; the main thread's worst event-loop delay
//            (perf_hooks monitorEventLoopDelay), its longest busy stretch, and the slowest status answer;
//   inline   the path before the worker (the baseline): runBatch on the main thread in 50 ms slices, the
//            same two figures;
//   split    whether a second worker helps on this machine: the evaluation (store: false) of the same
//            cases in 1 worker and split over 2 workers, wall time from spawning to the last answer.
// Ends `lines=N inline_ms=… inline_stall_ms=… inline_busy_ms=… worker_ms=… worker_stall_ms=… worker_busy_ms=…
// status_max_ms=… workers1_ms=… workers2_ms=…`.
//   BENCH_LINES=2000 npm run bench:jobs
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readCsv } from '../main/core/batch/read';
import { mapColumns } from '../main/core/batch/mapping';
import { planBatch } from '../main/core/batch/lines';
import { runBatch } from '../main/core/batch/run';
import { openDatabaseOrThrow, productLookup } from '../main/core/db';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../main/core/handlers';
import { databasePath } from '../main/core/paths';
import { activeScreener, importListFile } from '../main/core/screening/service';
import { installBuiltinPacks } from '../main/core/services/packs';
import { rng } from './generate';
import type { SplitInput, SplitOutput } from './jobs-worker';

const N = Number(process.env.BENCH_LINES ?? 10_000);
const LIST = join(import.meta.dirname, '../test/fixtures/csl/consolidated-2026-07-31.csv.gz');
const PARTS = ['nvidia-h100-sxm', 'nvidia-h200-sxm', 'nvidia-h20', 'nvidia-a100', 'nvidia-b200', 'amd-mi300x', 'amd-mi210', 'amd-mi250'];
const DESTS = ['DE', 'FR', 'JP', 'GB', 'BR', 'IN', 'MY', 'TH', 'AE', 'SA', 'VN', 'MX', 'SG', 'PL', 'CN', 'IL', 'US', 'KR', 'CL', 'SE'];
const LISTED = ['Sugon', 'Inspur Group', 'Huawei Technologies Co., Ltd.', 'Moore Threads', 'Biren Technology'];
const WORDS = ['Nordic', 'Pacific', 'Andes', 'Alpine', 'Coastal', 'Summit', 'Delta', 'Harbor', 'Prairie', 'Aurora'];
const KINDS = ['Compute', 'AI Labs', 'Data Systems', 'Cloud', 'Inference', 'Analytics', 'Research'];
const TODAY = '2026-08-15';

function orderBook(n: number): string {
  const r = rng(11);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const out = ['reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity'];
  let order = 0;
  while (out.length - 1 < n) {
    order += 1;
    const dest = pick(DESTS);
    const listed = r() < 0.02;
    const customer = listed ? pick(LISTED) : `${pick(WORDS)} ${pick(KINDS)} ${order % 500}`;
    const hq = listed ? 'CN' : dest;
    const d = `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const lines = r() < 0.7 ? 1 : 2;
    for (let j = 0; j < lines && out.length - 1 < n; j++) out.push(`SO-${100000 + order},${d},${dest},"${customer}",${hq},${pick(PARTS)},${1 + Math.floor(r() * 200)}`);
  }
  return out.join('\n');
}

const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const splitEntry = new URL('./jobs-worker.ts', import.meta.url).href;

function splitWorker(input: SplitInput): Promise<SplitOutput> {
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(splitEntry)}); });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: input });
    w.once('message', (m: SplitOutput) => resolve(m));
    w.once('error', reject);
  });
}

async function split(dbPath: string, csv: string, workers: number): Promise<{ ms: number; evaluateMs: number[] }> {
  const t0 = performance.now();
  const outs = await Promise.all(Array.from({ length: workers }, (_, index) => splitWorker({ dbPath, csv, index, of: workers, today: TODAY })));
  return { ms: performance.now() - t0, evaluateMs: outs.map((o) => o.evaluateMs) };
}

/**
 * Watches this thread while a job runs: the worst event-loop delay (monitorEventLoopDelay), and the
 * longest stretch this thread itself was busy (event-loop utilisation's active time between two 5 ms
 * ticks): on a loaded 2-core machine a delay can also be the OS running other threads, which `busy` excludes.
 */
function watch(): () => { delayMs: number; busyMs: number } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let busy = 0;
  let elu = performance.eventLoopUtilization();
  const iv = setInterval(() => {
    const d = performance.eventLoopUtilization(elu);
    busy = Math.max(busy, d.active);
    elu = performance.eventLoopUtilization();
  }, 5);
  return () => {
    clearInterval(iv);
    h.disable();
    return { delayMs: h.max / 1e6, busyMs: busy };
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tierline-bench-jobs-'));
try {
  const csv = orderBook(N);
  const setUp = (name: string) => {
    const dataDir = join(dir, name);
    const db = openDatabaseOrThrow(databasePath(dataDir));
    installBuiltinPacks(db, 'bench');
    const imp = importListFile(db, { bytes: readFileSync(LIST), fileName: 'consolidated-2026-07-31.csv.gz' }, { actor: 'bench' });
    if (!imp.ok) throw new Error(imp.error.message);
    return { dataDir, db };
  };

  // Worker: the app's path through the handlers, this thread only answering.
  const b = setUp('worker');
  b.db.close();
  const ctx: HandlerContext = { dataDir: b.dataDir, actor: 'bench', appVersion: 'bench', platform: headlessPlatform, today: () => TODAY, logError: (c, e) => console.error(c, e), resources: new Map() };
  await dispatch('cases.list', { limit: 50 }, ctx);
  const w2 = watch();
  let t0 = performance.now();
  const started = await dispatch('batch.start', { fileName: 'orders.csv', base64: Buffer.from(csv).toString('base64') }, ctx);
  if (!started.ok) throw new Error(started.error.message);
  const jobId = (started.value as { jobId: number }).jobId;
  let state = 'running';
  let statusMax = 0;
  let statusCalls = 0;
  let lastPhase = '';
  while (state === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    const s0 = performance.now();
    const s = await dispatch('batch.status', { jobId }, ctx);
    statusMax = Math.max(statusMax, performance.now() - s0);
    statusCalls++;
    if (!s.ok) throw new Error(s.error.message);
    const v = s.value as { state: string; progress: { phase: string } };
    state = v.state;
    lastPhase = v.progress.phase;
  }
  const workerMs = performance.now() - t0;
  const s2 = w2();
  if (state !== 'done') throw new Error(`worker: ${state} (${lastPhase})`);
  const listed = await dispatch('cases.list', { limit: 1 }, ctx);
  const storedCases = listed.ok ? (listed.value as { total: number }).total : -1;
  closeResources(ctx);

  // Inline: the main thread runs the batch in slices (as before the worker).
  const a = setUp('inline');
  activeScreener(a.db);
  const sheet = readCsv(csv);
  if (!sheet.ok) throw new Error('read failed');
  const plan = planBatch(sheet.value, mapColumns(sheet.value.headers), productLookup(a.db));
  if (plan.invalid.length) throw new Error(`invalid lines: ${plan.invalid.slice(0, 3).map((p) => `${p.row} ${p.column} ${p.message}`).join('; ')}`);
  const w1 = watch();
  t0 = performance.now();
  const inline = await runBatch(a.db, plan, { actor: 'bench', today: TODAY });
  const inlineMs = performance.now() - t0;
  const s1 = w1();
  if (inline.status !== 'done') throw new Error(`inline: ${inline.status}`);
  a.db.close();

  // One worker or two for the evaluation (the store is one writer either way).
  const c = setUp('split');
  c.db.close();
  const dbPath = databasePath(c.dataDir);
  await split(dbPath, orderBook(200), 1); // warm tsx's transform cache
  const one = await split(dbPath, csv, 1);
  const two = await split(dbPath, csv, 2);

  const ms = (x: number) => Math.round(x);
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`machine: ${availableParallelism()} cores, load ${load}; ${N.toLocaleString('en-US')} lines, ${plan.cases.length.toLocaleString('en-US')} cases, screening list imported`);
  console.log(`worker (batch.start, status every 50 ms): ${ms(workerMs)} ms to done, ${storedCases} cases stored; main thread: worst event-loop delay ${ms(s2.delayMs)} ms, longest busy ${ms(s2.busyMs)} ms; ${statusCalls} status calls, slowest ${statusMax.toFixed(1)} ms`);
  console.log(`inline (main thread, 50 ms slices, before): ${ms(inlineMs)} ms; main thread: worst event-loop delay ${ms(s1.delayMs)} ms, longest busy ${ms(s1.busyMs)} ms`);
  console.log(`evaluation in 1 worker: ${ms(one.ms)} ms wall (evaluate ${one.evaluateMs.map(ms).join(' ms')} ms); in 2 workers: ${ms(two.ms)} ms wall (evaluate ${two.evaluateMs.map(ms).join(' ms, ')} ms); speed-up ${(one.ms / two.ms).toFixed(2)}×`);
  console.log(`lines=${N} inline_ms=${ms(inlineMs)} inline_stall_ms=${ms(s1.delayMs)} inline_busy_ms=${ms(s1.busyMs)} worker_ms=${ms(workerMs)} worker_stall_ms=${ms(s2.delayMs)} worker_busy_ms=${ms(s2.busyMs)} status_max_ms=${ms(statusMax)} workers1_ms=${ms(one.ms)} workers2_ms=${ms(two.ms)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
