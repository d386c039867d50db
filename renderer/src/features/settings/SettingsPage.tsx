// Settings: the signing identity letters are signed with, and the trust list used to verify letters.
import { useState } from 'react';
import { Button, Callout, FormGroup, HTMLTable, InputGroup, Section, SectionCard, TextArea } from '@blueprintjs/core';
import { call, textToBase64, useAction, useCall } from '../../api/client';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastError, toastOk } from '../../components/toaster';
import { formatMoment } from '../../components/format';

function Identity({ onCreated }: { onCreated: () => void }) {
  const [identity, reload] = useCall('identity.get', {}, 'identity');
  const [office, setOffice] = useState('');
  const [unit, setUnit] = useState('');
  const [signer, setSigner] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const exportCert = async () => {
    const r = await call('identity.certificate', {});
    if (!r.ok) return setError(r.error);
    const saved = await call('files.save', { title: 'Export certificate', defaultName: r.value.fileName, base64: textToBase64(r.value.pem), filters: [{ name: 'PEM certificate', extensions: ['pem'] }] });
    if (!saved.ok) return toastError(saved.error);
    toastOk(`Saved ${saved.value.path}`);
  };
  const create = async () => {
    setError(null);
    const r = await run('identity.create', { office, unit: unit || undefined, signer: signer.trim() || undefined, passphrase });
    if (!r.ok) return setError(r.error);
    setPassphrase('');
    setAgain('');
    toastOk('Signing identity created.');
    reload();
    onCreated();
  };
  return (
    <Section compact title="Signing identity" icon="key" elevation={0}>
      <SectionCard>
        {identity.status === 'loading' && <Loading slow={identity.slow} label="Loading…" />}
        {identity.status === 'error' && <ErrorCallout error={identity.error} onRetry={reload} />}
        {identity.status === 'ok' && identity.value.configured && (
          <dl className="tl-kv" data-testid="identity">
            <dt>Office</dt><dd>{identity.value.office}</dd>
            <dt>Signer</dt><dd>{identity.value.signer ?? identity.value.office}</dd>
            <dt>Fingerprint</dt><dd className="tl-mono">{identity.value.fingerprint}</dd>
            <dt>Created</dt><dd>{formatMoment(identity.value.createdAt)}</dd>
            <dt>Certificate</dt>
            <dd><Button size="small" icon="export" text="Export for other offices…" onClick={() => void exportCert()} /> <span className="tl-muted">They add it to their trust list to verify your letters.</span></dd>
          </dl>
        )}
        {identity.status === 'ok' && !identity.value.configured && (
          <>
            <Callout compact intent="warning" icon="key">No signing identity yet: letters cannot be issued until one exists.</Callout>
            <div className="tl-grid-4 tl-mt">
              <FormGroup label="Office (printed on letters)" labelFor="id-office"><InputGroup id="id-office" value={office} onValueChange={setOffice} /></FormGroup>
              <FormGroup label="Unit" labelFor="id-unit" labelInfo="(optional)"><InputGroup id="id-unit" value={unit} onValueChange={setUnit} /></FormGroup>
              <FormGroup label="Officer holding the key" labelFor="id-signer" labelInfo="(optional)" helperText="The signer PDF readers show; without it, the office."><InputGroup id="id-signer" value={signer} maxLength={64} onValueChange={setSigner} /></FormGroup>
              <FormGroup label="Passphrase" labelFor="id-pass" helperText="At least 8 characters; needed for every letter."><InputGroup id="id-pass" type="password" value={passphrase} onValueChange={setPassphrase} /></FormGroup>
              <FormGroup label="Passphrase again" labelFor="id-pass2" intent={again && again !== passphrase ? 'danger' : 'none'} helperText={again && again !== passphrase ? 'The two passphrases differ.' : ' '}><InputGroup id="id-pass2" type="password" value={again} onValueChange={setAgain} /></FormGroup>
            </div>
            <Button intent="primary" icon="key" text="Create identity" disabled={!office.trim() || passphrase.length < 8 || again !== passphrase} loading={busy} onClick={() => void create()} />
          </>
        )}
        {error && <ErrorCallout error={error} />}
      </SectionCard>
    </Section>
  );
}

function Trust() {
  const [trust, reload] = useCall('trust.list', {}, 'trust');
  const [pem, setPem] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const add = async () => {
    setError(null);
    const r = await run('trust.add', { pem });
    if (!r.ok) return setError(r.error);
    setPem('');
    reload();
  };
  const remove = async (fingerprint: string) => {
    const r = await run('trust.remove', { fingerprint });
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
            <thead><tr><th>Office</th><th>Fingerprint (SHA-256)</th><th>Added</th><th><span className="bp6-text-muted">Remove</span></th></tr></thead>
            <tbody>
              {trust.value.length === 0 && <tr><td colSpan={4} className="tl-muted">No certificates trusted yet.</td></tr>}
              {trust.value.map((t) => (
                <tr key={t.fingerprint}>
                  <td>{t.subject}{t.own && <span className="tl-muted"> (this installation)</span>}</td><td className="tl-mono" title={t.fingerprint}>{t.fingerprint.slice(0, 32)}…</td><td className="tl-nowrap" title={t.addedAt}>{formatMoment(t.addedAt)}</td>
                  <td><Button size="small" variant="minimal" icon="trash" aria-label={`Stop trusting ${t.subject}`} onClick={() => void remove(t.fingerprint)} /></td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
        <FormGroup label="Office certificate (PEM)" labelFor="trust-pem" className="tl-mt" helperText="Paste the certificate another office sent you (-----BEGIN CERTIFICATE----- …)."><TextArea id="trust-pem" fill value={pem} onChange={(e) => setPem(e.target.value)} className="tl-mono" /></FormGroup>
        <Button icon="add" text="Trust certificate" disabled={!pem.trim()} loading={busy} onClick={() => void add()} />
        {error && <ErrorCallout error={error} />}
      </SectionCard>
    </Section>
  );
}

export function SettingsPage() {
  const [info] = useCall('app.info', {}, 'info');
  // A new identity trusts its own certificate: the trust list reloads after it is created.
  const [trustRev, setTrustRev] = useState(0);
  return (
    <div className="tl-page">
      <div className="tl-page-header"><h1>Settings</h1></div>
      <Identity onCreated={() => setTrustRev((r) => r + 1)} />
      <Trust key={trustRev} />
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
