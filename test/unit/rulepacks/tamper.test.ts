// Packs fail closed: unsigned, bit-flipped, unknown key, forged key id, malformed content, rollback and
// a same-version conflict are refused with a clear message, and nothing is stored.
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RulePackBody } from '../../../shared/domain/rulepack';
import { evaluateCase } from '../../../shared/engine';
import { Case } from '../../../shared/domain/case';
import { listPacks, listAudit, openDatabaseOrThrow } from '../../../main/core/db';
import { signPack, trustedKeyFromPem, verifyPackText, keyIdOf } from '../../../main/core/rulepacks';
import { importPackText } from '../../../main/core/services/packs';
import { builtinBodies } from '../../../scripts/build-packs';
import { tempDir } from '../../support/cli';

function throwaway(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}
const key = throwaway();
const trust = [trustedKeyFromPem(key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'test key')];
const [asWritten] = builtinBodies();

function signed(body: RulePackBody, k = key.privateKey): string {
  return JSON.stringify(signPack(body, k));
}

describe('pack verification', () => {
  test('a pack signed by a trusted key verifies and hashes its canonical body', () => {
    const r = verifyPackText(signed(asWritten), { trust });
    assert.ok(r.ok);
    assert.equal(r.pack.keyId, keyIdOf(key.publicKey));
    assert.match(r.pack.sha256, /^[0-9a-f]{64}$/);
  });

  test('unsigned pack: UNSIGNED', () => {
    const r = verifyPackText(JSON.stringify(asWritten), { trust });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'UNSIGNED');
  });

  test('one flipped bit anywhere in the content: BAD_SIGNATURE', () => {
    const text = signed(asWritten);
    // Flip a bit inside a country code of the Tier 1 list (DE → DF) and inside a number.
    const flipped = [text.replace('"DE"', '"DF"'), text.replace('26900000', '26900001'), text.replace(`"version":${asWritten.version}`, `"version":${asWritten.version + 1}`)];
    for (const t of flipped) {
      assert.notEqual(t, text);
      const r = verifyPackText(t, { trust });
      assert.equal(!r.ok && r.error.code, 'BAD_SIGNATURE', t.slice(0, 40));
    }
  });

  test('signed by a key the app does not trust: UNKNOWN_KEY', () => {
    const other = throwaway();
    const r = verifyPackText(signed(asWritten, other.privateKey), { trust });
    assert.equal(!r.ok && r.error.code, 'UNKNOWN_KEY');
  });

  test('signed by another key that claims a trusted key id: BAD_SIGNATURE', () => {
    const other = throwaway();
    const forged = signPack(asWritten, other.privateKey);
    forged.signature.keyId = keyIdOf(key.publicKey);
    const r = verifyPackText(JSON.stringify(forged), { trust });
    assert.equal(!r.ok && r.error.code, 'BAD_SIGNATURE');
  });

  test('validly signed but malformed content is refused with the JSON path', () => {
    const gap = structuredClone(asWritten);
    gap.parameters['lpp.capTppPerConsigneeYear'].versions = [{ from: '2023-01-01', to: null, value: 26_900_000 }];
    const r1 = verifyPackText(signed(gap), { trust });
    assert.equal(!r1.ok && r1.error.code, 'INVALID_PACK');
    assert.ok(!r1.ok && r1.error.errors?.some((e) => e.path === '$.parameters["lpp.capTppPerConsigneeYear"].versions'));
    const wrongType = structuredClone(asWritten);
    wrongType.parameters['group.d5'].versions[0].value = 'CN';
    const r2 = verifyPackText(signed(wrongType), { trust });
    assert.ok(!r2.ok && r2.error.errors?.some((e) => e.path === '$.parameters["group.d5"].versions[0].value'));
    const missing = structuredClone(asWritten);
    delete (missing.parameters as Record<string, unknown>)['nveu.quarterCapsTpp'];
    const r3 = verifyPackText(signed(missing), { trust });
    assert.ok(!r3.ok && r3.error.errors?.some((e) => e.path === '$.parameters["nveu.quarterCapsTpp"]' && /missing/.test(e.message)));
    const r4 = verifyPackText('{"id": ', { trust });
    assert.equal(!r4.ok && r4.error.code, 'NOT_JSON');
  });
});

describe('pack import into a real store', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const db = openDatabaseOrThrow(join(dir.path, 'packs.sqlite'));
  after(() => db.close());
  const opts = { actor: 'test', trust };

  test('v2 imports; rolling back to v1 or re-signing v2 differently is refused and stores nothing', () => {
    const v2 = { ...structuredClone(asWritten), version: 2 };
    const r = importPackText(db, signed(v2), opts);
    assert.ok(r.ok && r.value.created);
    const before = { packs: listPacks(db).length, audit: listAudit(db).length };
    const rollback = importPackText(db, signed({ ...structuredClone(asWritten), version: 1 }), opts);
    assert.equal(!rollback.ok && rollback.error.code, 'ROLLBACK');
    assert.match(!rollback.ok ? rollback.error.message : '', /older than the installed version 2/);
    const changed = structuredClone(v2);
    changed.summary = 'different content, same version';
    const conflict = importPackText(db, signed(changed), opts);
    assert.equal(!conflict.ok && conflict.error.code, 'VERSION_CONFLICT');
    const tampered = importPackText(db, signed(v2).replace('"DE"', '"DF"'), opts);
    assert.equal(!tampered.ok && tampered.error.code, 'BAD_SIGNATURE');
    assert.deepEqual({ packs: listPacks(db).length, audit: listAudit(db).length }, before);
    const again = importPackText(db, signed(v2), opts);
    assert.ok(again.ok && !again.value.created, 'the same pack again is a no-op');
  });

  test('a new pack version changes the outcome without a code change (the law is data)', () => {
    const c = Case.parse({
      format: 'tierline.case/1',
      date: '2025-07-01',
      mode: 'as_written',
      destination: 'MY',
      endUser: { name: 'Selangor AI Sdn Bhd', headquarters: 'MY' },
      items: [{ kind: 'ic', quantity: 1000, tppPerUnit: 15832, performanceDensity: 19.45, datacenter: true, approvedDesigner: true }],
    });
    const load = (body: RulePackBody) => {
      const v = verifyPackText(signed(body), { trust });
      assert.ok(v.ok);
      return v.pack;
    };
    const enforced = load(builtinBodies()[1]);
    const base = evaluateCase({ case: c, caseSha256: '0'.repeat(64), packs: { as_written: load(asWritten), enforced }, ledger: [] });
    assert.equal(base.determination.evaluations[0].items[0].authorization, 'LPP');
    const v3 = structuredClone(asWritten);
    v3.version = 3;
    v3.parameters['lpp.capTppPerConsigneeYear'].versions = [{ from: '2022-10-07', to: null, value: 10_000_000 }];
    const after = evaluateCase({ case: c, caseSha256: '0'.repeat(64), packs: { as_written: load(v3), enforced }, ledger: [] });
    const item = after.determination.evaluations[0].items[0];
    assert.equal(item.authorization, 'LICENSE');
    assert.ok(item.trace.some((t) => t.test.includes('≤ 10,000,000')));
    assert.equal(after.determination.evaluations[0].rulePack.version, 3);
  });
});
