// The bottom line of a determination: one sentence per case, enforced first, in the words a reader needs,
// checked on the public scenarios evaluated by the real engine and built-in packs (no hand-made outcomes
// except where a shape the scenarios lack, several items with different answers, needs one).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Case } from '../../../shared/domain/case';
import { bottomLine, bottomLineParts, decisiveStep, enforcedFirst, modeSentence } from '../../../shared/domain/bottom-line';
import type { Evaluation } from '../../../shared/domain/determination';
import { evaluateCase } from '../../../shared/engine';
import { builtinPackSet } from '../../support/packs';

const packs = builtinPackSet();
const scenarios = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'scenarios.json'), 'utf8')) as { scenarios: { id: string; case: Record<string, unknown> }[] }).scenarios;

/** Both modes of a public scenario (its own "mode" field cleared). */
function evaluations(id: string): Evaluation[] {
  const s = scenarios.find((x) => x.id === id);
  assert.ok(s, id);
  const { mode: _mode, ...doc } = s.case;
  return evaluateCase({ case: Case.parse(doc), caseSha256: 'f'.repeat(64), packs, ledger: [] }).determination.evaluations;
}

describe('bottom line', () => {
  test('the issue\'s own example: enforced NLR first, as written license with presumption of denial', () => {
    // SC38: model weights to the UAE in 2025; BIS does not enforce 4E091.
    assert.equal(bottomLine(evaluations('SC38')), 'BIS enforces: no license required, you may ship under NLR. As written: license required, presumption of denial.');
  });

  test('enforced leads even though the engine lists as written first', () => {
    const e = evaluations('SC01');
    assert.equal(e[0].mode, 'as_written');
    assert.deepEqual(enforcedFirst(e).map((x) => x.mode), ['enforced', 'as_written']);
    assert.deepEqual(bottomLineParts(e), [
      { mode: 'enforced', text: 'BIS enforces: no license required, you may ship under NLR.' },
      { mode: 'as_written', text: 'As written: no individual license, you may ship under License Exception AIA if you meet its conditions.' },
    ]);
  });

  test('a license under enforcement says not to ship yet; both modes alike read "the same"', () => {
    assert.equal(bottomLine(evaluations('SC03')), 'BIS enforces: license required, presumption of denial; do not ship until BIS grants it. As written: the same.');
  });

  test('the modes differ only in review policy (H200 to China in 2026): both are spelled out', () => {
    assert.equal(
      bottomLine(evaluations('SC65')),
      'BIS enforces: license required, case-by-case review; do not ship until BIS grants it. As written: license required, presumption of denial.',
    );
  });

  test('a license with no stated review policy says so rather than guessing', () => {
    assert.match(bottomLine(evaluations('SC37')), /As written: license required, review policy not stated by the rule\.$/);
  });

  test('not controlled says under which rules', () => {
    assert.equal(bottomLine(evaluations('SC60')), 'BIS enforces: not controlled under 3A090, 4A090 or 4E091, so no license under these rules. As written: the same.');
  });

  test('one mode only: its sentence alone', () => {
    const [aw] = evaluations('SC05').filter((e) => e.mode === 'as_written');
    assert.equal(bottomLine([aw]), 'As written: license required, presumption of approval.');
    assert.equal(bottomLine([]), '');
  });

  test('items with different answers are grouped, the most restrictive first', () => {
    const [nlr] = evaluations('SC01').filter((e) => e.mode === 'enforced');
    const [lic] = evaluations('SC03').filter((e) => e.mode === 'enforced');
    const mixed: Evaluation = { ...nlr, items: [{ ...nlr.items[0], index: 0 }, { ...lic.items[0], index: 1 }, { ...nlr.items[0], index: 2 }] };
    assert.equal(
      modeSentence(mixed),
      'BIS enforces: item #2: license required, presumption of denial; do not ship until BIS grants it; items #1 and #3: no license required, you may ship under NLR.',
    );
  });

  test('a denied or blocked party: prohibited in both modes, and the screening hit is the why', () => {
    const [lic] = evaluations('SC03').filter((e) => e.mode === 'enforced');
    const hit = { rule: 'screening.denied_persons', citation: '15 CFR 736.2(b)(4)', test: 'consignee matches the Denied Persons List', result: 'Denied Persons List: a denial order forbids taking part in this transaction: PROHIBITED', confidence: 'high' as const };
    const item = { ...lic.items[0], authorization: 'PROHIBITED' as const, reviewPolicy: null, trace: [...lic.items[0].trace, hit] };
    assert.equal(bottomLine([{ ...lic, items: [item] }, { ...lic, mode: 'as_written', items: [item] }]), 'BIS enforces: prohibited, a party is denied or blocked; do not ship, and no license exception helps. As written: the same.');
    assert.equal(decisiveStep(item), hit);
  });
});

describe('why: the step that settled each item', () => {
  const step = (id: string, mode: 'enforced' | 'as_written') => decisiveStep(evaluations(id).find((e) => e.mode === mode)!.items[0]);

  test('NLR: the license-requirement step', () => {
    assert.match(step('SC01', 'enforced')?.rule ?? '', /^license\./);
    assert.match(step('SC38', 'enforced')?.result ?? '', /BIS does not enforce 4E091/);
  });
  test('an exception: its availability, not a later reporting check', () => {
    assert.equal(step('SC01', 'as_written')?.rule, 'auth.AIA');
    assert.match(step('SC07', 'as_written')?.result ?? '', /within the LPP limit/);
    assert.match(step('SC24', 'as_written')?.result ?? '', /UVEU available/);
  });
  test('a license: the review policy step', () => {
    assert.match(step('SC05', 'as_written')?.result ?? '', /presumption of approval/);
    assert.match(step('SC65', 'enforced')?.result ?? '', /case-by-case/);
  });
  test('not controlled: the classification step', () => {
    assert.match(step('SC60', 'enforced')?.rule ?? '', /^classify\./);
  });
});
