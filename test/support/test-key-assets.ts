// A private copy of assets/ whose pack trust root also holds a throwaway Ed25519 test key, so a test can
// sign a candidate rule pack itself (the release key stays outside the repository). Sets TIERLINE_ASSETS,
// so call it before the core first reads its trust root.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RulePackBody } from '../../shared/domain/rulepack';

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

/**
 * A candidate as-written pack one version above the built-in, whose only change is the LPP limit per
 * consignee and year lowered to 10,000,000 TPP, signed with the test key: what an impact run should flag.
 * The core is imported here, after `assetsWithTestKey` set its trust root.
 */
export async function lowerLppCandidate(privateKey: KeyObject): Promise<{ candidate: unknown; version: number }> {
  const { signPack } = await import('../../main/core/rulepacks');
  const builtin = JSON.parse(readFileSync(join(ROOT, 'assets', 'rulepacks', 'us-bis.ai-diffusion.as-written.json'), 'utf8')) as RulePackBody & { signature: unknown };
  const { signature: _s, ...body } = builtin;
  body.version += 1;
  body.issued = '2026-12-01';
  body.title = `${body.title} (LPP limit 10,000,000: test)`;
  body.parameters['lpp.capTppPerConsigneeYear'].versions = [{ from: '2022-10-07', to: null, value: 10_000_000 }];
  return { candidate: signPack(body, privateKey), version: body.version };
}
