// The case format rejects every malformed field with its JSON path, and arbitrary JSON never crashes
// the parser.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Case } from '../../../shared/domain/case';
import { Determination } from '../../../shared/domain/determination';
import { formatIssues, parseJsonWith, parseWith } from '../../../shared/domain/issues';

const FULL = {
  format: 'tierline.case/1',
  reference: 'PO-1',
  date: '2025-06-02',
  mode: 'as_written',
  transaction: { type: 'export', from: 'US' },
  destination: 'DE',
  endUse: 'datacenter',
  endUser: {
    name: 'Rheinwerk Cloud GmbH',
    type: 'data_center',
    headquarters: 'DE',
    ultimateParentHeadquarters: 'DE',
    privateSector: true,
    nationality: 'DE',
    permanentRegularEmployee: false,
    veu: { kind: 'UVEU', country: 'DE', certifiedSupp10Paras14_15_18: true, computeByCountryTpp: { US: 1000, DE: 10 } },
  },
  items: [
    {
      description: 'H100',
      kind: 'ic',
      eccn: '3A090.a',
      quantity: 8,
      tppPerUnit: 15832,
      performanceDensity: 19.45,
      dieAreaMm2: 814,
      datacenter: true,
      approvedDesigner: true,
      dramBandwidthGBs: 3350,
      trainingOperations: 0,
      weightsPublished: false,
      mostCapablePublishedTrainingOperations: 0,
      storageCompliesSupp10Paras14_15_18: false,
      trainedOnUsControlledChips: true,
    },
  ],
  priorShipments: [{ date: '2025-01-02', destination: 'DE', consignee: 'X', tpp: 5, authorization: 'AIA' }],
  attestations: {
    usSupplySufficient: true,
    chinaShipmentsWithin50pctOfUs: true,
    kycRemoteAccessControls: true,
    thirdPartyUsLabTested: true,
    ultimateCustomersOutsideD5Macau: true,
  },
};

/** Every leaf path of the full case, with a value of the wrong kind for it. */
function leaves(v: unknown, path: (string | number)[] = []): { path: (string | number)[]; wrong: unknown }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v && typeof v === 'object') {
    // computeByCountryTpp keys are data (country codes), not field names.
    return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  }
  const wrong = typeof v === 'string' ? 12345 : typeof v === 'number' ? 'not a number' : 'yes';
  return [{ path, wrong }];
}

function set(obj: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

function jsonPath(path: (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

describe('tierline.case/1 schema', () => {
  test('the full example with every field is valid', () => {
    assert.deepEqual(parseWith(Case, FULL).ok, true);
  });

  for (const { path, wrong } of leaves(FULL)) {
    const p = jsonPath(path);
    test(`wrong type at ${p} is reported at that path`, () => {
      const r = parseWith(Case, set(FULL, path, wrong));
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.errors.some((e) => e.path === p), `${p} not in ${!r.ok && JSON.stringify(r.errors)}`);
    });
  }

  const invalidValues: [string, (string | number)[], unknown][] = [
    ['date not on the calendar', ['date'], '2025-02-29'],
    ['date in another format', ['date'], '06/02/2025'],
    ['unknown country code', ['destination'], 'XX'],
    ['lower-case country code', ['endUser', 'headquarters'], 'de'],
    ['quantity zero', ['items', 0, 'quantity'], 0],
    ['quantity fractional', ['items', 0, 'quantity'], 1.5],
    ['quantity over 10^9', ['items', 0, 'quantity'], 1_000_000_001],
    ['negative TPP', ['items', 0, 'tppPerUnit'], -1],
    ['malformed ECCN', ['items', 0, 'eccn'], '3a090a'],
    ['unknown mode', ['mode'], 'both'],
    ['unknown item kind', ['items', 0, 'kind'], 'gpu'],
    ['unknown authorization in a prior shipment', ['priorShipments', 0, 'authorization'], 'LPP2'],
    ['wrong format tag', ['format'], 'tierline.case/2'],
    ['empty end user name', ['endUser', 'name'], '  '],
    ['unknown country key in computeByCountryTpp', ['endUser', 'veu', 'computeByCountryTpp'], { ZZ: 1 }],
  ];
  for (const [name, path, value] of invalidValues) {
    test(`${name} is refused at ${jsonPath(path)}`, () => {
      const r = parseWith(Case, set(FULL, path, value));
      assert.ok(!r.ok && r.errors.some((e) => e.path.startsWith(jsonPath(path))), JSON.stringify(r));
    });
  }

  test('unknown fields at every level are errors naming the field', () => {
    for (const [path, key] of [[[], 'destinaton'], [['endUser'], 'hq'], [['items', 0], 'tpp'], [['endUser', 'veu'], 'kinds'], [['attestations'], 'kyc']] as const) {
      const target = path.length ? set(FULL, [...path, key], 1) : { ...FULL, [key]: 1 };
      const r = parseWith(Case, target);
      assert.ok(!r.ok && r.errors.some((e) => e.path === jsonPath([...path, key]) && /unknown field/.test(e.message)), JSON.stringify(r));
    }
  });

  test('missing required fields are named', () => {
    for (const field of ['format', 'date', 'destination', 'endUser', 'items']) {
      const doc = structuredClone(FULL) as Record<string, unknown>;
      delete doc[field];
      const r = parseWith(Case, doc);
      assert.ok(!r.ok && r.errors.some((e) => e.path === `$.${field}`), field);
    }
    const noItems = parseWith(Case, { ...FULL, items: [] });
    assert.ok(!noItems.ok && noItems.errors.some((e) => e.path === '$.items'));
  });

  test('cross-field rules: an IC without TPP or ECCN, an NVEU without its country, a deemed export without nationality', () => {
    const ic = structuredClone(FULL);
    delete (ic.items[0] as Record<string, unknown>).tppPerUnit;
    delete (ic.items[0] as Record<string, unknown>).eccn;
    const r1 = parseWith(Case, ic);
    assert.ok(!r1.ok && r1.errors.some((e) => e.path === '$.items[0].tppPerUnit'));
    const nveu = set(FULL, ['endUser', 'veu'], { kind: 'NVEU' });
    const r2 = parseWith(Case, nveu);
    assert.ok(!r2.ok && r2.errors.some((e) => e.path === '$.endUser.veu.country'));
    const deemed = structuredClone(FULL) as typeof FULL;
    deemed.transaction = { type: 'deemed_export', from: 'US' };
    delete (deemed.endUser as Record<string, unknown>).nationality;
    const r3 = parseWith(Case, deemed);
    assert.ok(!r3.ok && r3.errors.some((e) => e.path === '$.endUser.nationality'));
  });

  test('property: arbitrary JSON never crashes the parser; every error names a JSON path', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseWith(Case, v);
        if (!r.ok) {
          assert.ok(r.errors.length > 0);
          for (const e of r.errors) assert.match(e.path, /^\$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('property: arbitrary mutations of a valid case never crash the parser', () => {
    const paths = leaves(FULL).map((l) => l.path);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const r = parseWith(Case, set(FULL, path, value));
        if (!r.ok) for (const e of r.errors) assert.match(e.path, /^\$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: arbitrary text never crashes the JSON+schema parser', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseJsonWith(Case, s);
        assert.equal(typeof r.ok, 'boolean');
      }),
      { numRuns: 1000 },
    );
  });

  test('determination schema refuses unknown fields (what letters embed is exactly the format)', () => {
    const r = Determination.safeParse({ format: 'tierline.determination/1', caseSha256: 'a'.repeat(64), evaluations: [], extra: 1 });
    assert.equal(r.success, false);
    assert.ok(!r.success && formatIssues(r.error).some((e) => e.path === '$.extra'));
  });
});
