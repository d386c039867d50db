// The scrypt parameters of a stored identity are data an attacker with the file can choose: absurd ones
// are refused before scrypt runs, with the parameter named; new records use N = 2^17 by default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdentity, DEFAULT_KDF, IdentityError, kdfOutOfBounds, unlockIdentity, type StoredIdentity } from '../../../main/core/identity';
import { OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from './fixtures';

test('new records default to N = 2^17, r = 8, p = 1 (identity.test.ts unlocks one)', () => {
  assert.deepEqual(DEFAULT_KDF, { N: 2 ** 17, r: 8, p: 1 });
});

test('a record with absurd N, r or p is refused before deriving, naming the parameter', () => {
  const rec = createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
  const hostile: [Partial<StoredIdentity['kdf']> | Record<string, unknown>, RegExp][] = [
    [{ N: 2 ** 40 }, /N=1099511627776 \(allowed: a power of two from 2\^10 to 2\^20\)/],
    [{ N: 2 ** 21 }, /N=2097152/],
    [{ N: 3000 }, /N=3000/],
    [{ N: 2 }, /N=2 /],
    [{ N: '1024' }, /N="1024"/],
    [{ N: -1024 }, /N=-1024/],
    [{ r: 1 << 20 }, /r=1048576 \(allowed: 1 to 16\)/],
    [{ r: 0 }, /r=0/],
    [{ p: 1e9 }, /p=1000000000 \(allowed: 1 to 4\)/],
    [{ p: 1.5 }, /p=1.5/],
    [{ N: 2 ** 20, r: 16 }, /need 2048 MiB \(allowed: at most 512 MiB\)/],
  ];
  for (const [change, message] of hostile) {
    const bad = { ...rec, kdf: { ...rec.kdf, ...change } } as StoredIdentity;
    const t0 = performance.now();
    assert.throws(
      () => unlockIdentity(bad, PASSPHRASE),
      (e: unknown) => e instanceof IdentityError && e.code === 'BAD_RECORD' && /key-derivation parameters are out of bounds/.test(e.message) && message.test(e.message),
      JSON.stringify(change),
    );
    assert.ok(performance.now() - t0 < 2000, 'refused without running scrypt');
  }
  assert.equal(kdfOutOfBounds({ N: 2 ** 17, r: 8, p: 1 }), null);
  assert.equal(kdfOutOfBounds(TEST_KDF), null);
});

test('creating with out-of-bounds parameters is refused too', () => {
  assert.throws(() => createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: { N: 2 ** 9, r: 8, p: 1 }, now: TEST_NOW }), /scrypt parameters out of bounds: N=512/);
});
