// Hostile case files: a UTF-8 BOM is read; NUL and control characters in names are refused at the
// schema naming the field (not by SQLite's CHECK at "$"); a key named twice is refused with the key,
// its line and its path. Through the real CLI and the real IPC handler, each leaving the store empty.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import { findDuplicateKey, parseStrictJson } from '../../../shared/domain/strict-json';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { runCli, tempDir } from '../../support/cli';

const root = resolve(import.meta.dirname, '..', '..', '..');
const SC01 = readFileSync(join(root, 'test/fixtures/cases/sc01-aia-germany.json'), 'utf8');
const base = JSON.parse(SC01) as Record<string, unknown> & { endUser: Record<string, unknown> };

describe('strict JSON', () => {
  test('a BOM is accepted; the value is what JSON.parse gives', () => {
    const r = parseStrictJson(`\uFEFF${SC01}`);
    assert.ok(r.ok);
    assert.deepEqual(r.value, base);
  });

  test('duplicate keys: at the top, nested in arrays, and spelled with an escape, each with its line and path', () => {
    assert.deepEqual(findDuplicateKey('{\n "a": 1,\n "b": 2,\n "a": 3\n}'), { key: 'a', line: 4, path: '$.a' });
    assert.deepEqual(findDuplicateKey('{"items":[{"q":1},{"q":1,\n"q":2}]}'), { key: 'q', line: 2, path: '$.items[1].q' });
    assert.deepEqual(findDuplicateKey('{"destination":"DE","\\u0064estination":"CN"}'), { key: 'destination', line: 1, path: '$.destination' });
    assert.deepEqual(findDuplicateKey('{"x":{"a b":1,"a b":2}}'), { key: 'a b', line: 1, path: '$.x["a b"]' });
  });

  test('no false alarm: equal keys in different objects, braces and quotes inside strings', () => {
    assert.equal(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"}\\"{,\\"a\\":"}'), null);
    assert.equal(findDuplicateKey(SC01), null);
    assert.equal(findDuplicateKey('[1,2,{"k":[{"k":{"k":1}}]}]'), null);
  });

  test('not JSON at all stays a JSON error at $', () => {
    const r = parseStrictJson('{"format":');
    assert.ok(!r.ok);
    assert.equal(r.errors[0].path, '$');
    assert.match(r.errors[0].message, /not valid JSON/);
  });
});

describe('control characters in names are refused at the schema, naming the field', () => {
  const cases: [string, (d: Record<string, unknown>) => void, string, RegExp][] = [
    ['NUL in the end user name', (d) => ((d.endUser as Record<string, unknown>).name = 'Rheinwerk\u0000 Cloud'), '$.endUser.name', /control characters are not allowed in a name \(found U\+0000 at character 10\)/],
    ['ESC in a party name', (d) => (d.parties = [{ role: 'purchaser', name: 'Evil\u001b[31m Co', country: 'DE' }]), '$.parties[0].name', /U\+001B/],
    ['a line break inside an owner name', (d) => ((d.endUser as Record<string, unknown>).owners = [{ name: 'A\nB', percent: 60 }]), '$.endUser.owners[0].name', /U\+000A/],
    ['DEL in a prior shipment consignee', (d) => (d.priorShipments = [{ date: '2025-01-01', destination: 'DE', consignee: 'X\u007fY', tpp: 1, authorization: 'NLR' }]), '$.priorShipments[0].consignee', /U\+007F/],
    ['a C1 control in the reference', (d) => (d.reference = 'PO\u00851'), '$.reference', /reference/],
    ['NUL in an item description', (d) => ((d.items as Record<string, unknown>[])[0].description = 'server\u0000'), '$.items[0].description', /NUL/],
  ];
  for (const [what, change, path, message] of cases) {
    test(what, () => {
      const doc = structuredClone(base);
      change(doc);
      const r = Case.safeParse(doc);
      assert.ok(!r.success);
      const issue = r.error.issues.find((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}` === path);
      assert.ok(issue, `${path}: ${JSON.stringify(r.error.issues)}`);
      assert.match(issue.message, message);
    });
  }
  test('ordinary names still pass: accents, CJK, RTL letters, trailing spaces', () => {
    for (const name of ['Müller & Söhne GmbH', '深圳示例科技有限公司', 'شركة المثال', '  Padded Name  ']) {
      const doc = structuredClone(base);
      doc.endUser.name = name;
      assert.ok(Case.safeParse(doc).success, name);
    }
  });
});

describe('through the CLI and the IPC handler: refused with the field, nothing stored; a BOM file is evaluated', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const write = (name: string, text: string) => {
    const f = join(dir.path, name);
    writeFileSync(f, text);
    return f;
  };
  const ctx: HandlerContext = { dataDir: join(dir.path, 'ipc'), actor: 'test', appVersion: '0', platform: headlessPlatform, today: () => '2026-12-03', logError: () => {}, resources: new Map() };
  after(() => closeResources(ctx));

  test('CLI evaluate: BOM read; NUL name and duplicate key refused with exit 2 and the path', async () => {
    const data = join(dir.path, 'cli');
    const bom = await runCli(['--data-dir', data, 'evaluate', '--json', write('bom.json', `\uFEFF${SC01}`)]);
    assert.equal(bom.code, 0, bom.stderr.join('\n'));
    const nul = await runCli(['--data-dir', data, 'evaluate', write('nul.json', SC01.replace('Rheinwerk Cloud GmbH', 'Rheinwerk\\u0000Cloud GmbH'))]);
    assert.equal(nul.code, 2);
    assert.match(nul.stderr.join('\n'), /nul\.json: \$\.endUser\.name: control characters are not allowed in a name \(found U\+0000/);
    const dup = await runCli(['--data-dir', data, 'evaluate', write('dup.json', SC01.replace('"destination": "DE",', '"destination": "DE",\n  "destination": "CN",'))]);
    assert.equal(dup.code, 2);
    assert.match(dup.stderr.join('\n'), /dup\.json: \$\.destination: duplicate key "destination" on line 6/);
    const list = await runCli(['--data-dir', data, 'cases', 'list', '--json']);
    assert.equal((JSON.parse(list.stdout.join('')) as { total: number }).total, 1, 'only the BOM file was stored');
  });

  test('IPC cases.import: the same refusals, with the path; a BOM file imports', async () => {
    const call = async (text: string) => (await dispatch('cases.import', { fileName: 'f.json', text }, ctx)) as { ok: boolean; error?: { message: string; path?: string } };
    const nul = await call(SC01.replace('Rheinwerk Cloud GmbH', 'Rheinwerk\\u0000Cloud GmbH'));
    assert.equal(nul.ok, false);
    assert.equal(nul.error?.path, '$.endUser.name');
    const dup = await call(SC01.replace('"mode": "as_written",', '"mode": "as_written",\n  "mode": "enforced",'));
    assert.equal(dup.ok, false);
    assert.equal(dup.error?.path, '$.mode');
    assert.match(dup.error?.message ?? '', /duplicate key "mode" on line 5/);
    const list = (await dispatch('cases.list', {}, ctx)) as { value: { total: number } };
    assert.equal(list.value.total, 0, 'nothing stored');
    const bom = await call(`\uFEFF${SC01}`);
    assert.ok(bom.ok, JSON.stringify(bom));
  });
});
