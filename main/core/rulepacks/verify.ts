// Verifies a rule pack file before anything uses it. Fails closed: unsigned, unknown key, bad signature,
// malformed content or an older version than the one installed are all refused with a clear message.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldError } from '../../../shared/domain/issues';
import { formatIssues } from '../../../shared/domain/issues';
import type { LoadedPack, RulePackBody } from '../../../shared/domain/rulepack';
import { RulePackBody as RulePackBodySchema, PackSignature } from '../../../shared/domain/rulepack';
import { validatePackSemantics } from '../../../shared/engine/manifest';
import { packTextOutOfBounds } from './bounds';
import { keyIdOf, packSha256, verifySignature } from './signing';

export type PackErrorCode =
  | 'TOO_LARGE'
  | 'NOT_JSON'
  | 'UNSIGNED'
  | 'MALFORMED_SIGNATURE'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'INVALID_PACK'
  | 'ENGINE_FAILS'
  | 'ROLLBACK'
  | 'VERSION_CONFLICT';

export interface PackError {
  code: PackErrorCode;
  message: string;
  errors?: FieldError[];
}

export type PackResult = { ok: true; pack: LoadedPack; signed: string } | { ok: false; error: PackError };

export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
  source: string;
}

export function trustedKeyFromPem(pem: string, source: string): TrustedKey {
  const publicKey = createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`${source}: not an Ed25519 public key`);
  return { keyId: keyIdOf(publicKey), publicKey, source };
}

/** The app's trust root: the public keys committed in assets/keys. */
export function loadTrustRoot(dir: string): TrustedKey[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pub.pem'))
    .sort()
    .map((f) => trustedKeyFromPem(readFileSync(join(dir, f), 'utf8'), f));
}

export interface VerifyOptions {
  trust: readonly TrustedKey[];
  /** Version and hash of the same pack id already installed, if any. */
  installed?: { version: number; sha256: string } | null;
}

export function verifyPackText(text: string, opts: VerifyOptions): PackResult {
  const bound = packTextOutOfBounds(text);
  if (bound) return { ok: false, error: { code: 'TOO_LARGE', message: `refused before parsing: ${bound}` } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { code: 'NOT_JSON', message: `the pack is not valid JSON: ${(e as Error).message}` } };
  }
  return verifyPackValue(raw, opts);
}

export function verifyPackValue(raw: unknown, opts: VerifyOptions): PackResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: { code: 'INVALID_PACK', message: 'a rule pack is a JSON object', errors: [{ path: '$', message: 'expected an object' }] } };
  }
  const { signature, ...rest } = raw as Record<string, unknown>;
  if (signature === undefined) return { ok: false, error: { code: 'UNSIGNED', message: 'the pack is not signed ($.signature is missing): refused' } };
  const sig = PackSignature.safeParse(signature);
  if (!sig.success) {
    return { ok: false, error: { code: 'MALFORMED_SIGNATURE', message: 'the pack signature is malformed: refused', errors: formatIssues(sig.error).map((e) => ({ ...e, path: e.path.replace(/^\$/, '$.signature') })) } };
  }
  const key = opts.trust.find((k) => k.keyId === sig.data.keyId);
  if (!key) return { ok: false, error: { code: 'UNKNOWN_KEY', message: `the pack is signed by an unknown key (${sig.data.keyId}): refused` } };
  // The signature is checked over the document as received (the canonical JSON of what the bounded
  // JSON.parse read, nothing reshaped), before the schema sees any of it: the schema code only ever runs
  // on content a trusted key signed, and a document the schema would reshape can never verify.
  if (!verifySignature(rest as RulePackBody, sig.data.value, key.publicKey)) {
    return { ok: false, error: { code: 'BAD_SIGNATURE', message: `the pack signature does not verify with key ${key.keyId} (${key.source}): the pack was altered or signed by someone else; refused` } };
  }
  const body = RulePackBodySchema.safeParse(rest);
  if (!body.success) return { ok: false, error: { code: 'INVALID_PACK', message: 'the pack is signed but malformed', errors: formatIssues(body.error) } };
  const semantic = validatePackSemantics(body.data);
  if (semantic.length) return { ok: false, error: { code: 'INVALID_PACK', message: 'the pack is signed but its content is inconsistent', errors: semantic } };
  const sha256 = packSha256(body.data);
  const inst = opts.installed;
  if (inst) {
    if (body.data.version < inst.version) {
      return { ok: false, error: { code: 'ROLLBACK', message: `pack ${body.data.id} version ${body.data.version} is older than the installed version ${inst.version}: refused (rollback)` } };
    }
    if (body.data.version === inst.version && sha256 !== inst.sha256) {
      return { ok: false, error: { code: 'VERSION_CONFLICT', message: `pack ${body.data.id} version ${body.data.version} is already installed with different content: refused` } };
    }
  }
  return { ok: true, pack: { body: body.data, sha256, keyId: key.keyId }, signed: JSON.stringify(raw) };
}
