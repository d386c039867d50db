// tierline lists import|show|config and tierline screen, in process against a real data folder with the
// whole real list of 2026-07-31 (the repository's gzip copy, imported as given).
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli, tempDir } from '../../support/cli';
import { FULL_CSV, REAL_CSV_GZ } from '../../support/csl';

describe('tierline lists / screen', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const data = join(dir.path, 'data');

  test('screen without a store: exit 3 and no store is created; with a store but no list imported: says so, exit 1', async () => {
    const none = await runCli(['screen', '--data-dir', data, 'Sugon']);
    assert.equal(none.code, 3);
    assert.match(none.stderr.join('\n'), /no Tierline store in /);
    assert.ok(!existsSync(join(data, 'tierline.sqlite')));
    // Showing the setting only reads; setting it writes and so creates the store.
    assert.equal((await runCli(['lists', 'config', '--data-dir', data])).code, 3);
    assert.equal((await runCli(['lists', 'config', '--max-age-days', '7', '--data-dir', data])).code, 0);
    const r = await runCli(['screen', '--data-dir', data, 'Sugon']);
    assert.equal(r.code, 1);
    assert.match(r.stderr.join('\n'), /No screening list is imported/);
  });


  test('lists import: the whole real list, with its date from the file name, hash and counts', async () => {
    const r = await runCli(['lists', 'import', '--data-dir', data, REAL_CSV_GZ]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.match(r.stdout[0], /list of 2026-07-31 imported as snapshot 1: 25,921 entries \(CAP 1, CMIC 68, DPL 1596, DTC 787, EL 3420, ISN 161, MEU 70, NS-MBS 51, PLC 78, SDN 19181, SSI 286, UVL 222\); sha256 [0-9a-f]{64}/);
    const again = await runCli(['lists', 'import', '--data-dir', data, REAL_CSV_GZ]);
    assert.equal(again.code, 2);
    assert.match(again.stderr.join('\n'), /already imported as snapshot 1/);
  });

  test('lists import of a malformed file names the row and field; nothing is added', async () => {
    const bad = join(dir.path, 'bad.csv');
    writeFileSync(bad, '_id,source,name\nx1,Entity List (EL) - BIS,\n');
    const r = await runCli(['lists', 'import', '--data-dir', data, '--date', '2026-08-01', bad]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`${bad}: row 1, field name: empty: every entry has a name`), r.stderr.join('\n'));
    const show = await runCli(['lists', 'show', '--json', '--data-dir', data]);
    assert.equal(JSON.parse(show.stdout[0]).snapshots.length, 1);
  });

  test('screen --json: one line per name, the issue\'s shape, best first, nothing below review', async () => {
    const names = join(dir.path, 'names.txt');
    writeFileSync(names, 'Apple Inc.\n\nhuawei technolgies company limited\n');
    const r = await runCli(['screen', '--json', '--country', 'CN', '--data-dir', data, '--file', names, 'SUGON']);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const lines = r.stdout.map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.query), ['SUGON', 'Apple Inc.', 'huawei technolgies company limited']);
    assert.deepEqual(lines[1].matches, []);
    const sugon = lines[0].matches.find((m: { list: string }) => m.list === 'EL');
    assert.deepEqual(Object.keys(sugon), ['list', 'source', 'name', 'matchedName', 'score', 'decision', 'entityNumber', 'licenseRequirement', 'licensePolicy', 'federalRegisterNotice', 'countries']);
    assert.equal(sugon.decision, 'match');
    assert.equal(sugon.licensePolicy, 'Presumption of denial');
    const hw = lines[2].matches as { score: number; decision: string; name: string; list: string }[];
    assert.ok(hw.length > 1);
    assert.equal(hw[0].decision, 'match');
    assert.ok(hw.some((m) => m.list === 'EL' && m.name === 'Huawei Technologies Co., Ltd.'));
    for (let i = 1; i < hw.length; i++) assert.ok(hw[i - 1].score >= hw[i].score, 'best first');
    for (const m of hw) assert.ok(m.score >= 0.8 && (m.decision === 'match') === m.score >= 0.9);
    assert.match(r.stderr.join('\n'), /list is of 2026-07-31, \d+ days old/);
  });

  test('lists config sets the maximum age; lists show marks the active snapshot; bad values are usage errors', async () => {
    const c = await runCli(['lists', 'config', '--max-age-days', '100000', '--data-dir', data]);
    assert.equal(c.code, 2);
    const ok = await runCli(['lists', 'config', '--max-age-days', '3650', '--data-dir', data]);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout[0], 'maximum list age: 3650 days');
    const s = await runCli(['screen', '--data-dir', data, 'Sugon']);
    assert.deepEqual(s.stderr, []);
    assert.match(s.stdout.join('\n'), /MATCH {2}1\.000 {2}EL {5}Sugon/);
    const imp = await runCli(['lists', 'import', '--data-dir', data, '--date', '2026-08-01', FULL_CSV]);
    assert.equal(imp.code, 0, imp.stderr.join('\n'));
    const show = await runCli(['lists', 'show', '--data-dir', data]);
    assert.match(show.stdout[0], /^\* +2 {2}list of 2026-08-01/);
    assert.match(show.stdout.join('\n'), /\n +1 {2}list of 2026-07-31 +25,921 entries/);
    const bad = await runCli(['screen', '--country', 'XX', '--data-dir', data, 'Sugon']);
    assert.equal(bad.code, 2);
  });
});
