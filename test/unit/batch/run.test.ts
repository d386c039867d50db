// runBatch on a real store: evaluation in slices with progress, cancel stores nothing, a finished run
// stores every case and its determination in one go, results carry one row per line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCsv } from '../../../main/core/batch/read';
import { mapColumns } from '../../../main/core/batch/mapping';
import { planBatch } from '../../../main/core/batch/lines';
import { runBatch, type BatchProgress } from '../../../main/core/batch/run';
import { batchResultLines, batchSummary } from '../../../main/core/batch';
import { openDatabaseOrThrow, productLookup, type Db } from '../../../main/core/db';
import { installBuiltinPacks } from '../../../main/core/services/packs';
import { tempDb } from '../db/helpers';

const PARTS = ['nvidia-h100-sxm', 'nvidia-h20', 'amd-mi300x', 'nvidia-a100'];
const DESTS = ['DE', 'IN', 'CN', 'BR', 'SG'];

function book(lines: number): string {
  const out = ['reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity'];
  for (let i = 0; i < lines; i++) {
    const order = Math.floor(i / 2); // two lines per order
    const d = DESTS[order % DESTS.length];
    out.push(`SO-${order},2025-0${1 + (order % 9)}-1${order % 10},${d},Customer ${order} Ltd,${d},${PARTS[i % PARTS.length]},${1 + (i % 50)}`);
  }
  return out.join('\n');
}

function planOf(db: Db, lines: number) {
  const r = readCsv(book(lines));
  assert.ok(r.ok);
  const plan = planBatch(r.value, mapColumns(r.value.headers), productLookup(db));
  assert.deepEqual(plan.invalid, []);
  return { sheet: r.value, plan };
}

const count = (db: Db, t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;

describe('runBatch', () => {
  test('slices with progress to the last line, then stores every case and determination; one row per line', async (t) => {
    const { db } = tempDb(t);
    installBuiltinPacks(db, 'test');
    const { sheet, plan } = planOf(db, 240);
    const seen: BatchProgress[] = [];
    const run = await runBatch(db, plan, { actor: 'test', sliceMs: 1, onProgress: (p) => seen.push(p) });
    assert.equal(run.status, 'done');
    if (run.status !== 'done') return;
    const evaluating = seen.filter((p) => p.phase === 'evaluate');
    assert.ok(evaluating.length > 3, `several slices (${evaluating.length} progress updates)`);
    assert.deepEqual(evaluating.map((p) => p.done), [...evaluating.map((p) => p.done)].sort((a, b) => a - b));
    assert.equal(evaluating.at(-1)?.done, 240);
    assert.equal(seen.at(-1)?.phase, 'store');
    assert.ok(evaluating.some((p) => p.etaMs !== null && p.rate > 0));
    assert.equal(count(db, 'cases'), 120);
    assert.equal(count(db, 'determinations'), 120);
    assert.equal(run.stored?.caseIds.length, 120);
    const lines = batchResultLines(sheet, plan, run);
    assert.equal(lines.length, 240);
    assert.deepEqual(lines.map((l) => l.row), Array.from({ length: 240 }, (_, i) => i + 2));
    // Both modes on every line; the two lines of an order share a case.
    assert.ok(lines.every((l) => l.enforced && l.asWritten && l.caseId));
    assert.equal(lines[0].caseId, lines[1].caseId);
    assert.notEqual(lines[1].caseId, lines[2].caseId);
    const s = batchSummary(plan, lines, true);
    assert.equal(s.evaluated, 240);
    assert.equal(s.cases, 120);
    assert.equal(s.screening.notScreened, 240, 'no list imported in this store');
    assert.ok(run.warnings.some((w) => /No screening list is imported/.test(w)));
    // An H100 to India (Tier 2) as written needs a license; under the enforced controls it does not.
    const h100IN = lines.find((l) => l.partNumber === 'nvidia-h100-sxm' && l.destination === 'IN')!;
    assert.equal(h100IN.asWritten, 'license required');
    assert.equal(h100IN.enforced, 'no license required');
  });

  test('cancel stops the run and stores nothing; run again completes', async (t) => {
    const { db } = tempDb(t);
    installBuiltinPacks(db, 'test');
    const { plan } = planOf(db, 200);
    const audit0 = count(db, 'audit_log');
    const ctl = new AbortController();
    const run = await runBatch(db, plan, {
      actor: 'test',
      sliceMs: 1,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.done >= 20) ctl.abort();
      },
    });
    assert.equal(run.status, 'cancelled');
    assert.ok(run.status === 'cancelled' && run.done >= 20 && run.done < 200);
    assert.equal(count(db, 'cases'), 0);
    assert.equal(count(db, 'determinations'), 0);
    assert.equal(count(db, 'audit_log'), audit0);
    const again = await runBatch(db, plan, { actor: 'test' });
    assert.equal(again.status, 'done');
    assert.equal(count(db, 'cases'), 100);
  });

  test('cancel while storing (through a second connection of its own) rolls the whole transaction back', async (t) => {
    const { db, file } = tempDb(t);
    installBuiltinPacks(db, 'test');
    const { plan } = planOf(db, 300);
    const own = openDatabaseOrThrow(file);
    t.after(() => own.close());
    const audit0 = count(db, 'audit_log');
    const ctl = new AbortController();
    let storing = 0;
    const run = await runBatch(db, plan, {
      actor: 'test',
      sliceMs: 1,
      storeDb: own,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'store' && p.done > 0) {
          storing += 1;
          // Part of the batch is written inside the open transaction; the other connection sees none of it.
          assert.equal(count(db, 'cases'), 0);
          ctl.abort();
        }
      },
    });
    assert.equal(run.status, 'cancelled');
    assert.equal(storing, 1);
    assert.equal(own.inTransaction, false);
    assert.equal(count(db, 'cases'), 0);
    assert.equal(count(db, 'determinations'), 0);
    assert.equal(count(db, 'audit_log'), audit0);
    const again = await runBatch(db, plan, { actor: 'test', sliceMs: 1, storeDb: own });
    assert.equal(again.status, 'done');
    assert.equal(count(db, 'cases'), 150);
  });

  test('store: false evaluates without writing anything', async (t) => {
    const { db } = tempDb(t);
    installBuiltinPacks(db, 'test');
    const { plan } = planOf(db, 10);
    const run = await runBatch(db, plan, { actor: 'test', store: false });
    assert.equal(run.status, 'done');
    assert.equal(run.status === 'done' && run.stored, null);
    assert.equal(count(db, 'cases'), 0);
  });
});
