// Settings: the signing identity letters are signed with, and the trust list used to verify letters.
import { useState } from 'react';
import { Button, Callout, FormGroup, HTMLTable, InputGroup, Section, SectionCard, TextArea } from '@blueprintjs/core';
import { useAction, useCall } from '../../api/client';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastOk } from '../../components/toaster';

function Identity() {
  const [identity, reload] = useCall('identity.get', {}, 'identity');
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const create = async () => {
    setError(null);
    const r = await run('identity.create', { name, organization: org || undefined });
    if (!r.ok) return setError(r.error);
    toastOk('Signing identity created.');
    reload();
  };
  return (
    <Section compact title="Signing identity" icon="key" elevation={0}>
      <SectionCard>
        {identity.status === 'loading' && <Loading slow={identity.slow} label="Loading…" />}
        {identity.status === 'error' && <ErrorCallout error={identity.error} onRetry={reload} />}
        {identity.status === 'ok' && identity.value.configured && (
          <dl className="tl-kv" data-testid="identity">
            <dt>Subject</dt><dd>{identity.value.subject}</dd>
            <dt>Fingerprint</dt><dd className="tl-mono">{identity.value.fingerprint}</dd>
            <dt>Valid until</dt><dd className="tl-mono">{identity.value.notAfter}</dd>
          </dl>
        )}
        {identity.status === 'ok' && !identity.value.configured && (
          <>
            <Callout compact intent="warning" icon="key">No signing identity yet: letters cannot be issued until one exists.</Callout>
            <div className="tl-grid-3 tl-mt">
              <FormGroup label="Name on letters" labelFor="id-name"><InputGroup id="id-name" value={name} onValueChange={setName} /></FormGroup>
              <FormGroup label="Organization" labelFor="id-org" labelInfo="(optional)"><InputGroup id="id-org" value={org} onValueChange={setOrg} /></FormGroup>
              <FormGroup label="Create" labelFor="id-create"><Button id="id-create" intent="primary" icon="key" text="Create identity" disabled={!name.trim()} loading={busy} onClick={() => void create()} /></FormGroup>
            </div>
          </>
        )}
        {error && <ErrorCallout error={error} />}
      </SectionCard>
    </Section>
  );
}

function Trust() {
  const [trust, reload] = useCall('trust.list', {}, 'trust');
  const [label, setLabel] = useState('');
  const [pem, setPem] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const add = async () => {
    setError(null);
    const r = await run('trust.add', { label, pem });
    if (!r.ok) return setError(r.error);
    setLabel('');
    setPem('');
    reload();
  };
  const remove = async (id: number) => {
    const r = await run('trust.remove', { id });
    if (!r.ok) return setError(r.error);
    reload();
  };
  return (
    <Section compact title="Trust list" icon="endorsed" elevation={0}>
      <SectionCard>
        <p className="tl-help">Letters signed by these certificates verify as VALID on this computer.</p>
        {trust.status === 'loading' && <Loading slow={trust.slow} label="Loading…" />}
        {trust.status === 'error' && <ErrorCallout error={trust.error} onRetry={reload} />}
        {trust.status === 'ok' && (
          <HTMLTable compact striped className="tl-table" aria-label="Trusted certificates">
            <thead><tr><th>Label</th><th>Kind</th><th>Fingerprint</th><th>Added</th><th><span className="bp6-text-muted">Remove</span></th></tr></thead>
            <tbody>
              {trust.value.length === 0 && <tr><td colSpan={5} className="tl-muted">No certificates trusted yet.</td></tr>}
              {trust.value.map((t) => (
                <tr key={t.id}>
                  <td>{t.label}</td><td>{t.kind}</td><td className="tl-mono">{t.fingerprint}</td><td className="tl-mono">{t.addedAt.slice(0, 10)}</td>
                  <td><Button size="small" variant="minimal" icon="trash" aria-label={`Stop trusting ${t.label}`} onClick={() => void remove(t.id)} /></td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
        <div className="tl-grid-2 tl-mt">
          <FormGroup label="Label" labelFor="trust-label"><InputGroup id="trust-label" value={label} onValueChange={setLabel} /></FormGroup>
          <FormGroup label="Certificate (PEM)" labelFor="trust-pem"><TextArea id="trust-pem" fill value={pem} onChange={(e) => setPem(e.target.value)} className="tl-mono" /></FormGroup>
        </div>
        <Button icon="add" text="Trust certificate" disabled={!label.trim() || !pem.trim()} loading={busy} onClick={() => void add()} />
        {error && <ErrorCallout error={error} />}
      </SectionCard>
    </Section>
  );
}

export function SettingsPage() {
  const [info] = useCall('app.info', {}, 'info');
  return (
    <div className="tl-page">
      <div className="tl-page-header"><h1>Settings</h1></div>
      <Identity />
      <Trust />
      <Section compact title="About" icon="info-sign" elevation={0}>
        <SectionCard>
          {info.status === 'ok' && (
            <dl className="tl-kv">
              <dt>Version</dt><dd>{info.value.version}</dd>
              <dt>Data folder</dt><dd className="tl-mono">{info.value.dataDir}</dd>
              <dt>Network</dt><dd>None. Tierline refuses every network request by design.</dd>
            </dl>
          )}
        </SectionCard>
      </Section>
    </div>
  );
}
