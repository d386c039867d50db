// Ed25519 signatures over the canonical JSON of a pack body. The key id is the first 16 hex digits of
// the SHA-256 of the public key's SPKI DER, so a pack names the key that must verify it.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';
import type { RulePackBody, SignedRulePack } from '../../../shared/domain/rulepack';

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function packSha256(body: RulePackBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export function signPack(body: RulePackBody, privateKey: KeyObject): SignedRulePack {
  const publicKey = createPublicKey(privateKey);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('rule packs are signed with Ed25519 keys');
  const value = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64');
  return { ...body, signature: { alg: 'Ed25519', keyId: keyIdOf(publicKey), value } };
}

export function verifySignature(body: RulePackBody, signatureB64: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(body)), publicKey, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}
