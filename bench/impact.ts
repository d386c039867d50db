// npm run bench:impact — what a candidate rule pack changes, over 100,000 stored cases.
// Builds (once) or reuses a store of BENCH_IMPACT_CASES generated cases (default 100,000) in bench/.cache/,
// through the app's own batch path (evaluateAndRecordMany: every case with its determination and audit
// row), with a shipment history of 20,000 ledger rows for the same consignees. Then runs the impact
// analysis of an as-written pack that lowers the LPP limit (signed with a throwaway bench key, trusted for
// this run only), of one that lowers it from 2026-07-01 only, and of one with the same content (nothing
// changes), and times each. The first is the worst case: the change applies on every date, so every case
// is evaluated under both packs.
// Baseline measured in the same run: the same work without the store, i.e. the same stored documents
// parsed and evaluated twice (active and candidate pack) by the engine with an empty ledger, in memory.
// Last line: `cases=N impact_cps=… dated_cps=… nochange_cps=… baseline_cps=… impact_s=…` (goal: all cases in < 60 s).
//   npm run bench:impact
//   BENCH_IMPACT_CASES=20000 npm run bench:impact
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Case } from '../shared/domain/case';
import { evaluateCase, type PackSet } from '../shared/engine';
import { importShipments, openDatabaseOrThrow } from '../main/core/db';
import { LATEST_VERSION } from '../main/core/db/migrations/index';
import { signPack, trustedKeyFromPem } from '../main/core/rulepacks';
import { evaluateAndRecordMany } from '../main/core/services/evaluate';
import { loadCandidate, runImpact, type LoadedCandidate } from '../main/core/services/impact';
import { activePacks, installBuiltinPacks, packTrust } from '../main/core/services/packs';
import { builtinBodies } from '../scripts/build-packs';
import { generateCases, rng } from './generate';

const N = Number(process.env.BENCH_IMPACT_CASES ?? 100_000);
const GENERATOR = 1; // bump when the generated store changes
const cacheDir = join(import.meta.dirname, '.cache');
const file = join(cacheDir, `impact-${N}-g${GENERATOR}-s${LATEST_VERSION}.sqlite`);

function build(): void {
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.building`;
  for (const s of ['', '-wal', '-shm']) rmSync(`${tmp}${s}`, { force: true });
  const db = openDatabaseOrThrow(tmp);
  installBuiltinPacks(db, 'bench');
  const packs = activePacks(db);
  const t0 = performance.now();
  // A shipment history for the generated consignees (the generator names them per destination).
  const docs = generateCases(N);
  const r = rng(5);
  const rows = ['date,destination,consignee,tpp,authorization'];
  for (let i = 0; i < 20_000; i++) {
    const d = docs[Math.floor(r() * N)];
    const y = 2023 + Math.floor(r() * 4);
    rows.push(`${y}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)},${String(d.destination)},"${String((d.endUser as { name: string }).name).replace(/"/g, '""')}",${Math.floor(r() * 2e7)},${['LPP', 'LICENSE', 'NVEU', 'AIA'][Math.floor(r() * 4)]}`);
  }
  const imp = importShipments(db, rows.join('\n'), { actor: 'bench' });
  if (!imp.ok) throw new Error(`ledger: ${imp.error.message}`);
  for (let i = 0; i < N; i += 1000) {
    const b = evaluateAndRecordMany(db, docs.slice(i, i + 1000), { actor: 'bench', packs });
    if (!b.ok) throw new Error(`batch ${i}: ${b.error.message}`);
    if (i % 20_000 === 19_000) process.stdout.write(`  ${(i + 1000).toLocaleString('en-US')} cases, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  console.log(`built ${N.toLocaleString('en-US')} cases in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
}

if (!existsSync(file)) {
  console.log(`building a store of ${N.toLocaleString('en-US')} cases at ${file} (once; reused afterwards)…`);
  build();
} else console.log(`reusing ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);

const db = openDatabaseOrThrow(file);
const key = generateKeyPairSync('ed25519');
const trust = [...packTrust(), trustedKeyFromPem(key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'bench key')];
const [asWritten] = builtinBodies();
function candidate(edit: (b: typeof asWritten) => void): LoadedCandidate {
  const body = structuredClone(asWritten);
  body.version = asWritten.version + 1;
  edit(body);
  const c = loadCandidate(db, { bytes: Buffer.from(JSON.stringify(signPack(body, key.privateKey))), fileName: 'candidate.json' }, { trust });
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}
const lower = candidate((b) => {
  b.parameters['lpp.capTppPerConsigneeYear'].versions = [{ from: '2022-10-07', to: null, value: 10_000_000 }];
});
const dated = candidate((b) => {
  b.parameters['lpp.capTppPerConsigneeYear'].versions = [
    { from: '2022-10-07', to: '2026-06-30', value: 26_900_000 },
    { from: '2026-07-01', to: null, value: 10_000_000 },
  ];
});
const same = candidate(() => {});
const packs = activePacks(db);

// Baseline: the same stored documents, parsed and evaluated under both packs by the engine alone.
const docs = db
  .prepare(
    `SELECT c.document, c.sha256, d.pack_refs FROM cases c JOIN determinations d ON d.id = (SELECT max(id) FROM determinations WHERE case_id = c.id) ORDER BY c.id`,
  )
  .all() as { document: string; sha256: string; pack_refs: string }[];
const inMode = docs.filter((d) => 'as_written' in (JSON.parse(d.pack_refs) as object));
const candPacks: PackSet = { ...packs, as_written: lower.kind === 'pack' ? lower.pack : packs.as_written };
let t0 = performance.now();
let flips = 0;
for (const d of inMode) {
  const c: Case = { ...Case.parse(JSON.parse(d.document)), mode: 'as_written' };
  const a = evaluateCase({ case: c, caseSha256: d.sha256, packs, ledger: [], hints: false }).determination.evaluations[0];
  const b = evaluateCase({ case: c, caseSha256: d.sha256, packs: candPacks, ledger: [], hints: false }).determination.evaluations[0];
  if (a.licenseRequired !== b.licenseRequired) flips++;
}
const baseMs = performance.now() - t0;

let ticks = 0;
t0 = performance.now();
const report = await runImpact(db, lower, {
  packs,
  onProgress: (p) => {
    if (p.done >= ((ticks + 1) * p.total) / 4) {
      ticks++;
      console.log(`  impact: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} cases, ${p.changed.toLocaleString('en-US')} changed, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  },
});
const impactMs = performance.now() - t0;
t0 = performance.now();
const later = await runImpact(db, dated, { packs });
const datedMs = performance.now() - t0;
t0 = performance.now();
const none = await runImpact(db, same, { packs });
const noneMs = performance.now() - t0;
db.close();

const rate = (n: number, ms: number): number => Math.round((n * 1000) / ms);
const s = report.modes.as_written!;
console.log(`store: ${report.total.toLocaleString('en-US')} cases with a determination; ${s.evaluated.toLocaleString('en-US')} evaluated in as_written (${report.notInMode.toLocaleString('en-US')} enforced only)`);
console.log(`impact, LPP limit 26,900,000 → 10,000,000: ${s.changedCases.toLocaleString('en-US')} cases change (${JSON.stringify(s.byKind)}), ${report.letters.length} letters, ${report.errors.length} errors; ${(impactMs / 1000).toFixed(1)} s = ${rate(report.scanned, impactMs)} cases/s`);
console.log(`impact, the same lower limit from 2026-07-01 only: ${later.changes.length.toLocaleString('en-US')} cases change, ${later.sameRulesOnDate.toLocaleString('en-US')} dated before it not evaluated again (same rules on their date); ${(datedMs / 1000).toFixed(1)} s = ${rate(later.scanned, datedMs)} cases/s`);
console.log(`impact, same content (nothing changes): ${none.changes.length} changes, ${none.sameRulesOnDate.toLocaleString('en-US')} not evaluated again; ${(noneMs / 1000).toFixed(1)} s = ${rate(none.scanned, noneMs)} cases/s`);
console.log(`baseline (engine alone, same documents parsed and evaluated under both packs, empty ledger, no store): ${(baseMs / 1000).toFixed(1)} s = ${rate(inMode.length, baseMs)} cases/s (${flips.toLocaleString('en-US')} flip license required)`);
console.log(`goal: all ${report.total.toLocaleString('en-US')} cases in under 60 s: ${impactMs < 60_000 ? 'met' : 'MISSED'}`);
console.log(`cases=${report.total} impact_cps=${rate(report.scanned, impactMs)} dated_cps=${rate(later.scanned, datedMs)} nochange_cps=${rate(none.scanned, noneMs)} baseline_cps=${rate(inMode.length, baseMs)} impact_s=${(impactMs / 1000).toFixed(1)}`);
