// Errors in plain words wherever a person types: a case file or form (tierline.case/1 through zod) and an
// order book's lines. No validation-library wording or system code reaches the message; a misspelt field
// names the field meant; a country written by name or abbreviation gets its code suggested (taken as is
// only when it is a code in the wrong case or an exact name, in order books); numbers with thousands
// separators are numbers where a person types them; a line's error names its row and column once.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { Case } from '../../../shared/domain/case';
import { fieldsAt, parseWith } from '../../../shared/domain/issues';
import { countryCodeMessage, editDistance, lookupCountry, parseHumanNumber, suggestField } from '../../../shared/domain/suggest';
import { readCsv } from '../../../main/core/batch/read';
import { mapColumns } from '../../../main/core/batch/mapping';
import { planBatch } from '../../../main/core/batch/lines';
import { productLookup } from '../../../main/core/db';
import { dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { tempDb } from '../db/helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Wording of zod, Node or the OS that must never be shown to a person. */
const MACHINE = /Invalid input|Invalid option|Too small|Too big|expected \w+, received|Unrecognized key|ZodError|ENOENT|EACCES|EISDIR|position \d+|Unexpected token/;

const BASE = { format: 'tierline.case/1', date: '2026-03-02', destination: 'DE', endUser: { name: 'Rheinwerk Cloud GmbH', headquarters: 'DE' }, items: [{ kind: 'ic', quantity: 1, tppPerUnit: 4800 }] };

function errorsOf(doc: unknown): { path: string; message: string }[] {
  const r = parseWith(Case, doc);
  assert.ok(!r.ok, 'expected the document to be refused');
  return r.errors;
}

describe('suggestions', () => {
  test('the field meant: a close misspelling, another case or separators, a known abbreviation; nothing when none is close', () => {
    const endUser = fieldsAt(Case, ['endUser']);
    assert.ok(endUser.includes('headquarters') && endUser.includes('ultimateParentHeadquarters'));
    assert.equal(suggestField('headquarter', endUser), 'headquarters');
    assert.equal(suggestField('Head_Quarters', endUser), 'headquarters');
    assert.equal(suggestField('hq', endUser), 'headquarters');
    const item = fieldsAt(Case, ['items', 0]);
    assert.equal(suggestField('qty', item), 'quantity');
    assert.equal(suggestField('quantiy', item), 'quantity');
    assert.equal(suggestField('tpp', item), 'tppPerUnit');
    assert.equal(suggestField('ops', item), 'trainingOperations');
    assert.equal(suggestField('colour', item), null);
    assert.equal(suggestField('qty', endUser), null, 'an abbreviation is suggested only where its field exists');
    assert.equal(editDistance('ab', 'ba'), 1);
  });

  test('countries: a code in the wrong case and an exact name are exact; an abbreviation or near spelling is a suggestion; nonsense is nothing', () => {
    assert.deepEqual(lookupCountry('de'), { kind: 'exact', code: 'DE', name: 'Germany' });
    assert.deepEqual(lookupCountry(' Germany '), { kind: 'exact', code: 'DE', name: 'Germany' });
    assert.deepEqual(lookupCountry('united arab emirates'), { kind: 'exact', code: 'AE', name: 'United Arab Emirates' });
    assert.deepEqual(lookupCountry('UAE'), { kind: 'suggest', code: 'AE', name: 'United Arab Emirates' });
    assert.deepEqual(lookupCountry('USA'), { kind: 'suggest', code: 'US', name: 'United States' });
    assert.deepEqual(lookupCountry('Germny'), { kind: 'suggest', code: 'DE', name: 'Germany' });
    assert.equal(lookupCountry('XQ'), null);
    assert.equal(lookupCountry('Atlantis'), null);
    assert.equal(countryCodeMessage('UAE'), '"UAE" is not a country code: did you mean AE (United Arab Emirates)?');
    assert.equal(countryCodeMessage('Germany'), '"Germany" is a country\'s name: write its code, DE');
    assert.equal(countryCodeMessage('de'), '"de" is not a country code as written: write it in capitals, DE');
  });

  test('numbers as typed: thousands separators (comma, space, no-break space, underscore), never a decimal comma read as thousands', () => {
    assert.equal(parseHumanNumber('1,000'), 1000);
    assert.equal(parseHumanNumber('4 800'), 4800);
    assert.equal(parseHumanNumber('4\u00a0800'), 4800);
    assert.equal(parseHumanNumber('1,234,567.5'), 1234567.5);
    assert.equal(parseHumanNumber('2.5e26'), 2.5e26);
    assert.equal(parseHumanNumber('1_000'), 1000);
    assert.equal(parseHumanNumber('1,5'), null);
    assert.equal(parseHumanNumber('1,00'), null);
    assert.equal(parseHumanNumber('1,000 800'), null, 'mixed separators are not one number');
    assert.equal(parseHumanNumber('lots'), null);
  });
});

describe('case documents: errors in plain words', () => {
  test('an unknown field names the one meant, and its "missing" twin is not repeated', () => {
    const hq = errorsOf({ ...BASE, endUser: { name: 'X', headquarter: 'DE' } });
    assert.deepEqual(hq, [{ path: '$.endUser.headquarter', message: 'unknown field "headquarter": did you mean "headquarters"?' }]);
    const qty = errorsOf({ ...BASE, items: [{ kind: 'ic', qty: 1, tppPerUnit: 4800 }] });
    assert.deepEqual(qty, [{ path: '$.items[0].qty', message: 'unknown field "qty": did you mean "quantity"?' }]);
    const other = errorsOf({ ...BASE, colour: 'red' });
    assert.deepEqual(other, [{ path: '$.colour', message: 'unknown field "colour" (not part of the format)' }]);
  });

  test('a country by name or abbreviation gets its code suggested (the file is hashed as written, so it is not rewritten)', () => {
    assert.deepEqual(errorsOf({ ...BASE, destination: 'UAE' }), [{ path: '$.destination', message: '"UAE" is not a country code: did you mean AE (United Arab Emirates)?' }]);
    assert.deepEqual(errorsOf({ ...BASE, destination: 'Germany' }), [{ path: '$.destination', message: '"Germany" is a country\'s name: write its code, DE' }]);
    assert.deepEqual(errorsOf({ ...BASE, endUser: { name: 'X', headquarters: 'de' } }), [{ path: '$.endUser.headquarters', message: '"de" is not a country code as written: write it in capitals, DE' }]);
  });

  test('a number in quotes says which number to write; wrong types, options, bounds and the format tag in plain words', () => {
    assert.deepEqual(errorsOf({ ...BASE, items: [{ kind: 'ic', quantity: '1,000', tppPerUnit: 4800 }] }), [{ path: '$.items[0].quantity', message: '"1,000" is text: write the number without quotes or separators, 1000' }]);
    const cases: [unknown, string, RegExp][] = [
      [{ ...BASE, endUser: { name: 5, headquarters: 'DE' } }, '$.endUser.name', /^expected a string, not a number$/],
      [{ ...BASE, format: 'tierline.case/2' }, '$.format', /^must be "tierline\.case\/1"$/],
      [{ ...BASE, items: [{ kind: 'chip', quantity: 1 }] }, '$.items[0].kind', /^choose one of "ic", "computer"/],
      [{ ...BASE, items: [{ kind: 'ic', quantity: 0, tppPerUnit: 1 }] }, '$.items[0].quantity', /^must be at least 1$/],
      [{ ...BASE, items: [{ kind: 'ic', quantity: 1, tppPerUnit: 1, datacenter: 'yes' }] }, '$.items[0].datacenter', /^write true or false/],
      [{ ...BASE, items: [{ kind: 'ic', quantity: 1, tppPerUnit: 'lots' }] }, '$.items[0].tppPerUnit', /^enter a number/],
      [{ format: 'tierline.case/1' }, '$.date', /^required: this field is missing$/],
      [[], '$', /^expected an object, not an array$/],
    ];
    for (const [doc, path, re] of cases) {
      const errs = errorsOf(doc);
      const e = errs.find((x) => x.path === path);
      assert.ok(e && re.test(e.message), `${path}: ${JSON.stringify(errs)}`);
      for (const x of errs) assert.doesNotMatch(x.message, MACHINE, x.message);
    }
  });

  test('the import of a case file through the core says it in the same words (no zod wording, no system code)', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tierline-plain-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const ctx: HandlerContext = { dataDir, actor: 't', appVersion: '0', platform: headlessPlatform, today: () => '2026-11-26', logError: () => {}, resources: new Map() };
    const r = await dispatch('cases.import', { fileName: 'po.json', text: JSON.stringify({ ...BASE, endUser: { name: 'X', headquarter: 'Germany' } }) }, ctx);
    assert.ok(!r.ok);
    assert.equal(r.error.message, 'po.json is not a valid tierline.case/1 file: $.endUser.headquarter: unknown field "headquarter": did you mean "headquarters"?.');
    const wrongType = await dispatch('cases.import', { fileName: 5, text: '{}' }, ctx);
    assert.ok(!wrongType.ok);
    assert.doesNotMatch(wrongType.error.message, MACHINE, wrongType.error.message);
    const { closeResources } = await import('../../../main/core/handlers');
    closeResources(ctx);
  });
});

describe('order-book lines: plain words, row and column once', () => {
  const HEAD = 'reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity';
  function plan(t: TestContext, body: string) {
    const { db } = tempDb(t);
    const r = readCsv(`${HEAD}\n${body}`);
    assert.ok(r.ok);
    return planBatch(r.value, mapColumns(r.value.headers), productLookup(db));
  }

  test('lowercase codes, exact country names and thousands separators are taken as typed', (t) => {
    const p = plan(t, 'SO-1,2025-06-02,de,Acme,Germany,nvidia-h20,"1,000"\nSO-2,2025-06-02,United Arab Emirates,Gulf Lab,ae,nvidia-h20,4 800\n');
    assert.deepEqual(p.invalid, []);
    assert.deepEqual(p.cases.map((c) => [c.doc.destination, c.doc.endUser.headquarters, c.doc.items[0].quantity]), [['DE', 'DE', 1000], ['AE', 'AE', 4800]]);
  });

  test('an abbreviation or near spelling is suggested, not guessed; a decimal comma is not a whole number; each problem names its row and column once', (t) => {
    const p = plan(t, 'SO-1,2025-06-02,UAE,Gulf Lab,AE,nvidia-h20,3\nSO-2,2025-06-02,DE,Acme,Germny,nvidia-h20,3\nSO-3,2025-06-02,DE,Acme,DE,nvidia-h20,"1,5"\nSO-4,2025-06-02,DE,Acme,DE,nvidia-h20,0\n');
    assert.deepEqual(
      p.invalid.map((x) => [x.row, x.column, x.message]),
      [
        [2, 'destination', '"UAE" is not a country code or name: did you mean AE (United Arab Emirates)?'],
        [3, 'endUser.headquarters', '"Germny" is not a country code or name: did you mean DE (Germany)?'],
        [4, 'quantity', 'expected a whole number, got "1,5"'],
        [5, 'quantity', 'must be at least 1'],
      ],
    );
    for (const x of p.invalid) {
      assert.doesNotMatch(x.message, MACHINE);
      assert.doesNotMatch(x.message, /\brow \d|\$\./, 'the row and the path are not repeated inside the message');
    }
  });
});
