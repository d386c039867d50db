import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of the canonical JSON of a value: how case, pack and audit digests are taken. */
export function canonicalSha256(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export const SHA256_RE = /^[0-9a-f]{64}$/;
