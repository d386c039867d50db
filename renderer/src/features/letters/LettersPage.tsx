// The letter register: every issued letter with its case, end user, destination, outcome per mode and
// status; a search; void / supersede; export as CSV or XLSX.
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, HTMLTable, InputGroup, NonIdealState, Tag, TextArea } from '@blueprintjs/core';
import { call, useAction, useCall } from '../../api/client';
import type { LetterRegisterRow, LetterStatus } from '../../../../shared/ipc/contract';
import { verdictLabel } from '../../../../shared/domain/mode-verdict';
import { ExportButtons } from '../../components/ExportButtons';
import { countryName, verdictIntent } from '../cases/labels';
import type { IpcError } from '../../../../shared/ipc/result';
import { go } from '../../app/router';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastError, toastOk } from '../../components/toaster';
import { printPdf, savePdf } from '../determination/LetterPanel';
import { formatDate, formatMoment } from '../../components/format';

const STATUS_INTENT: Record<LetterStatus, 'success' | 'danger' | 'warning'> = { issued: 'success', void: 'danger', superseded: 'warning' };

type LetterRef = Pick<LetterRegisterRow, 'id' | 'number' | 'caseId' | 'officer'>;

function ActionDialog({ letter, kind, onClose, onDone }: { letter: LetterRef; kind: 'void' | 'supersede'; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [officer, setOfficer] = useState(letter.officer);
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

const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'issued', label: 'Issued' },
  { value: 'void', label: 'Void' },
  { value: 'superseded', label: 'Superseded' },
];

export function LettersPage() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<'' | LetterStatus>('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), 200);
    return () => clearTimeout(t);
  }, [search]);
  const filter = { ...(query ? { search: query } : {}), ...(status ? { status } : {}) };
  const [letters, reload] = useCall('letters.register', filter, JSON.stringify(filter));
  const [action, setAction] = useState<{ letter: LetterRef; kind: 'void' | 'supersede' } | null>(null);
  const open = async (l: LetterRef, print: boolean) => {
    const r = await call('letters.pdf', { id: l.id });
    if (!r.ok) return toastError(r.error);
    if (print) await printPdf(r.value.pdfBase64, l.number);
    else await savePdf(r.value.pdfBase64, r.value.fileName);
  };
  const filtered = Boolean(query || status);
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Letters</h1>
        <span className="tl-muted" data-testid="letter-count">{letters.status === 'ok' ? `${letters.value.rows.length} ${filtered ? 'matching' : 'in the register'}` : ''}</span>
        <div className="tl-spacer" />
        <ExportButtons request={{ register: 'letters', filter }} />
        <Button icon="endorsed" text="Verify a letter…" onClick={() => go('#/letters/verify')} />
      </div>
      <div className="tl-toolbar" role="search">
        <InputGroup leftIcon="search" type="search" placeholder="Search number, reference, end user, destination…" aria-label="Search letters" value={search} onValueChange={setSearch} />
        <HTMLSelect aria-label="Letter status" value={status} onChange={(e) => setStatus(e.target.value as '' | LetterStatus)} options={STATUS_OPTIONS} />
      </div>
      {letters.status === 'loading' && <Loading slow={letters.slow} label="Loading the register…" />}
      {letters.status === 'error' && <ErrorCallout error={letters.error} onRetry={reload} />}
      {letters.status === 'ok' && letters.value.rows.length === 0 && (
        filtered ? <NonIdealState icon="search" title="No letter matches" description="Try another search or status." /> : <NonIdealState icon="document" title="No letters yet" description="Issue a letter from a case's determination screen." />
      )}
      {letters.status === 'ok' && letters.value.rows.length > 0 && (
        <div className="tl-table-scroll" tabIndex={0} role="region" aria-label="Letter register (scrolls sideways)">
          <HTMLTable compact striped className="tl-table" aria-label="Letter register" data-testid="letter-register">
            <thead>
              <tr><th>Number</th><th>End user</th><th>Dest.</th><th>Enforced</th><th>As written</th><th>Status</th><th>Issued</th><th><span className="bp6-text-muted">Actions</span></th></tr>
            </thead>
            <tbody>
              {letters.value.rows.map((l) => (
                <tr key={l.id} data-testid="letter-row">
                  <td className="tl-mono tl-nowrap"><a href={`#/cases/${l.caseId}/determination`} title={`Case ${l.caseId}${l.reference ? ` (${l.reference})` : ''}`}>{l.number}</a>{l.reference && <div className="tl-muted tl-small">{l.reference}</div>}</td>
                  <td>{l.endUserName}</td>
                  <td className="tl-mono" title={countryName(l.destination)}>{l.destination}</td>
                  <td className="tl-nowrap" data-testid="letter-enforced"><Tag minimal intent={verdictIntent(l.enforced)}>{verdictLabel(l.enforced)}</Tag></td>
                  <td className="tl-nowrap" data-testid="letter-as-written"><Tag minimal intent={verdictIntent(l.asWritten)}>{verdictLabel(l.asWritten)}</Tag></td>
                  <td data-testid="letter-status"><Tag minimal intent={STATUS_INTENT[l.status]}>{l.status}</Tag>{l.statusReason && <div className="tl-muted tl-small">{l.statusReason}</div>}</td>
                  <td className="tl-nowrap" title={`${formatMoment(l.issuedAt)}, signed by ${l.officer}`}>{formatDate(l.issuedAt.slice(0, 10))}<div className="tl-muted tl-small">{l.officer}</div></td>
                  <td className="tl-nowrap">
                    <Button size="small" variant="minimal" icon="floppy-disk" aria-label={`Save ${l.number}`} title="Save PDF" onClick={() => void open(l, false)} />
                    <Button size="small" variant="minimal" icon="print" aria-label={`Print ${l.number}`} title="Print" onClick={() => void open(l, true)} />
                    <Button size="small" variant="minimal" icon="swap-horizontal" aria-label={`Supersede ${l.number}`} title="Supersede: issue a replacement" disabled={l.status !== 'issued'} onClick={() => setAction({ letter: l, kind: 'supersede' })} />
                    <Button size="small" variant="minimal" intent="danger" icon="disable" aria-label={`Void ${l.number}`} title="Void" disabled={l.status !== 'issued'} onClick={() => setAction({ letter: l, kind: 'void' })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </div>
      )}
      {action && <ActionDialog {...action} onClose={() => setAction(null)} onDone={() => { setAction(null); reload(); }} />}
    </div>
  );
}
