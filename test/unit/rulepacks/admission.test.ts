// Packs fail closed and cannot brick the store: a validly signed pack with a semantic defect (mode
// against id, coverage in 2099, a gap or an overlap in a parameter's versions, a procedure the engine
// does not know) or one the engine cannot evaluate the corpus under is refused at import with the reason
// and nothing stored; an installed version can be deactivated (audited) and the previous one becomes
// active, without lowering the version counter; past a pack's reviewBy every determination warns.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RulePackBody } from '../../../shared/domain/rulepack';
import { Case } from '../../../shared/domain/case';
import { activePackRecord, deactivatePack, latestPack, listAudit, listPacks, openDatabaseOrThrow, verifyAuditChain, type Db } from '../../../main/core/db';
import { admitPack, admissionDates, PACK_CORPUS, signPack, trustedKeyFromPem, verifyPackText, type TrustedKey } from '../../../main/core/rulepacks';
import { activePacks, importPackText } from '../../../main/core/services/packs';
import { evaluateAndRecord } from '../../../main/core/services/evaluate';
import { builtinBodies } from '../../../scripts/build-packs';
import { builtinPackSet } from '../../support/packs';
import { runCli, tempDir } from '../../support/cli';

const key = generateKeyPairSync('ed25519');
const trust: TrustedKey[] = [trustedKeyFromPem(key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'test key')];
const [asWritten, enforced] = builtinBodies();
const TODAY = '2026-12-03';
const FIXTURES = join(import.meta.dirname, '../../fixtures/cases');

function signed(body: RulePackBody): string {
  return JSON.stringify(signPack(body, key.privateKey));
}
function version(body: RulePackBody, v: number): RulePackBody {
  return { ...structuredClone(body), version: v };
}
function snapshot(db: Db) {
  return { packs: JSON.stringify(listPacks(db)), audit: listAudit(db, { limit: 100_000 }).length };
}

describe('admission: the corpus and the built-in packs', () => {
  test('every corpus case is a valid case document', () => {
    for (const c of PACK_CORPUS) {
      const { name, ...doc } = c;
      const r = Case.safeParse({ ...doc, date: '2025-06-01' });
      assert.ok(r.success, `${name}: ${r.success ? '' : r.error.message}`);
    }
  });

  test('both built-in packs are admitted: the corpus and the fixture cases evaluate on every date their rules change', () => {
    const fixtures = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json') && !f.startsWith('invalid'))
      .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as unknown);
    assert.ok(fixtures.length >= 3);
    const set = builtinPackSet();
    for (const pack of [set.as_written, set.enforced]) {
      assert.equal(admitPack(pack, { today: TODAY, extraCases: fixtures }), null, pack.body.id);
      const dates = admissionDates(pack, TODAY);
      assert.equal(dates[0], pack.body.coverageFrom);
      assert.ok(dates.length >= 5 && dates.includes(TODAY), `${pack.body.id}: ${dates.join(' ')}`);
    }
  });
});

describe('admission: each pack defect is refused with the reason and the store unchanged', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const db = openDatabaseOrThrow(join(dir.path, 'admission.sqlite'));
  after(() => db.close());
  const opts = { actor: 'test', trust, today: TODAY };
  assert.ok(importPackText(db, signed(version(asWritten, 1)), opts).ok, 'a sound v1 is installed');
  assert.ok(importPackText(db, signed(version(enforced, 1)), opts).ok);

  const defects: { what: string; body: () => RulePackBody; code: string; path: string; message: RegExp }[] = [
    {
      what: "mode disagrees with the pack's id",
      body: () => ({ ...version(asWritten, 2), mode: 'enforced' }),
      code: 'INVALID_PACK',
      path: '$.mode',
      message: /names mode as_written but the pack's mode is enforced/,
    },
    {
      what: 'an id that names no mode',
      body: () => ({ ...version(asWritten, 2), id: 'us-bis.ai-diffusion' }),
      code: 'INVALID_PACK',
      path: '$.mode',
      message: /does not name its mode/,
    },
    {
      what: 'coverage starting in 2099',
      body: () => {
        const b = version(asWritten, 2);
        b.coverageFrom = '2099-01-01';
        b.issued = '2099-01-01';
        return b;
      },
      code: 'INVALID_PACK',
      path: '$.coverageFrom',
      message: /coverage starts 2099-01-01, after today \(2026-12-03\)/,
    },
    {
      what: 'a parameter with no version on some dates (a gap)',
      body: () => {
        const b = version(asWritten, 2);
        b.parameters['lpp.capTppPerConsigneeYear'].versions = [
          { from: '2022-10-07', to: '2024-12-31', value: 26_900_000 },
          { from: '2025-02-01', to: null, value: 26_900_000 },
        ];
        return b;
      },
      code: 'INVALID_PACK',
      path: '$.parameters["lpp.capTppPerConsigneeYear"].versions',
      message: /period 1 starts 2025-02-01; expected 2025-01-01/,
    },
    {
      what: 'a parameter with two versions on one date (an overlap)',
      body: () => {
        const b = version(asWritten, 2);
        b.parameters['nac.noticeDays'].versions = [
          { from: '2022-10-07', to: '2025-06-30', value: 25 },
          { from: '2025-06-01', to: null, value: 30 },
        ];
        return b;
      },
      code: 'INVALID_PACK',
      path: '$.parameters["nac.noticeDays"].versions',
      message: /expected 2025-07-01/,
    },
    {
      what: 'a procedure the engine does not have',
      body: () => {
        const b = version(asWritten, 2);
        (b.status[0] as { procedure: string }).procedure = 'quantum_controls';
        return b;
      },
      code: 'INVALID_PACK',
      path: '$.status[0].procedure',
      message: /advanced_computing|ai_diffusion/,
    },
    {
      what: 'a review date before the issue date',
      body: () => ({ ...version(asWritten, 2), reviewBy: '2020-01-01' }),
      code: 'INVALID_PACK',
      path: '$.reviewBy',
      message: /before it was issued/,
    },
  ];

  for (const d of defects) {
    test(d.what, () => {
      const before = snapshot(db);
      const r = importPackText(db, signed(d.body()), opts);
      assert.equal(r.ok, false, 'refused');
      assert.ok(!r.ok);
      assert.equal(r.error.code, d.code, r.error.message);
      const e = r.error.errors?.find((x) => x.path === d.path);
      assert.ok(e, `an error at ${d.path}: ${JSON.stringify(r.error.errors)}`);
      assert.match(e.message, d.message);
      assert.deepEqual(snapshot(db), before, 'nothing stored, nothing audited');
      assert.equal(activePacks(db, trust).as_written.body.version, 1, 'evaluation still uses v1');
    });
  }

  test('a pack the engine cannot evaluate is refused ENGINE_FAILS, naming the corpus case and date', () => {
    // No schema-valid pack found so far makes this engine throw (the manifest checks every value's
    // shape); the gate is there for the day the manifest and the procedures disagree. Here the pack
    // object lacks a parameter the procedures read, as a manifest that forgot one would let through.
    const set = builtinPackSet();
    const body = structuredClone(set.as_written.body);
    delete (body.parameters as Record<string, unknown>)['lpp.capTppPerConsigneeYear'];
    const r = admitPack({ ...set.as_written, body }, { today: TODAY });
    assert.equal(r?.code, 'ENGINE_FAILS');
    assert.match(r?.message ?? '', /the engine cannot evaluate the test corpus under this pack \(\d+ failures?; first: corpus "Tier 1 data center, H100 servers" on 2022-10-07: the engine fails: rule pack us-bis.ai-diffusion.as-written does not cover 2022-10-07: parameter lpp.capTppPerConsigneeYear is missing\)/);
    assert.ok((r?.errors?.length ?? 0) <= 20, 'at most 20 failures are listed');
  });

  test('the signature is checked before the schema sees the content', () => {
    // a document the schema would refuse, signed by nobody we trust: the answer is about the signature
    const hostile = JSON.stringify({ ...JSON.parse(signed(version(asWritten, 2))), parameters: { 'x.y': { title: 1 } } });
    const r = verifyPackText(hostile, { trust });
    assert.equal(!r.ok && r.error.code, 'BAD_SIGNATURE');
    const garbage = JSON.stringify({ signature: { alg: 'Ed25519', keyId: '0'.repeat(16), value: 'AAAA' }, parameters: [[[]]] });
    assert.equal((verifyPackText(garbage, { trust }) as { error: { code: string } }).error.code, 'UNKNOWN_KEY');
  });
});

describe('deactivating a pack version', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const db = openDatabaseOrThrow(join(dir.path, 'deactivate.sqlite'));
  after(() => db.close());
  const opts = { actor: 'test', trust, today: TODAY };
  const CASE = JSON.parse(readFileSync(join(FIXTURES, 'sc63-lpp-brazil-2026.json'), 'utf8')) as unknown;

  test('v3 deactivated: evaluations fall back to v2, the counter stays at 3, rollback by import is still refused', () => {
    for (const v of [2, 3]) assert.ok(importPackText(db, signed(version(asWritten, v)), opts).ok);
    assert.ok(importPackText(db, signed(version(enforced, 1)), opts).ok);
    assert.equal(activePacks(db, trust).as_written.body.version, 3);
    const auditBefore = listAudit(db, { limit: 100_000 }).length;
    const r = deactivatePack(db, { id: asWritten.id, version: 3, reason: 'cap table mistyped in v3' }, { actor: 'officer' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.fallback.version, 2);
    assert.equal(activePackRecord(db, asWritten.id)?.version, 2);
    assert.equal(latestPack(db, asWritten.id)?.version, 3, 'the version counter is not lowered');
    assert.equal(activePacks(db, trust).as_written.body.version, 2);
    const ev = evaluateAndRecord(db, CASE, { actor: 'test', packs: activePacks(db, trust) });
    assert.ok(ev.ok);
    assert.equal(ev.value.determination.evaluations[0].rulePack.version, 2, 'the determination cites v2');
    // audited, with the reason, and chained: audit verify still passes
    const entries = listAudit(db, { limit: 100_000 });
    assert.equal(entries.length > auditBefore, true);
    const entry = entries.find((e) => e.action === 'pack.deactivated');
    assert.ok(entry);
    assert.equal(entry.actor, 'officer');
    assert.equal((entry.details as { reason: string }).reason, 'cap table mistyped in v3');
    assert.ok(verifyAuditChain(db).ok);
    // importing v1 (older than the counter) is still a rollback; v3 again is the same pack, stays off
    const before = snapshot(db);
    const rollback = importPackText(db, signed(version(asWritten, 1)), opts);
    assert.equal(!rollback.ok && rollback.error.code, 'ROLLBACK');
    const again = importPackText(db, signed(version(asWritten, 3)), opts);
    assert.ok(again.ok && !again.value.created);
    assert.equal(activePackRecord(db, asWritten.id)?.version, 2);
    assert.deepEqual(snapshot(db), before);
    // a corrected v4 becomes active
    assert.ok(importPackText(db, signed(version(asWritten, 4)), opts).ok);
    assert.equal(activePacks(db, trust).as_written.body.version, 4);
  });

  test('refusals: unknown version, already deactivated, the last active version, no reason; nothing stored', () => {
    const before = snapshot(db);
    const cases: [Parameters<typeof deactivatePack>[1], string, RegExp][] = [
      [{ id: asWritten.id, version: 9, reason: 'x' }, 'NOT_FOUND', /version 9 is not installed/],
      [{ id: asWritten.id, version: 3, reason: 'again' }, 'CONFLICT', /already deactivated/],
      [{ id: enforced.id, version: 1, reason: 'only one' }, 'CONFLICT', /nothing to fall back to/],
      [{ id: asWritten.id, version: 2, reason: '   ' }, 'INVALID_INPUT', /reason/],
    ];
    for (const [input, code, message] of cases) {
      const r = deactivatePack(db, input, { actor: 'officer' });
      assert.equal(!r.ok && r.error.code, code, JSON.stringify(input));
      assert.match(!r.ok ? r.error.message : '', message);
    }
    assert.deepEqual(snapshot(db), before);
  });

  test('the store refuses to change or delete a deactivation, or to delete a pack', () => {
    const raw = db.prepare('SELECT count(*) FROM pack_deactivations').pluck().get();
    assert.equal(raw, 1);
    assert.throws(() => db.prepare('DELETE FROM pack_deactivations').run(), /never deleted/);
    assert.throws(() => db.prepare("UPDATE pack_deactivations SET reason = 'x'").run(), /never changed/);
    assert.throws(() => db.prepare('DELETE FROM rule_packs').run(), /never deleted/);
  });
});

describe('packs deactivate on the command line', () => {
  test('deactivate ID VERSION --reason: the previous version becomes active; list says so; errors exit 1 or 2', async () => {
    const dir = tempDir();
    try {
      const db = openDatabaseOrThrow(join(dir.path, 'tierline.sqlite'));
      try {
        for (const v of [5, 6]) assert.ok(importPackText(db, signed(version(asWritten, v)), { actor: 'test', trust, today: TODAY }).ok);
      } finally {
        db.close();
      }
      const args = ['--data-dir', dir.path, 'packs', 'deactivate'];
      const noReason = await runCli([...args, asWritten.id, '6']);
      assert.equal(noReason.code, 2);
      assert.match(noReason.stderr.join('\n'), /--reason/);
      const badVersion = await runCli([...args, asWritten.id, 'six', '--reason', 'x']);
      assert.equal(badVersion.code, 2);
      const ok = await runCli([...args, asWritten.id, '6', '--reason', 'wrong cap table']);
      assert.equal(ok.code, 0, ok.stderr.join('\n'));
      assert.match(ok.stdout.join('\n'), new RegExp(`deactivated ${asWritten.id} v6; ${asWritten.id} v5 is now active`));
      const list = await runCli(['--data-dir', dir.path, 'packs', 'list']);
      assert.match(list.stdout.join('\n'), /v6 .*deactivated .*\(wrong cap table\)/);
      assert.match(list.stdout.join('\n'), /v5 .*active/);
      const twice = await runCli([...args, asWritten.id, '6', '--reason', 'again']);
      assert.equal(twice.code, 1);
      assert.match(twice.stderr.join('\n'), /already deactivated/);
      const audit = await runCli(['--data-dir', dir.path, 'audit', 'verify']);
      assert.equal(audit.code, 0, [...audit.stdout, ...audit.stderr].join('\n'));
    } finally {
      dir.cleanup();
    }
  });
});

describe('reviewBy: past it, every determination warns', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const db = openDatabaseOrThrow(join(dir.path, 'review.sqlite'));
  after(() => db.close());
  const CASE = JSON.parse(readFileSync(join(FIXTURES, 'sc01-aia-germany.json'), 'utf8')) as unknown;

  test('a pack reviewed by 2026-06-30: warned on 2026-12-03 (naming the pack date), not on 2026-06-30', () => {
    const reviewed = { ...version(asWritten, 7), issued: '2026-01-15', reviewBy: '2026-06-30' };
    assert.ok(importPackText(db, signed(reviewed), { actor: 'test', trust, today: TODAY }).ok);
    assert.ok(importPackText(db, signed(version(enforced, 7)), { actor: 'test', trust, today: TODAY }).ok);
    const packs = activePacks(db, trust);
    const late = evaluateAndRecord(db, CASE, { actor: 'test', packs, today: TODAY });
    assert.ok(late.ok);
    const w = late.value.determination.evaluations[0].warnings.find((x) => /may be out of date/.test(x));
    assert.ok(w, late.value.determination.evaluations[0].warnings.join('\n'));
    assert.match(w, new RegExp(`${asWritten.id} v7 \\(issued 2026-01-15\\) was to be reviewed by 2026-06-30`));
    const onTime = evaluateAndRecord(db, CASE, { actor: 'test', packs, today: '2026-06-30' });
    assert.ok(onTime.ok);
    assert.ok(!onTime.value.determination.evaluations[0].warnings.some((x) => /may be out of date/.test(x)));
  });

  test('a pack without reviewBy never warns (the built-in packs have none)', () => {
    for (const b of builtinBodies()) assert.equal(b.reviewBy, undefined);
  });
});
