// The one place that turns a verification (signature, trust, records) and this office's register into a
// verdict (shared/domain/letter-outcome.ts). The CLI and the IPC handler both call letterOutcome, so a
// voided letter cannot be VALID in one and INVALID in the other.
import type { LetterOutcome } from '../../../shared/domain/letter-outcome';
import { getLetter, getSigningIdentity, type Db } from '../db';
import { normalizeFingerprint, sha256Hex } from '../identity/keys';
import { verifyLetterPdf, type VerifyResult } from './verify';

export interface RegisterView {
  /** Certificate fingerprints this office signs with (its identity). */
  ownFingerprints: readonly string[];
  /** The register's entry for a letter number, or null. */
  lookup(letterNumber: string): {
    status: 'issued' | 'void' | 'superseded';
    pdfSha256: string;
    voidReason: string | null;
    statusChangedAt: string | null;
    supersededBy: string | null;
  } | null;
}

/** This installation's register, read from the store. */
export function registerOf(db: Db): RegisterView {
  const own = getSigningIdentity(db);
  return {
    ownFingerprints: own ? [own.fingerprint] : [],
    lookup(letterNumber) {
      const l = getLetter(db, letterNumber);
      if (!l) return null;
      const by = l.supersededBy !== null ? getLetter(db, l.supersededBy) : null;
      return { status: l.status, pdfSha256: l.pdfSha256, voidReason: l.voidReason, statusChangedAt: l.statusChangedAt, supersededBy: by?.number ?? null };
    },
  };
}

const sentence = (s: string) => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/** Decides the verdict for one file. `register` is null when no store is available (CLI without one). */
export function letterOutcome(v: VerifyResult, pdfSha256: string, register: RegisterView | null): LetterOutcome {
  const base: LetterOutcome = {
    outcome: 'INVALID',
    code: 'OK',
    reason: '',
    letterNumber: null,
    signer: null,
    signerFingerprint: null,
    signedAt: null,
    registerStatus: null,
    voidReason: null,
    statusChangedAt: null,
    supersededBy: null,
  };
  if (v.status === 'ERROR') return { ...base, outcome: 'ERROR', code: v.code, reason: sentence(v.reason) };
  if (v.status === 'INVALID') {
    return {
      ...base,
      code: v.code,
      reason: sentence(v.reason),
      letterNumber: v.letter?.letterNumber ?? null,
      signer: v.letter?.signer?.subject ?? null,
      signerFingerprint: v.letter?.signer?.fingerprint ?? null,
      signedAt: v.letter?.issuedAt ?? null,
    };
  }
  const l = v.letter;
  const found: LetterOutcome = {
    ...base,
    letterNumber: l.letterNumber,
    signer: `${l.officer}, ${l.office.name} (certificate ${l.signer.fingerprint.slice(0, 16)}…)`,
    signerFingerprint: l.signer.fingerprint,
    signedAt: l.issuedAt,
  };
  if (!register) {
    return { ...found, outcome: 'VALID_ELSEWHERE', code: 'NO_REGISTER', reason: 'The signature and records check out; no register was available to say whether the letter still stands.' };
  }
  const own = register.ownFingerprints.map(normalizeFingerprint).includes(normalizeFingerprint(l.signer.fingerprint));
  const entry = register.lookup(l.letterNumber);
  if (!own) {
    // Another trusted office: its letter numbers are its own and may coincide with ours.
    return {
      ...found,
      outcome: 'VALID_ELSEWHERE',
      code: 'OTHER_OFFICE',
      reason: `The signature and records check out and the signer, ${l.office.name}, is on the trust list; this letter is in that office's register, not this one.`,
    };
  }
  if (!entry) {
    return { ...found, code: 'NOT_IN_REGISTER', reason: `The letter is signed with this office's key, but this office's register has no letter ${l.letterNumber}: it was not issued here.` };
  }
  if (entry.pdfSha256 !== pdfSha256) {
    return { ...found, code: 'REGISTER_MISMATCH', registerStatus: entry.status, reason: `The signature is intact, but the register holds different bytes for letter ${l.letterNumber}: this is not the letter that was issued.` };
  }
  const withEntry = { ...found, registerStatus: entry.status, statusChangedAt: entry.statusChangedAt };
  if (entry.status === 'void') {
    return {
      ...withEntry,
      outcome: 'VOID',
      code: 'VOID',
      voidReason: entry.voidReason,
      reason: `The letter is genuine, but it was voided in the register: ${entry.voidReason ?? 'no reason recorded'} (voided ${entry.statusChangedAt ?? 'on an unrecorded date'}).`,
    };
  }
  if (entry.status === 'superseded') {
    return {
      ...withEntry,
      outcome: 'SUPERSEDED',
      code: 'SUPERSEDED',
      supersededBy: entry.supersededBy,
      reason: `The letter is genuine, but it was superseded by letter ${entry.supersededBy ?? '(unknown)'}${entry.statusChangedAt ? ` on ${entry.statusChangedAt}` : ''}: rely on that one.`,
    };
  }
  return {
    ...withEntry,
    outcome: 'VALID',
    reason: 'The signature covers the whole file, the signer is trusted, the embedded case and determination match, and the register has this letter as issued.',
  };
}

/** Verifies bytes with a trust list, then decides the verdict with the register: what the CLI and the app both run. */
export function verifyLetter(bytes: Uint8Array, trustedFingerprints: readonly string[], register: RegisterView | null): { outcome: LetterOutcome; verification: VerifyResult } {
  const verification = verifyLetterPdf(bytes, { trustedFingerprints });
  return { verification, outcome: letterOutcome(verification, sha256Hex(bytes), register) };
}
