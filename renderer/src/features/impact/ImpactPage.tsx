// What a new rule changes: choose a candidate rule pack or screening-list file (verified as an import
// would, never installed), run it over every stored case in the background with progress and cancel, and
// read what changes per mode (license required, authorization, review policy, tier, caps, screening hits)
// and which issued letters to supersede. Nothing stored changes.
import { useEffect, useRef, useState } from 'react';
import { Button, Callout, Card, FormGroup, HTMLTable, NonIdealState, ProgressBar, Tag } from '@blueprintjs/core';
import { bytesToBase64, call, useAction } from '../../api/client';
import type { ImpactJobStatus, ImpactReportView } from '../../../../shared/ipc/contract-ledger';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import '../ledger/ledger.css';
import { formatDate } from '../../components/format';

const n = (x: number) => x.toLocaleString('en-US');

const KIND_LABEL: Record<string, string> = {
  license_required: 'License required',
  authorization: 'Authorization',
  review_policy: 'Review policy',
  tier: 'Tier',
  cap: 'Caps',
  screening: 'Screening hits',
};
const MODE_LABEL: Record<string, string> = { as_written: 'As written', enforced: 'Enforced' };

function Summary({ r }: { r: ImpactReportView }) {
  return (
    <div className="tl-impact-summary" data-testid="impact-summary">
      {(['enforced', 'as_written'] as const).map((m) => {
        const s = r.modes[m];
        if (!s) return null;
        return (
          <Card compact key={m} data-testid={`impact-mode-${m}`}>
            <strong>{MODE_LABEL[m]}</strong>: {n(s.changedCases)} of {n(s.evaluated)} case(s) change
            <div className="tl-muted">{Object.entries(s.byKind).filter(([k]) => k !== 'screening').map(([k, v]) => `${KIND_LABEL[k]} ${n(v)}`).join(' · ')}</div>
          </Card>
        );
      })}
      {r.screening && (
        <Card compact data-testid="impact-mode-screening">
          <strong>Screening</strong>: {n(r.screening.changedCases)} of {n(r.screening.screened)} case(s) change their hits
        </Card>
      )}
      <Card compact>
        <strong>Letters to supersede</strong>: {n(r.letters.length)}
        <div className="tl-muted">{n(r.scanned)} of {n(r.total)} evaluated case(s) looked at in {n(r.elapsedMs)} ms{r.notInMode ? `; ${n(r.notInMode)} evaluated in the other mode only` : ''}</div>
      </Card>
    </div>
  );
}

function Changes({ r }: { r: ImpactReportView }) {
  if (r.changes.length === 0) return <Callout intent="success" icon="tick" data-testid="impact-nothing">No stored case changes under this candidate.</Callout>;
  return (
    <div className="tl-table-scroll">
      <HTMLTable compact striped className="tl-table" aria-label="Changed cases" data-testid="impact-changes">
        <thead><tr><th>Case</th><th>Date</th><th>Destination</th><th>End user</th><th>Mode</th><th>What changes</th></tr></thead>
        <tbody>
          {r.changes.map((c) => (
            <tr key={`${c.caseId}-${c.mode ?? 'list'}`} data-testid={`impact-case-${c.caseId}`}>
              <td><a href={`#/cases/${c.caseId}/determination`}>{c.reference ?? `case ${c.caseId}`}</a></td>
              <td className="tl-nowrap">{formatDate(c.date)}</td>
              <td>{c.destination}</td>
              <td>{c.endUser}</td>
              <td>{c.mode ? MODE_LABEL[c.mode] : 'screening'}</td>
              <td>
                <ul className="tl-change-list">
                  {c.changes.map((x, i) => (
                    <li key={i}>
                      <strong>{KIND_LABEL[x.kind]}</strong>{x.item !== null ? ` (item ${x.item + 1})` : ''}{x.subject && x.kind !== 'cap' ? ` ${x.subject}` : ''}: {x.before} → <strong>{x.after}</strong>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </div>
  );
}

function Letters({ r }: { r: ImpactReportView }) {
  if (r.letters.length === 0) return <div className="tl-muted" data-testid="impact-letters-none">No issued letter's outcome would change.</div>;
  return (
    <HTMLTable compact className="tl-table" aria-label="Letters to supersede" data-testid="impact-letters">
      <thead><tr><th>Letter</th><th>Case</th><th>Mode</th><th>States</th><th>Would state</th></tr></thead>
      <tbody>
        {r.letters.map((l) => (
          <tr key={l.letterId}>
            <td className="tl-mono"><a href="#/letters">{l.number}</a></td>
            <td><a href={`#/cases/${l.caseId}/determination`}>case {l.caseId}</a></td>
            <td>{l.mode ? MODE_LABEL[l.mode] : 'screening'}</td>
            <td>{l.before}</td>
            <td><strong>{l.after}</strong>{l.alreadyDiffersUnderActive && <Tag minimal intent="warning" className="tl-mr">already differs under the active pack</Tag>}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}

export function ImpactPage() {
  const [listDate, setListDate] = useState('');
  const [job, setJob] = useState<ImpactJobStatus | null>(null);
  const [report, setReport] = useState<ImpactReportView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const { busy, run } = useAction();
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (polling.current) clearInterval(polling.current);
    polling.current = null;
  };
  useEffect(() => stop, []);

  const start = async (f: DroppedFile) => {
    stop();
    setError(null);
    setReport(null);
    setJob(null);
    setFileName(f.name);
    const r = await run('impact.start', { fileName: f.name, base64: bytesToBase64(f.bytes), ...(listDate ? { listDate } : {}) });
    if (!r.ok) return setError(r.error);
    setJob(r.value);
    const id = r.value.jobId;
    polling.current = setInterval(() => {
      void call('impact.status', { jobId: id }).then(async (s) => {
        if (!s.ok) return;
        setJob(s.value);
        if (s.value.state === 'running') return;
        stop();
        if (s.value.state === 'failed') return;
        const rep = await call('impact.report', { jobId: id });
        if (rep.ok) setReport(rep.value);
        else setError(rep.error);
      });
    }, 200);
  };
  const cancel = async () => {
    if (!job) return;
    const r = await call('impact.cancel', { jobId: job.jobId });
    if (r.ok) setJob(r.value);
  };
  const running = job?.state === 'running';
  const total = job?.progress.total ?? 0;
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Impact</h1>
        <span className="tl-muted">What a new rule pack or screening list would change, before you accept it.</span>
      </div>
      <div className="tl-form-fields">
        <DropZone
          label="Choose a candidate rule pack or screening list"
          hint="A signed pack (JSON) or a Consolidated Screening List (CSV or JSON, optionally gzipped). It is verified as on import and is not installed; nothing stored changes."
          accept=".json,.csv,.gz,application/json,text/csv"
          icon="predictive-analysis"
          onFile={(f) => void start(f)}
          testId="impact-file"
        />
        <FormGroup inline label="List date (screening lists that do not state it)" labelFor="impact-list-date">
          <input id="impact-list-date" type="date" className="bp6-input" value={listDate} onChange={(e) => setListDate(e.target.value)} />
        </FormGroup>
      </div>
      {busy && !job && <div className="tl-muted">Verifying {fileName}…</div>}
      {error && <ErrorCallout error={error} />}
      {!job && !error && <NonIdealState icon="predictive-analysis" title="No candidate chosen" description="Every stored case's latest determination is evaluated again under the active pack and under the candidate, as of the case's date and on the same ledger; only what the candidate changes is listed." />}
      {job && (
        <Card compact data-testid="impact-job">
          <div data-testid="impact-candidate">{job.candidate}</div>
          <div className="tl-toolbar tl-mt">
            <div style={{ flex: 1 }}>
              <ProgressBar value={total ? job.progress.done / total : running ? undefined : 1} intent={job.state === 'cancelled' ? 'warning' : job.state === 'failed' ? 'danger' : 'primary'} animate={running} stripes={running} aria-label="Impact progress" />
            </div>
            <span className="tl-mono" data-testid="impact-progress">{n(job.progress.done)} / {n(total)} cases · {n(job.progress.changed)} changed</span>
            {running && <Button size="small" icon="stop" text="Cancel" onClick={() => void cancel()} data-testid="impact-cancel" />}
          </div>
          <div className="tl-muted" data-testid="impact-state">
            {running && 'Running: the window stays usable; Cancel stops at the next step.'}
            {job.state === 'done' && 'Done. Nothing stored changed.'}
            {job.state === 'cancelled' && 'Cancelled: the figures below are partial. Nothing stored changed.'}
            {job.state === 'failed' && job.error}
          </div>
        </Card>
      )}
      {report && (
        <>
          <Summary r={report} />
          <h2>Changed cases</h2>
          <Changes r={report} />
          <h2>Issued letters whose outcome would change</h2>
          <Letters r={report} />
          {report.errors.length > 0 && (
            <Callout intent="warning" title={`${report.errors.length} case(s) could not be evaluated`}>
              <ul className="tl-obligations">{report.errors.slice(0, 20).map((e) => <li key={e.caseId}>case {e.caseId}: {e.message}</li>)}</ul>
            </Callout>
          )}
          <Callout compact icon="info-sign" data-testid="impact-note">{report.note}</Callout>
        </>
      )}
    </div>
  );
}
