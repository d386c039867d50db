// npm run bench:search — the case list at a million cases, over the queries the workbench makes.
// Builds (once) or reuses a store of BENCH_SEARCH_CASES cases (default 1,000,000) in bench/.cache/, with
// realistic end-user names (about 40,000 companies over 20 countries), order references and outcomes
// from the engine, then times every query the case list sends: the first page, each keystroke of a
// search, each filter and their combinations, and the pages a fast scroll asks for deep into the list.
// Baseline measured in the same run: the same page read by primary key (the cheapest read there is).
// Last line: `cases=N p50_ms=… p95_ms=…` over all UI queries.
//   npm run bench:search                      1,000,000 cases (about 3 minutes to build, then cached)
//   BENCH_SEARCH_CASES=100000 npm run bench:search
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalJson } from '../shared/domain/canonical';
import { Case, nameKey } from '../shared/domain/case';
import { evaluateCase } from '../shared/engine';
import { listCases, openDatabaseOrThrow, sha256Hex, type CaseFilter, type Db } from '../main/core/db';
import { LATEST_VERSION } from '../main/core/db/migrations/index';
import { caseSearchText } from '../main/core/db/cases-repo';
import { activePacks, installBuiltinPacks } from '../main/core/services/packs';
import { generateCases, rng } from './generate';

const N = Number(process.env.BENCH_SEARCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GENERATOR = 1; // bump when the generated store changes
const cacheDir = join(import.meta.dirname, '.cache');
const file = join(cacheDir, `search-${N}-g${GENERATOR}-s${LATEST_VERSION}.sqlite`);

const FIRST = ['Nova', 'Helix', 'Quantum', 'Shenzhen', 'Rhein', 'Atlas', 'Sakura', 'Orion', 'Kestrel', 'Lumen', 'Vertex', 'Sigma', 'Delta', 'Meridian', 'Pacific', 'Nordic', 'Andes', 'Saffron', 'Jade', 'Cobalt', 'Aurora', 'Zenith', 'Falcon', 'Harbor', 'Granite', 'Summit', 'Tiger', 'Lotus', 'Crescent', 'Polar'];
const SECOND = ['Compute', 'Data', 'Cloud', 'Systems', 'AI', 'Networks', 'Semiconductor', 'Digital', 'Analytics', 'Robotics', 'Labs', 'Technologies', 'Informatics', 'Hosting', 'Research', 'Telecom', 'Electronics', 'Solutions', 'Infrastructure', 'Intelligence'];
const FORMS = ['GmbH', 'Ltd.', 'Co., Ltd.', 'SA', 'LLC', 'Pte. Ltd.', 'K.K.', 'S.p.A.', 'Sdn. Bhd.', 'FZ-LLC', 'Inc.', 'AG', 'BV', 'Oy', 'Sp. z o.o.'];

function companies(count: number): string[] {
  const r = rng(7);
  const out = new Set<string>();
  while (out.size < count) {
    const a = FIRST[Math.floor(r() * FIRST.length)];
    const b = SECOND[Math.floor(r() * SECOND.length)];
    const f = FORMS[Math.floor(r() * FORMS.length)];
    const n = Math.floor(r() * 400);
    out.add(`${a} ${b} ${n} ${f}`);
  }
  return [...out];
}

function build(): void {
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.building`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}-wal`, { force: true });
  rmSync(`${tmp}-shm`, { force: true });
  const db = openDatabaseOrThrow(tmp);
  installBuiltinPacks(db, 'bench');
  const packs = activePacks(db);
  const names = companies(40_000);
  const r = rng(11);
  const party = db.prepare('INSERT INTO parties (name, name_key, headquarters, ultimate_parent_hq, type, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertCase = db.prepare(
    `INSERT INTO cases (reference, case_date, destination, mode, status, outcome, party_id, item_count, document, sha256, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const item = db.prepare('INSERT INTO items (case_id, idx, kind, eccn, description, quantity, tpp_per_unit, datacenter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const partyIds = new Map<string, number>();
  const at = '2026-11-30T12:00:00.000Z';
  const t0 = performance.now();
  const CHUNK = 10_000;
  for (let base = 0; base < N; base += CHUNK) {
    const docs = generateCases(Math.min(CHUNK, N - base), 1000 + base / CHUNK);
    db.transaction(() => {
      docs.forEach((raw, k) => {
        const i = base + k;
        const name = names[Math.floor(r() * names.length)];
        const endUser = raw.endUser as Record<string, unknown>;
        endUser.name = name;
        raw.reference = `PO-${String(raw.date).slice(0, 4)}-${String(i).padStart(7, '0')}`;
        delete raw.priorShipments;
        const doc = Case.parse(raw);
        const text = canonicalJson(raw);
        const sha = sha256Hex(text);
        // Four in five cases are evaluated (the engine decides the outcome); some shipped or archived.
        const roll = r();
        let outcome: string | null = null;
        let status = 'draft';
        if (roll < 0.8) {
          const { determination } = evaluateCase({ case: doc, caseSha256: sha, packs, ledger: [], hints: false });
          outcome = determination.evaluations.some((e) => e.licenseRequired) ? 'license_required' : 'no_license_required';
          status = roll < 0.05 ? 'shipped' : roll < 0.08 ? 'archived' : 'evaluated';
        }
        const key = `${nameKey(name)}|${doc.endUser.headquarters}|${doc.endUser.ultimateParentHeadquarters ?? doc.endUser.headquarters}`;
        let pid = partyIds.get(key);
        if (pid === undefined) {
          pid = Number(party.run(name, nameKey(name), doc.endUser.headquarters, doc.endUser.ultimateParentHeadquarters ?? doc.endUser.headquarters, 'data_center', at).lastInsertRowid);
          partyIds.set(key, pid);
        }
        const id = Number(
          insertCase.run(doc.reference ?? null, doc.date, doc.destination, doc.mode ?? null, status, outcome, pid, doc.items.length, text, sha, caseSearchText(doc), at, at).lastInsertRowid,
        );
        doc.items.forEach((it, idx) => {
          item.run(id, idx, it.kind, it.eccn ?? null, it.description ?? null, it.quantity, it.tppPerUnit ?? null, it.datacenter === undefined ? null : it.datacenter ? 1 : 0);
        });
      });
    })();
    if ((base / CHUNK) % 10 === 9) process.stdout.write(`  ${(base + CHUNK).toLocaleString('en-US')} cases, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  console.log(`built ${N.toLocaleString('en-US')} cases in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

interface Query {
  name: string;
  filter: CaseFilter;
}

function uiQueries(db: Db): Query[] {
  const page = 200;
  const typed = (word: string): Query[] => {
    const out: Query[] = [];
    // The case list searches from the third character typed (shorter terms wait for more).
    for (let i = 3; i <= word.length; i++) out.push({ name: `search "${word.slice(0, i)}"`, filter: { search: word.slice(0, i), limit: page } });
    return out;
  };
  const qs: Query[] = [
    { name: 'first page', filter: { limit: page } },
    ...typed('helix data 12'),
    ...typed('con'),
    { name: 'search "gmbh"', filter: { search: 'gmbh', limit: page } },
    { name: 'search an order reference', filter: { search: 'PO-2026-0004711', limit: page } },
    { name: 'search an ECCN', filter: { search: '4A090', limit: page } },
    { name: 'search with no match', filter: { search: 'zzqx', limit: page } },
    { name: 'destination CN', filter: { destination: 'CN', limit: page } },
    { name: 'status shipped', filter: { status: 'shipped', limit: page } },
    { name: 'outcome license required', filter: { outcome: 'license_required', limit: page } },
    { name: 'not evaluated', filter: { outcome: 'not_evaluated', limit: page } },
    { name: 'one month', filter: { dateFrom: '2026-03-01', dateTo: '2026-03-31', limit: page } },
    { name: 'CN + license required', filter: { destination: 'CN', outcome: 'license_required', limit: page } },
    { name: 'AE + shipped', filter: { destination: 'AE', status: 'shipped', limit: page } },
    { name: 'IN + one month', filter: { destination: 'IN', dateFrom: '2026-03-01', dateTo: '2026-03-31', limit: page } },
    { name: 'CN + search "sakura"', filter: { destination: 'CN', search: 'sakura', limit: page } },
    { name: 'shipped + search "cloud"', filter: { status: 'shipped', search: 'cloud', limit: page } },
    { name: 'one month + search "ltd"', filter: { dateFrom: '2026-03-01', dateTo: '2026-03-31', search: 'ltd', limit: page } },
  ];
  // A fast scroll: the list asks for the next page after the last row it holds (keyset), at depth.
  const ids = db.prepare('SELECT case_date AS date, id FROM cases ORDER BY case_date DESC, id DESC LIMIT 1 OFFSET ?');
  for (const depth of [0.1, 0.5, 0.9]) {
    const at = ids.get(Math.floor(N * depth)) as { date: string; id: number };
    qs.push({ name: `next page at ${depth * 100} %`, filter: { after: at, limit: page, count: false } });
  }
  const cn = db.prepare("SELECT case_date AS date, id FROM cases WHERE destination = 'CN' ORDER BY case_date DESC, id DESC LIMIT 1 OFFSET ?").get(Math.floor(N / 40)) as { date: string; id: number };
  qs.push({ name: 'CN, next page at 50 %', filter: { destination: 'CN', after: cn, limit: page, count: false } });
  return qs;
}

if (!existsSync(file)) {
  console.log(`building a store of ${N.toLocaleString('en-US')} cases at ${file} (once; reused afterwards)…`);
  build();
} else console.log(`reusing ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);

const db = openDatabaseOrThrow(file);
const total = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
const queries = uiQueries(db);
// Baseline: the same number of rows read by primary key with the same join (no filter, no sort).
const baseline = db.prepare(
  `SELECT c.id, c.reference, c.case_date, c.destination, c.mode, c.status, c.outcome, c.party_id, c.item_count, c.sha256,
          c.created_at, c.updated_at, p.name AS party_name FROM cases c JOIN parties p ON p.id = c.party_id
   WHERE c.id > ? ORDER BY c.id LIMIT 200`,
);
const all: number[] = [];
const base: number[] = [];
const lines: string[] = [];
for (const q of queries) {
  const times: number[] = [];
  let result = listCases(db, q.filter);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = listCases(db, q.filter);
    times.push(performance.now() - t0);
    const b0 = performance.now();
    baseline.all(Math.floor((i / RUNS) * total));
    base.push(performance.now() - b0);
  }
  all.push(...times);
  const shown = result.total === null ? 'not counted' : `${result.total.toLocaleString('en-US')}${result.totalIsLowerBound ? '+' : ''}`;
  lines.push(`${q.name.padEnd(30)} p50 ${quantile(times, 0.5).toFixed(2).padStart(7)} ms  p95 ${quantile(times, 0.95).toFixed(2).padStart(7)} ms  ${String(result.rows.length).padStart(3)} rows, total ${shown}`);
}
db.close();
console.log(lines.join('\n'));
const p50 = quantile(all, 0.5);
const p95 = quantile(all, 0.95);
console.log(`baseline (200 rows by primary key, same join): p50 ${quantile(base, 0.5).toFixed(2)} ms, p95 ${quantile(base, 0.95).toFixed(2)} ms`);
console.log(`${queries.length} UI queries × ${RUNS} runs over ${total.toLocaleString('en-US')} cases; target p95 ≤ 30 ms: ${p95 <= 30 ? 'met' : 'MISSED'}`);
console.log(`cases=${total} p50_ms=${p50.toFixed(2)} p95_ms=${p95.toFixed(2)} baseline_p95_ms=${quantile(base, 0.95).toFixed(2)}`);
