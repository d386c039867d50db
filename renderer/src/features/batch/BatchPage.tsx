// Batch self-assessment: drop an order book (CSV/XLSX), confirm how its columns map to case fields, see
// every invalid line by row and column before anything is stored, then evaluate the valid lines in the
// background with a progress bar (count, rate, time left; cancel keeps nothing), and read the results:
// one row per line, filtered and sorted, each opening its case; export as CSV, XLSX or JSON; issue letters
// for the selected lines with one passphrase (lines that cannot have one say why).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Callout, Checkbox, FormGroup, HTMLSelect, HTMLTable, InputGroup, ProgressBar, Tag } from '@blueprintjs/core';
import { bytesToBase64, call, useAction } from '../../api/client';
import type { BatchJobStatus, BatchLetterLine, BatchLettersStatus, BatchPlanView, BatchResultLine } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import { go } from '../../app/router';

type SortKey = 'row' | 'reference' | 'partNumber' | 'quantity' | 'customer' | 'destination' | 'enforced' | 'asWritten' | 'screening';

const COLUMNS: { key: SortKey | 'authorization' | 'reviewPolicy' | 'caps'; label: string; sort?: SortKey }[] = [
  { key: 'row', label: 'Row', sort: 'row' },
  { key: 'reference', label: 'Reference', sort: 'reference' },
  { key: 'partNumber', label: 'Product', sort: 'partNumber' },
  { key: 'quantity', label: 'Qty', sort: 'quantity' },
  { key: 'customer', label: 'Customer', sort: 'customer' },
  { key: 'destination', label: 'Dest.', sort: 'destination' },
  { key: 'enforced', label: 'Enforced', sort: 'enforced' },
  { key: 'asWritten', label: 'As written', sort: 'asWritten' },
  { key: 'authorization', label: 'Authorization' },
  { key: 'reviewPolicy', label: 'Review policy' },
  { key: 'screening', label: 'Screening', sort: 'screening' },
  { key: 'caps', label: 'Caps touched' },
];

function seconds(ms: number | null): string {
  if (ms === null) return '…';
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function outcomeTag(v: string | null) {
  if (!v) return <span className="tl-muted">—</span>;
  const intent = v === 'license required' || v === 'prohibited' ? 'danger' : v === 'not controlled' || v === 'no license required' ? 'success' : 'primary';
  return <Tag minimal intent={intent}>{v}</Tag>;
}

function letterCell(l: BatchLetterLine | undefined) {
  if (!l) return <span className="tl-muted">—</span>;
  if (l.state === 'issued') return <Tag minimal intent="success" className="tl-mono">{l.number}</Tag>;
  if (l.state === 'pending') return <span className="tl-muted">waiting…</span>;
  return <span className="tl-muted" style={{ whiteSpace: 'normal' }}>Skipped: {l.reason}</span>;
}

function screeningTag(v: string | null, match: string | null) {
  if (!v) return <span className="tl-muted">—</span>;
  const intent = v === 'listed' ? 'danger' : v === 'needs review' ? 'warning' : v === 'clear' ? 'success' : 'none';
  return <Tag minimal intent={intent} title={match ?? undefined}>{v}</Tag>;
}

export function BatchPage() {
  const [file, setFile] = useState<DroppedFile | null>(null);
  const [plan, setPlan] = useState<BatchPlanView | null>(null);
  const [columns, setColumns] = useState<Record<string, string | null> | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [job, setJob] = useState<BatchJobStatus | null>(null);
  const [lines, setLines] = useState<BatchResultLine[] | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'row', desc: false });
  const { busy, run } = useAction();
  const base64 = useMemo(() => (file ? bytesToBase64(file.bytes) : ''), [file]);
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  // Letters for selected lines: rows selected (by row number), the officer and passphrase asked once.
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [officer, setOfficer] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [letters, setLetters] = useState<BatchLettersStatus | null>(null);
  const [letterError, setLetterError] = useState<IpcError | null>(null);
  const letterPolling = useRef<ReturnType<typeof setInterval> | null>(null);
  const issuing = useRef(false);

  const replan = async (f: DroppedFile, b64: string, cols: Record<string, string | null> | null) => {
    setError(null);
    const r = await run('batch.plan', { fileName: f.name, base64: b64, ...(cols ? { columns: cols } : {}) });
    if (!r.ok) {
      setPlan(null);
      return setError(r.error);
    }
    setPlan(r.value);
    setColumns(Object.fromEntries(r.value.columns.filter((c) => c.header.trim()).map((c) => [c.header, c.field])));
  };

  const onFile = (f: DroppedFile) => {
    setFile(f);
    setJob(null);
    setLines(null);
    setColumns(null);
    setSelected(new Set());
    setLetters(null);
    setLetterError(null);
    void replan(f, bytesToBase64(f.bytes), null);
  };

  useEffect(() => () => {
    if (polling.current) clearInterval(polling.current);
    if (letterPolling.current) clearInterval(letterPolling.current);
  }, []);

  // Set at once on the first click (state updates land a render later, so a double click could start two
  // jobs and store the order book twice); cleared when the job is known.
  const starting = useRef(false);
  const start = async (skipInvalid: boolean) => {
    if (!file || !columns || starting.current) return;
    starting.current = true;
    setError(null);
    setLines(null);
    const r = await run('batch.start', { fileName: file.name, base64, columns, skipInvalid }).finally(() => {
      starting.current = false;
    });
    if (!r.ok) return setError(r.error);
    setJob(r.value);
    const id = r.value.jobId;
    polling.current = setInterval(() => {
      void call('batch.status', { jobId: id }).then(async (s) => {
        if (!s.ok) return;
        setJob(s.value);
        if (s.value.state === 'running') return;
        if (polling.current) clearInterval(polling.current);
        polling.current = null;
        if (s.value.state === 'done') {
          const res = await call('batch.results', { jobId: id, offset: 0, limit: 100000 });
          if (res.ok) setLines(res.value.lines);
          else setError(res.error);
        }
      });
    }, 250);
  };

  const cancel = async () => {
    if (!job) return;
    const r = await call('batch.cancel', { jobId: job.jobId });
    if (r.ok) setJob(r.value);
  };

  const exportAs = async (format: 'csv' | 'xlsx' | 'json') => {
    if (!job) return;
    const r = await run('batch.export', { jobId: job.jobId, format });
    if (!r.ok) return setError(r.error);
    const saved = await call('files.save', { title: 'Export batch results', defaultName: r.value.fileName, base64: r.value.base64, filters: [{ name: format.toUpperCase(), extensions: [format] }] });
    if (!saved.ok && saved.error.code !== 'CANCELLED') setError(saved.error);
  };

  const saveMapping = async () => {
    if (!plan) return;
    const saved = await call('files.save', { title: 'Save column mapping', defaultName: `${plan.fileName.replace(/\.[^.]+$/, '')}.mapping.json`, base64: bytesToBase64(new TextEncoder().encode(plan.mappingFile)), filters: [{ name: 'Tierline mapping', extensions: ['json'] }] });
    if (!saved.ok && saved.error.code !== 'CANCELLED') setError(saved.error);
  };

  const issueLetters = async () => {
    if (!lines || issuing.current) return;
    const ids = [...new Set(lines.filter((l) => selected.has(l.row) && l.determinationId !== null).map((l) => l.determinationId!))];
    if (!ids.length) return;
    issuing.current = true;
    setLetterError(null);
    const r = await call('batch.letters', { determinationIds: ids, officerName: officer, passphrase });
    if (!r.ok) {
      issuing.current = false;
      return setLetterError(r.error);
    }
    setPassphrase('');
    setLetters(r.value);
    const id = r.value.jobId;
    letterPolling.current = setInterval(() => {
      void call('batch.lettersStatus', { jobId: id }).then((s) => {
        if (!s.ok) return;
        setLetters(s.value);
        if (s.value.state === 'running') return;
        if (letterPolling.current) clearInterval(letterPolling.current);
        letterPolling.current = null;
        issuing.current = false;
      });
    }, 250);
  };

  const letterOf = useMemo(() => new Map((letters?.lines ?? []).map((l) => [l.determinationId, l])), [letters]);

  const shown = useMemo(() => {
    if (!lines) return [];
    const q = filter.trim().toLowerCase();
    const rows = q ? lines.filter((l) => [l.reference, l.partNumber, l.customer, l.destination, l.enforced, l.asWritten, l.screening, l.problem].some((v) => v?.toLowerCase().includes(q))) : [...lines];
    const k = sort.key;
    rows.sort((a, b) => {
      const x = a[k];
      const y = b[k];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      return sort.desc ? -c : c;
    });
    return rows;
  }, [lines, filter, sort]);

  const running = job?.state === 'running';
  // An order book evaluated and stored is not evaluated again by a second click: drop the file again.
  const stored = job?.state === 'done';
  const startTitle = stored ? 'These lines are evaluated and stored; drop the file again to evaluate it once more' : undefined;
  const pct = job && job.progress.total ? job.progress.done / job.progress.total : 0;
  const selectable = shown.filter((l) => l.determinationId !== null);
  const allShownSelected = selectable.length > 0 && selectable.every((l) => selected.has(l.row));
  const someShownSelected = selectable.some((l) => selected.has(l.row));
  const selectedCount = lines ? lines.filter((l) => selected.has(l.row) && l.determinationId !== null).length : 0;
  const lettersRunning = letters?.state === 'running';
  const header = (c: (typeof COLUMNS)[number]) => (
    <th key={c.key} aria-sort={c.sort && sort.key === c.sort ? (sort.desc ? 'descending' : 'ascending') : undefined}>
      {c.sort ? (
        <Button variant="minimal" size="small" text={`${c.label}${sort.key === c.sort ? (sort.desc ? ' ▼' : ' ▲') : ''}`} onClick={() => setSort({ key: c.sort!, desc: sort.key === c.sort ? !sort.desc : false })} />
      ) : c.label}
    </th>
  );
  const toggle = (row: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(row);
    else next.delete(row);
    setSelected(next);
  };
  const toggleShown = (on: boolean) => {
    const next = new Set(selected);
    for (const l of selectable) {
      if (on) next.add(l.row);
      else next.delete(l.row);
    }
    setSelected(next);
  };

  return (
    <div className="tl-page" data-testid="batch-page">
      <div className="tl-page-header">
        <h1>Batch</h1>
        <span className="tl-muted">Every line of an order book, in both modes, screened.</span>
      </div>
      <DropZone label="Order book" hint="A CSV or XLSX file: one line per order line (part number, quantity, customer, country, date)" accept=".csv,.xlsx" icon="th" onFile={onFile} testId="batch-drop" />
      {error && <ErrorCallout error={error} />}
      {plan && columns && (
        <section className="tl-section" aria-label="Column mapping" data-testid="batch-mapping">
          <h2>Columns of {plan.fileName}{plan.sheet !== 'csv' ? ` (sheet ${plan.sheet})` : ''}</h2>
          <HTMLTable compact className="tl-table">
            <thead><tr><th>Header in the file</th><th>Case field</th><th>How</th></tr></thead>
            <tbody>
              {plan.columns.filter((c) => c.header.trim()).map((c) => (
                <tr key={c.header}>
                  <td>{c.header}</td>
                  <td>
                    <HTMLSelect
                      aria-label={`Field for column ${c.header}`}
                      value={columns[c.header] ?? ''}
                      onChange={(e) => {
                        const next = { ...columns, [c.header]: e.target.value || null };
                        setColumns(next);
                        if (file) void replan(file, base64, next);
                      }}
                    >
                      <option value="">(ignore)</option>
                      {plan.fields.map((f) => <option key={f.field} value={f.field}>{f.label} ({f.field})</option>)}
                    </HTMLSelect>
                  </td>
                  <td className="tl-muted">{c.how}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
          <div className="tl-toolbar">
            <Button size="small" icon="floppy-disk" text="Save mapping…" onClick={() => void saveMapping()} data-testid="batch-save-mapping" />
          </div>
          <Callout intent={plan.invalidLines || plan.missing.length ? 'warning' : 'success'} data-testid="batch-counts" title={`${plan.validLines} of ${plan.lines} line(s) valid, ${plan.cases} order(s)`}>
            {plan.problemCount > 0 ? `${plan.problemCount} problem(s): fix the file, or evaluate the valid lines and keep this report.` : 'Every line is valid.'}
          </Callout>
          {plan.problemCount > 0 && (
            <HTMLTable compact striped className="tl-table" aria-label="Invalid lines" data-testid="batch-problems">
              <thead><tr><th className="tl-num">Row</th><th>Column</th><th>Reason</th></tr></thead>
              <tbody>
                {plan.problems.map((p, i) => (
                  <tr key={i}><td className="tl-num tl-mono">{p.row}</td><td>{p.column}</td><td style={{ whiteSpace: 'normal' }}>{p.message}</td></tr>
                ))}
              </tbody>
            </HTMLTable>
          )}
          <div className="tl-toolbar">
            {plan.problemCount === 0 ? (
              <Button intent="primary" icon="play" text={`Evaluate ${plan.validLines} line(s)`} disabled={running || busy || stored} title={startTitle} onClick={() => void start(false)} data-testid="batch-start" />
            ) : (
              <Button intent="warning" icon="play" text={`Evaluate the ${plan.validLines} valid line(s)`} disabled={running || busy || stored || plan.validLines === 0} title={startTitle} onClick={() => void start(true)} data-testid="batch-start-valid" />
            )}
          </div>
        </section>
      )}
      {job && (
        <section className="tl-section" aria-label="Batch progress" data-testid="batch-progress">
          <ProgressBar aria-label="Batch progress" value={job.state === 'done' ? 1 : pct} intent={job.state === 'failed' ? 'danger' : job.state === 'done' ? 'success' : 'primary'} stripes={running} animate={running} />
          <div className="tl-toolbar" aria-live="polite">
            <span data-testid="batch-progress-text">
              {job.state === 'running' && `${job.progress.phase === 'store' ? 'Storing' : 'Evaluating'}: ${job.progress.done} of ${job.progress.total} line(s), ${job.progress.rate} lines/s, ${seconds(job.progress.etaMs)} left`}
              {job.state === 'done' && job.summary && `Done: ${job.summary.evaluated} line(s) in ${job.summary.cases} case(s), stored; license required: enforced ${job.summary.licenseRequired.enforced}, as written ${job.summary.licenseRequired.asWritten}; screening: ${job.summary.screening.listed} listed, ${job.summary.screening.needsReview} to review${job.summary.screening.notScreened ? `, ${job.summary.screening.notScreened} not screened (no list imported)` : ''}.`}
              {job.state === 'cancelled' && 'Cancelled: nothing was stored.'}
              {job.state === 'failed' && (job.error ?? 'Failed: nothing was stored.')}
            </span>
            <div className="tl-spacer" />
            {running && <Button size="small" icon="stop" text="Cancel" onClick={() => void cancel()} data-testid="batch-cancel" />}
          </div>
        </section>
      )}
      {lines && (
        <section className="tl-section" aria-label="Results" data-testid="batch-results">
          <div className="tl-toolbar">
            <InputGroup leftIcon="filter" placeholder="Filter: customer, product, outcome…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter results" data-testid="batch-filter" />
            <span className="tl-muted" data-testid="batch-shown">{shown.length} of {lines.length} line(s)</span>
            <div className="tl-spacer" />
            <Button size="small" icon="export" text="CSV" onClick={() => void exportAs('csv')} data-testid="batch-export-csv" />
            <Button size="small" icon="export" text="XLSX" onClick={() => void exportAs('xlsx')} data-testid="batch-export-xlsx" />
            <Button size="small" icon="export" text="JSON" onClick={() => void exportAs('json')} data-testid="batch-export-json" />
          </div>
          <section className="tl-toolbar" aria-label="Letters for selected lines" data-testid="batch-letters">
            <span data-testid="batch-selected">{selectedCount} line(s) selected</span>
            <FormGroup label="Officer name" labelFor="batch-officer" inline style={{ marginBottom: 0 }}>
              <InputGroup id="batch-officer" size="small" value={officer} onValueChange={setOfficer} placeholder="e.g. A. Officer" data-testid="batch-officer" />
            </FormGroup>
            <FormGroup label="Passphrase" labelFor="batch-passphrase" inline style={{ marginBottom: 0 }}>
              <InputGroup id="batch-passphrase" size="small" type="password" value={passphrase} onValueChange={setPassphrase} title="Asked once for every selected line" data-testid="batch-passphrase" />
            </FormGroup>
            <Button
              intent="primary"
              icon="document"
              text={`Issue letters for ${selectedCount} line(s)`}
              disabled={selectedCount === 0 || !officer.trim() || !passphrase || lettersRunning}
              onClick={() => void issueLetters()}
              data-testid="batch-issue-letters"
            />
          </section>
          {letterError && <ErrorCallout error={letterError} />}
          {letters && (
            <div aria-label="Letters progress" data-testid="batch-letters-progress">
              <ProgressBar aria-label="Letters progress" value={letters.total ? letters.done / letters.total : 1} intent={letters.state === 'failed' ? 'danger' : letters.state === 'done' ? 'success' : 'primary'} stripes={lettersRunning} animate={lettersRunning} />
              <span aria-live="polite" data-testid="batch-letters-text">
                {lettersRunning ? `Issuing letters: ${letters.done} of ${letters.total} case(s); ${letters.issued} issued, ${letters.skipped} skipped` : `Letters: ${letters.issued} issued, ${letters.skipped} skipped (the reason is on each line).`}
                {letters.error ? ` ${letters.error}` : ''}
              </span>
            </div>
          )}
          <HTMLTable compact striped interactive className="tl-table" aria-label="Batch results" data-testid="batch-grid">
            <thead>
              <tr>
                <th>
                  <Checkbox
                    aria-label="Select every line shown"
                    checked={allShownSelected}
                    indeterminate={someShownSelected && !allShownSelected}
                    disabled={selectable.length === 0}
                    onChange={(e) => toggleShown(e.currentTarget.checked)}
                    style={{ margin: 0 }}
                    data-testid="batch-select-all"
                  />
                </th>
                {COLUMNS.slice(0, 2).map(header)}
                {letters && <th>Letter</th>}
                {COLUMNS.slice(2).map(header)}
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((l) => (
                <tr key={l.row} data-row={l.row} onClick={() => l.caseId && go(`#/cases/${l.caseId}/determination`)} title={l.problem ?? undefined}>
                  <td onClick={(e) => e.stopPropagation()}>
                    {l.determinationId !== null && (
                      <Checkbox aria-label={`Select row ${l.row}`} checked={selected.has(l.row)} onChange={(e) => toggle(l.row, e.currentTarget.checked)} style={{ margin: 0 }} data-testid="batch-select" />
                    )}
                  </td>
                  <td className="tl-num tl-mono">{l.row}</td>
                  <td>{l.caseId ? <a href={`#/cases/${l.caseId}/determination`}>{l.reference ?? `case ${l.caseId}`}</a> : (l.reference ?? '—')}</td>
                  {letters && <td data-testid="batch-letter" style={{ minWidth: 200, maxWidth: 320 }}>{l.determinationId !== null ? letterCell(letterOf.get(l.determinationId)) : <span className="tl-muted">—</span>}</td>}
                  <td>{l.partNumber ?? '—'}</td>
                  <td className="tl-num">{l.quantity ?? '—'}</td>
                  <td>{l.customer ?? '—'}</td>
                  <td>{l.destination ?? '—'}</td>
                  <td>{l.status === 'invalid' ? <Tag minimal intent="warning">invalid</Tag> : outcomeTag(l.enforced)}</td>
                  <td>{outcomeTag(l.asWritten)}</td>
                  <td className="tl-mono">{l.authorizationEnforced ? `${l.authorizationEnforced} / ${l.authorizationAsWritten}` : '—'}</td>
                  <td>{l.reviewPolicy ?? (l.problem ? <span className="tl-muted">{l.problem}</span> : '—')}</td>
                  <td>{screeningTag(l.screening, l.screeningMatch)}</td>
                  <td>{l.caps ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
          {shown.length > 500 && <span className="tl-muted">Showing the first 500; filter, or export for all.</span>}
        </section>
      )}
    </div>
  );
}
