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
const WRITER = join(import.meta.dirname, 'crash-writer.ts');

function runAndKill(file: string, prefix: string, delayMs: number, beforeReady: boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (beforeReady) timer = setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!beforeReady && timer === undefined && (out + chunk).includes('ready\n')) timer = setTimeout(kill, delayMs);
      out += chunk;
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

test(`SIGKILL at ${KILLS} random moments never loses an acknowledged case or leaves half of one`, { timeout: 90_000 }, async (t) => {
  const file = join(tempDir(t), 'crash.sqlite');
  const acked: string[] = [];
  let killedMidWrite = 0;
  for (let i = 0; i < KILLS; i++) {
    // Mostly while writing; now and then during start-up (open, pragmas, migrations).
    const beforeReady = i % 10 === 3;
    const delay = beforeReady ? Math.random() * 400 : Math.random() * 120;
    const got = await runAndKill(file, `run${i}`, delay, beforeReady);
    if (got.length > 0) killedMidWrite++;
    acked.push(...got);

    const db = new Database(file, { fileMustExist: false });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `after kill ${i}`);
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
      assert.deepEqual(half, [], `half-written cases after kill ${i}`);
      const orphans = db.prepare('SELECT count(*) FROM items WHERE case_id NOT IN (SELECT id FROM cases)').pluck().get();
      assert.equal(orphans, 0);
      const stored = new Set(db.prepare('SELECT reference FROM cases').pluck().all() as string[]);
      const lost = acked.filter((r) => !stored.has(r));
      assert.deepEqual(lost, [], `acknowledged cases lost after kill ${i}`);
      const audited = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.created'").pluck().get();
      assert.equal(audited, stored.size, 'one audit entry per stored case');
    } finally {
      db.close();
    }
  }
  const db = openDatabaseOrThrow(file);
  t.after(() => db.close());
  assert.ok(verifyAuditChain(db).ok);
  t.diagnostic(`${acked.length} acknowledged cases over ${KILLS} kills, ${killedMidWrite} kills while writing`);
  assert.ok(killedMidWrite >= KILLS / 2, 'most kills land while the writer is committing');
});
