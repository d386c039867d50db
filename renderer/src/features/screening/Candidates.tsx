// How a screening candidate and the list it came from are shown everywhere (the look-up screen, beside the
// party name in the case editor, the determination's screening section): score, list, the name or alias
// that matched and why, the entry's number, license requirement and policy, and its Federal Register notice.
import type { ReactNode } from 'react';
import { Callout, Tag } from '@blueprintjs/core';
import './screening.css';
import type { ScreeningCandidate, ScreeningListRef } from '../../../../shared/domain/screening';
import { formatDate, formatMoment, localizeDates } from '../../components/format';

export const LIST_LABEL: Record<string, string> = {
  EL: 'Entity List',
  DPL: 'Denied Persons List',
  UVL: 'Unverified List',
  MEU: 'Military End-User List',
  SDN: 'Specially Designated Nationals',
  SSI: 'Sectoral Sanctions',
  CMIC: 'Chinese Military-Industrial Complex',
  FSE: 'Foreign Sanctions Evaders',
  'NS-MBS': 'Non-SDN Menu-Based Sanctions',
  PLC: 'Palestinian Legislative Council',
  CAP: 'Correspondent Account (CAPTA)',
  DTC: 'ITAR Debarred',
  ISN: 'Nonproliferation Sanctions',
};

export function listLabel(code: string): string {
  return LIST_LABEL[code] ?? code;
}

/** The list snapshot a result came from: date, hash, entries, and the stale warning. */
export function ListLine({ list, warnings }: { list: ScreeningListRef | null; warnings?: string[] }) {
  if (!list) {
    return (
      <Callout intent="warning" compact icon="warning-sign" data-testid="no-list">
        {warnings?.[0] ?? 'No screening list is imported: parties are not screened.'}
      </Callout>
    );
  }
  return (
    <div className="tl-screen-list" data-testid="list-line">
      <span>
        Consolidated Screening List of <strong data-testid="list-date">{formatDate(list.date)}</strong> · {list.entryCount.toLocaleString('en-US')} entries · SHA-256{' '}
        <span className="tl-mono" title={list.sha256} data-testid="list-hash">{list.sha256.slice(0, 16)}…</span> · {list.ageDays} day(s) old
      </span>
      {list.stale && (
        <Callout intent="warning" compact icon="time" className="tl-mt" data-testid="list-stale">
          {localizeDates(warnings?.find((w) => /out of date/.test(w)) ?? '') || `The list is ${list.ageDays} days old (more than ${list.maxAgeDays}): import a current Consolidated Screening List.`}
        </Callout>
      )}
    </div>
  );
}

function Row({ k, v }: { k: string; v: ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

/** One candidate, with everything the officer needs to decide on it. */
export function CandidateCard({ c, children }: { c: ScreeningCandidate; children?: ReactNode }) {
  return (
    <div className="tl-screen-cand" data-testid="candidate" data-list={c.list} data-decision={c.decision}>
      <div className="tl-screen-cand-head">
        <Tag intent={c.decision === 'match' ? 'danger' : 'warning'} data-testid="candidate-decision">{c.decision === 'match' ? 'Match' : 'Review'}</Tag>
        <span className="tl-num" title="Score from 0 to 1" data-testid="candidate-score">{c.score.toFixed(3)}</span>
        <Tag minimal title={c.source}>{c.list}</Tag>
        <strong data-testid="candidate-name">{c.name}</strong>
        <span className="tl-muted">{listLabel(c.list)}</span>
        {c.officer && (
          <Tag minimal intent={c.officer.verdict === 'cleared' ? 'success' : 'danger'} icon={c.officer.verdict === 'cleared' ? 'tick' : 'cross'} data-testid="candidate-officer">
            {c.officer.verdict === 'cleared' ? 'Cleared' : 'Confirmed'} by {c.officer.by}
          </Tag>
        )}
      </div>
      <dl className="tl-kv tl-screen-kv">
        {c.matchedName !== c.name && <Row k="Matched" v={<span data-testid="candidate-matched">{c.matchedName}</span>} />}
        <Row k="Why" v={<span data-testid="candidate-why">{c.explanation}</span>} />
        {c.entityNumber && <Row k="Entry" v={c.entityNumber} />}
        {c.type && <Row k="Type" v={c.type} />}
        {c.countries.length > 0 && <Row k="Countries" v={c.countries.join(', ')} />}
        {c.programs.length > 0 && <Row k="Programmes" v={c.programs.join('; ')} />}
        {c.licenseRequirement && <Row k="License requirement" v={c.licenseRequirement} />}
        {c.licensePolicy && <Row k="License policy" v={c.licensePolicy} />}
        {c.federalRegisterNotice && <Row k="FR notice" v={<span data-testid="candidate-fr">{c.federalRegisterNotice}</span>} />}
        {c.officer && <Row k="Officer's reason" v={`${c.officer.reason} (${formatMoment(c.officer.at)})`} />}
      </dl>
      {children}
    </div>
  );
}

export function CandidateList({ matches, empty }: { matches: ScreeningCandidate[]; empty: string }) {
  if (!matches.length) return <div className="tl-muted" data-testid="no-candidate">{empty}</div>;
  return (
    <div className="tl-screen-cands" data-testid="candidates">
      {matches.map((c) => <CandidateCard key={`${c.list}:${c.entryId}`} c={c} />)}
    </div>
  );
}
