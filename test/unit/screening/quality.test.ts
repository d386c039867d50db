// Matching quality on the whole real list of 2026-07-31, through the import and screening path a user
// takes (a real SQLite store): listed parties written as people write them are found, and real companies
// on no list whose one word is a letter away from some listed name ("Tesla" ≈ "TESA", "Nike" ≈ "NIEE")
// give no candidate. The benchmark (npm run bench:screening) measures the same at scale.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabaseOrThrow, type Db } from '../../../main/core/db';
import { INDEX_VERSION, oneTypo, typoSim } from '../../../main/core/screening/matcher';
import { normalizeName } from '../../../main/core/screening/normalize';
import { activeScreener, importListFile, screenNames } from '../../../main/core/screening/service';
import { REAL_CSV_GZ } from '../../support/csl';

const dir = mkdtempSync(join(tmpdir(), 'tierline-screening-quality-'));
let db: Db;
before(() => {
  db = openDatabaseOrThrow(join(dir, 'store.sqlite'));
  const r = importListFile(db, { bytes: readFileSync(REAL_CSV_GZ), fileName: 'consolidated-2026-07-31.csv.gz' }, { actor: 'test' });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
});
after(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function screen(name: string, country: string | null = null) {
  return screenNames(db, [{ name, country }], { today: '2026-08-05' }).results[0].matches;
}

describe('screening quality on the real list', () => {
  // [as typed, a name the list holds for the entry meant]
  const VARIANTS: [string, RegExp][] = [
    ['Huawie Technologies', /^Huawei Technologies Co\., Ltd\./i], // letters swapped in the identifying word
    ['Hauwei', /Huawei/i], // one word, six letters, a slip
    ['huawei technologies company limited', /^Huawei Technologies Co\., Ltd\./i], // legal form spelled out
    ['MAESAI K D P COMPANY LTD', /^MAESAI K\.D\.P\. COMPANY LTD\.$/], // initials written apart
    ['PHOENIX LINES S R O', /^PHOENIX LINES S\.R\.O\.$/],
    ['BEST2PAY LIMITDE', /^BEST2PAY LIMITED$/], // a slip in the legal form
    ['SINNO GROUP LMITED', /^SINNO GROUP LIMITED$/],
    ['Public Joint Stock Cmopany Megafon', /Megafon/i],
    ['LIMITED LIBILITY COMPANY AYAKS', /^LIMITED LIABILITY COMPANY AYAKS$/],
    ['LIABILITY COMPANY AYAKS LIMITED', /^LIMITED LIABILITY COMPANY AYAKS$/], // the legal form's words reordered
    ['Stock Company Strommashina Shield Joint', /^Joint Stock Company Strommashina Shield$/i],
    ['Open Joint Stock Company Information Technology and Communictaion Systems', /Information Technology and Communication Systems/i],
    ['Rosoboronexprt', /Rosoboronexport/i], // a long word with a slip
    ['Sugon', /Sugon/i],
    ['OPLLOT', /^OPLOT$/i], // a letter typed twice in a short word
    ['TAJCCO', /^TAJCO$/i],
  ];
  for (const [typed, meant] of VARIANTS) {
    test(`"${typed}" is found`, () => {
      const m = screen(typed);
      assert.ok(
        m.some((c) => meant.test(c.name) || meant.test(c.matchedName)),
        `expected a candidate like ${meant}; got ${JSON.stringify(m.slice(0, 3).map((c) => [c.name, c.matchedName, c.score]))}`,
      );
    });
  }

  // Real companies on no list (checked: no entry holds their name); each was a false candidate before
  // slips were weighed by word length, or is a control of the same kind.
  const CLEAN = ['BASF SE', 'Bayer AG', 'Puma SE', 'Tesco PLC', 'Canon Inc.', 'Intel Corporation', 'Tesla, Inc.', 'Nike, Inc.', 'Siemens AG', 'Volkswagen AG', 'Adidas AG', 'Sanofi S.A.', 'Heineken N.V.', 'Nestlé S.A.'];
  for (const name of CLEAN) {
    test(`"${name}" gives no candidate`, () => {
      const m = screen(name);
      assert.deepEqual(m.map((c) => [c.name, c.score]), []);
    });
  }

  test('a listed name still gives its candidate when the country differs (the country never hides one)', () => {
    const m = screen('Hauwei', 'US');
    assert.ok(m.some((c) => /Huawei/i.test(c.name)), JSON.stringify(m.map((c) => c.name)));
  });
});

describe('what a slip is worth', () => {
  test('by the shorter word: short words count a slip for more', () => {
    assert.equal(typoSim('tesa', 'tesla'), 0.7);
    assert.ok(typoSim('bayer', 'bajer') < 0.8, 'five letters: below review on its own');
    assert.ok(typoSim('hauwei', 'huawei') >= 0.85);
    assert.ok(typoSim('puma', 'suma') < typoSim('puma', 'pume'), 'a different first letter counts against');
    assert.ok(typoSim('rosoboronexprt', 'rosoboronexport') <= 0.9);
    assert.equal(typoSim('opllot', 'oplot'), 0.85, 'a letter typed twice');
    assert.ok(typoSim('cancon', 'canon') < 0.8, 'an inserted letter that is not a doubling');
  });
  test('no slip against the abbreviations the normaliser writes ("intel" is not "intl")', () => {
    assert.equal(oneTypo('intel', 'intl'), false);
    assert.equal(oneTypo('teck', 'tech'), false);
    assert.equal(oneTypo('huawie', 'huawei'), true);
  });
  test('normalisation: initials apart, slips in legal forms, legal words out of order', () => {
    assert.deepEqual(normalizeName('ETANOPLUS S A DE C V'), normalizeName('ETANOPLUS, S.A. DE C.V.'));
    assert.deepEqual(normalizeName('BEST2PAY LIMITDE'), normalizeName('BEST2PAY LIMITED'));
    assert.deepEqual(normalizeName('Technolgies').core, ['tech']);
    assert.deepEqual(normalizeName('John F Kennedy').core, ['john', 'f', 'kennedy'], 'one initial stays a word');
    assert.deepEqual(normalizeName('LIABILITY COMPANY AYAKS LIMITED').core, ['ayaks']);
  });
});

describe('a store from an earlier version', () => {
  test('an index of an older format is rebuilt in memory from the snapshot, the stored one left as it is', () => {
    const file = join(dir, 'old.sqlite');
    const old = openDatabaseOrThrow(file);
    assert.ok(importListFile(old, { bytes: readFileSync(REAL_CSV_GZ), fileName: 'consolidated-2026-07-31.csv.gz' }, { actor: 'test' }).ok);
    // what an earlier version stored: the same snapshot, its index of format 3
    old.prepare('UPDATE list_index SET version = 3').run();
    old.close();
    const db2 = openDatabaseOrThrow(file);
    try {
      const s = activeScreener(db2);
      assert.equal(s?.rebuiltFrom, 3);
      const m = screenNames(db2, [{ name: 'BEST2PAY LIMITDE' }], { today: '2026-08-05' }).results[0].matches;
      assert.ok(m.some((c) => c.name === 'BEST2PAY LIMITED'), 'screened with the current normalisation');
      assert.equal(db2.prepare('SELECT version FROM list_index').pluck().get(), 3, 'the stored index is not rewritten');
      assert.notEqual(INDEX_VERSION, 3);
    } finally {
      db2.close();
    }
  });
});

