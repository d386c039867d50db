// The letter register: every issued letter, its status, and void / supersede.
import { useState } from 'react';
import { Button, Dialog, DialogBody, DialogFooter, FormGroup, HTMLTable, InputGroup, NonIdealState, Tag, TextArea } from '@blueprintjs/core';
import { call, useAction, useCall } from '../../api/client';
import type { LetterRecord, LetterStatus } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { go } from '../../app/router';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastError, toastOk } from '../../components/toaster';
import { printPdf, savePdf } from '../determination/LetterPanel';

const STATUS_INTENT: Record<LetterStatus, 'success' | 'danger' | 'warning'> = { issued: 'success', void: 'danger', superseded: 'warning' };

function ActionDialog({ letter, kind, onClose, onDone }: { letter: LetterRecord; kind: 'void' | 'supersede'; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [officer, setOfficer] = useState(letter.officerName);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const submit = async () => {
    setError(null);
    if (kind === 'void') {
      const r = await run('letters.void', { id: letter.id, reason });
      if (!r.ok) return setError(r.error);
      toastOk(`Letter ${letter.number} is void.`);
    } else {
      const latest = await call('determinations.latest', { caseId: letter.caseId });
      if (!latest.ok) return setError(latest.error);
      if (!latest.value) return setError({ code: 'NOT_FOUND', message: 'The case has no determination to issue a replacement from.' });
      const r = await run('letters.supersede', { id: letter.id, determinationId: latest.value.id, officerName: officer, passphrase });
      if (!r.ok) return setError(r.error);
      toastOk(`Letter ${r.value.letter.number} replaces ${letter.number}.`);
    }
    onDone();
  };
  return (
    <Dialog isOpen onClose={onClose} title={kind === 'void' ? `Void letter ${letter.number}` : `Supersede letter ${letter.number}`} icon={kind === 'void' ? 'disable' : 'swap-horizontal'}>
      <DialogBody>
        <p className="tl-help">
          {kind === 'void'
            ? 'A void letter stays in the register; verifying it afterwards reports INVALID with this reason.'
            : 'A new letter is issued from the case\'s latest determination and this one is marked superseded by it.'}
        </p>
        {kind === 'supersede' && (
          <FormGroup label="Officer name" labelFor="sup-officer">
            <InputGroup id="sup-officer" value={officer} onValueChange={setOfficer} />
          </FormGroup>
        )}
        {kind === 'supersede' && (
          <FormGroup label="Passphrase" labelFor="sup-pass" helperText="Unlocks the signing key for the replacement letter.">
            <InputGroup id="sup-pass" type="password" value={passphrase} onValueChange={setPassphrase} />
          </FormGroup>
        )}
        {kind === 'void' && (
          <FormGroup label="Reason" labelFor="action-reason" helperText="Recorded in the register and the audit log.">
            <TextArea id="action-reason" fill value={reason} onChange={(e) => setReason(e.target.value)} />
          </FormGroup>
        )}
        {error && <ErrorCallout error={error} />}
      </DialogBody>
      <DialogFooter actions={<><Button text="Cancel" onClick={onClose} /><Button intent={kind === 'void' ? 'danger' : 'primary'} text={kind === 'void' ? 'Void letter' : 'Issue replacement'} disabled={kind === 'void' ? !reason.trim() : !officer.trim() || !passphrase} loading={busy} onClick={() => void submit()} /></>} />
    </Dialog>
  );
}

export function LettersPage() {
  const [letters, reload] = useCall('letters.list', {}, 'letters');
  const [action, setAction] = useState<{ letter: LetterRecord; kind: 'void' | 'supersede' } | null>(null);
  const open = async (l: LetterRecord, print: boolean) => {
    const r = await call('letters.pdf', { id: l.id });
    if (!r.ok) return toastError(r.error);
    if (print) await printPdf(r.value.pdfBase64, l.number);
    else await savePdf(r.value.pdfBase64, r.value.fileName);
  };
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Letters</h1>
        <span className="tl-muted">{letters.status === 'ok' ? `${letters.value.length} in the register` : ''}</span>
        <div className="tl-spacer" />
        <Button icon="endorsed" text="Verify a letter…" onClick={() => go('#/letters/verify')} />
      </div>
      {letters.status === 'loading' && <Loading slow={letters.slow} label="Loading the register…" />}
      {letters.status === 'error' && <ErrorCallout error={letters.error} onRetry={reload} />}
      {letters.status === 'ok' && letters.value.length === 0 && <NonIdealState icon="document" title="No letters yet" description="Issue a letter from a case's determination screen." />}
      {letters.status === 'ok' && letters.value.length > 0 && (
        <HTMLTable compact striped className="tl-table" aria-label="Letter register" data-testid="letter-register">
          <thead>
            <tr><th>Number</th><th>Case</th><th>Officer</th><th>Issued</th><th>Status</th><th>SHA-256</th><th><span className="bp6-text-muted">Actions</span></th></tr>
          </thead>
          <tbody>
            {letters.value.map((l) => (
              <tr key={l.id}>
                <td className="tl-mono">{l.number}</td>
                <td><a href={`#/cases/${l.caseId}/determination`}>Case {l.caseId}</a></td>
                <td>{l.officerName}</td>
                <td className="tl-mono">{l.issuedAt.replace('T', ' ').slice(0, 16)}</td>
                <td><Tag minimal intent={STATUS_INTENT[l.status]} title={l.statusReason ?? undefined}>{l.status}</Tag>{l.statusReason && <span className="tl-muted"> {l.statusReason}</span>}</td>
                <td className="tl-mono tl-muted" title={l.sha256}>{l.sha256.slice(0, 12)}…</td>
                <td>
                  <Button size="small" variant="minimal" icon="floppy-disk" aria-label={`Save ${l.number}`} title="Save PDF" onClick={() => void open(l, false)} />
                  <Button size="small" variant="minimal" icon="print" aria-label={`Print ${l.number}`} title="Print" onClick={() => void open(l, true)} />
                  <Button size="small" variant="minimal" icon="swap-horizontal" text="Supersede" disabled={l.status !== 'issued'} onClick={() => setAction({ letter: l, kind: 'supersede' })} />
                  <Button size="small" variant="minimal" intent="danger" icon="disable" text="Void" disabled={l.status !== 'issued'} onClick={() => setAction({ letter: l, kind: 'void' })} />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {action && <ActionDialog {...action} onClose={() => setAction(null)} onDone={() => { setAction(null); reload(); }} />}
    </div>
  );
}
