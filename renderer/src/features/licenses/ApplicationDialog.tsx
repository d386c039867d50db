// From a determination that needs a license: a draft of what BIS's license application (SNAP-R / Form
// BIS-748P) asks for, to download as a structured file (JSON) and as a printable PDF. Nothing is sent.
import { useState } from 'react';
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import type { EvaluationMode } from '../../../../shared/domain/case';
import type { Evaluation } from '../../../../shared/domain/determination';
import type { ApplicationDraft } from '../../../../shared/ipc/contract-ledger';
import type { IpcError } from '../../../../shared/ipc/result';
import { call, textToBase64, useAction } from '../../api/client';
import { ErrorCallout } from '../../components/ErrorCallout';
import { toastError, toastOk } from '../../components/toaster';

const MODE_NAME: Record<EvaluationMode, string> = { enforced: 'enforced', as_written: 'as written' };

export function ApplicationDialog({ caseId, evaluations, onClose }: { caseId: number; evaluations: Evaluation[]; onClose: () => void }) {
  const needing = evaluations.filter((e) => e.licenseRequired).map((e) => e.mode);
  const [mode, setMode] = useState<EvaluationMode | ''>('');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [address, setAddress] = useState('');
  const [endUse, setEndUse] = useState('');
  const [draft, setDraft] = useState<ApplicationDraft | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();

  const make = async () => {
    setError(null);
    const applicant = name.trim() ? { name: name.trim(), country: country.trim().toUpperCase(), ...(address.trim() ? { address: address.trim() } : {}) } : undefined;
    const r = await run('licenses.application', { caseId, mode: mode || undefined, applicant, endUseStatement: endUse.trim() || undefined });
    if (!r.ok) return setError(r.error);
    setDraft(r.value);
  };
  const save = async (fileName: string, base64: string, ext: string) => {
    const r = await call('files.save', { title: 'Save the draft application', defaultName: fileName, base64, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
    if (!r.ok) return toastError(r.error);
    toastOk(`Saved ${r.value.path}`);
  };
  const print = async () => {
    if (!draft) return;
    const r = await call('files.print', { pdfBase64: draft.pdfBase64, title: draft.pdfFileName });
    if (!r.ok) return toastError(r.error);
    toastOk(r.value.printed ? 'Sent to the printer.' : 'The draft opened in a new tab: print it from there (Ctrl+P).');
  };

  return (
    <Dialog isOpen onClose={onClose} title={`Start a license application — case ${caseId}`} icon="document-open" style={{ width: 640 }}>
      <DialogBody>
        <p className="tl-help">
          A draft of what the license application (Form BIS-748P, filed through SNAP-R) asks for, filled from this case and its determination ({needing.map((m) => MODE_NAME[m]).join(' and ')} need{needing.length === 1 ? 's' : ''} a license). It is a help for filling SNAP-R: nothing is sent anywhere.
        </p>
        {needing.length > 1 && (
          <FormGroup label="Reasoning from" labelFor="app-mode">
            <HTMLSelect id="app-mode" value={mode} onChange={(e) => setMode(e.target.value as EvaluationMode | '')} options={[{ value: '', label: 'both modes' }, ...needing.map((m) => ({ value: m, label: `${MODE_NAME[m]} only` }))]} />
          </FormGroup>
        )}
        <FormGroup label="Applicant (Block 14), optional" labelFor="app-name" helperText="Left empty, the draft lists it as still to complete.">
          <InputGroup id="app-name" placeholder="Name" value={name} onValueChange={setName} />
        </FormGroup>
        {name.trim() && (
          <div className="tl-form-fields">
            <FormGroup label="Applicant country" labelFor="app-country"><InputGroup id="app-country" placeholder="e.g. US" maxLength={2} value={country} onValueChange={setCountry} /></FormGroup>
            <FormGroup label="Applicant address" labelFor="app-address"><InputGroup id="app-address" value={address} onValueChange={setAddress} /></FormGroup>
          </div>
        )}
        <FormGroup label="Specific end use (Block 21), optional" labelFor="app-enduse" helperText="Left empty, a draft statement built from the case is filled in.">
          <TextArea id="app-enduse" fill value={endUse} onChange={(e) => setEndUse(e.target.value)} />
        </FormGroup>
        {error && <ErrorCallout error={error} />}
        {draft && (
          <Callout intent="success" icon="document" title={`Draft ready: ${draft.items} item(s)`} data-testid="application-draft">
            <div>Reasoning from: {draft.modes.map((m) => MODE_NAME[m]).join(', ')}. Still to complete before filing ({draft.missing.length}):</div>
            <ul className="tl-obligations" data-testid="application-missing">{draft.missing.map((x, i) => <li key={i}>{x}</li>)}</ul>
            <div className="tl-toolbar tl-mt">
              <Button icon="download" text="Download JSON" onClick={() => void save(draft.fileName, textToBase64(draft.json), 'json')} data-testid="application-json" />
              <Button icon="download" text="Download PDF" onClick={() => void save(draft.pdfFileName, draft.pdfBase64, 'pdf')} data-testid="application-pdf" />
              <Button icon="print" text="Print PDF" onClick={() => void print()} data-testid="application-print" />
            </div>
          </Callout>
        )}
      </DialogBody>
      <DialogFooter actions={<><Button text="Close" onClick={onClose} /><Button intent="primary" icon="document" text={draft ? 'Draft again' : 'Draft the application'} loading={busy} onClick={() => void make()} data-testid="application-make" /></>} />
    </Dialog>
  );
}
