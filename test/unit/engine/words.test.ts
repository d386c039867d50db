// Words a reader can sign: the status as of the date (later developments apart, under "since then"), at
// most two sentences with the detail folded; every step titled; no internal identifier in the words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import type { Evaluation } from '../../../shared/domain/determination';
import { evaluateCase, PARAMETERS } from '../../../shared/engine';
import { builtinPackSet } from '../../support/packs';

const packs = builtinPackSet();
const H100 = { kind: 'ic', quantity: 1, tppPerUnit: 15832, performanceDensity: 19.45, datacenter: true, approvedDesigner: true };

function evals(doc: Record<string, unknown>): Evaluation[] {
  const c = Case.parse({ format: 'tierline.case/1', date: '2025-07-01', destination: 'BR', endUser: { name: 'Rio', headquarters: 'BR' }, items: [H100], ...doc });
  return evaluateCase({ case: c, caseSha256: '0'.repeat(64), packs, ledger: [] }).determination.evaluations;
}

describe('status as of the date, and separately what happened since', () => {
  test('a 2025-07-01 case cites no 2026 development in its status; they are listed under since then', () => {
    for (const e of evals({ date: '2025-07-01' })) {
      assert.ok(!/GAO|B-337935|2026/.test(e.regimeStatus), `${e.mode}: ${e.regimeStatus}`);
      assert.ok(!e.warnings.some((w) => /GAO|B-337935/.test(w)), `${e.mode}: ${e.warnings.join(' | ')}`);
      assert.ok(e.sinceThen?.some((x) => x.date === '2026-05-12' && /GAO/.test(x.text)), e.mode);
      assert.ok(e.sinceThen!.every((x) => x.date > '2025-07-01'));
    }
  });
  test('a 2026-06-01 case states the GAO decision in its status; nothing dated before it is "since then"', () => {
    for (const e of evals({ date: '2026-06-01' })) {
      assert.match(e.regimeStatus, /GAO/);
      assert.ok((e.sinceThen ?? []).every((x) => x.date > '2026-06-01'));
    }
  });
  test('every status period of both packs reads in at most two sentences', () => {
    for (const pack of Object.values(packs)) {
      for (const p of pack.body.status) {
        const sentences = p.text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
        assert.ok(sentences <= 2, `${pack.body.id} ${p.from}: ${sentences} sentences: ${p.text}`);
      }
    }
  });
});

describe('no internal identifier in the words a reader signs', () => {
  const ids = Object.keys(PARAMETERS);
  const cases: Record<string, unknown>[] = [
    {},
    { destination: 'VN', endUser: { name: 'Hanoi', headquarters: 'VN' } },
    { destination: 'AE', date: '2026-07-01', endUser: { name: 'Abu Dhabi', headquarters: 'AE' } },
    { destination: 'IN', endUser: { name: 'Pune', headquarters: 'IN' }, items: [{ ...H100, quantity: 60000 }] },
    { destination: 'DE', endUser: { name: 'Berlin', headquarters: 'CN' } },
    { destination: 'CN', date: '2026-02-01', endUser: { name: 'Shenzhen', headquarters: 'CN' }, items: [{ ...H100, dramBandwidthGBs: 4800 }] },
    { date: '2023-01-10', destination: 'CN', endUser: { name: 'X', headquarters: 'CN' } },
    { items: [{ kind: 'model_weights', quantity: 1, trainingOperations: 3e26 }] },
    { items: [{ kind: 'other', eccn: '5A002.z.1.a', quantity: 1, approvedDesigner: true }] },
    { items: [{ kind: 'computer', quantity: 1, ics: [{ count: 8, tppPerUnit: 2300, performanceDensity: 1 }] }] },
    { endUser: { name: 'V', headquarters: 'US', veu: { kind: 'UVEU', computeByCountryTpp: { US: 1e9 } } }, transaction: { type: 'transfer' } },
  ];
  test('trace text, results, warnings and status name no parameter id or step id; every step has a title', () => {
    for (const doc of cases) {
      for (const e of evals(doc)) {
        const words = [e.regimeStatus, e.regimeStatusDetail ?? '', ...e.warnings, ...e.items.flatMap((i) => [...i.obligations, ...i.trace.flatMap((s) => [s.test, s.result, s.title ?? ''])])];
        for (const w of words) {
          for (const id of ids) assert.ok(!w.includes(id), `"${id}" in: ${w}`);
          assert.ok(!/\b(auth|review|license|classify)\.[A-Za-z]/.test(w), `step id in: ${w}`);
        }
        for (const s of e.items.flatMap((i) => i.trace)) {
          assert.ok(s.title && s.title !== s.rule && !/^Rule step$/.test(s.title), `untitled step ${s.rule}`);
        }
      }
    }
  });
  test('numbers read as numbers', () => {
    const [e] = evals({ mode: 'as_written', destination: 'DE', endUser: { name: 'Berlin', headquarters: 'DE' }, items: [{ ...H100, quantity: 1000 }] });
    assert.ok(e.items[0].trace.some((s) => /15,832,000 TPP received by the consignee under AIA.*below the 253,000,000 TPP reporting threshold/.test(s.test)), e.items[0].trace.map((s) => s.test).join(' | '));
  });
});

describe('License Exception lines of the CCL are pack data', () => {
  const z = (eccn: string, dest = 'BR') => evals({ mode: 'as_written', destination: dest, endUser: { name: 'Rio', headquarters: dest }, items: [{ kind: 'other', eccn, quantity: 1, approvedDesigner: true }] })[0];
  test('5A002.z.1.a through z.5.a are LPP-eligible per the 5A002 entry, and the trace says § 740.29 as transcribed disagrees', () => {
    for (const p of ['z.1.a', 'z.2.a', 'z.3.a', 'z.4.a', 'z.5.a']) {
      const e = z(`5A002.${p}`);
      assert.equal(e.items[0].authorization, 'LPP', p);
      assert.ok(e.items[0].trace.some((s) => s.rule === 'auth.LPP.sources' && /does not list/.test(s.test) && /LPP: Yes for 5A002\.z\.1\.a/.test(s.test)));
    }
  });
  test('3A090.a agrees in both and gets no disagreement step', () => {
    const e = z('3A090.a');
    assert.ok(!e.items[0].trace.some((s) => /sources$/.test(s.rule)));
  });
});

describe('headquarters-test licenses (§ 744.23(d)(3)(i)) and Data Center VEU transfers (§ 748.15(a))', () => {
  const hqCn = { destination: 'BR', endUser: { name: 'Sub', headquarters: 'BR', ultimateParentHeadquarters: 'CN' } };
  test('a .b chip to a D:5-parented entity outside D:1/D:4/D:5 can go under NAC (§ 740.8) in both modes', () => {
    for (const e of evals({ ...hqCn, items: [{ kind: 'ic', quantity: 1, tppPerUnit: 3000, performanceDensity: 2, datacenter: true }] })) assert.equal(e.items[0].authorization, 'NAC', e.mode);
  });
  test('a license required only by the headquarters test, for an item NAC does not cover: case-by-case unless a datacenter .a item (enforced)', () => {
    const soft = (datacenter: boolean) => evals({ ...hqCn, mode: 'enforced', date: '2026-07-01', items: [{ kind: 'software', eccn: '3D001', quantity: 1, datacenter }] })[0].items[0];
    const notDc = soft(false);
    assert.deepEqual([notDc.authorization, notDc.reviewPolicy], ['LICENSE', 'case_by_case']);
    assert.ok(notDc.trace.some((s) => s.citation === '15 CFR 744.23(d)(3)(i)'));
    assert.equal(soft(true).reviewPolicy, 'presumption_of_denial');
  });
  test('datacenter .a item to the same entity (enforced): presumption of denial', () => {
    const e = evals({ ...hqCn, mode: 'enforced' })[0];
    assert.deepEqual([e.items[0].authorization, e.items[0].reviewPolicy], ['LICENSE', 'presumption_of_denial']);
  });
  test('an in-country transfer to a UVEU holder is not covered by the VEU (contested, low confidence, warned)', () => {
    const base = { mode: 'as_written', destination: 'DE', transaction: { type: 'reexport', from: 'NL' }, endUser: { name: 'V', headquarters: 'US', veu: { kind: 'UVEU', computeByCountryTpp: { US: 1e9 } } }, items: [{ ...H100, approvedDesigner: false }] };
    const reexport = evals(base)[0];
    assert.equal(reexport.items[0].authorization, 'UVEU');
    const transfer = evals({ ...base, transaction: { type: 'transfer', from: 'DE' } })[0];
    assert.notEqual(transfer.items[0].authorization, 'UVEU');
    assert.ok(transfer.items[0].trace.some((s) => /in-country transfer/.test(s.test) && s.confidence === 'low'));
    assert.ok(transfer.warnings.some((w) => /Transactions a Data Center VEU authorizes: low confidence/.test(w)));
  });
});
