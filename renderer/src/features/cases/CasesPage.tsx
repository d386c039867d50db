// The case list: search and filters, virtualised so a million rows scroll smoothly. Rows load page by
// page as they come into view (the page after a loaded one by its key, so depth costs nothing; a jump by
// offset, which the capped count keeps within 10,000 rows), with the neighbouring pages fetched ahead.
// The count stops at 10,000 ("10,000+") and the list grows as it is scrolled past that. Search starts at
// the third character. The keyboard moves the selection (↑/↓/PgUp/PgDn/Home/End) and Enter opens.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, HTMLSelect, InputGroup, Tag } from '@blueprintjs/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { call, useAction } from '../../api/client';
import type { CaseListQuery, CaseStatus, CaseSummary, ExportRequest, Outcome } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { go } from '../../app/router';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastError, toastOk } from '../../components/toaster';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ExportButtons } from '../../components/ExportButtons';
import { COUNTRY_OPTIONS, OUTCOME_LABEL, STATUS_LABEL, verdictIntent, countryName } from './labels';
import { verdictLabel } from '../../../../shared/domain/mode-verdict';
import { formatDate } from '../../components/format';

const PAGE = 200;
const MIN_SEARCH = 3;
const ROW_H = 28;
// Reference, end user, destination, date, the outcome per mode (enforced first: what applies today), the letter.
const COLS = 'minmax(96px, 1.2fr) minmax(120px, 2fr) 52px 92px minmax(124px, 1.1fr) minmax(124px, 1.1fr) minmax(112px, 1fr)';
const HEADERS = ['Reference', 'End user', 'Dest.', 'Date', 'Enforced', 'As written', 'Letter'];

type Filters = { search: string; status: '' | CaseStatus; destination: string; outcome: '' | Outcome; dateFrom: string; dateTo: string };
const EMPTY: Filters = { search: '', status: '', destination: '', outcome: '', dateFrom: '', dateTo: '' };

type Key = { date: string; id: number };
type Page = { rows: CaseSummary[]; next: Key | null };

function toQuery(f: Filters, page: number, after: Key | null | undefined): CaseListQuery {
  const q: CaseListQuery = { limit: PAGE, count: page === 0 };
  if (page > 0) {
    if (after) q.after = after;
    else q.offset = page * PAGE;
  }
  if (f.search.trim().length >= MIN_SEARCH) q.search = f.search.trim();
  if (f.status) q.status = f.status;
  if (f.destination) q.destination = f.destination;
  if (f.outcome) q.outcome = f.outcome;
  if (f.dateFrom) q.dateFrom = f.dateFrom;
  if (f.dateTo) q.dateTo = f.dateTo;
  return q;
}

function exportFilter(f: Filters): NonNullable<Extract<ExportRequest, { register: 'cases' }>['filter']> {
  const { limit: _l, count: _c, ...rest } = toQuery(f, 0, null);
  return rest;
}

export function decodeFile(f: DroppedFile): string {
  return new TextDecoder('utf-8').decode(f.bytes);
}

export function CasesPage({ openImport }: { openImport: boolean }) {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [debounced, setDebounced] = useState<Filters>(EMPTY);
  const [total, setTotal] = useState<number | null>(null);
  const [lowerBound, setLowerBound] = useState(false);
  const [pages, setPages] = useState<Map<number, Page>>(new Map());
  const pagesRef = useRef(pages);
  pagesRef.current = pages;
  const [error, setError] = useState<IpcError | null>(null);
  const [slow, setSlow] = useState(false);
  const [selected, setSelected] = useState(0);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const [showImport, setShowImport] = useState(openImport);
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { busy, run } = useAction();

  useEffect(() => {
    if (openImport) setShowImport(true);
  }, [openImport]);
  useEffect(() => {
    // A search shorter than three characters waits for more (it would match nearly everything).
    const effective = { ...filters, search: filters.search.trim().length >= MIN_SEARCH ? filters.search : '' };
    const t = setTimeout(() => setDebounced((d) => (JSON.stringify(d) === JSON.stringify(effective) ? d : effective)), 200);
    return () => clearTimeout(t);
  }, [filters]);

  const loadPage = useCallback(
    async (page: number, gen: number, f: Filters) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const timer = setTimeout(() => gen === generation.current && setSlow(true), 500);
      const r = await call('cases.list', toQuery(f, page, pagesRef.current.get(page - 1)?.next));
      clearTimeout(timer);
      loading.current.delete(page);
      if (gen !== generation.current) return;
      setSlow(false);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      if (r.value.total !== null) {
        setTotal(r.value.total);
        setLowerBound(r.value.totalIsLowerBound);
      }
      setPages((m) => new Map(m).set(page, { rows: r.value.rows, next: r.value.next }));
    },
    [],
  );

  const reload = useCallback(() => {
    generation.current += 1;
    loading.current.clear();
    setPages(new Map());
    setSelected(0);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    void loadPage(0, generation.current, debounced);
  }, [debounced, loadPage]);
  useEffect(reload, [reload]);

  // Past a capped count the list is as long as the rows loaded in sequence, plus one page while more follow.
  let count = total ?? 0;
  if (lowerBound) {
    let last = -1;
    for (const [p, pg] of pages) if (pg.next && p > last) last = p;
    count = Math.max(count, (last + 2) * PAGE);
  }
  // The React Compiler would skip this component (useVirtualizer returns a mutable object); we do not use it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (items.length === 0) return;
    const first = Math.floor(items[0].index / PAGE);
    const last = Math.floor(items[items.length - 1].index / PAGE);
    // The visible pages, then one ahead and one behind, so a fast scroll finds its rows already there.
    for (let p = Math.max(0, first - 1); p <= last + 1; p++) {
      if (pages.has(p) || p * PAGE >= count) continue;
      // Beyond the counted rows a page is reachable only after the one before it (by its key).
      if (lowerBound && p * PAGE >= (total ?? 0) && !pages.get(p - 1)?.next) continue;
      void loadPage(p, generation.current, debounced);
    }
  }, [items, pages, loadPage, debounced, count, lowerBound, total]);

  const rowAt = (i: number): CaseSummary | undefined => pages.get(Math.floor(i / PAGE))?.rows[i % PAGE];
  const open = (i: number) => {
    const r = rowAt(i);
    if (r) go(`#/cases/${r.id}`);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 };
    let next = selected;
    if (e.key in step) next = selected + step[e.key];
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'Enter') return open(selected);
    else return;
    e.preventDefault();
    next = Math.max(0, Math.min(count - 1, next));
    setSelected(next);
    virtualizer.scrollToIndex(next);
  };

  const importFile = async (f: DroppedFile) => {
    setImportError(null);
    const r = await run('cases.import', { fileName: f.name, text: decodeFile(f) });
    if (!r.ok) {
      setImportError(r.error);
      return;
    }
    toastOk(`Imported ${f.name} as case ${r.value.id}.`);
    go(`#/cases/${r.value.id}`);
  };
  const importViaDialog = async () => {
    const r = await call('files.open', { title: 'Import a case file', filters: [{ name: 'Tierline case', extensions: ['json'] }] });
    if (!r.ok) return toastError(r.error);
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
    await importFile({ name: r.value.name, bytes });
  };

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const filtered = useMemo(() => JSON.stringify(filters) !== JSON.stringify(EMPTY), [filters]);

  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Cases</h1>
        <span className="tl-muted">{total === null ? '' : `${total.toLocaleString('en-US')}${lowerBound ? '+' : ''} ${filtered ? 'matching' : 'in total'}`}</span>
        <div className="tl-spacer" />
        <ExportButtons request={{ register: 'cases', filter: exportFilter(debounced) }} />
        <Button icon="import" text="Import case file…" onClick={() => setShowImport((s) => !s)} active={showImport} />
        <Button icon="add" intent="primary" text="New case" onClick={() => go('#/cases/new')} data-testid="new-case" />
      </div>
      {showImport && (
        <div className="tl-form-fields">
          <div className="tl-toolbar">
            <div style={{ flex: 1 }}>
              <DropZone label="Import a tierline.case/1 file" hint="Drop a .json case file here, or press Enter to choose one." accept=".json,application/json" onFile={importFile} testId="case-import" />
            </div>
            <Button text="Open with system dialog…" icon="folder-open" onClick={() => void importViaDialog()} loading={busy} />
          </div>
          {importError && <ErrorCallout error={importError} />}
        </div>
      )}
      <div className="tl-toolbar" role="search">
        <InputGroup leftIcon="search" placeholder="Search reference, end user, item…" value={filters.search} onValueChange={(v) => set('search', v)} aria-label="Search cases" type="search" />
        {filters.search.trim().length > 0 && filters.search.trim().length < MIN_SEARCH && <span className="tl-muted" data-testid="search-hint">Type {MIN_SEARCH} or more characters to search.</span>}
        <HTMLSelect aria-label="Status" value={filters.status} onChange={(e) => set('status', e.target.value as Filters['status'])} options={[{ value: '', label: 'Any status' }, ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))]} />
        <HTMLSelect aria-label="Destination" style={{ width: 190 }} value={filters.destination} onChange={(e) => set('destination', e.target.value)} options={[{ value: '', label: 'Any destination' }, ...COUNTRY_OPTIONS]} />
        <HTMLSelect aria-label="Outcome" value={filters.outcome} onChange={(e) => set('outcome', e.target.value as Filters['outcome'])} options={[{ value: '', label: 'Any outcome' }, ...Object.entries(OUTCOME_LABEL).map(([value, label]) => ({ value, label }))]} />
        <label className="tl-muted" htmlFor="date-from">From</label>
        <input id="date-from" className="bp6-input" type="date" value={filters.dateFrom} onChange={(e) => set('dateFrom', e.target.value)} />
        <label className="tl-muted" htmlFor="date-to">to</label>
        <input id="date-to" className="bp6-input" type="date" value={filters.dateTo} onChange={(e) => set('dateTo', e.target.value)} />
        {filtered && <Button variant="minimal" icon="cross" text="Clear" onClick={() => setFilters(EMPTY)} />}
      </div>
      {error && <ErrorCallout error={error} onRetry={reload} />}
      {total === null && !error && <Loading slow={slow} label="Loading cases…" />}
      {total === 0 && <div className="tl-loading">{filtered ? 'No case matches these filters.' : 'No cases yet. Create one, or import a case file.'}</div>}
      <div className="tl-grid">
        <div className="tl-grid-inner" role="grid" aria-label="Cases" aria-rowcount={count + 1} aria-colcount={HEADERS.length}>
          <div role="rowgroup">
            <div className="tl-grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: COLS }}>
              {HEADERS.map((h) => (
                <div role="columnheader" key={h}>{h}</div>
              ))}
            </div>
          </div>
          <div className="tl-grid-scroll" role="rowgroup" ref={scrollRef} tabIndex={0} onKeyDown={onKey} aria-label="Case rows: arrow keys move, Enter opens" data-testid="case-rows">
            <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((v) => {
                const r = rowAt(v.index);
                return (
                  <div
                    key={v.key}
                    role="row"
                    aria-rowindex={v.index + 2}
                    aria-selected={v.index === selected}
                    className="tl-grid-row"
                    style={{ top: v.start, gridTemplateColumns: COLS }}
                    onClick={() => setSelected(v.index)}
                    onDoubleClick={() => open(v.index)}
                    data-testid="case-row"
                  >
                    {r ? (
                      <>
                        <div role="gridcell" title={`Case ${r.id}`}>{r.reference ?? <span className="tl-muted">case {r.id}</span>}</div>
                        <div role="gridcell" title={r.endUserName}>{r.endUserName}</div>
                        <div role="gridcell" className="tl-mono" title={countryName(r.destination)}>{r.destination}</div>
                        <div role="gridcell" className="tl-nowrap">{formatDate(r.date)}</div>
                        <div role="gridcell" data-testid="cell-enforced"><Tag minimal intent={verdictIntent(r.enforced)}>{verdictLabel(r.enforced)}</Tag></div>
                        <div role="gridcell" data-testid="cell-as-written"><Tag minimal intent={verdictIntent(r.asWritten)}>{verdictLabel(r.asWritten)}</Tag></div>
                        <div role="gridcell" data-testid="cell-letter" className="tl-mono">
                          {r.letter ? (
                            <span title={`Letter ${r.letter.number}: ${r.letter.status}`}>{r.letter.number}{r.letter.status !== 'issued' && <span className="tl-muted"> ({r.letter.status})</span>}</span>
                          ) : (
                            <span className="tl-muted">—</span>
                          )}
                        </div>
                      </>
                    ) : (
                      <div role="gridcell" className="tl-muted">…</div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        <div className="tl-grid-foot">Enforced: what BIS applies on the case's date · As written: the codified rule · ↑/↓ select · Enter or double-click to open · Ctrl+N new case</div>
      </div>
    </div>
  );
}
