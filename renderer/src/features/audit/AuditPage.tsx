// The audit log with hash-chain verification: plain action names, filters (kind of action, search,
// dates), export as CSV or XLSX with the same filters. The table scrolls inside itself at any width.
import { useEffect, useState } from 'react';
import { Button, Callout, HTMLSelect, HTMLTable, InputGroup, NonIdealState } from '@blueprintjs/core';
import { ACTION_GROUPS, actionName } from '../../../../shared/domain/audit-actions';
import { ExportButtons } from '../../components/ExportButtons';
import { useAction, useCall } from '../../api/client';
import type { ChainCheck } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { formatMoment } from '../../components/format';

/** The entry's details as short "key value" pairs: digests shortened, nested values compact. */
function DetailText({ text }: { text: string | null }) {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return <>{text}</>;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return <>{text}</>;
  const show = (v: unknown): string => {
    if (typeof v === 'string') return /^[0-9a-f]{40,}$/.test(v) ? `${v.slice(0, 12)}…` : v;
    const j = JSON.stringify(v);
    return j.length > 70 ? `${j.slice(0, 70)}…` : j;
  };
  return (
    <span className="tl-audit-detail">
      {Object.entries(parsed as Record<string, unknown>).map(([k, v]) => (
        <span key={k} title={typeof v === 'string' ? v : JSON.stringify(v)}>
          <span className="tl-muted">{k}</span> {show(v)}
        </span>
      ))}
    </span>
  );
}

export function AuditPage() {
  const [offset, setOffset] = useState(0);
  const limit = 200;
  const [group, setGroup] = useState('');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), 200);
    return () => clearTimeout(t);
  }, [search]);
  const filter = { ...(group ? { group } : {}), ...(query ? { search: query } : {}), ...(dateFrom ? { dateFrom } : {}), ...(dateTo ? { dateTo } : {}) };
  const filterKey = JSON.stringify(filter);
  // A new (debounced) filter starts at its first page; the one extra render is the point.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setOffset(0), [filterKey]);
  const filtered = filterKey !== '{}';
  const [log, reload] = useCall('audit.list', { ...filter, offset, limit }, `${filterKey}:${offset}`);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const verify = async () => {
    setError(null);
    const r = await run('audit.verify', {});
    if (!r.ok) return setError(r.error);
    setCheck(r.value);
  };
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Audit log</h1>
        <span className="tl-muted">Append-only; each entry carries the hash of the one before it.</span>
        <div className="tl-spacer" />
        <ExportButtons request={{ register: 'audit', filter }} />
        <Button icon="link" intent="primary" text="Verify chain" loading={busy} onClick={() => void verify()} data-testid="verify-chain" />
      </div>
      {log.status === 'ok' && (
        <p className="tl-muted" data-testid="last-anchor">
          {log.value.lastAnchor
            ? `Last anchored ${formatMoment(log.value.lastAnchor.at)} (entry ${log.value.lastAnchor.seq}); keep that file off this machine.`
            : 'Never anchored: run tierline audit anchor --out FILE and keep the file off this machine, so a rewritten or cut-off log is caught.'}
        </p>
      )}
      <div className="tl-toolbar" role="search">
        <HTMLSelect aria-label="Kind of action" value={group} onChange={(e) => setGroup(e.target.value)} options={[{ value: '', label: 'Every action' }, ...ACTION_GROUPS.map((g) => ({ value: g.prefix, label: g.label }))]} />
        <InputGroup leftIcon="search" type="search" placeholder="Search subject, who, detail…" aria-label="Search the audit log" value={search} onValueChange={setSearch} />
        <label className="tl-muted" htmlFor="audit-from">From</label>
        <input id="audit-from" className="bp6-input" type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
        <label className="tl-muted" htmlFor="audit-to">to</label>
        <input id="audit-to" className="bp6-input" type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
        {filtered && <Button variant="minimal" icon="cross" text="Clear" onClick={() => { setGroup(''); setSearch(''); setDateFrom(''); setDateTo(''); }} />}
      </div>
      {error && <ErrorCallout error={error} />}
      {check && (
        <Callout intent={check.ok ? 'success' : 'danger'} icon={check.ok ? 'tick-circle' : 'error'} title={check.ok ? `Chain intact (${check.checked} entries)` : `Chain broken at entry ${check.brokenAt}`} data-testid="chain-result">
          {check.reason}
        </Callout>
      )}
      {log.status === 'loading' && <Loading slow={log.slow} label="Loading the audit log…" />}
      {log.status === 'error' && <ErrorCallout error={log.error} onRetry={reload} />}
      {log.status === 'ok' && log.value.total === 0 && <NonIdealState icon="history" title={filtered ? 'No entry matches these filters' : 'The log is empty'} />}
      {log.status === 'ok' && log.value.total > 0 && (
        <>
          <div className="tl-table-scroll" data-testid="audit-scroll" tabIndex={0} role="region" aria-label="Audit entries (scrolls sideways)">
          <HTMLTable compact striped className="tl-table tl-audit-table" aria-label="Audit log" data-testid="audit-table">
            <thead><tr><th className="tl-num">#</th><th>When</th><th>Who</th><th>Action</th><th>Subject</th><th>Detail</th><th>Hash</th></tr></thead>
            <tbody>
              {log.value.entries.map((e) => (
                <tr key={e.seq}>
                  <td className="tl-num tl-mono">{e.seq}</td>
                  <td title={e.at}>{formatMoment(e.at)}</td>
                  <td>{e.actor}</td>
                  <td title={e.action} data-testid="audit-action">{actionName(e.action)}</td>
                  <td>{e.subject ?? '—'}</td>
                  <td className="tl-audit-detail-cell"><DetailText text={e.detail} /></td>
                  <td className="tl-mono tl-muted" title={e.hash}>{e.hash.slice(0, 10)}…</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
          </div>
          <div className="tl-toolbar">
            <Button size="small" icon="chevron-left" text="Newer" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))} />
            <span className="tl-muted" data-testid="audit-range">{offset + 1}–{Math.min(offset + limit, log.value.total)} of {log.value.total}{filtered ? ' matching' : ''}</span>
            <Button size="small" endIcon="chevron-right" text="Older" disabled={offset + limit >= log.value.total} onClick={() => setOffset(offset + limit)} />
          </div>
        </>
      )}
    </div>
  );
}
