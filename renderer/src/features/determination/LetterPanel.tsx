// The letter for the determination on screen: its real pages (the core's draft PDF drawn by pdf.js) on
// A4 or US Letter, then issue, save and print. On first use, when there is no signing identity yet, the
// panel creates it in place (the officer's name, the office, the passphrase twice) and goes on to issue:
// letters name and are signed by the officer, never by the computer's login name.
import { useEffect, useState } from 'react';
import { Button, Callout, FormGroup, InputGroup, Radio, RadioGroup, Section, SectionCard } from '@blueprintjs/core';
import { call, isBrowserMode, useAction, useCall } from '../../api/client';
import type { CaseRecord, DeterminationRecord, LetterRecord } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { PdfPages } from '../../components/PdfPages';
import { toastError, toastOk } from '../../components/toaster';
import { formatMoment } from '../../components/format';
import { PAPER_LABEL, usePaper, type PaperSize } from './paper';

export async function savePdf(pdfBase64: string, defaultName: string): Promise<void> {
  const r = await call('files.save', { title: 'Save letter', defaultName, base64: pdfBase64, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (!r.ok) return toastError(r.error);
  toastOk(`Saved ${r.value.path}`);
}

export async function printPdf(pdfBase64: string, title: string): Promise<void> {
  const r = await call('files.print', { pdfBase64, title });
  if (!r.ok) return toastError(r.error);
  if (r.value.printed) toastOk('Sent to the printer.');
  else if (isBrowserMode()) toastOk('The letter opened in a new tab: print it from there (Ctrl+P).');
}

/** The draft PDF for this determination, officer and paper, fetched again when any of them changes (debounced for typing). */
function useDraft(determinationId: number, officer: string, paper: PaperSize | null, shown: boolean) {
  const [draft, setDraft] = useState<{ status: 'idle' } | { status: 'loading' } | { status: 'ok'; pdfBase64: string } | { status: 'error'; error: IpcError }>({ status: 'idle' });
  useEffect(() => {
    if (!shown || !paper) return;
    let live = true;
    // The fetch is external: show loading at once (keeping a shown draft) and the answer when it comes.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDraft((d) => (d.status === 'ok' ? d : { status: 'loading' }));
    const timer = setTimeout(() => {
      void call('letters.preview', { determinationId, officerName: officer.trim() || undefined, pageSize: paper }).then((r) => {
        if (live) setDraft(r.ok ? { status: 'ok', pdfBase64: r.value.pdfBase64 } : { status: 'error', error: r.error });
      });
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [determinationId, officer, paper, shown]);
  return draft;
}

export function LetterPanel({ record, det }: { record: CaseRecord; det: DeterminationRecord }) {
  const [identity, reloadIdentity] = useCall('identity.get', {}, 'identity');
  const [paper, setPaper] = usePaper();
  const [officer, setOfficer] = useState('');
  const [officerTouched, setOfficerTouched] = useState(false);
  const [office, setOffice] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [preview, setPreview] = useState(false);
  const [issued, setIssued] = useState<{ letter: LetterRecord; pdfBase64: string } | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const draft = useDraft(det.id, officer, paper, preview);

  const configured = identity.status === 'ok' && identity.value.configured;
  // The officer who created the identity is the first guess for who issues; never the login name.
  const signer = identity.status === 'ok' ? identity.value.signer : null;
  // The field stays editable: it is seeded from the identity when that arrives, until the user types.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!officerTouched && signer && identity.status === 'ok' && identity.value.signer !== identity.value.office) setOfficer(signer);
  }, [signer, officerTouched, identity]);

  const draftPdf = async () => {
    const r = await run('letters.preview', { determinationId: det.id, officerName: officer || undefined, pageSize: paper ?? undefined });
    if (!r.ok) return setError(r.error);
    await savePdf(r.value.pdfBase64, `draft-case-${record.id}.pdf`);
  };
  const issue = async () => {
    setError(null);
    const r = await run('letters.issue', { determinationId: det.id, officerName: officer, passphrase, pageSize: paper ?? undefined });
    if (!r.ok) return setError(r.error);
    setPassphrase('');
    setAgain('');
    setIssued(r.value);
    toastOk(`Letter ${r.value.letter.number} issued.`);
  };
  const createAndIssue = async () => {
    setError(null);
    const created = await run('identity.create', { office, signer: officer.trim(), passphrase });
    if (!created.ok) return setError(created.error);
    setOfficerTouched(true);
    reloadIdentity();
    toastOk('Signing identity created.');
    await issue();
  };
  const needsReview = det.determination.screening?.status === 'needs_review';
  const mismatch = again.length > 0 && again !== passphrase;
  return (
    <Section compact title="Letter" icon="document" elevation={0} data-testid="letter-panel">
      <SectionCard>
        {issued ? (
          <Callout intent="success" icon="endorsed" title={`Letter ${issued.letter.number} issued`} data-testid="letter-issued">
            <div>Signed by {issued.letter.officerName} at {formatMoment(issued.letter.issuedAt)}. Registered in the letter register.</div>
            <div className="tl-toolbar tl-mt">
              <Button icon="floppy-disk" intent="primary" text="Save PDF…" onClick={() => void savePdf(issued.pdfBase64, `${issued.letter.number}.pdf`)} data-testid="save-letter" />
              <Button icon="print" text="Print…" onClick={() => void printPdf(issued.pdfBase64, issued.letter.number)} />
            </div>
          </Callout>
        ) : (
          <>
            {needsReview && (
              <Callout intent="warning" compact icon="lock" className="tl-mb" data-testid="letter-blocked">
                Screening needs review: confirm or clear each candidate in the screening section before the letter can be issued.
              </Callout>
            )}
            {identity.status === 'loading' && <Loading slow={identity.slow} label="Loading…" />}
            {identity.status === 'error' && <ErrorCallout error={identity.error} onRetry={reloadIdentity} />}
            {identity.status === 'ok' && !configured && (
              <Callout compact intent="primary" icon="key" className="tl-mb" title="First letter: create the signing identity" data-testid="identity-first-use">
                Letters are signed with a key kept on this computer and sealed with a passphrase. Your name is the signer every PDF reader shows; the office is printed in the letterhead.
              </Callout>
            )}
            <div className="tl-toolbar tl-letter-form">
              <FormGroup label="Officer name" labelFor="officer" helperText={configured ? 'Printed on the letter and recorded in the register.' : 'You: printed on the letter and named as its signer.'} style={{ marginBottom: 0 }}>
                <InputGroup id="officer" size="small" value={officer} onValueChange={(v) => { setOfficer(v); setOfficerTouched(true); }} placeholder="e.g. A. Officer" data-testid="officer-name" />
              </FormGroup>
              {identity.status === 'ok' && !configured && (
                <FormGroup label="Office (printed on letters)" labelFor="letter-office" style={{ marginBottom: 0 }}>
                  <InputGroup id="letter-office" size="small" value={office} onValueChange={setOffice} placeholder="e.g. Export Control Office, Example Corp" data-testid="office-name" />
                </FormGroup>
              )}
              <FormGroup label="Passphrase" labelFor="passphrase" helperText={configured ? 'Unlocks the signing key for this letter only.' : 'At least 8 characters; needed for every letter.'} style={{ marginBottom: 0 }}>
                <InputGroup id="passphrase" size="small" type="password" value={passphrase} onValueChange={setPassphrase} data-testid="passphrase" />
              </FormGroup>
              {identity.status === 'ok' && !configured && (
                <FormGroup label="Passphrase again" labelFor="passphrase-again" intent={mismatch ? 'danger' : 'none'} helperText={mismatch ? 'The two passphrases differ.' : ' '} style={{ marginBottom: 0 }}>
                  <InputGroup id="passphrase-again" size="small" type="password" value={again} onValueChange={setAgain} intent={mismatch ? 'danger' : 'none'} data-testid="passphrase-again" />
                </FormGroup>
              )}
            </div>
            <div className="tl-toolbar tl-mt">
              <RadioGroup inline label="Paper" name="letter-paper" selectedValue={paper ?? ''} onChange={(e) => setPaper(e.currentTarget.value as PaperSize)} className="tl-paper" data-testid="letter-paper">
                <Radio value="A4" label={PAPER_LABEL.A4} />
                <Radio value="LETTER" label={PAPER_LABEL.LETTER} />
              </RadioGroup>
              <Button icon="eye-open" text={preview ? 'Hide preview' : 'Preview'} onClick={() => setPreview((p) => !p)} active={preview} />
              <Button icon="document" text="Draft PDF…" onClick={() => void draftPdf()} disabled={busy || !paper} />
              {configured ? (
                <Button icon="endorsed" intent="primary" text="Issue letter" disabled={needsReview || !officer.trim() || !passphrase || !paper} loading={busy} onClick={() => void issue()} data-testid="issue-letter" />
              ) : (
                <Button
                  icon="key"
                  intent="primary"
                  text="Create identity and issue letter"
                  disabled={identity.status !== 'ok' || needsReview || !officer.trim() || !office.trim() || passphrase.length < 8 || again !== passphrase || !paper}
                  loading={busy}
                  onClick={() => void createAndIssue()}
                  data-testid="create-identity-issue"
                />
              )}
            </div>
            {preview && (
              <div className="tl-mt" aria-label="Letter preview" role="region" data-testid="letter-preview" data-paper={paper ?? undefined}>
                <div className="tl-muted tl-mb">Draft on {paper ? PAPER_LABEL[paper] : '…'}: not signed, not registered. The issued letter is this file with its number, QR record and signature.</div>
                {draft.status === 'loading' && <Loading slow label="Rendering the letter…" />}
                {draft.status === 'error' && <ErrorCallout error={draft.error} />}
                {draft.status === 'ok' && <PdfPages base64={draft.pdfBase64} label="Letter preview" />}
              </div>
            )}
          </>
        )}
        {error && <div className="tl-mt"><ErrorCallout error={error} /></div>}
      </SectionCard>
    </Section>
  );
}
