// The screening screen: a quick look-up of one name (and its country) against the active Consolidated
// Screening List snapshot, every candidate at or above the review threshold with its score and why; the
// snapshot's date, hash and age (with the out-of-date warning), and import of a newer list file.
import { useState } from 'react';
import { Button, Callout, FormGroup, HTMLSelect, InputGroup, Section, SectionCard } from '@blueprintjs/core';
import { bytesToBase64, useAction, useCall } from '../../api/client';
import type { ScreeningLookup } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastOk } from '../../components/toaster';
import { COUNTRY_OPTIONS } from '../cases/labels';
import { CandidateList, ListLine } from './Candidates';
import { formatDate, localizeDates } from '../../components/format';

export function ScreeningPage() {
  const [status, reloadStatus] = useCall('lists.status', {}, 'lists');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<ScreeningLookup | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [showImport, setShowImport] = useState(false);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const lookup = useAction();
  const importer = useAction();

  const search = async () => {
    setError(null);
    if (!name.trim()) return;
    const r = await lookup.run('screening.lookup', { name: name.trim(), country: country || undefined });
    if (!r.ok) {
      setResult(null);
      return setError(r.error);
    }
    setResult(r.value);
  };

  const importList = async (f: DroppedFile) => {
    setImportError(null);
    const r = await importer.run('lists.import', { fileName: f.name, base64: bytesToBase64(f.bytes) });
    if (!r.ok) return setImportError(r.error);
    toastOk(`Imported the list of ${r.value.active ? formatDate(r.value.active.date) : '?'} (${r.value.active?.entryCount.toLocaleString('en-US') ?? 0} entries).`);
    setShowImport(false);
    setResult(null);
    reloadStatus();
  };

  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Screening</h1>
        <span className="tl-muted">Restricted parties on the Consolidated Screening List (offline)</span>
        <div className="tl-spacer" />
        <Button icon="import" text="Import list…" onClick={() => setShowImport((s) => !s)} active={showImport} data-testid="list-import-toggle" />
      </div>
      {showImport && (
        <div>
          <DropZone
            label="Import a Consolidated Screening List"
            hint="Drop ITA's consolidated.csv or consolidated.json here (gzip allowed), or press Enter to choose it. A malformed file is refused with the row and field; nothing changes."
            accept=".csv,.json,.gz,text/csv,application/json"
            icon="import"
            onFile={(f) => void importList(f)}
            testId="list-import"
          />
          {importer.busy && <Loading slow label="Reading the list and building its index…" />}
          {importError && <ErrorCallout error={importError} />}
        </div>
      )}
      <Section compact title="Active list" icon="database" elevation={0}>
        <SectionCard>
          {status.status === 'loading' && <Loading slow={status.slow} label="Reading the list…" />}
          {status.status === 'error' && <ErrorCallout error={status.error} onRetry={reloadStatus} />}
          {status.status === 'ok' && <ListLine list={status.value.active} warnings={status.value.warnings} />}
        </SectionCard>
      </Section>
      <Section compact title="Look up a party" icon="search" elevation={0}>
        <SectionCard>
          <form
            className="tl-toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              void search();
            }}
          >
            <FormGroup label="Name" labelFor="screen-name" inline style={{ marginBottom: 0 }}>
              <InputGroup id="screen-name" value={name} onValueChange={setName} placeholder="e.g. Huawei Technologies Co., Ltd." style={{ width: 340 }} data-testid="screen-name" autoFocus />
            </FormGroup>
            <FormGroup label="Country" labelFor="screen-country" inline style={{ marginBottom: 0 }} helperText="Optional: sharpens the score, never hides a candidate.">
              <HTMLSelect id="screen-country" value={country} onChange={(e) => setCountry(e.target.value)} options={[{ value: '', label: '— any —' }, ...COUNTRY_OPTIONS]} data-testid="screen-country" />
            </FormGroup>
            <Button type="submit" icon="search" intent="primary" text="Screen" disabled={!name.trim()} loading={lookup.busy} data-testid="screen-submit" />
          </form>
          {error && <div className="tl-mt"><ErrorCallout error={error} /></div>}
          {result && (
            <div className="tl-mt" data-testid="screen-result">
              {result.warnings.map((w) => <Callout key={w} intent="warning" compact icon="warning-sign">{localizeDates(w)}</Callout>)}
              <p className="tl-muted">
                {result.matches.length ? `${result.matches.length} candidate(s) for` : 'No candidate for'} “{result.query}”{result.country ? ` (${result.country})` : ''} · match ≥ {result.thresholds.match}, review ≥ {result.thresholds.review}
                {result.list ? ` · list of ${formatDate(result.list.date)}` : ''}
              </p>
              <CandidateList matches={result.matches} empty={result.list ? 'No candidate: the name is on none of the lists at or above the review threshold.' : 'Nothing was screened: no list is imported.'} />
            </div>
          )}
        </SectionCard>
      </Section>
    </div>
  );
}
