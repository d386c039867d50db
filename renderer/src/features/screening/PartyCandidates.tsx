// Candidates beside a party's name field while it is typed: the name (and the party's country) is looked
// up against the active list a moment after the last keystroke; an answer for an older spelling is dropped.
import { useEffect, useRef, useState } from 'react';
import { Callout, Spinner } from '@blueprintjs/core';
import { call } from '../../api/client';
import type { ScreeningLookup } from '../../../../shared/ipc/contract';
import { CandidateCard, listLabel } from './Candidates';
import { formatDate } from '../../components/format';

export const TYPING_PAUSE_MS = 300;

export function PartyCandidates({ name, country, label = 'end user' }: { name: string; country?: string | null; label?: string }) {
  const [result, setResult] = useState<ScreeningLookup | null>(null);
  const [pending, setPending] = useState(false);
  const seq = useRef(0);
  const q = name.trim();
  const cc = country && /^[A-Z]{2}$/.test(country) ? country : undefined;
  useEffect(() => {
    const mine = ++seq.current;
    if (q.length < 2) {
      // A query too short to screen drops the last answer and any pending one (the lookup is external).
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setResult(null);
      setPending(false);
      return;
    }
    setPending(true);
    const t = setTimeout(() => {
      void call('screening.lookup', { name: q, country: cc }).then((r) => {
        if (mine !== seq.current) return;
        setPending(false);
        setResult(r.ok ? r.value : null);
      });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [q, cc]);
  if (q.length < 2) return null;
  return (
    <div className="tl-screen-party" data-testid="party-screening" aria-live="polite">
      {pending && <Spinner size={12} aria-label="Screening" />}
      {result && !result.list && <span className="tl-muted">Not screened: no screening list is imported.</span>}
      {result?.list && result.query === q && result.matches.length === 0 && (
        <span className="tl-muted" data-testid="party-clear">No restricted-party candidate for this {label} on the list of {formatDate(result.list.date)}.</span>
      )}
      {result?.list && result.matches.length > 0 && (
        <Callout intent={result.matches.some((m) => m.decision === 'match') ? 'danger' : 'warning'} compact icon="warning-sign" title={`Possible restricted party: ${result.matches.length} candidate(s) for “${result.query}”`} data-testid="party-candidates">
          {result.list.stale && <div className="tl-muted">The list of {formatDate(result.list.date)} is out of date ({result.list.ageDays} days).</div>}
          {result.matches.slice(0, 3).map((c) => (
            <CandidateCard key={`${c.list}:${c.entryId}`} c={c} />
          ))}
          {result.matches.length > 3 && <div className="tl-muted">… and {result.matches.length - 3} more ({[...new Set(result.matches.slice(3).map((m) => listLabel(m.list)))].join(', ')}): see the Screening screen.</div>}
        </Callout>
      )}
    </div>
  );
}
