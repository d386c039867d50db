// Letter preview, issue (officer name), save and print, for the determination on screen.
import { useState } from 'react';
import { Button, Callout, FormGroup, InputGroup, Section, SectionCard } from '@blueprintjs/core';
import { call, isBrowserMode, useAction } from '../../api/client';
import type { CaseRecord, DeterminationRecord, LetterRecord } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorCallout } from '../../components/ErrorCallout';
import { toastError, toastOk } from '../../components/toaster';
import { AUTH_LABEL, MODE_LABEL, POLICY_LABEL } from './labels';
import { countryLabel } from '../cases/labels';
import { formatDate, formatMoment } from '../../components/format';

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

function LetterPreview({ record, det, officer }: { record: CaseRecord; det: DeterminationRecord; officer: string }) {
  const c = record.case;
  return (
    <article className="tl-letter-preview" aria-label="Letter preview" data-testid="letter-preview">
      <div className="tl-muted">DRAFT — not signed, not registered</div>
      <h3>Export control determination</h3>
      <p>
        Case {record.id}{c.reference ? ` (${c.reference})` : ''}: {c.items.length} item(s) to {c.endUser.name}, {countryLabel(c.destination)}, on {formatDate(c.date)}.
      </p>
      {det.determination.evaluations.map((e) => (
        <section key={e.mode}>
          <strong>{MODE_LABEL[e.mode]}</strong> — rule pack {e.rulePack.id} v{e.rulePack.version}. {e.regimeStatus}
          <ul>
            {e.items.map((it) => (
              <li key={it.index}>
                Item {it.index + 1} ({c.items[it.index]?.description ?? c.items[it.index]?.kind}): {it.eccn ?? 'no ECCN'}; {AUTH_LABEL[it.authorization]}
                {it.reviewPolicy ? `; ${POLICY_LABEL[it.reviewPolicy]}` : ''}.
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>Case document SHA-256: <span className="tl-mono">{det.determination.caseSha256}</span></p>
      <p>Issued by: {officer || '(officer name)'}</p>
    </article>
  );
}

export function LetterPanel({ record, det }: { record: CaseRecord; det: DeterminationRecord }) {
  const [officer, setOfficer] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState(false);
  const [issued, setIssued] = useState<{ letter: LetterRecord; pdfBase64: string } | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();

  const draftPdf = async () => {
    const r = await run('letters.preview', { determinationId: det.id, officerName: officer || undefined });
    if (!r.ok) return setError(r.error);
    await savePdf(r.value.pdfBase64, `draft-case-${record.id}.pdf`);
  };
  const issue = async () => {
    setError(null);
    const r = await run('letters.issue', { determinationId: det.id, officerName: officer, passphrase });
    if (!r.ok) return setError(r.error);
    setPassphrase('');
    setIssued(r.value);
    toastOk(`Letter ${r.value.letter.number} issued.`);
  };
  const needsReview = det.determination.screening?.status === 'needs_review';
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
            <div className="tl-toolbar">
              <FormGroup label="Officer name" labelFor="officer" inline helperText="Printed on the letter and recorded in the register." style={{ marginBottom: 0 }}>
                <InputGroup id="officer" size="small" value={officer} onValueChange={setOfficer} placeholder="e.g. A. Officer" data-testid="officer-name" />
              </FormGroup>
              <FormGroup label="Passphrase" labelFor="passphrase" inline helperText="Unlocks the signing key for this letter only." style={{ marginBottom: 0 }}>
                <InputGroup id="passphrase" size="small" type="password" value={passphrase} onValueChange={setPassphrase} data-testid="passphrase" />
              </FormGroup>
              <Button icon="eye-open" text={preview ? 'Hide preview' : 'Preview'} onClick={() => setPreview((p) => !p)} active={preview} />
              <Button icon="document" text="Draft PDF…" onClick={() => void draftPdf()} disabled={busy} />
              <Button icon="endorsed" intent="primary" text="Issue letter" disabled={needsReview || !officer.trim() || !passphrase} loading={busy} onClick={() => void issue()} data-testid="issue-letter" />
            </div>
            {preview && <div className="tl-mt"><LetterPreview record={record} det={det} officer={officer} /></div>}
          </>
        )}
        {error && <div className="tl-mt"><ErrorCallout error={error} /></div>}
      </SectionCard>
    </Section>
  );
}
