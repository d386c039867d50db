// The determination's screening section: which parties were screened against which list snapshot, each
// candidate with its score and why, and for each review candidate the officer's confirm or clear with a
// reason (recorded, audited; the case is evaluated again). Until every review candidate is decided the
// determination "needs review" and no letter can be issued.
import { useState } from 'react';
import { Button, Callout, InputGroup, Section, SectionCard, Tag } from '@blueprintjs/core';
import { useAction } from '../../api/client';
import type { ScreeningCandidate, ScreeningSection as Section_ } from '../../../../shared/domain/screening';
import type { DeterminationRecord } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorCallout } from '../../components/ErrorCallout';
import { toastOk } from '../../components/toaster';
import { CandidateCard, ListLine, listLabel } from './Candidates';

const STATUS: Record<Section_['status'], { text: string; intent: 'success' | 'danger' | 'warning' | 'none' }> = {
  clear: { text: 'Clear: no party is on a list', intent: 'success' },
  listed: { text: 'Listed: a party is on a list', intent: 'danger' },
  needs_review: { text: 'Screening needs review', intent: 'warning' },
  not_screened: { text: 'Not screened: no list imported', intent: 'warning' },
};

const ROLE: Record<string, string> = { end_user: 'End user', purchaser: 'Purchaser', intermediate_consignee: 'Intermediate consignee', ultimate_consignee: 'Ultimate consignee', freight_forwarder: 'Freight forwarder', other: 'Other party', owner: 'Owner' };

function Decide({ det, party, c, onDecided }: { det: DeterminationRecord; party: string; c: ScreeningCandidate; onDecided: (d: DeterminationRecord) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const decide = async (decision: 'confirm' | 'clear') => {
    setError(null);
    const r = await run('screening.decide', { caseId: det.caseId, determinationId: det.id, party, list: c.list, entryId: c.entryId, decision, reason });
    if (!r.ok) return setError(r.error);
    toastOk(`${decision === 'clear' ? 'Cleared' : 'Confirmed'} ${listLabel(c.list)} “${c.name}” for ${party}; the case was evaluated again.`);
    onDecided(r.value);
  };
  return (
    <div className="tl-screen-decide" data-testid="candidate-decide">
      <InputGroup size="small" value={reason} onValueChange={setReason} placeholder="Reason (required): who the party is, and why it is or is not this entry" aria-label={`Reason for ${c.name}`} style={{ width: 460 }} data-testid="decision-reason" />
      <Button size="small" intent="success" icon="tick" text="Clear" disabled={!reason.trim()} loading={busy} onClick={() => void decide('clear')} data-testid="decision-clear" />
      <Button size="small" intent="danger" icon="cross" text="Confirm match" disabled={!reason.trim()} loading={busy} onClick={() => void decide('confirm')} data-testid="decision-confirm" />
      {error && <ErrorCallout error={error} compact />}
    </div>
  );
}

export function ScreeningSection({ det, onDecided }: { det: DeterminationRecord; onDecided: (d: DeterminationRecord) => void }) {
  const s = det.determination.screening;
  if (!s) {
    return (
      <Section compact title="Screening" icon="shield" elevation={0} data-testid="screening-section">
        <SectionCard><span className="tl-muted">This determination has no screening section (evaluated before screening existed): evaluate it again.</span></SectionCard>
      </Section>
    );
  }
  const st = STATUS[s.status];
  return (
    <Section compact title="Restricted-party screening" icon="shield" elevation={0} data-testid="screening-section" rightElement={<Tag intent={st.intent} data-testid="screening-status" data-status={s.status}>{st.text}</Tag>}>
      <SectionCard>
        <ListLine list={s.list} warnings={s.warnings} />
        {s.status === 'needs_review' && (
          <Callout intent="warning" compact icon="hand" className="tl-mt" data-testid="screening-needs-review">
            A candidate needs an officer&apos;s decision: confirm or clear each one with a reason. No letter can be issued until then.
          </Callout>
        )}
        {s.parties.map((p, i) => (
          <div key={`${p.role}:${p.name}:${i}`} className="tl-mt" data-testid="screened-party">
            <div>
              <strong>{ROLE[p.role] ?? p.role}</strong> “{p.name}”{p.country ? ` (${p.country})` : ''}
              {p.ownerOf ? ` — owns ${p.ownerOf.percent} % of ${p.ownerOf.name}` : ''} ·{' '}
              <Tag minimal intent={p.status === 'clear' ? 'success' : p.status === 'listed' ? 'danger' : 'warning'}>{p.status.replace(/_/g, ' ')}</Tag>
            </div>
            {p.candidates.length === 0 && <div className="tl-muted">No candidate at or above the review threshold ({s.thresholds.review}).</div>}
            {p.candidates.map((c) => (
              <CandidateCard key={`${c.list}:${c.entryId}`} c={c}>
                {c.decision === 'review' && !c.officer && <Decide det={det} party={p.name} c={c} onDecided={onDecided} />}
              </CandidateCard>
            ))}
          </div>
        ))}
      </SectionCard>
    </Section>
  );
}
