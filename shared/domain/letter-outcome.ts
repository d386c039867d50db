// The outcomes of verifying a determination letter, defined once for the CLI (`tierline verify`), the
// app's Verify screen and the docs (docs/letters.md quotes LETTER_OUTCOMES). The verifier in main/core
// decides which one applies (main/core/letters/outcome.ts); everything that shows or scripts against a
// verdict reads the labels, meanings and exit codes from here.
import { z } from 'zod';

export const LETTER_OUTCOMES = ['VALID', 'VALID_ELSEWHERE', 'VOID', 'SUPERSEDED', 'INVALID', 'ERROR'] as const;
export const LetterOutcomeKind = z.enum(LETTER_OUTCOMES);
export type LetterOutcomeKind = z.infer<typeof LetterOutcomeKind>;

export interface OutcomeDefinition {
  /** What a terminal or the verdict banner prints. */
  label: string;
  /** One sentence for a person: what the verdict means and what to do. */
  meaning: string;
  /** `tierline verify` exit code. */
  exit: 0 | 1 | 2;
  /** Whether a reader may rely on the letter as it stands. */
  reliable: boolean;
}

export const OUTCOME_DEFINITIONS: Record<LetterOutcomeKind, OutcomeDefinition> = {
  VALID: {
    label: 'VALID',
    meaning:
      'The signature covers the whole file, the signer is trusted, the embedded case, determination and QR record agree, and this office\'s register has the letter as issued.',
    exit: 0,
    reliable: true,
  },
  VALID_ELSEWHERE: {
    label: 'VALID (not in this register)',
    meaning:
      'The signature and records check out and the signer is another office on the trust list; only that office\'s register can say whether it has since voided or superseded the letter.',
    exit: 0,
    reliable: true,
  },
  VOID: {
    label: 'VOID',
    meaning: 'The letter is genuine, but this office voided it: do not rely on it.',
    exit: 1,
    reliable: false,
  },
  SUPERSEDED: {
    label: 'SUPERSEDED',
    meaning: 'The letter is genuine, but this office replaced it with a newer letter: rely on that one instead.',
    exit: 1,
    reliable: false,
  },
  INVALID: {
    label: 'INVALID',
    meaning: 'The file is not a genuine, unchanged letter from a trusted office (the reason says which check failed).',
    exit: 1,
    reliable: false,
  },
  ERROR: {
    label: 'ERROR',
    meaning: 'The file could not be checked (not a PDF, too large, unreadable): no verdict on the letter.',
    exit: 2,
    reliable: false,
  },
};

export const LetterOutcome = z.strictObject({
  outcome: LetterOutcomeKind,
  /** Machine-readable cause: OK, a verifier code (DIGEST_MISMATCH, …) or a register code. */
  code: z.string(),
  /** Plain words: why this verdict. */
  reason: z.string(),
  letterNumber: z.string().nullable(),
  /** Officer and office as printed, with the certificate fingerprint. */
  signer: z.string().nullable(),
  signerFingerprint: z.string().nullable(),
  signedAt: z.string().nullable(),
  registerStatus: z.enum(['issued', 'void', 'superseded']).nullable(),
  voidReason: z.string().nullable(),
  /** When the letter was voided or superseded (ISO instant). */
  statusChangedAt: z.string().nullable(),
  /** Number of the letter that replaced this one. */
  supersededBy: z.string().nullable(),
});
export type LetterOutcome = z.infer<typeof LetterOutcome>;

/** One line: `VOID (reason …, voided 2026-…)`, `SUPERSEDED (by TL-…)`, `INVALID (DIGEST_MISMATCH: …)`. */
export function formatOutcome(o: LetterOutcome): string {
  const label = OUTCOME_DEFINITIONS[o.outcome].label;
  switch (o.outcome) {
    case 'VALID':
      return `${label} letter ${o.letterNumber}`;
    case 'VALID_ELSEWHERE':
      return `${label} letter ${o.letterNumber}: ${o.reason}`;
    case 'VOID':
      return `${label} letter ${o.letterNumber} (reason: ${o.voidReason ?? 'none given'}; voided ${o.statusChangedAt ?? 'on an unknown date'})`;
    case 'SUPERSEDED':
      return `${label} letter ${o.letterNumber} (by ${o.supersededBy ?? 'a newer letter'}${o.statusChangedAt ? `, on ${o.statusChangedAt}` : ''})`;
    default:
      return `${label}(${o.code}: ${o.reason})`;
  }
}
