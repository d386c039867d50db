// Determination letters: render (pdfkit), sign (PAdES-style CMS), verify, QR records, registry.
export { renderLetter, renderPlainText, letterRecordOf, collectWarnings, regimeNotEnforced, AUTHORIZATION_LABEL, LETTER_FORMAT, ATTACHMENT_CASE, ATTACHMENT_DETERMINATION, ATTACHMENT_LETTER } from './render';
export type { RenderLetterInput, LetterRecord, PageSize, AuditHeadRef, SignerRef } from './render';
export { signPdf, SignError, SIGNATURE_LENGTH } from './sign';
export { verifyLetterPdf, formatVerifyResult, MAX_VERIFY_BYTES } from './verify';
export type { VerifyResult, VerifyCode, VerifyOptions, VerifiedLetter } from './verify';
export { buildSignedLetter } from './build';
export type { BuildLetterInput, SignedLetter } from './build';
export { qrPayloadFor, signQrRecord, parseQrRecord, verifyQrRecord, describeQrPayload, QR_PREFIX } from './qr-record';
export type { QrPayload, QrCheck } from './qr-record';
export { setFontDirectory, splitRuns } from './fonts';
export { issueLetter, registryStatus, voidLetter } from './issue';
export type { IssueLetterInput, IssuedLetter, RegistryStatus } from './issue';
export { letterOutcome, registerOf, verifyLetter } from './outcome';
export type { RegisterView } from './outcome';
