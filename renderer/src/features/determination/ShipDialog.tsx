// Recording a case as shipped names the authorization it is recorded under ("NLR (no license required)",
// "License Exception LPP", "a BIS license (LICENSE)"). When the two modes give different authorizations it
// asks which one the shipment went under, in plain words; under LICENSE it offers the stored licenses that
// cover the shipment on the ship date, or shows why none does.
import { useState } from 'react';
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, Radio, RadioGroup } from '@blueprintjs/core';
import type { EvaluationMode } from '../../../../shared/domain/case';
import type { IpcError } from '../../../../shared/ipc/result';
import { useAction, useCall } from '../../api/client';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastOk } from '../../components/toaster';
import { go } from '../../app/router';

const MODE_PLAIN: Record<EvaluationMode, string> = {
  enforced: 'Enforced — what BIS applies today',
  as_written: 'As written — the codified rule, applied as if enforced',
};

export function ShipDialog({ caseId, caseDate, onClose, onDone }: { caseId: number; caseDate: string; onClose: () => void; onDone: () => void }) {
  const [date, setDate] = useState(caseDate);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const [plan] = useCall('shipments.plan', validDate ? { caseId, date } : null, `${caseId}@${date}`);
  const [chosen, setChosen] = useState<EvaluationMode | ''>('');
  const [license, setLicense] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();

  const p = plan.status === 'ok' ? plan.value : null;
  const mode: EvaluationMode | null = p ? (p.modesDiffer ? chosen || null : (p.caseMode ?? p.modes[0]?.mode ?? null)) : null;
  const m = p && mode ? p.modes.find((x) => x.mode === mode) ?? null : null;
  const covering = m?.licenses.filter((l) => l.covers) ?? [];
  const refused = m?.licenses.filter((l) => !l.covers) ?? [];
  const pickedLicense = m?.needsLicense ? (covering.some((l) => l.number === license) ? license : covering[0]?.number ?? '') : '';
  const prohibited = m?.items.some((i) => i.authorization === 'PROHIBITED') ?? false;
  const canRecord = !!p && p.state === 'ready' && !!m && !prohibited && (!m.needsLicense || !!pickedLicense);

  const submit = async () => {
    if (!m) return;
    setError(null);
    const r = await run('shipments.record', { caseId, date, mode: m.mode, licenseNumber: pickedLicense || undefined });
    if (!r.ok) return setError(r.error);
    toastOk(`Recorded ${r.value.count} ledger row(s) under ${m.summary}${pickedLicense ? `, drawn on license ${pickedLicense}` : ''}.`);
    onDone();
  };

  return (
    <Dialog isOpen onClose={onClose} title={`Record case ${caseId} as shipped`} icon="truck">
      <DialogBody>
        <p className="tl-help">Each item becomes a ledger row with its TPP and the authorization it is recorded under; caps and allocations count it from then on. A shipped case can no longer be edited.</p>
        <FormGroup label="Ship date" labelFor="ship-date">
          <input id="ship-date" type="date" className="bp6-input" value={date} onChange={(e) => setDate(e.target.value)} />
        </FormGroup>
        {plan.status === 'loading' && <Loading slow={plan.slow} label="Checking the authorization and the licenses…" />}
        {plan.status === 'error' && <ErrorCallout error={plan.error} />}
        {p && p.state !== 'ready' && <Callout intent="warning" icon="warning-sign" data-testid="ship-blocked">{p.message}</Callout>}
        {p && p.state === 'ready' && p.modesDiffer && (
          <FormGroup label="The two modes give different authorizations. Which one did this shipment go under?" labelFor="ship-mode" data-testid="ship-modes">
            <RadioGroup name="ship-mode" selectedValue={chosen} onChange={(e) => { setChosen(e.currentTarget.value as EvaluationMode); setLicense(''); }}>
              {p.modes.map((x) => (
                <Radio key={x.mode} value={x.mode} data-testid={`ship-mode-${x.mode}`} labelElement={<span>{MODE_PLAIN[x.mode]}: <strong>{x.summary}</strong></span>} />
              ))}
            </RadioGroup>
          </FormGroup>
        )}
        {p && p.state === 'ready' && m && (
          <Callout compact intent={prohibited ? 'danger' : m.needsLicense ? 'primary' : 'success'} icon="endorsed" data-testid="ship-under">
            Recorded under <strong>{m.summary}</strong>{p.modesDiffer ? ` (${m.mode === 'enforced' ? 'enforced' : 'as written'})` : p.modes.length > 1 ? ' — both modes agree' : ''}.
            {m.needsLicense && !pickedLicense && ' A stored BIS license must cover it: none does.'}
            {m.needsLicense && pickedLicense && ` It draws on license ${pickedLicense}.`}
          </Callout>
        )}
        {m && m.needsLicense && covering.length > 0 && (
          <FormGroup label="License it ships under" labelFor="ship-license" helperText="Only licenses that cover this shipment on the ship date (parties, destination, items, quantity, TPP and value left, not expired) are offered.">
            <HTMLSelect id="ship-license" value={pickedLicense} onChange={(e) => setLicense(e.target.value)} options={covering.map((l) => ({ value: l.number, label: `${l.number} (expires ${l.expires})` }))} />
          </FormGroup>
        )}
        {m && m.needsLicense && covering.length === 0 && (
          <Callout intent="danger" icon="disable" title="No stored license covers this shipment" data-testid="ship-no-license">
            {refused.length === 0 ? (
              <>No license for this end user or destination is stored. Add the license BIS granted on the <a href="#/licenses" onClick={(e) => { e.preventDefault(); onClose(); go('#/licenses'); }}>Licenses screen</a>, or start an application from this determination.</>
            ) : (
              <ul className="tl-obligations">{refused.map((l) => <li key={l.number}>{l.reason}</li>)}</ul>
            )}
          </Callout>
        )}
        {m && m.needsLicense && covering.length > 0 && refused.length > 0 && (
          <div className="tl-muted">Not offered: {refused.map((l) => l.reason).join('; ')}</div>
        )}
        {error && <ErrorCallout error={error} />}
      </DialogBody>
      <DialogFooter actions={<><Button text="Cancel" onClick={onClose} /><Button intent="primary" icon="truck" text="Record shipment" disabled={!canRecord} loading={busy} onClick={() => void submit()} data-testid="ship-confirm" /></>} />
    </Dialog>
  );
}
