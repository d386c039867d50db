// tierline batch --letters DIR, in process against a real data folder screened with the small list
// fixture: a wrong passphrase exits 1 before anything is read or stored; the right one stores the batch
// and writes one signed letter per case that can have one (pdfsig verifies each), and names on stderr,
// with its rows, each case skipped and why (screening to review, PROHIBITED); --officer is required.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabaseOrThrow } from '../../../main/core/db';
import { databasePath } from '../../../main/core/paths';
import { runCli, tempDir } from '../../support/cli';
import { LETTERS_BOOK } from '../../support/batch-book';
import { FULL_CSV } from '../../support/csl';

const PASSPHRASE = 'a long pass phrase';
const BOOK = LETTERS_BOOK;

function counts(data: string): { cases: number; letters: number; audit: number } {
  const db = openDatabaseOrThrow(databasePath(data));
  try {
    const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return { cases: n('cases'), letters: n('letters'), audit: n('audit_log') };
  } finally {
    db.close();
  }
}

describe('tierline batch --letters', () => {
  const dir = tempDir('tierline-batch-letters-');
  after(() => dir.cleanup());
  const data = join(dir.path, 'data');
  const book = join(dir.path, 'orders.csv');
  const out = join(dir.path, 'letters');
  const env = { TIERLINE_DATA_DIR: data, TIERLINE_PASSPHRASE: PASSPHRASE };

  before(async () => {
    writeFileSync(book, BOOK);
    const imp = await runCli(['lists', 'import', FULL_CSV, '--date', '2026-07-31'], env);
    assert.equal(imp.code, 0, imp.stderr.join('\n'));
    const id = await runCli(['letter', 'identity', '--office', 'Export Office'], env);
    assert.equal(id.code, 0, id.stderr.join('\n'));
  });

  test('--officer is required; a wrong passphrase exits 1 with nothing read, stored or written', async () => {
    const before0 = counts(data);
    const noOfficer = await runCli(['batch', book, '--letters', out], env);
    assert.equal(noOfficer.code, 2);
    assert.match(noOfficer.stderr.join('\n'), /--officer: a letter names the officer/);
    const wrong = await runCli(['batch', book, '--letters', out, '--officer', 'J. Officer'], { ...env, TIERLINE_PASSPHRASE: 'not it' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr.join('\n'), /the passphrase does not unlock the signing key; nothing was stored and no letter issued/);
    assert.deepEqual(wrong.stdout, []);
    assert.deepEqual(counts(data), before0);
    assert.equal(existsSync(out), false);
  });

  test('the batch stored and a letter per case that can have one, verified by pdfsig; the others skipped with the reason', async () => {
    const r = await runCli(['batch', book, '--letters', out, '--officer', 'J. Officer', '--quiet'], env);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.equal(r.stdout.at(-1), `letters: 2 issued into ${out}, 2 skipped`);
    const err = r.stderr.join('\n');
    assert.match(err, /no letter for case \d+ \(SO-2\), row\(s\) 4: screening needs review \(ExaCompute Technology Pte ~ EL "Example Compute Technologies/);
    assert.match(err, /no letter for case \d+ \(SO-3\), row\(s\) 5: PROHIBITED \(as written, enforced\)/);
    assert.match(err, /letter TL-\d{4}-\d{6} for case \d+ \(SO-1\), row\(s\) 2, 3: /);
    const files = readdirSync(out).sort();
    assert.equal(files.length, 2);
    for (const f of files) {
      assert.match(f, /^TL-\d{4}-\d{6}\.pdf$/);
      const sig = spawnSync('pdfsig', [join(out, f)], { encoding: 'utf8' });
      assert.equal(sig.status, 0, sig.stderr);
      assert.match(sig.stdout, /Signature Validation: Signature is Valid\./);
    }
    const c = counts(data);
    assert.equal(c.cases, 4);
    assert.equal(c.letters, 2);
  });
});
