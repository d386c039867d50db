// The licenses BIS granted: the list (number, holder, destination, expiry, % used, with the 80 % and 30-day
// warnings), one license in detail (parties, conditions, each line with what remains, the shipments drawn
// on it), and adding a license from a tierline.license/1 file (upload) with every error named by field.
import { useState } from 'react';
import { Button, Callout, HTMLTable, NonIdealState, Section, SectionCard, Tag } from '@blueprintjs/core';
import { useAction, useCall } from '../../api/client';
import type { LicenseStatusView, LicenseView } from '../../../../shared/ipc/contract-ledger';
import type { IpcError } from '../../../../shared/ipc/result';
import { go } from '../../app/router';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastOk } from '../../components/toaster';
import { countryLabel } from '../cases/labels';
import '../ledger/ledger.css';
import { formatDate, localizeDates } from '../../components/format';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

const STATE: Record<LicenseStatusView['state'], { text: string; intent: 'success' | 'warning' | 'danger' | 'none' }> = {
  valid: { text: 'valid', intent: 'success' },
  not_yet_valid: { text: 'not yet valid', intent: 'none' },
  expired: { text: 'expired', intent: 'danger' },
  used_up: { text: 'used up', intent: 'danger' },
};

function usedOf(s: LicenseStatusView): number {
  return Math.max(0, ...s.lines.map((l) => l.usedFraction));
}

function Pct({ fraction }: { fraction: number }) {
  const cls = fraction >= 1 ? ' tl-over' : fraction >= 0.8 ? ' tl-warn' : '';
  return (
    <span className="tl-nowrap">
      <span className="tl-pct-track" aria-hidden="true"><span className={`tl-pct-fill${cls}`} style={{ width: `${Math.min(100, fraction * 100)}%`, display: 'block' }} /></span>
      <span className="tl-mono">{Math.floor(fraction * 100)} %</span>
    </span>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return <span className="tl-muted">—</span>;
  return <>{warnings.map((w) => <Tag key={w} intent="warning" icon="warning-sign" className="tl-mr">{localizeDates(w)}</Tag>)}</>;
}

function LicenseList({ licenses, onOpen }: { licenses: LicenseView[]; onOpen: (n: string) => void }) {
  return (
    <div className="tl-table-scroll">
      <HTMLTable compact striped interactive className="tl-table" aria-label="Licenses" data-testid="license-list">
        <thead><tr><th>Number</th><th>Holder</th><th>End user</th><th>Destination</th><th>Expires</th><th>Used</th><th>State</th><th>Warnings</th></tr></thead>
        <tbody>
          {licenses.map((v) => (
            <tr key={v.license.number} data-testid={`license-${v.license.number}`} onClick={() => onOpen(v.license.number)}>
              <td><a href={`#/licenses/${encodeURIComponent(v.license.number)}`} className="tl-mono">{v.license.number}</a></td>
              <td>{v.license.applicant.name}</td>
              <td>{v.license.endUser.name}</td>
              <td>{countryLabel(v.license.destination)}</td>
              <td className="tl-nowrap">{formatDate(v.license.expires)}</td>
              <td><Pct fraction={usedOf(v.status)} /></td>
              <td><Tag minimal intent={STATE[v.status.state].intent}>{STATE[v.status.state].text}</Tag></td>
              <td><Warnings warnings={v.status.warnings} /></td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </div>
  );
}

function limitText(l: { limit: number; used: number; left: number } | null, money = false): string {
  if (!l) return 'no limit';
  const f = (n: number) => (money ? `$${fmt(n)}` : fmt(n));
  return `${f(l.left)} of ${f(l.limit)} left (${f(l.used)} used)`;
}

function LicenseDetail({ number, asOf }: { number: string; asOf: string }) {
  const [lic, reload] = useCall('licenses.get', { number, asOf }, `${number}@${asOf}`);
  if (lic.status === 'loading') return <Loading slow={lic.slow} label="Loading the license…" />;
  if (lic.status === 'error') return <ErrorCallout error={lic.error} onRetry={reload} />;
  const { license: l, status: s, drawdowns } = lic.value;
  return (
    <Section compact title={`License ${l.number}`} icon="endorsed" elevation={0} data-testid="license-detail" rightElement={<Button size="small" variant="minimal" icon="cross" text="Close" onClick={() => go('#/licenses')} />}>
      <SectionCard>
        <div className="tl-toolbar">
          <Tag intent={STATE[s.state].intent}>{STATE[s.state].text} on {formatDate(s.asOf)}</Tag>
          <span className="tl-muted">issued {formatDate(l.issued)}, expires {formatDate(l.expires)}{s.state !== 'expired' ? ` (${s.daysToExpiry} day(s) left)` : ''}</span>
        </div>
        {s.warnings.length > 0 && (
          <Callout compact intent="warning" icon="warning-sign" className="tl-mt" data-testid="license-warnings">
            <ul className="tl-obligations">{s.warnings.map((w) => <li key={w}>{localizeDates(w)}</li>)}</ul>
          </Callout>
        )}
        <dl className="tl-kv tl-mt">
          <dt>Applicant</dt><dd>{l.applicant.name} ({l.applicant.country}){l.applicant.address ? `, ${l.applicant.address}` : ''}</dd>
          <dt>Ultimate consignee</dt><dd>{l.consignee.name} ({l.consignee.country})</dd>
          {l.intermediateConsignees && l.intermediateConsignees.length > 0 && <><dt>Intermediate consignees</dt><dd>{l.intermediateConsignees.map((p) => `${p.name} (${p.country})`).join('; ')}</dd></>}
          <dt>End user</dt><dd>{l.endUser.name} ({l.endUser.country})</dd>
          <dt>Destination</dt><dd>{countryLabel(l.destination)}</dd>
          {l.determination && <><dt>Answers</dt><dd>{l.determination.caseId ? <a href={`#/cases/${l.determination.caseId}/determination`}>case {l.determination.caseId}</a> : null}{l.determination.determinationId ? ` determination ${l.determination.determinationId}` : ''}</dd></>}
          <dt>Conditions</dt><dd>{l.conditions && l.conditions.length ? <ul className="tl-obligations">{l.conditions.map((c, i) => <li key={i}>{c}</li>)}</ul> : <span className="tl-muted">none</span>}</dd>
        </dl>
        <h3>Items and what remains</h3>
        <div className="tl-table-scroll">
          <HTMLTable compact className="tl-table" aria-label="License lines" data-testid="license-lines">
            <thead><tr><th>Line</th><th>ECCN</th><th>Description</th><th>Quantity</th><th>TPP</th><th>Value</th><th>Used</th></tr></thead>
            <tbody>
              {s.lines.map((x) => (
                <tr key={x.index} data-testid={`license-line-${x.index + 1}`}>
                  <td>{x.index + 1}</td>
                  <td className="tl-mono">{x.eccn}</td>
                  <td>{x.description}</td>
                  <td>{limitText(x.quantity)}</td>
                  <td>{limitText(x.tpp)}</td>
                  <td>{limitText(x.valueUsd, true)}</td>
                  <td><Pct fraction={x.usedFraction} /></td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </div>
        <h3>Shipments drawn on it</h3>
        {drawdowns.length === 0 ? <div className="tl-muted">None yet.</div> : (
          <HTMLTable compact className="tl-table" aria-label="Drawdowns" data-testid="license-drawdowns">
            <thead><tr><th>Ledger row</th><th>Date</th><th>Case</th><th>Line</th><th>Quantity</th><th>TPP</th><th>Value</th><th>State</th></tr></thead>
            <tbody>
              {drawdowns.map((d) => (
                <tr key={d.shipmentId}>
                  <td className="tl-mono">#{d.shipmentId}</td>
                  <td className="tl-nowrap">{formatDate(d.date)}</td>
                  <td>{d.caseId ? <a href={`#/cases/${d.caseId}/determination`}>case {d.caseId}</a> : '—'}</td>
                  <td>{d.line + 1}</td>
                  <td>{fmt(d.quantity)}</td>
                  <td className="tl-mono">{fmt(d.tpp)}</td>
                  <td>{d.valueUsd === null ? '—' : `$${fmt(d.valueUsd)}`}</td>
                  <td>{d.reversed ? <Tag minimal>reversed: no longer counted</Tag> : <Tag minimal intent="primary">counted</Tag>}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </SectionCard>
    </Section>
  );
}

export function LicensesPage({ number }: { number: string | null }) {
  const [info] = useCall('app.info', {}, 'info');
  if (info.status === 'error') return <div className="tl-page"><ErrorCallout error={info.error} /></div>;
  return info.status === 'ok' ? <Licenses number={number} today={info.value.today} /> : <Loading slow={info.slow} label="Loading…" />;
}

function Licenses({ number, today }: { number: string | null; today: string }) {
  const [asOf, setAsOf] = useState(today);
  const [licenses, reload] = useCall('licenses.list', { asOf }, asOf);
  const [showAdd, setShowAdd] = useState(false);
  const [addError, setAddError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const add = async (f: DroppedFile) => {
    setAddError(null);
    const r = await run('licenses.add', { fileName: f.name, text: new TextDecoder().decode(f.bytes) });
    if (!r.ok) return setAddError(r.error);
    toastOk(`License ${r.value.license.number} added: ${r.value.license.items.length} line(s), valid ${formatDate(r.value.license.issued)} to ${formatDate(r.value.license.expires)}.`);
    setShowAdd(false);
    reload();
    go(`#/licenses/${encodeURIComponent(r.value.license.number)}`);
  };
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Licenses</h1>
        <span className="tl-muted">Licenses BIS granted; a shipment recorded under LICENSE draws one down.</span>
        <div className="tl-spacer" />
        <label htmlFor="licenses-asof" className="tl-muted">As of</label>
        <input id="licenses-asof" type="date" className="bp6-input" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
        <Button icon="add" text="Add a license…" active={showAdd} onClick={() => setShowAdd((v) => !v)} data-testid="license-add" />
      </div>
      {showAdd && (
        <div className="tl-form-fields">
          <DropZone label="Add a license (tierline.license/1 JSON)" hint="The file format is in docs/licenses.md. A file with errors stores nothing; each error names its field." accept=".json,application/json" icon="endorsed" onFile={add} testId="license-upload" />
          {busy && <Loading slow label="Checking the license…" />}
          {addError && <ErrorCallout error={addError} />}
        </div>
      )}
      {licenses.status === 'loading' && <Loading slow={licenses.slow} label="Loading the licenses…" />}
      {licenses.status === 'error' && <ErrorCallout error={licenses.error} onRetry={reload} />}
      {licenses.status === 'ok' && licenses.value.length === 0 && (
        <NonIdealState icon="endorsed" title="No licenses stored" description="Add the licenses BIS granted (a tierline.license/1 file) so that shipments under LICENSE can be recorded and drawn down. From a determination that needs a license you can start an application." />
      )}
      {licenses.status === 'ok' && licenses.value.length > 0 && <LicenseList licenses={licenses.value} onOpen={(n) => go(`#/licenses/${encodeURIComponent(n)}`)} />}
      {number && <LicenseDetail key={`${number}-${licenses.status === 'ok' ? licenses.value.length : 0}`} number={number} asOf={asOf} />}
    </div>
  );
}
