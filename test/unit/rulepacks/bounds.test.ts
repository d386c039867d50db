// Pack files are bounded before JSON.parse: a 2,000-deep unsigned file (which used to end in "internal
// error") and an oversized one are refused with the reason, from the service and the CLI, storing nothing.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listAudit, listPacks } from '../../../main/core/db';
import { MAX_PACK_BYTES, MAX_PACK_DEPTH, packTextOutOfBounds, verifyPackText } from '../../../main/core/rulepacks';
import { importPackText } from '../../../main/core/services/packs';
const ROOT = join(import.meta.dirname, '..', '..', '..');
import { runCli } from '../../support/cli';
import { tempDb, tempDir } from '../db/helpers';

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

test('the bound counts nesting outside strings only, without recursion', () => {
  assert.equal(packTextOutOfBounds(deep(MAX_PACK_DEPTH)), null);
  assert.match(packTextOutOfBounds(deep(MAX_PACK_DEPTH + 1)) ?? '', /nested more than 64 deep/);
  assert.match(packTextOutOfBounds(deepObject(2000)) ?? '', /nested more than 64 deep/);
  assert.equal(packTextOutOfBounds(JSON.stringify({ s: '[[[[{{{{'.repeat(100), t: 'a\\"[[[[' })), null, 'brackets inside strings do not count');
  assert.match(packTextOutOfBounds(' '.repeat(MAX_PACK_BYTES + 1)) ?? '', /at most 4194304/);
  assert.equal(packTextOutOfBounds(deep(1_000_000), { depth: 10 })?.includes('character 10'), true);
  const builtin = readFileSync(join(ROOT, 'assets', 'rulepacks', 'us-bis.ai-diffusion.as-written.json'), 'utf8');
  assert.equal(packTextOutOfBounds(builtin), null, 'the built-in packs are well within both bounds');
});

test('a 2,000-deep or oversized file is refused before parsing, with the reason, and nothing is stored', (t) => {
  const { db } = tempDb(t);
  const before = { packs: listPacks(db).length, audit: listAudit(db, { limit: 10_000 }).length };
  for (const text of [deep(2000), deepObject(2000), `{"id":"x","pad":"${'x'.repeat(MAX_PACK_BYTES)}"}`]) {
    const v = verifyPackText(text, { trust: [] });
    assert.ok(!v.ok && v.error.code === 'TOO_LARGE', JSON.stringify(v).slice(0, 200));
    const r = importPackText(db, text, { actor: 'test' });
    assert.ok(!r.ok && r.error.code === 'TOO_LARGE' && /^refused before parsing: /.test(r.error.message), JSON.stringify(r).slice(0, 200));
  }
  assert.deepEqual({ packs: listPacks(db).length, audit: listAudit(db, { limit: 10_000 }).length }, before);
});

test('cli: packs import and packs verify refuse a 2,000-deep file with the reason (no internal error)', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'deep.json');
  writeFileSync(file, deepObject(2000));
  const imp = await runCli(['packs', 'import', file, '--data-dir', dir]);
  assert.equal(imp.code, 2, imp.stderr.join('\n'));
  assert.match(imp.stderr[0], /deep\.json: TOO_LARGE: refused before parsing: objects and arrays are nested more than 64 deep/);
  const ver = await runCli(['packs', 'verify', file, '--data-dir', dir]);
  assert.equal(ver.code, 1);
  assert.match(ver.stderr[0], /TOO_LARGE/);
  assert.doesNotMatch([...imp.stderr, ...ver.stderr].join('\n'), /internal error/i);
});
