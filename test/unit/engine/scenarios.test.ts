// Every public acceptance scenario (test/fixtures/scenarios.json, a copy of ../shared/rules/scenarios.json), table-driven, through the same path
// the CLI uses: files on disk → `tierline evaluate --json` → a real SQLite store → determinations.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Determination } from '../../../shared/domain/determination';
import { runCli, tempDir, type CliRun } from '../../support/cli';

interface Scenario {
  id: string;
  description: string;
  confidence: string;
  case: { mode?: 'as_written' | 'enforced' } & Record<string, unknown>;
  expected: {
    licenseRequired: boolean;
    destinationTier: number | null;
    effectiveTier: number | null;
    items: { authorization: string[]; eccn?: string; reviewPolicy?: string | null }[];
  };
}

const SCENARIOS = resolve(import.meta.dirname, '../../fixtures/scenarios.json');
const scenarios = (JSON.parse(readFileSync(SCENARIOS, 'utf8')) as { scenarios: Scenario[] }).scenarios;

describe('public scenarios through tierline evaluate --json', () => {
  const dir = tempDir();
  let result: CliRun;
  before(async () => {
    const files = scenarios.map((s) => {
      const f = join(dir.path, `${s.id}.json`);
      writeFileSync(f, JSON.stringify(s.case));
      return f;
    });
    result = await runCli(['evaluate', '--json', '--data-dir', join(dir.path, 'data'), ...files]);
  });
  after(() => dir.cleanup());

  test('one determination per input file, in input order, exit 0', () => {
    assert.equal(result.stderr.join('\n'), '');
    assert.equal(result.code, 0);
    assert.equal(result.stdout.length, scenarios.length);
  });

  scenarios.forEach((s, i) => {
    test(`${s.id} (${s.confidence}): ${s.description}`, () => {
      const det = Determination.parse(JSON.parse(result.stdout[i]));
      const mode = s.case.mode ?? 'as_written';
      const ev = det.evaluations.find((e) => e.mode === mode);
      assert.ok(ev, `no ${mode} evaluation`);
      assert.equal(ev.asOf, s.case.date);
      assert.equal(ev.licenseRequired, s.expected.licenseRequired, 'licenseRequired');
      assert.equal(ev.destinationTier, s.expected.destinationTier, 'destinationTier');
      assert.equal(ev.effectiveTier, s.expected.effectiveTier, 'effectiveTier');
      assert.equal(ev.items.length, s.expected.items.length);
      s.expected.items.forEach((exp, k) => {
        const got = ev.items[k];
        assert.ok(exp.authorization.includes(got.authorization), `item ${k}: ${got.authorization} not in ${exp.authorization.join('/')}`);
        if (exp.eccn !== undefined) assert.equal(got.eccn, exp.eccn, `item ${k} eccn`);
        if ('reviewPolicy' in exp) assert.equal(got.reviewPolicy, exp.reviewPolicy, `item ${k} reviewPolicy`);
        assert.ok(got.trace.length > 0 && got.trace.every((t) => t.citation.length > 0), 'every step cites its source');
      });
      if (s.confidence === 'low') {
        assert.ok(
          ev.warnings.length > 0 || ev.items.some((it) => it.trace.some((t) => t.confidence === 'low' || t.confidence === 'unsourced')),
          'a low-confidence scenario must surface its weak basis',
        );
      }
    });
  });
});
