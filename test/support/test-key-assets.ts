// A private copy of assets/ whose pack trust root also holds a throwaway Ed25519 test key, so a test can
// sign a candidate rule pack itself (the release key stays outside the repository). Sets TIERLINE_ASSETS,
// so call it before the core first reads its trust root.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export function assetsWithTestKey(name: string): { dir: string; testKey: { publicKey: KeyObject; privateKey: KeyObject } } {
  const dir = mkdtempSync(join(tmpdir(), `tierline-${name}-assets-`));
  const testKey = generateKeyPairSync('ed25519');
  for (const entry of readdirSync(join(ROOT, 'assets'))) if (entry !== 'keys') symlinkSync(join(ROOT, 'assets', entry), join(dir, entry));
  mkdirSync(join(dir, 'keys'));
  cpSync(join(ROOT, 'assets', 'keys'), join(dir, 'keys'), { recursive: true });
  writeFileSync(join(dir, 'keys', `${name}-test.pub.pem`), testKey.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  process.env.TIERLINE_ASSETS = dir;
  return { dir, testKey };
}
