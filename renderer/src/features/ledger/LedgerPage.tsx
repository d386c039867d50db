// Cap use as charts with the numbers beside them (country allocations, LPP per consignee per year, NVEU),
// and the rows behind each bar: every ledger row with filters (destination, consignee, year,
// authorization, reversed or standing). A row, a case's shipment or a whole CSV import is corrected by a
// reversing entry with a required reason (audited); nothing is edited or deleted.
import { useState } from 'react';
import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, HTMLTable, InputGroup, NonIdealState, Section, SectionCard, Tag, TextArea } from '@blueprintjs/core';
import { useAction, useCall } from '../../api/client';
import type { Authorization } from '../../../../shared/domain/case';
import type { IpcError } from '../../../../shared/ipc/result';
import type { CapRow } from '../../../../shared/ipc/contract';
import type { LedgerImport, LedgerRow, LedgerRowsQuery } from '../../../../shared/ipc/contract-ledger';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { toastOk } from '../../components/toaster';
import { ErrorCallout } from '../../components/ErrorCallout';
import { ExportButtons } from '../../components/ExportButtons';
import { Loading } from '../../components/Loading';
import './ledger.css';
import { formatDate, formatMoment, todayLocal } from '../../components/format';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

const AUTHORIZATIONS: Authorization[] = ['LICENSE', 'LPP', 'NVEU', 'UVEU', 'AIA', 'ACM', 'ACA', 'NAC', 'NLR', 'NOT_CONTROLLED'];

export const GLOBAL_CAP_NOTE =
  "Counts only what this workbench knows: a country's allocation counts every exporter's licensed shipments, which no one workbench sees, so the true figure may be higher.";

interface Filters {
  destination: string;
  consignee: string;
  year: string;
  authorization: Authorization | '';
  state: 'all' | 'standing' | 'reversed';
  dateFrom?: string;
  dateTo?: string;
  /** The bar the rows were opened from. */
  bar?: string;
}

const NO_FILTERS: Filters = { destination: '', consignee: '', year: '', authorization: '', state: 'all' };

function query(f: Filters): LedgerRowsQuery {
  const q: LedgerRowsQuery = { state: f.state, limit: 500 };
  if (/^[A-Za-z]{2}$/.test(f.destination.trim())) q.destination = f.destination.trim().toUpperCase();
  if (f.consignee.trim()) q.consignee = f.consignee.trim();
  if (/^\d{4}$/.test(f.year)) q.year = Number(f.year);
  if (f.authorization) q.authorization = f.authorization;
  if (f.dateFrom) q.dateFrom = f.dateFrom;
  if (f.dateTo) q.dateTo = f.dateTo;
  return q;
}

function Bars({ rows, empty, onOpen }: { rows: CapRow[]; empty: string; onOpen: (r: CapRow) => void }) {
  if (rows.length === 0) return <div className="tl-muted">{empty}</div>;
  const maxUsed = Math.max(...rows.map((r) => r.cap ?? r.used), 1);
  return (
    <div className="tl-bars" role="list">
      {rows.map((r) => {
        const share = r.cap ? r.used / r.cap : r.used / maxUsed;
        const cls = r.cap && share > 1 ? ' tl-over' : r.cap && share > 0.8 ? ' tl-warn' : '';
        return (
          <div className="tl-bar-row tl-bar-row-rows" role="listitem" key={r.key} aria-label={`${r.label}: ${fmt(r.used)} of ${r.cap === null ? 'no cap' : fmt(r.cap)} ${r.unit}`}>
            <div title={r.citation ?? undefined}>{r.label}</div>
            <div className="tl-bar-track" aria-hidden="true"><div className={`tl-bar-fill${cls}`} style={{ width: `${Math.min(100, share * 100)}%` }} /></div>
            <div className="tl-num tl-mono">
              {fmt(r.used)} / {r.cap === null ? '—' : fmt(r.cap)} {r.unit}
              {r.cap ? <span className="tl-muted"> ({Math.round(share * 100)}%)</span> : null}
            </div>
            {r.rows && <Button size="small" variant="minimal" icon="th-list" text="Rows" aria-label={`Rows behind ${r.label}`} onClick={() => onOpen(r)} data-testid={`bar-rows-${r.key}`} />}
          </div>
        );
      })}
    </div>
  );
}

type ReverseTarget = { kind: 'row'; row: LedgerRow } | { kind: 'import'; imp: LedgerImport };

function ReverseDialog({ target, onClose, onDone }: { target: ReverseTarget; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const what =
    target.kind === 'row'
      ? `ledger row #${target.row.id} (${formatDate(target.row.date)}, ${target.row.consignee}, ${fmt(target.row.tpp)} TPP under ${target.row.authorization})`
      : `the import ${target.imp.fileName ?? target.imp.sha256.slice(0, 12)} (${target.imp.standing} standing row(s), ${fmt(target.imp.tpp)} TPP)`;
  const submit = async () => {
    setError(null);
    const r = await run('shipments.reverse', target.kind === 'row' ? { shipmentId: target.row.id, reason } : { importSha256: target.imp.sha256, reason });
    if (!r.ok) return setError(r.error);
    toastOk(`${r.value.count} reversing entr${r.value.count === 1 ? 'y' : 'ies'} recorded.`);
    onDone();
  };
  return (
    <Dialog isOpen onClose={onClose} title={target.kind === 'row' ? `Reverse ledger row #${target.row.id}` : 'Reverse a whole import'} icon="undo">
      <DialogBody>
        <p className="tl-help">
          Reverses {what} with a reversing entry (negative TPP) that carries your reason. Nothing is edited or deleted; the audit log records who, when and why.
          {target.kind === 'row' && target.row.license && ` The drawdown on license ${target.row.license.number} is released.`}
        </p>
        <FormGroup label="Reason (required)" labelFor="reverse-reason" helperText="Recorded with the reversing entry and in the audit log.">
          <TextArea id="reverse-reason" fill value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reverse-reason" />
        </FormGroup>
        {error && <ErrorCallout error={error} />}
      </DialogBody>
      <DialogFooter actions={<><Button text="Cancel" onClick={onClose} /><Button intent="danger" icon="undo" text="Record reversing entry" loading={busy} onClick={() => void submit()} data-testid="reverse-confirm" /></>} />
    </Dialog>
  );
}

function rowState(r: LedgerRow): { text: string; intent: 'none' | 'warning' | 'danger' } {
  if (r.source === 'reversal') return { text: `reverses #${r.reversesId}: ${r.reason ?? ''}`, intent: 'warning' };
  if (r.reversedBy) return { text: `reversed by #${r.reversedBy}`, intent: 'danger' };
  return { text: 'standing', intent: 'none' };
}

function RowsTable({ rows, onReverse }: { rows: LedgerRow[]; onReverse: (r: LedgerRow) => void }) {
  return (
    <div className="tl-table-scroll">
      <HTMLTable compact striped className="tl-table" aria-label="Ledger rows" data-testid="ledger-rows">
        <thead>
          <tr><th>#</th><th>Date</th><th>Dest.</th><th>Consignee</th><th>Authorization</th><th className="tl-num">TPP</th><th>From</th><th>State</th><th><span className="bp6-text-muted">Action</span></th></tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const st = rowState(r);
            return (
              <tr key={r.id} data-testid={`ledger-row-${r.id}`}>
                <td className="tl-mono">{r.id}</td>
                <td className="tl-nowrap">{formatDate(r.date)}</td>
                <td>{r.destination}</td>
                <td>{r.consignee}</td>
                <td>{r.authorization}{r.license && <span className="tl-muted"> · license {r.license.number}</span>}</td>
                <td className="tl-num tl-mono">{fmt(r.tpp)}</td>
                <td>{r.caseId !== null ? <a href={`#/cases/${r.caseId}/determination`}>case {r.caseId}</a> : r.importSha256 ? <span className="tl-mono" title={r.importSha256}>import {r.importSha256.slice(0, 8)}</span> : '—'}</td>
                <td><Tag minimal intent={st.intent}>{st.text}</Tag></td>
                <td>{r.source !== 'reversal' && !r.reversedBy && <Button size="small" variant="minimal" intent="danger" icon="undo" text="Reverse…" aria-label={`Reverse row ${r.id}`} onClick={() => onReverse(r)} />}</td>
              </tr>
            );
          })}
        </tbody>
      </HTMLTable>
    </div>
  );
}

function Imports({ onReverse, tick }: { onReverse: (i: LedgerImport) => void; tick: number }) {
  const [imports] = useCall('ledger.imports', {}, `imports-${tick}`);
  if (imports.status !== 'ok' || imports.value.length === 0) return null;
  return (
    <Section compact title="Shipment-history imports" icon="import" elevation={0}>
      <SectionCard>
        <HTMLTable compact className="tl-table" aria-label="Imports" data-testid="ledger-imports">
          <thead><tr><th>File</th><th>Imported</th><th className="tl-num">Rows</th><th className="tl-num">Standing</th><th className="tl-num">TPP standing</th><th><span className="bp6-text-muted">Action</span></th></tr></thead>
          <tbody>
            {imports.value.map((i) => (
              <tr key={i.sha256}>
                <td>{i.fileName ?? <span className="tl-mono">{i.sha256.slice(0, 12)}…</span>}</td>
                <td className="tl-nowrap">{formatMoment(i.importedAt)}</td>
                <td className="tl-num">{i.rows}</td>
                <td className="tl-num">{i.standing}</td>
                <td className="tl-num tl-mono">{fmt(i.tpp)}</td>
                <td>{i.standing > 0 && <Button size="small" variant="minimal" intent="danger" icon="undo" text="Reverse import…" aria-label={`Reverse import ${i.fileName ?? i.sha256}`} onClick={() => onReverse(i)} />}</td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      </SectionCard>
    </Section>
  );
}

export function LedgerPage() {
  const [asOf, setAsOf] = useState(todayLocal());
  const [tick, setTick] = useState(0);
  const [ledger, reload] = useCall('ledger.summary', { asOf }, `${asOf}-${tick}`);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const q = query(filters);
  const [rows] = useCall('ledger.rows', q, `${JSON.stringify(q)}-${tick}`);
  const [reverse, setReverse] = useState<ReverseTarget | null>(null);
  const [showImport, setShowImport] = useState(false);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const refresh = () => {
    setTick((t) => t + 1);
    reload();
  };
  const importCsv = async (f: DroppedFile) => {
    setImportError(null);
    const r = await run('shipments.import', { fileName: f.name, text: new TextDecoder().decode(f.bytes) });
    if (!r.ok) return setImportError(r.error);
    toastOk(`Imported ${r.value.count} shipment(s) from ${f.name}.`);
    refresh();
  };
  const openBar = (r: CapRow) => {
    if (!r.rows) return;
    setFilters({ ...NO_FILTERS, destination: r.rows.destination ?? '', consignee: r.rows.consignee ?? '', authorization: r.rows.authorization, dateFrom: r.rows.dateFrom, dateTo: r.rows.dateTo, bar: r.label });
    document.getElementById('ledger-rows-section')?.scrollIntoView({ block: 'start' });
  };
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, dateFrom: undefined, dateTo: undefined, bar: undefined }));
  const year = Number(asOf.slice(0, 4));
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
          <Callout compact icon="info-sign">{ledger.value.shipmentCount} shipment(s) counted as of {formatDate(ledger.value.asOf)} (reversing entries net out). Bars turn amber above 80% of a cap and red above it; "Rows" lists the shipments behind a bar.</Callout>
          <Section compact title="Country allocations (TPP)" icon="globe" elevation={0}>
            <SectionCard>
              {ledger.value.countryAllocations.some((r) => r.global) && <Callout compact intent="warning" icon="eye-off" className="tl-mb" data-testid="global-cap-note">{GLOBAL_CAP_NOTE}</Callout>}
              <Bars rows={ledger.value.countryAllocations} empty="No allocation applies." onOpen={openBar} />
            </SectionCard>
          </Section>
          <Section compact title="LPP per consignee, this calendar year (TPP)" icon="people" elevation={0}><SectionCard><Bars rows={ledger.value.consigneeLpp} empty="No LPP shipments." onOpen={openBar} /></SectionCard></Section>
          <Section compact title="National VEU installed base (TPP)" icon="office" elevation={0}><SectionCard><Bars rows={ledger.value.nveu} empty="No NVEU shipments." onOpen={openBar} /></SectionCard></Section>
        </>
      )}
      <Section compact title="Ledger rows" icon="th-list" elevation={0} id="ledger-rows-section">
        <SectionCard>
          <div className="tl-toolbar" role="group" aria-label="Filter the ledger rows">
            <FormGroup inline label="Destination" labelFor="f-dest">
              <InputGroup id="f-dest" size="small" value={filters.destination} placeholder="e.g. BR" maxLength={2} style={{ width: 70 }} onValueChange={(v) => set({ destination: v })} />
            </FormGroup>
            <FormGroup inline label="Consignee" labelFor="f-consignee">
              <InputGroup id="f-consignee" size="small" value={filters.consignee} placeholder="exact name" onValueChange={(v) => set({ consignee: v })} />
            </FormGroup>
            <FormGroup inline label="Year" labelFor="f-year">
              <HTMLSelect id="f-year" value={filters.year} onChange={(e) => set({ year: e.target.value })} options={[{ value: '', label: 'any' }, ...Array.from({ length: 6 }, (_, i) => String(year - 4 + i)).reverse().map((y) => ({ value: y, label: y }))]} />
            </FormGroup>
            <FormGroup inline label="Authorization" labelFor="f-auth">
              <HTMLSelect id="f-auth" value={filters.authorization} onChange={(e) => set({ authorization: e.target.value as Authorization | '' })} options={[{ value: '', label: 'any' }, ...AUTHORIZATIONS.map((a) => ({ value: a, label: a }))]} />
            </FormGroup>
            <FormGroup inline label="Rows" labelFor="f-state">
              <HTMLSelect id="f-state" value={filters.state} onChange={(e) => set({ state: e.target.value as Filters['state'] })} options={[{ value: 'all', label: 'all' }, { value: 'standing', label: 'standing (counted)' }, { value: 'reversed', label: 'reversed and reversing' }]} />
            </FormGroup>
            <Button size="small" variant="minimal" icon="filter-remove" text="Clear" onClick={() => setFilters(NO_FILTERS)} />
          </div>
          {filters.bar && <div className="tl-muted" data-testid="rows-bar">Rows behind the bar “{filters.bar}”{filters.dateFrom ? ` from ${filters.dateFrom}` : ''}{filters.dateTo ? ` to ${filters.dateTo}` : ''}.</div>}
          {rows.status === 'loading' && <Loading slow={rows.slow} label="Reading the ledger…" />}
          {rows.status === 'error' && <ErrorCallout error={rows.error} />}
          {rows.status === 'ok' && (
            <>
              <div className="tl-muted" data-testid="rows-count">{rows.value.total} row(s){rows.value.total > rows.value.rows.length ? `, the newest ${rows.value.rows.length} shown` : ''}; TPP of the rows shown: {fmt(rows.value.rows.reduce((s, r) => s + r.tpp, 0))}</div>
              {rows.value.rows.length > 0 ? <RowsTable rows={rows.value.rows} onReverse={(row) => setReverse({ kind: 'row', row })} /> : <div className="tl-muted">No ledger row matches.</div>}
            </>
          )}
        </SectionCard>
      </Section>
      <Imports tick={tick} onReverse={(imp) => setReverse({ kind: 'import', imp })} />
      {reverse && <ReverseDialog target={reverse} onClose={() => setReverse(null)} onDone={() => { setReverse(null); refresh(); }} />}
    </div>
  );
}
