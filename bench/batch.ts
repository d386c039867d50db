// bench/batch: a generated order book of 10,000 lines over the catalogue (the built-in chips and a few
// user entries), varied customers (some on the real Consolidated Screening List), countries and dates,
// as CSV and as XLSX, through the batch path: read, plan (map, convert, group, fill from the catalogue,
// validate), evaluate in both modes, screen, persist. Lines per second for each phase, with a baseline
// measured in the same run for each:
//   read     vs csv-parse / exceljs load alone (the same bytes, no mapping or conversion)
//   evaluate vs the engine alone on the same parsed cases (no slicing, no progress)
//   screen   vs the matcher's index search alone for the end users' names (the batch screens every
//            party and reads the entries and officer decisions back)
//   persist  vs evaluateAndRecordMany, the single-case store path used by JSON imports, on a fresh store
// plus the longest synchronous slice and the event loop's worst delay while the batch ran, and peak RSS.
//   npm run bench:batch                  10,000 lines
//   BENCH_LINES=2000 npm run bench:batch
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { evaluateCase } from '../shared/engine';
import { addProduct, ledgerFor, openDatabaseOrThrow, productLookup } from '../main/core/db';
import { toCsv, type Table } from '../main/core/exports/table';
import { mapColumns } from '../main/core/batch/mapping';
import { planBatch } from '../main/core/batch/lines';
import { readCsv, readXlsx } from '../main/core/batch/read';
import { runBatch } from '../main/core/batch/run';
import { activeScreener, importListFile } from '../main/core/screening/service';
import { evaluateAndRecordMany } from '../main/core/services/evaluate';
import { activePacks, installBuiltinPacks } from '../main/core/services/packs';
import { rng } from './generate';

const N = Number(process.env.BENCH_LINES ?? 10_000);
const LIST = join(import.meta.dirname, '../test/fixtures/csl/consolidated-2026-07-31.csv.gz');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
sampler.unref();

const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
const fmt = (n: number) => n.toLocaleString('en-US');

const PARTS = ['nvidia-h100-sxm', 'nvidia-h200-sxm', 'nvidia-h20', 'nvidia-a100', 'nvidia-b200', 'amd-mi300x', 'amd-mi210', 'amd-mi250', 'ACME-X100', 'ACME-SRV8', 'ACME-EDGE'];
const DESTS = ['DE', 'FR', 'JP', 'GB', 'BR', 'IN', 'MY', 'TH', 'AE', 'SA', 'VN', 'MX', 'SG', 'PL', 'CN', 'IL', 'US', 'KR', 'CL', 'SE'];
// Customers: invented names and, about 2 % of lines, names from the real list.
const LISTED = ['Sugon', 'Inspur Group', 'Huawei Technologies Co., Ltd.', 'Moore Threads', 'Biren Technology'];
const WORDS = ['Nordic', 'Pacific', 'Andes', 'Alpine', 'Coastal', 'Summit', 'Delta', 'Harbor', 'Prairie', 'Aurora'];
const KINDS = ['Compute', 'AI Labs', 'Data Systems', 'Cloud', 'Inference', 'Analytics', 'Research'];
const SUFFIX = ['GmbH', 'SAS', 'KK', 'Ltd', 'SpA', 'AB', 'Inc.', 'Pte Ltd', 'LLC', 'S.A.'];

function orderBook(n: number): { headers: string[]; rows: (string | number | Date)[][] } {
  const r = rng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const headers = ['Order No', 'Order date', 'Customer', 'Customer country', 'Ship-to country', 'Part No', 'Qty', 'Notes'];
  const rows: (string | number | Date)[][] = [];
  let order = 0;
  while (rows.length < n) {
    order += 1;
    const dest = pick(DESTS);
    const listed = r() < 0.02;
    const customer = listed ? pick(LISTED) : `${pick(WORDS)} ${pick(KINDS)} ${pick(SUFFIX)} ${order % 500}`;
    const hq = listed ? 'CN' : r() < 0.7 ? dest : pick(DESTS);
    const d = new Date(Date.UTC(2025, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const lines = r() < 0.7 ? 1 : r() < 0.7 ? 2 : 3;
    for (let j = 0; j < lines && rows.length < n; j++) rows.push([`SO-${100000 + order}`, d, customer, hq, dest, pick(PARTS), 1 + Math.floor(r() * 200), j ? '' : 'bench']);
  }
  return { headers, rows };
}

function addProducts(db: ReturnType<typeof openDatabaseOrThrow>): void {
  for (const p of [
    { partNumber: 'ACME-X100', description: 'Acme X100 accelerator card', kind: 'ic', tppPerUnit: 5200, performanceDensity: 6.4, datacenter: true, source: 'Acme datasheet rev C' },
    { partNumber: 'ACME-SRV8', description: 'Acme 8-GPU server', kind: 'computer', eccn: '4A090.a', ics: [{ partNumber: 'ACME-X100', count: 8, tppPerUnit: 5200, performanceDensity: 6.4, datacenter: true }], datacenter: true, source: 'Acme server spec' },
    { partNumber: 'ACME-EDGE', description: 'Acme edge module', kind: 'ic', tppPerUnit: 900, performanceDensity: 1.2, source: 'Acme datasheet' },
  ]) {
    const a = addProduct(db, p, { actor: 'bench' });
    if (!a.ok) {
      // A computer given by its ICs may not be in every catalogue version: fall back to its total TPP.
      const b = addProduct(db, { partNumber: p.partNumber, description: p.description, kind: p.kind, eccn: (p as { eccn?: string }).eccn, tppPerUnit: 41600, performanceDensity: 6.4, datacenter: true, source: p.source }, { actor: 'bench' });
      if (!b.ok) throw new Error(`${p.partNumber}: ${a.error.message}; ${b.error.message}`);
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tierline-bench-batch-'));
try {
  const db = openDatabaseOrThrow(join(dir, 'store.sqlite'));
  installBuiltinPacks(db, 'bench');
  addProducts(db);
  const imp = importListFile(db, { bytes: readFileSync(LIST), fileName: 'consolidated-2026-07-31.csv.gz' }, { actor: 'bench' });
  if (!imp.ok) throw new Error(imp.error.message);
  activeScreener(db);

  const book = orderBook(N);
  const table: Table = {
    name: 'Orders',
    columns: book.headers.map((h, i) => ({ key: String(i), header: h, type: i === 1 ? 'date' : i === 6 ? 'integer' : 'text' })),
    rows: book.rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v instanceof Date ? v.toISOString().slice(0, 10) : v]))),
  };
  const csvPath = join(dir, 'orders.csv');
  writeFileSync(csvPath, toCsv(table));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Orders');
  ws.addRow(book.headers);
  for (const r of book.rows) ws.addRow(r);
  const xlsxPath = join(dir, 'orders.xlsx');
  await wb.xlsx.writeFile(xlsxPath);
  const csvBytes = readFileSync(csvPath);
  const xlsxBytes = readFileSync(xlsxPath);
  console.log(`order book: ${fmt(N)} lines, ${new Set(book.rows.map((r) => r[0])).size} orders, ${new Set(book.rows.map((r) => r[2])).size} customers, ${DESTS.length} destinations; CSV ${fmt(csvBytes.length)} B, XLSX ${fmt(xlsxBytes.length)} B`);

  // Read: ours against the parsers alone.
  let t0 = performance.now();
  parse(csvBytes, { bom: true, relax_column_count: true });
  const csvBareMs = performance.now() - t0;
  t0 = performance.now();
  const csvSheet = readCsv(csvBytes);
  const csvReadMs = performance.now() - t0;
  t0 = performance.now();
  await new ExcelJS.Workbook().xlsx.load(xlsxBytes as unknown as ExcelJS.Buffer);
  const xlsxBareMs = performance.now() - t0;
  t0 = performance.now();
  const xlsxSheet = await readXlsx(xlsxBytes);
  const xlsxReadMs = performance.now() - t0;
  if (!csvSheet.ok || !xlsxSheet.ok) throw new Error('read failed');

  // Plan: map, convert, group, fill from the catalogue, validate.
  t0 = performance.now();
  const plan = planBatch(xlsxSheet.value, mapColumns(xlsxSheet.value.headers), productLookup(db));
  const planMs = performance.now() - t0;
  if (plan.invalid.length) throw new Error(`invalid lines: ${plan.invalid.slice(0, 3).map((p) => `${p.row} ${p.column} ${p.message}`).join('; ')}`);

  // Baselines for evaluate and screen, on the same cases and names.
  const packs = activePacks(db);
  const ledger = ledgerFor(db, { excludeCaseId: null });
  t0 = performance.now();
  for (const c of plan.cases) evaluateCase({ case: c.doc, caseSha256: '0'.repeat(64), packs, ledger, hints: false });
  const engineMs = performance.now() - t0;
  const scr = activeScreener(db)!;
  t0 = performance.now();
  for (const c of plan.cases) scr.index.search({ name: c.doc.endUser.name, country: c.doc.endUser.headquarters });
  const searchMs = performance.now() - t0;

  // The batch itself, with the event loop watched.
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let progressCalls = 0;
  t0 = performance.now();
  const run = await runBatch(db, plan, { actor: 'bench', onProgress: () => (progressCalls += 1) });
  const runMs = performance.now() - t0;
  h.disable();
  if (run.status !== 'done') throw new Error(`run: ${run.status}`);
  const hits = run.cases.filter((c) => c.screening.status !== 'clear').length;

  // Persist baseline: the JSON import path on a fresh store, same documents.
  const db2 = openDatabaseOrThrow(join(dir, 'baseline.sqlite'));
  installBuiltinPacks(db2, 'bench');
  addProducts(db2);
  importListFile(db2, { bytes: readFileSync(LIST), fileName: 'consolidated-2026-07-31.csv.gz' }, { actor: 'bench' });
  const docs = plan.cases.map((c) => c.raw);
  t0 = performance.now();
  for (let i = 0; i < docs.length; i += 1000) {
    const r = evaluateAndRecordMany(db2, docs.slice(i, i + 1000), { actor: 'bench', packs });
    if (!r.ok) throw new Error(r.error.message);
  }
  const manyMs = performance.now() - t0;
  db2.close();
  db.close();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const { evaluateMs, screenMs, storeMs, longestSliceMs } = run.timings;
  console.log(`read CSV:   ${fmt(rate(N, csvReadMs))} lines/s (${csvReadMs.toFixed(0)} ms); csv-parse alone ${fmt(rate(N, csvBareMs))} lines/s`);
  console.log(`read XLSX:  ${fmt(rate(N, xlsxReadMs))} lines/s (${xlsxReadMs.toFixed(0)} ms); exceljs load alone ${fmt(rate(N, xlsxBareMs))} lines/s`);
  console.log(`plan:       ${fmt(rate(N, planMs))} lines/s (${planMs.toFixed(0)} ms; map, convert, group into ${fmt(plan.cases.length)} cases, fill from the catalogue, validate)`);
  const engineRunMs = evaluateMs - screenMs;
  console.log(`evaluate:   ${fmt(rate(N, engineRunMs))} lines/s (${engineRunMs.toFixed(0)} ms, both modes, digest and ledger read per case); engine alone ${fmt(rate(N, engineMs))} lines/s`);
  console.log(`screen:     ${fmt(rate(N, screenMs))} lines/s (${screenMs.toFixed(0)} ms, ${hits} case(s) with a candidate); index search alone ${fmt(rate(N, searchMs))} lines/s`);
  console.log(`persist:    ${fmt(rate(N, storeMs))} lines/s (${storeMs.toFixed(0)} ms, one transaction written in slices); evaluateAndRecordMany (evaluate + store) ${fmt(rate(N, manyMs))} lines/s`);
  console.log(`whole run:  ${fmt(rate(N, runMs))} lines/s (${(runMs / 1000).toFixed(1)} s); ${progressCalls} progress updates`);
  console.log(`event loop: longest synchronous slice ${longestSliceMs.toFixed(0)} ms (evaluate, screen and store), worst loop delay ${(h.max / 1e6).toFixed(0)} ms`);
  console.log(`memory:     peak RSS ${fmt(Math.round(peakRss / 1048576))} MiB (maxRSS ${fmt(Math.round(process.resourceUsage().maxRSS / 1024))} MiB)`);
  console.log(`read=${rate(N, xlsxReadMs)} evaluate=${rate(N, engineRunMs)} screen=${rate(N, screenMs)} persist=${rate(N, storeMs)} peakRssMiB=${Math.round(peakRss / 1048576)} baselineEngine=${rate(N, engineMs)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
