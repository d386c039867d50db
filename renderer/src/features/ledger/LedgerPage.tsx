// Cap use as charts with the numbers beside them: country allocations, LPP per consignee per year, NVEU.
import { useState } from 'react';
import { useAction } from '../../api/client';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { toastOk } from '../../components/toaster';
import { Button, Callout, NonIdealState, Section, SectionCard } from '@blueprintjs/core';
import { useCall } from '../../api/client';
import type { CapRow } from '../../../../shared/ipc/contract';
import { ErrorCallout } from '../../components/ErrorCallout';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function Bars({ rows, empty }: { rows: CapRow[]; empty: string }) {
  if (rows.length === 0) return <div className="tl-muted">{empty}</div>;
  const maxUsed = Math.max(...rows.map((r) => r.cap ?? r.used), 1);
  return (
    <div className="tl-bars" role="list">
      {rows.map((r) => {
        const share = r.cap ? r.used / r.cap : r.used / maxUsed;
        const cls = r.cap && share > 1 ? ' tl-over' : r.cap && share > 0.8 ? ' tl-warn' : '';
        return (
          <div className="tl-bar-row" role="listitem" key={r.key} aria-label={`${r.label}: ${fmt(r.used)} of ${r.cap === null ? 'no cap' : fmt(r.cap)} ${r.unit}`}>
            <div title={r.citation ?? undefined}>{r.label}</div>
            <div className="tl-bar-track" aria-hidden="true"><div className={`tl-bar-fill${cls}`} style={{ width: `${Math.min(100, share * 100)}%` }} /></div>
            <div className="tl-num tl-mono">
              {fmt(r.used)} / {r.cap === null ? '—' : fmt(r.cap)} {r.unit}
              {r.cap ? <span className="tl-muted"> ({Math.round(share * 100)}%)</span> : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function LedgerPage() {
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [ledger, reload] = useCall('ledger.summary', { asOf }, asOf);
  const [showImport, setShowImport] = useState(false);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const importCsv = async (f: DroppedFile) => {
    setImportError(null);
    const r = await run('shipments.import', { fileName: f.name, text: new TextDecoder().decode(f.bytes) });
    if (!r.ok) return setImportError(r.error);
    toastOk(`Imported ${r.value.count} shipment(s) from ${f.name}.`);
    reload();
  };
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Ledger</h1>
        <span className="tl-muted">Recorded shipments counted against the Framework's caps.</span>
        <div className="tl-spacer" />
        <ExportButtons request={{ register: 'ledger' }} />
        <label htmlFor="ledger-asof" className="tl-muted">As of</label>
        <input id="ledger-asof" type="date" className="bp6-input" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
        <Button icon="import" text="Import shipment history…" active={showImport} onClick={() => setShowImport((v) => !v)} />
      </div>
      {showImport && (
        <div className="tl-form-fields">
          <DropZone label="Import a shipment history (CSV)" hint="Columns date,destination,consignee,tpp,authorization. One bad row stores nothing; the error names the row and column." accept=".csv,text/csv" icon="th" onFile={importCsv} testId="shipments-import" />
          {busy && <Loading slow label="Importing…" />}
          {importError && <ErrorCallout error={importError} />}
        </div>
      )}
      {ledger.status === 'loading' && <Loading slow={ledger.slow} label="Adding up the ledger…" />}
      {ledger.status === 'error' && <ErrorCallout error={ledger.error} onRetry={reload} />}
      {ledger.status === 'ok' && ledger.value.shipmentCount === 0 && <NonIdealState icon="timeline-bar-chart" title="No shipments recorded" description="Record an evaluated case as shipped (on its determination screen) or import a shipment history CSV; cap use appears here." />}
      {ledger.status === 'ok' && ledger.value.shipmentCount > 0 && (
        <>
          <Callout compact icon="info-sign">{ledger.value.shipmentCount} shipment(s) counted as of {ledger.value.asOf}. Bars turn amber above 80% of a cap and red above it.</Callout>
          <Section compact title="Country allocations (TPP)" icon="globe" elevation={0}><SectionCard><Bars rows={ledger.value.countryAllocations} empty="No allocation applies." /></SectionCard></Section>
          <Section compact title="LPP per consignee, this calendar year (TPP)" icon="people" elevation={0}><SectionCard><Bars rows={ledger.value.consigneeLpp} empty="No LPP shipments." /></SectionCard></Section>
          <Section compact title="National VEU installed base (TPP)" icon="office" elevation={0}><SectionCard><Bars rows={ledger.value.nveu} empty="No NVEU shipments." /></SectionCard></Section>
        </>
      )}
    </div>
  );
}
