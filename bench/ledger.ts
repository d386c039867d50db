// npm run bench:ledger — evaluate-and-record one case for a consignee that already has 0, 1,000, 10,000
// and 100,000 prior shipments in the ledger (imported as a shipment history CSV, the way an office brings
// its past in), to the same destination, in the case's year, under the authorizations the caps count
// (LPP, LICENSE, NVEU, AIA). The empty ledger is the baseline, measured in the same run; the goal is a case
// with 100,000 priors costing at most twice the empty one. Medians over RUNS evaluations per size.
// Last line: `empty_ms=… ledger1k_ms=… ledger10k_ms=… ledger100k_ms=… ratio=…`.
//   npm run bench:ledger            (RUNS=200)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabaseOrThrow } from '../main/core/db';
import { importShipments } from '../main/core/db/shipments-repo';
import { evaluateAndRecord } from '../main/core/services/evaluate';
import { activePacks, installBuiltinPacks } from '../main/core/services/packs';
import { rng } from './generate';

const RUNS = Number(process.env.RUNS ?? 200);
const SIZES = [0, 1_000, 10_000, 100_000];
const CONSIGNEE = 'Rechenzentrum Süd GmbH';
const DEST = 'BR';
const AUTHS = ['LPP', 'LICENSE', 'NVEU', 'AIA'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function history(n: number): string {
  const r = rng(7);
  const lines = ['date,destination,consignee,tpp,authorization'];
  for (let i = 0; i < n; i++) {
    // Prior shipments across 2025-2026 (the cases below are dated 2026-06-15): most inside the caps'
    // windows, so every sum has to cover them. Small TPPs, so the caps are not exhausted and the engine
    // takes the same path at every size.
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const y = r() < 0.8 ? 2026 : 2025;
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    // A few other consignees in the same destination, so the destination sums see more rows still.
    const name = r() < 0.9 ? CONSIGNEE : `Other Consignee ${Math.floor(r() * 50)}`;
    lines.push(`${date},${DEST},"${name}",${1 + Math.floor(r() * 20)},${AUTHS[Math.floor(r() * AUTHS.length)]}`);
  }
  return lines.join('\n') + '\n';
}

function caseDoc(k: number): Record<string, unknown> {
  return {
    format: 'tierline.case/1',
    reference: `LEDGER-${k}`,
    date: '2026-06-15',
    destination: DEST,
    endUse: 'datacenter',
    endUser: { name: CONSIGNEE, type: 'data_center', headquarters: DEST, ultimateParentHeadquarters: DEST },
    items: [{ description: 'NVIDIA H100 SXM', kind: 'ic', quantity: 1 + (k % 50), tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, datacenter: true, approvedDesigner: true }],
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tierline-bench-ledger-'));
const out: Record<number, number> = {};
try {
  for (const size of SIZES) {
    const db = openDatabaseOrThrow(join(dir, `ledger-${size}.sqlite`));
    installBuiltinPacks(db, 'bench');
    if (size > 0) {
      const t = performance.now();
      const r = importShipments(db, history(size), { actor: 'bench', fileName: `history-${size}.csv` });
      if (!r.ok) throw new Error(`import: ${r.error.message}`);
      console.log(`  ${size.toLocaleString('en-US')} prior shipments imported in ${Math.round(performance.now() - t)} ms`);
    }
    const packs = activePacks(db);
    // Warm up the statements and the page cache on cases that are not measured.
    for (let k = 0; k < 20; k++) evaluateAndRecord(db, caseDoc(1_000_000 + k), { actor: 'bench', packs });
    const times: number[] = [];
    for (let k = 0; k < RUNS; k++) {
      const t = performance.now();
      const r = evaluateAndRecord(db, caseDoc(k), { actor: 'bench', packs });
      times.push(performance.now() - t);
      if (!r.ok) throw new Error(`evaluate: ${r.error.message}`);
    }
    out[size] = median(times);
    console.log(`${String(size).padStart(7)} priors: evaluate and record ${out[size].toFixed(2)} ms median over ${RUNS}`);
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const f = (x: number): string => x.toFixed(2);
console.log(`empty_ms=${f(out[0])} ledger1k_ms=${f(out[1000])} ledger10k_ms=${f(out[10000])} ledger100k_ms=${f(out[100000])} ratio=${(out[100000] / out[0]).toFixed(2)}`);
