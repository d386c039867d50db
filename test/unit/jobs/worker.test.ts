// Long jobs in a real worker thread (main/core/jobs) on a real SQLite file: a batch run in the worker
// stores exactly what runBatch on the main thread stores; a cancel while evaluating or while storing
// keeps nothing; the handlers answer status (and the case list) while the worker runs; the imports give
// the same Results as before.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import { readCsv } from '../../../main/core/batch/read';
import { mapColumns } from '../../../main/core/batch/mapping';
import { planBatch } from '../../../main/core/batch/lines';
import { runBatch } from '../../../main/core/batch/run';
import { batchResultLines } from '../../../main/core/batch';
import { getCaseBySha256, latestDetermination, openDatabaseOrThrow, productLookup, type Db } from '../../../main/core/db';
import { installBuiltinPacks } from '../../../main/core/services/packs';
import { startJob } from '../../../main/core/jobs/host';
import type { BatchProgress } from '../../../main/core/batch/run';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { canonicalJson } from '../../../shared/domain/canonical';
import { tempDb, tempDir } from '../db/helpers';

const PARTS = ['nvidia-h100-sxm', 'nvidia-h20', 'amd-mi300x', 'nvidia-a100'];
const DESTS = ['DE', 'IN', 'CN', 'BR', 'SG'];
const TODAY = '2026-01-15';

function book(lines: number): string {
  const out = ['reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity'];
  for (let i = 0; i < lines; i++) {
    const order = Math.floor(i / 2);
    const d = DESTS[order % DESTS.length];
    out.push(`SO-${order},2025-0${1 + (order % 9)}-1${order % 10},${d},Customer ${order} Ltd,${d},${PARTS[i % PARTS.length]},${1 + (i % 50)}`);
  }
  return out.join('\n');
}

const count = (db: Db, t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;

function store(t: Parameters<typeof tempDb>[0]): { db: Db; file: string } {
  const { db, file } = tempDb(t);
  installBuiltinPacks(db, 'test');
  return { db, file };
}

const opts = (file: string) => ({ dbPath: file, actor: 'test', today: TODAY });
const csv = (lines: number) => ({ fileName: 'orders.csv', bytes: new Uint8Array(Buffer.from(book(lines))) });

describe('job worker', () => {
  test('a batch run in the worker stores the same cases and determinations as runBatch on this thread', async (t) => {
    const here = store(t);
    const r = readCsv(book(60));
    assert.ok(r.ok);
    const plan = planBatch(r.value, mapColumns(r.value.headers), productLookup(here.db));
    const inline = await runBatch(here.db, plan, { actor: 'test', today: TODAY });
    assert.equal(inline.status, 'done');
    if (inline.status !== 'done') return;

    const there = store(t);
    const job = startJob({ kind: 'batch.run', skipInvalid: false, ...csv(60) }, opts(there.file));
    const started = await job.started;
    assert.deepEqual(started, { ok: true, value: { validLines: 60 } });
    const out = await job.result;
    assert.equal(out.status, 'done');
    if (out.status !== 'done') return;
    assert.notEqual(job.threadId, 0, 'ran in a worker thread');
    assert.equal(out.stored, true);
    assert.equal(count(there.db, 'cases'), 30);
    assert.equal(count(there.db, 'determinations'), 30);
    // The same audit trail: one store, the same number of entries.
    assert.equal(count(there.db, 'audit_log'), count(here.db, 'audit_log'));
    // Case by case (by its hash), the stored determination is the same document.
    for (const c of inline.cases) {
      const a = getCaseBySha256(here.db, c.sha256);
      const b = getCaseBySha256(there.db, c.sha256);
      assert.ok(a && b, `case ${c.sha256} stored in both`);
      assert.equal(canonicalJson(latestDetermination(there.db, b.id)?.document), canonicalJson(latestDetermination(here.db, a.id)?.document));
    }
    // The results the handler keeps: one row per line, as batchResultLines gives on this thread.
    const lines = batchResultLines(r.value, plan, inline);
    assert.deepEqual(
      out.lines.map((l) => [l.row, l.enforced, l.asWritten, l.screening, l.caseSha256]),
      lines.map((l) => [l.row, l.enforced, l.asWritten, l.screening, l.caseSha256]),
    );
    assert.deepEqual(out.lines.map((l) => l.caseId), out.lines.map((l) => getCaseBySha256(there.db, l.caseSha256!)?.id));
  });

  test('a file with invalid lines is refused at the start, naming the count; nothing is stored', async (t) => {
    const { db, file } = store(t);
    const text = `${book(4)}\nSO-9,2025-02-10,DE,Bad Ltd,DE,no-such-part,3`;
    const job = startJob({ kind: 'batch.run', skipInvalid: false, fileName: 'orders.csv', bytes: new Uint8Array(Buffer.from(text)) }, opts(file));
    const started = await job.started;
    assert.equal(started.ok, false);
    assert.match(started.ok ? '' : started.error.message, /^1 line\(s\) are invalid: fix the file, or evaluate the 4 valid line\(s\)/);
    assert.equal((await job.result).status, 'refused');
    assert.equal(count(db, 'cases'), 0);
  });

  for (const phase of ['evaluate', 'store'] as const) {
    test(`cancel while the worker ${phase === 'evaluate' ? 'evaluates' : 'stores (inside its open transaction)'} keeps nothing; a run again stores all`, async (t) => {
      const { db, file } = store(t);
      const audit0 = count(db, 'audit_log');
      const seen: BatchProgress[] = [];
      let cancelledAt: BatchProgress | null = null;
      const job = startJob(
        { kind: 'batch.run', skipInvalid: false, ...csv(1600) },
        {
          ...opts(file),
          onProgress: (p) => {
            seen.push(p as BatchProgress);
            const b = p as BatchProgress;
            if (!cancelledAt && b.phase === phase && b.done > 0) {
              cancelledAt = b;
              if (phase === 'store') {
                // Part of the batch is written inside the worker's transaction; this connection sees none of it.
                assert.equal(count(db, 'cases'), 0);
              }
              job.cancel();
            }
          },
        },
      );
      const out = await job.result;
      assert.ok(cancelledAt, `a ${phase} progress arrived before the end (${seen.length} updates)`);
      assert.equal(out.status, 'cancelled');
      assert.equal(count(db, 'cases'), 0);
      assert.equal(count(db, 'determinations'), 0);
      assert.equal(count(db, 'audit_log'), audit0, 'not one audit entry');
      // The worker's connection is closed and its transaction gone: this connection can write at once.
      db.prepare('BEGIN IMMEDIATE').run();
      db.prepare('ROLLBACK').run();
      const again = await startJob({ kind: 'batch.run', skipInvalid: false, ...csv(40) }, opts(file)).result;
      assert.equal(again.status, 'done');
      assert.equal(count(db, 'cases'), 20);
    });
  }

  test('stop (the app closing) ends the thread; an uncommitted store is not kept', async (t) => {
    const { db, file } = store(t);
    const job = startJob(
      { kind: 'batch.run', skipInvalid: false, ...csv(1200) },
      {
        ...opts(file),
        onProgress: (p) => {
          if ((p as BatchProgress).phase === 'store' && (p as BatchProgress).done > 0) job.stop();
        },
      },
    );
    await assert.rejects(job.result, /thread ended/);
    assert.equal(count(db, 'cases'), 0);
    const reopened = openDatabaseOrThrow(file);
    t.after(() => reopened.close());
    assert.equal(count(reopened, 'cases'), 0);
  });

  test('through the handlers: status answers while the worker runs, and so does the case list', async (t) => {
    const dataDir = tempDir(t);
    const ctx: HandlerContext = { dataDir, actor: 'test', appVersion: 'test', platform: headlessPlatform, today: () => TODAY, logError: (c, e) => console.error(c, e), resources: new Map() };
    t.after(() => closeResources(ctx));
    const base64 = Buffer.from(book(1600)).toString('base64');
    const start = await dispatch('batch.start', { fileName: 'orders.csv', base64 }, ctx);
    assert.ok(start.ok, JSON.stringify(start));
    const jobId = (start.value as { jobId: number }).jobId;
    const whileRunning: { done: number; phase: string }[] = [];
    let listed = 0;
    let state = 'running';
    for (let i = 0; i < 3000 && state === 'running'; i++) {
      const s = await dispatch('batch.status', { jobId }, ctx);
      assert.ok(s.ok);
      const v = s.value as { state: string; progress: { done: number; phase: string } };
      state = v.state;
      if (state === 'running') {
        whileRunning.push(v.progress);
        const list = await dispatch('cases.list', { limit: 10 }, ctx);
        assert.ok(list.ok);
        listed++;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(state, 'done');
    assert.ok(listed > 0, 'the case list answered while the batch ran');
    const dones = whileRunning.map((p) => p.done);
    assert.ok(new Set(dones).size > 2, `status saw the progress move while running (${[...new Set(dones)].slice(0, 10).join(', ')})`);
    const results = await dispatch('batch.results', { jobId, limit: 5 }, ctx);
    assert.ok(results.ok);
    assert.equal((results.value as { total: number }).total, 1600);
    const exported = await dispatch('batch.export', { jobId, format: 'json' }, ctx);
    assert.ok(exported.ok);
    const doc = JSON.parse(Buffer.from((exported.value as { base64: string }).base64, 'base64').toString('utf8')) as { cases: { caseSha256: string; determination: { caseSha256: string; evaluations: unknown[] } }[] };
    assert.equal(doc.cases.length, 800);
    assert.ok(doc.cases.every((c) => c.determination.caseSha256 === c.caseSha256 && c.determination.evaluations.length === 2), 'each case with its own determination, both modes');
  });

  test('imports in the worker: a shipment CSV all or nothing, a bad row named; a list with no date refused by name', async (t) => {
    const { db, file } = store(t);
    const good = 'date,destination,consignee,tpp,authorization\n2025-03-01,IN,Acme Compute,1000,LPP\n';
    const ok1 = await startJob({ kind: 'shipments.import', fileName: 'h.csv', text: good }, opts(file)).result;
    assert.deepEqual(ok1, { ok: true, value: { count: 1 } });
    const bad = await startJob({ kind: 'shipments.import', fileName: 'bad.csv', text: `${good}2025-03-02,IN,Acme,lots,LPP\n` }, opts(file)).result;
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error.message, /^bad\.csv was not imported \(nothing was stored\): Row 2 \(line 3\), column tpp: expected a number/);
    assert.equal(count(db, 'shipments'), 1);
    const list = await startJob({ kind: 'lists.import', fileName: join('x', 'list.csv'), bytes: new Uint8Array(Buffer.from('name,source\nA,B\n')) }, opts(file)).result;
    assert.equal(list.ok, false);
    assert.equal(list.ok ? '' : list.error.code, 'INVALID_INPUT');
    assert.equal(count(db, 'list_snapshots'), 0);
  });
});
