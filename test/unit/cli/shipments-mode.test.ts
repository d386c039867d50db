// `tierline shipments record` when the two modes give different authorizations: refused in plain words that
// name both authorizations and the option to choose (--mode), nothing recorded; with --mode it records
// under that mode's authorization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli, tempDir } from '../../support/cli';

const root = resolve(import.meta.dirname, '..', '..', '..');

test('shipments record asks which mode when the modes differ, in plain words', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { mode: _m, ...br } = JSON.parse(readFileSync(join(root, 'test/fixtures/cases/sc63-lpp-brazil-2026.json'), 'utf8')) as Record<string, unknown>;
  const file = join(dir.path, 'br.json');
  writeFileSync(file, JSON.stringify(br));
  const data = ['--data-dir', join(dir.path, 'data')];
  assert.equal((await runCli([...data, 'evaluate', file])).code, 0);
  const refused = await runCli([...data, 'shipments', 'record', '1']);
  assert.equal(refused.code, 2);
  assert.equal(
    refused.stderr.join('\n'),
    'case 1 was not recorded: the two modes give different authorizations (as written: License Exception LPP; enforced: NLR (no license required)): say which one the shipment went under (--mode enforced or --mode as_written)',
  );
  assert.doesNotMatch(refused.stderr.join('\n'), /AMBIGUOUS_MODE|\$\.mode/);
  assert.equal(JSON.parse((await runCli([...data, 'shipments', 'list', '--json'])).stdout.join('')).length, 0, 'nothing recorded');
  const ok = await runCli([...data, 'shipments', 'record', '1', '--mode', 'enforced', '--json']);
  assert.equal(ok.code, 0, ok.stderr.join('\n'));
  assert.deepEqual((JSON.parse(ok.stdout.join('')) as { authorization: string }[]).map((r) => r.authorization), ['NLR']);
});
