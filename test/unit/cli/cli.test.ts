// The command line against a real data folder: exit codes, one document per input, errors naming the
// JSON path, nothing stored from a rejected file, --mode, --data-dir precedence, and the real binary.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { Determination } from '../../../shared/domain/determination';
import { listAudit, listCases, listDeterminations, openDatabaseOrThrow } from '../../../main/core/db';
import { runCli, tempDir } from '../../support/cli';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIX = join(ROOT, 'test/fixtures/cases');
const good = join(FIX, 'sc01-aia-germany.json');
const both = join(FIX, 'sc63-lpp-brazil-2026.json');
const bad = join(FIX, 'invalid-fields.json');

describe('tierline evaluate', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const data = join(dir.path, 'data');

  test('valid + invalid files: one JSON line per valid file in order, path-named errors, exit 2, nothing stored from the bad file', async () => {
    const r = await runCli(['evaluate', '--json', '--data-dir', data, good, bad, both]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout.length, 2);
    const [d1, d2] = r.stdout.map((l) => Determination.parse(JSON.parse(l)));
    assert.equal(d1.evaluations[0].items[0].authorization, 'AIA');
    assert.equal(d2.evaluations[0].asOf, '2026-10-01');
    assert.ok(r.stderr.includes(`${bad}: $.items[0].quantity: must be at least 1`), r.stderr.join('\n'));
    assert.ok(r.stderr.some((l) => l === `${bad}: $.destinaton: unknown field "destinaton": did you mean "destination"?`));
    assert.ok(r.stderr.some((l) => l.startsWith(`${bad}: $.items[0].tppPerUnit:`)));
    const db = openDatabaseOrThrow(join(data, 'tierline.sqlite'));
    try {
      assert.equal(listCases(db).total, 2);
      assert.equal(listDeterminations(db).length, 2);
      assert.equal(listAudit(db).filter((a) => a.action === 'case.created').length, 2);
    } finally {
      db.close();
    }
  });

  test('re-evaluating the same file stores a new determination for the same case', async () => {
    const r = await runCli(['evaluate', '--json', '--data-dir', data, good]);
    assert.equal(r.code, 0);
    const db = openDatabaseOrThrow(join(data, 'tierline.sqlite'));
    try {
      assert.equal(listCases(db).total, 2);
      assert.equal(listDeterminations(db).length, 3);
    } finally {
      db.close();
    }
  });

  test('--mode narrows the evaluation; a bad --mode is a usage error', async () => {
    const r = await runCli(['evaluate', '--json', '--mode', 'enforced', '--data-dir', data, both]);
    assert.equal(r.code, 0);
    const d = Determination.parse(JSON.parse(r.stdout[0]));
    assert.deepEqual(d.evaluations.map((e) => e.mode), ['enforced']);
    assert.equal(d.evaluations[0].items[0].authorization, 'NLR');
    const u = await runCli(['evaluate', '--mode', 'both', '--data-dir', data, both]);
    assert.equal(u.code, 2);
    assert.match(u.stderr[0], /--mode: expected as_written or enforced/);
  });

  test('the readable summary names the outcome, citations and the status banner', async () => {
    const r = await runCli(['evaluate', '--data-dir', data, both]);
    const text = r.stdout.join('\n');
    assert.match(text, /AS WRITTEN\s+no license required/);
    assert.match(text, /bottom line: As written: no individual license, you may ship under License Exception LPP if you meet its conditions\./);
    assert.match(text, /→ LPP/);
    assert.match(text, /15 CFR 740\.29\(a\)/);
    assert.match(text, /RIN 0694-AJ90/);
  });

  test('not JSON, a missing file and no file are input errors', async () => {
    const junk = join(dir.path, 'junk.json');
    writeFileSync(junk, '{"format": ');
    const r = await runCli(['evaluate', '--data-dir', data, junk, join(dir.path, 'missing.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr[0], /junk\.json: \$: not valid JSON/);
    assert.match(r.stderr[1], /missing\.json: cannot read: ENOENT/);
    assert.equal((await runCli(['evaluate', '--data-dir', data])).code, 2);
  });
});

describe('data folder and other commands', () => {
  const dir = tempDir();
  after(() => dir.cleanup());

  test('--data-dir wins over TIERLINE_DATA_DIR, which wins over the OS folder', async () => {
    const envDir = join(dir.path, 'env');
    const flagDir = join(dir.path, 'flag');
    await runCli(['evaluate', good], { TIERLINE_DATA_DIR: envDir });
    assert.ok(existsSync(join(envDir, 'tierline.sqlite')));
    await runCli(['evaluate', '--data-dir', flagDir, good], { TIERLINE_DATA_DIR: envDir });
    assert.ok(existsSync(join(flagDir, 'tierline.sqlite')));
    const home = join(dir.path, 'home');
    await runCli(['cases', 'import', good], { HOME: home, XDG_DATA_HOME: join(home, 'xdg') });
    // resolveDataDir takes the home folder from the OS; XDG_DATA_HOME is honoured on Linux.
    if (process.platform === 'linux') assert.ok(existsSync(join(home, 'xdg', 'Tierline', 'tierline.sqlite')));
  });

  test('cases import/list/show and packs list/verify', async () => {
    const data = join(dir.path, 'd2');
    const imp = await runCli(['cases', 'import', '--data-dir', data, good, bad]);
    assert.equal(imp.code, 2);
    assert.match(imp.stdout[0], /case 1 imported/);
    const list = await runCli(['cases', 'list', '--json', '--data-dir', data]);
    assert.equal(JSON.parse(list.stdout[0]).total, 1);
    const show = await runCli(['cases', 'show', '1', '--data-dir', data]);
    assert.match(show.stdout.join('\n'), /not evaluated yet/);
    const packs = await runCli(['packs', 'list', '--data-dir', data]);
    assert.equal(packs.stdout.length, 2);
    const v = await runCli(['packs', 'verify', '--data-dir', data, join(ROOT, 'assets/rulepacks/us-bis.ai-diffusion.enforced.json')]);
    assert.equal(v.code, 0);
    assert.match(v.stdout[0], /VALID {2}us-bis\.ai-diffusion\.enforced v\d+/);
    const tampered = join(dir.path, 'tampered.json');
    writeFileSync(tampered, readFileSync(join(ROOT, 'assets/rulepacks/us-bis.ai-diffusion.enforced.json'), 'utf8').replace('"DE"', '"DF"'));
    const t = await runCli(['packs', 'import', '--data-dir', data, tampered]);
    assert.equal(t.code, 2);
    assert.match(t.stderr[0], /BAD_SIGNATURE/);
  });

  test('an unknown command is a usage error; no command prints help and exits 0', async () => {
    assert.equal((await runCli(['frobnicate'])).code, 2);
    const bare = await runCli([]);
    assert.equal(bare.code, 0);
    assert.match(bare.stdout.join('\n'), /^Usage: tierline/m);
    assert.equal((await runCli(['--help'])).code, 0);
  });

  test('the real binary: npx tierline evaluate --json prints one document and exits 0', () => {
    const r = spawnSync('npx', ['tierline', 'evaluate', '--json', '--data-dir', join(dir.path, 'bin'), good], { cwd: ROOT, encoding: 'utf8', env: { ...process.env } });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal(Determination.parse(JSON.parse(lines[0])).evaluations[0].items[0].authorization, 'AIA');
    const e = spawnSync('npx', ['tierline', 'evaluate', '--data-dir', join(dir.path, 'bin'), bad], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(e.status, 2);
    assert.match(e.stderr, /\$\.items\[0\]\.quantity/);
  });
});

test('letter list refuses a malformed --limit naming the flag', async () => {
  const dir = tempDir();
  try {
    const r = await runCli(['letter', 'list', '--limit', 'lots', '--data-dir', dir.path]);
    assert.equal(r.code, 2);
    assert.match(r.stderr[0], /^--limit: expected a whole number/);
  } finally {
    dir.cleanup();
  }
});

test('shipments reverse: a case, a row or an import, always with a reason; the list shows both entries', async () => {
  const dir = tempDir();
  try {
    const data = dir.path;
    const csv = join(dir.path, 'history.csv');
    writeFileSync(csv, 'date,destination,consignee,tpp,authorization\n2025-02-01,DE,Alpha AG,1000,LPP\n');
    assert.equal((await runCli(['shipments', 'import', '--data-dir', data, csv])).code, 0);
    const noReason = await runCli(['shipments', 'reverse', '--shipment', '1', '--data-dir', data]);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr.join('\n'), /--reason: a reversing entry needs a reason/);
    const two = await runCli(['shipments', 'reverse', '--shipment', '1', '--case', '1', '--reason', 'x', '--data-dir', data]);
    assert.equal(two.code, 2);
    const r = await runCli(['shipments', 'reverse', '--shipment', '1', '--reason', 'duplicate of the ERP export', '--data-dir', data]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const list = await runCli(['shipments', 'list', '--data-dir', data]);
    assert.match(list.stdout.join('\n'), /#2 .* -1,000 TPP .*reverses #1: duplicate of the ERP export/);
    assert.match(list.stdout.join('\n'), /#1 .*reversed by #2/);
    const again = await runCli(['shipments', 'reverse', '--shipment', '1', '--reason', 'x', '--data-dir', data]);
    assert.match(again.stderr.join('\n'), /ALREADY_REVERSED/);
  } finally {
    dir.cleanup();
  }
});
