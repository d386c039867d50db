// Two processes writing to one file at once: busy_timeout and IMMEDIATE transactions serialize them,
// nothing fails with SQLITE_BUSY, and the audit chain stays one straight line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { listCases, openDatabaseOrThrow, verifyAuditChain } from '../../../main/core/db/index';
import { tempDir } from './helpers';

const WRITER = join(import.meta.dirname, 'crash-writer.ts');
const PER_WRITER = 60;

function runWriter(file: string, prefix: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix, String(PER_WRITER)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.startsWith('ack ')).length) : reject(new Error(`writer failed (${code}): ${err}`))));
  });
}

test('two processes writing at once both succeed and keep one audit chain', { timeout: 60_000 }, async (t) => {
  const file = join(tempDir(t), 'shared.sqlite');
  // Both open a file that does not exist yet: they race through the migrations too.
  const acks = await Promise.all([runWriter(file, 'a'), runWriter(file, 'b')]);
  assert.deepEqual(acks, [PER_WRITER, PER_WRITER]);
  const db = openDatabaseOrThrow(file);
  t.after(() => db.close());
  assert.equal(listCases(db).total, 2 * PER_WRITER);
  const v = verifyAuditChain(db);
  assert.ok(v.ok, JSON.stringify(v));
  assert.equal(v.head.seq, 2 * PER_WRITER);
});
