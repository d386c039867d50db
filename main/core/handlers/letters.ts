// letters.*: preview, issue (sign, number, register), the register, void / supersede, and verification
// of a dropped PDF (signature, trust list, register status).
import { auditHead, getCase, getDetermination, getLetter, listLetters, type Db, type LetterSummary } from '../db';
import { IdentityError, loadStoredIdentity, trustedFingerprints, unlockIdentity, type UnlockedIdentity } from '../identity';
import { issueLetter, registerOf, renderLetter, verifyLetter, voidLetter, MAX_VERIFY_BYTES } from '../letters';
import { OUTCOME_DEFINITIONS } from '../../../shared/domain/letter-outcome';
import { enforcedFirst, modeSentence } from '../../../shared/domain/bottom-line';
import { verdictOf } from '../../../shared/domain/mode-verdict';
import type { LetterDecision, LetterRecord, LetterVerification } from '../../../shared/ipc/contract';
import type { VerifiedLetter } from '../letters/verify';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { fromBase64, toBase64 } from './base64';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

function toRecord(l: LetterSummary): LetterRecord {
  return {
    id: l.id,
    number: l.number,
    caseId: l.caseId,
    determinationId: l.determinationId,
    officerName: l.officer,
    issuedAt: l.issuedAt,
    status: l.status,
    statusReason: l.voidReason,
    supersededBy: l.supersededBy,
    sha256: l.pdfSha256,
  };
}

export function unlock(db: Db, passphrase: string): Result<UnlockedIdentity> {
  const record = loadStoredIdentity(db);
  if (!record) return err('UNAVAILABLE', 'There is no signing identity yet. Create one under Settings → Signing identity, then issue the letter.');
  try {
    return ok(unlockIdentity(record, passphrase));
  } catch (e) {
    if (e instanceof IdentityError && e.code === 'BAD_PASSPHRASE') return err('INVALID_INPUT', 'The passphrase does not unlock the signing key.', { path: '$.passphrase' });
    throw e;
  }
}

/** What the letter decided, from the case and determination its signature covers (not from the store). */
function decisionOf(l: VerifiedLetter): LetterDecision {
  return {
    reference: l.case.reference ?? null,
    caseDate: l.case.date,
    endUser: { name: l.case.endUser.name, headquarters: l.case.endUser.headquarters },
    destination: l.case.destination,
    modes: enforcedFirst(l.determination.evaluations).map((e) => ({
      mode: e.mode,
      asOf: e.asOf,
      verdict: verdictOf(e.items.map((it) => it.authorization)),
      sentence: modeSentence(e),
    })),
  };
}

/** The stored case and determination, checked to belong together (an edited case needs a new evaluation). */
function evidence(db: Db, determinationId: number) {
  const det = getDetermination(db, determinationId);
  if (!det) return err('NOT_FOUND', `There is no determination ${determinationId}.`);
  const c = getCase(db, det.caseId);
  if (!c) return err('NOT_FOUND', `The case of determination ${determinationId} is gone.`);
  if (c.sha256 !== det.caseSha256) return err('CONFLICT', `Case ${c.id} was edited after determination ${determinationId}. Evaluate it again, then issue the letter.`);
  return ok({ det, c });
}

function issue(ctx: HandlerContext, input: { determinationId: number; officerName: string; passphrase: string; pageSize?: 'A4' | 'LETTER' }, supersedes?: number) {
  const db = storeOf(ctx);
  const ev = evidence(db, input.determinationId);
  if (!ev.ok) return ev;
  const id = unlock(db, input.passphrase);
  if (!id.ok) return id;
  const r = issueLetter(
    db,
    { caseId: ev.value.c.id, determinationId: ev.value.det.id, caseDocument: ev.value.c.document, determination: ev.value.det.document, identity: id.value, officer: input.officerName, supersedes, pageSize: input.pageSize },
    { actor: ctx.actor },
  );
  if (!r.ok) return fromDbError(r.error);
  return ok({ letter: toRecord(r.value.letter), pdfBase64: toBase64(r.value.pdf) });
}

export const letterHandlers: Handlers<'letters.preview' | 'letters.issue' | 'letters.list' | 'letters.pdf' | 'letters.verify' | 'letters.void' | 'letters.supersede'> = {
  'letters.preview': ({ determinationId, officerName, pageSize }, ctx) => {
    const db = storeOf(ctx);
    const ev = evidence(db, determinationId);
    if (!ev.ok) return ev;
    const record = loadStoredIdentity(db);
    // Same renderer as the issued letter, but no number, no signature and no QR record: a draft.
    const pdf = renderLetter({
      case: ev.value.c.document,
      determination: ev.value.det.document,
      letterNumber: 'DRAFT (not issued)',
      issuedAt: new Date(),
      officer: officerName?.trim() || '(officer)',
      office: record?.office ?? { name: '(no signing identity yet)' },
      auditHead: auditHead(db),
      qrRecord: 'DRAFT: not a letter; not signed',
      pageSize,
    });
    return ok({ pdfBase64: toBase64(pdf) });
  },
  'letters.issue': (input, ctx) => issue(ctx, input),
  'letters.supersede': ({ id, ...input }, ctx) => {
    const old = getLetter(storeOf(ctx), id);
    if (!old) return err('NOT_FOUND', `There is no letter ${id}.`);
    return issue(ctx, input, id);
  },
  'letters.list': ({ caseId }, ctx) => ok(listLetters(storeOf(ctx), { caseId, limit: 1000 }).map(toRecord)),
  'letters.pdf': ({ id }, ctx) => {
    const l = getLetter(storeOf(ctx), id);
    if (!l) return err('NOT_FOUND', `There is no letter ${id}.`);
    return ok({ fileName: `${l.number}.pdf`, pdfBase64: toBase64(l.pdf) });
  },
  'letters.void': ({ id, reason }, ctx) => {
    const r = voidLetter(storeOf(ctx), id, reason, { actor: ctx.actor });
    if (!r.ok) return fromDbError(r.error);
    return ok(toRecord(r.value));
  },
  'letters.verify': ({ pdfBase64 }, ctx) => {
    const bytes = fromBase64(pdfBase64);
    if (bytes.length > MAX_VERIFY_BYTES) return err('INVALID_INPUT', `The file is larger than ${MAX_VERIFY_BYTES / 1048576} MB; it is not a Tierline letter.`);
    const db = storeOf(ctx);
    const { outcome, verification } = verifyLetter(bytes, trustedFingerprints(db), registerOf(db));
    // A genuine letter (valid, void or superseded) says what it decided; any other verdict shows nothing of its content.
    const genuine = verification.status === 'VALID' && ['VALID', 'VALID_ELSEWHERE', 'VOID', 'SUPERSEDED'].includes(outcome.outcome);
    const answer: LetterVerification = { ...outcome, valid: OUTCOME_DEFINITIONS[outcome.outcome].reliable, decided: genuine ? decisionOf(verification.letter) : null };
    return ok(answer);
  },
};
