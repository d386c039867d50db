// Kills a writer with SIGKILL at random moments and checks, after each kill, that the file is intact,
// that no case was half-written and that every commit the writer acknowledged is there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabaseOrThrow, verifyAuditChain } from '../../../main/core/db/index';
import { tempDir } from './helpers';

const KILLS = 50;
const LANES = 2;
const WRITER = join(import.meta.dirname, 'crash-writer.ts');

type KillPoint = 'startup' | 'ready' | 'writing';

/** Starts a writer and SIGKILLs it `delayMs` after the kill point: spawn, open done, or first commit. */
function runAndKill(file: string, prefix: string, point: KillPoint, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const marker = point === 'ready' ? 'ready\n' : 'ack ';
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (point === 'startup') timer = setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.includes(marker)) timer = setTimeout(kill, delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself (code ${code}): ${err}`));
      // Only complete lines count: a line cut by the kill was never fully acknowledged.
      const lines = out.split('\n').slice(0, -1);
      resolve(lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)));
    });
  });
}

/** One lane: its own file, killed `kills` times in a row; checks the file after every kill. */
async function lane(file: string, name: string, kills: number): Promise<{ acked: number; killedMidWrite: number }> {
  const acked: string[] = [];
  let killedMidWrite = 0;
  for (let i = 0; i < kills; i++) {
    // Mostly while committing; some right after opening; now and then during start-up (open, migrations).
    const point: KillPoint = i % 10 === 3 ? 'startup' : i % 10 === 6 || i % 10 === 8 ? 'ready' : 'writing';
    const got = await runAndKill(file, `${name}-run${i}`, point, Math.random() * (point === 'startup' ? 400 : 100));
    if (got.length > 0) killedMidWrite++;
    acked.push(...got);

    const db = new Database(file);
    try {
      const where = `${name}, after kill ${i} (${point})`;
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', where);
      const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'cases'").pluck().get();
      if (tables === 0) continue; // killed before the first migration committed
      const half = db
        .prepare(
          `SELECT c.reference FROM cases c
           WHERE c.item_count <> (SELECT count(*) FROM items i WHERE i.case_id = c.id)
              OR json_array_length(c.document, '$.items') <> c.item_count`,
        )
        .pluck()
        .all();
      assert.deepEqual(half, [], `half-written cases: ${where}`);
      const orphans = db.prepare('SELECT count(*) FROM items WHERE case_id NOT IN (SELECT id FROM cases)').pluck().get();
      assert.equal(orphans, 0, `orphan items: ${where}`);
      const stored = new Set(db.prepare('SELECT reference FROM cases').pluck().all() as string[]);
      assert.deepEqual(acked.filter((r) => !stored.has(r)), [], `acknowledged cases lost: ${where}`);
      const audited = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.created'").pluck().get();
      assert.equal(audited, stored.size, `one audit entry per stored case: ${where}`);
    } finally {
      db.close();
    }
  }
  const db = openDatabaseOrThrow(file);
  try {
    assert.ok(verifyAuditChain(db).ok);
  } finally {
    db.close();
  }
  return { acked: acked.length, killedMidWrite };
}

test(`SIGKILL at ${KILLS} random moments never loses an acknowledged case or leaves half of one`, { timeout: 90_000 }, async (t) => {
  const dir = tempDir(t);
  // Two files killed side by side: the same 50 checks in about half the time (start-up dominates).
  const lanes = await Promise.all(
    Array.from({ length: LANES }, (_, l) => lane(join(dir, `crash-${l}.sqlite`), `lane${l}`, KILLS / LANES)),
  );
  const acked = lanes.reduce((n, r) => n + r.acked, 0);
  const killedMidWrite = lanes.reduce((n, r) => n + r.killedMidWrite, 0);
  t.diagnostic(`${acked} acknowledged cases over ${KILLS} kills, ${killedMidWrite} kills after at least one commit`);
  assert.ok(killedMidWrite >= (KILLS * 7) / 10, 'most kills land while the writer is committing');
});
