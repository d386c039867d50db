// A JSON syntax error is given with its line and column in plain words, also where V8 (Node 20) words the
// error without a position ("Unexpected token '}', "…" is not valid JSON"), and through a real handler.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeJsonError, locateJsonError } from '../../../shared/domain/json-error';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';

function describe(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return describeJsonError(text, e);
  }
  throw new Error('the text is valid JSON');
}

test('each syntax error is placed at its line and column, in plain words', () => {
  const rows: Array<[string, string]> = [
    ['{"a":1,\n "b": }', "line 2, column 7: unexpected '}'"],
    ['{\n  "a": 1,\n  "b": [1, 2,, 3]\n}', "line 3, column 14: unexpected ','"],
    ['{"a" 1}', "line 1, column 6: expected ':' after property name"],
    ['{"a":1', 'line 1, column 7: the text ends before the JSON is complete'],
    ['{"a":1}}', 'line 1, column 8: more text after the end of the JSON'],
    ['{\n  "name": "a\tb"\n}', 'line 2, column 13: a line break or tab inside a quoted text'],
  ];
  for (const [text, want] of rows) assert.equal(describe(text), want, JSON.stringify(text));
  for (const [text] of rows) assert.doesNotMatch(describe(text), /position|is not valid JSON|Unexpected token/, 'engine wording leaked');
});

test('the error is located by the text, not by the message: a valid text has none, a long one is found', () => {
  assert.equal(locateJsonError('{"a": [1, 2, 3]}'), null);
  const big = `{"rows": [${Array.from({ length: 20_000 }, (_, i) => `{"i": ${i}}`).join(', ')}, }]}`;
  const at = locateJsonError(big);
  assert.equal(big[at ?? -1], '}');
  assert.equal(at, big.lastIndexOf(', }') + 2);
});

const dataDir = mkdtempSync(join(tmpdir(), 'tierline-json-error-'));
const ctx: HandlerContext = { dataDir, actor: 'test', appVersion: '0', platform: headlessPlatform, today: () => '2026-12-03', logError: () => undefined, resources: new Map() };
after(() => {
  closeResources(ctx);
  rmSync(dataDir, { recursive: true, force: true });
});

test('a pasted license file with a syntax error is refused with its line and column; nothing stored', async () => {
  const r = (await dispatch('licenses.add', { fileName: 'license.json', text: '{\n  "format": "tierline.license/1",\n  "number": }\n' }, ctx)) as { ok: boolean; error?: { message: string } };
  assert.equal(r.ok, false);
  assert.match(r.error?.message ?? '', /^license\.json is not valid JSON: line 3, column 13: unexpected '}'\.$/);
  const list = (await dispatch('licenses.list', {}, ctx)) as { ok: boolean; value?: unknown[] };
  assert.ok(list.ok);
  assert.deepEqual(list.value, []);
});
