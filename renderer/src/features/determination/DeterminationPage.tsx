// The answer first: one sentence per case saying what the user may do now (enforced, what BIS applies
// today) and what the rule as written says beside it. Then both modes side by side, enforced first: per
// item the authorization, why (the step that settled it), review policy and obligations; "what would
// change the outcome" hints where the engine gives them. The status paragraphs, the pack, the warnings and
// the reasoning steps (with their citations and the pack's text excerpts) follow, folded.
import { Fragment, useMemo, useState } from 'react';
import { Button, Callout, Card, Collapse, NonIdealState, Section, SectionCard, Tag } from '@blueprintjs/core';
import type { EvaluationMode } from '../../../../shared/domain/case';
import { useAction, useCall } from '../../api/client';
import { bottomLineParts, decisiveStep, enforcedFirst } from '../../../../shared/domain/bottom-line';
import type { Evaluation, ItemDetermination, TraceStep } from '../../../../shared/domain/determination';
import type { CaseRecord, DeterminationRecord, Hint, PackDetail } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { go } from '../../app/router';
import { ErrorCallout } from '../../components/ErrorCallout';
import { formatDate, formatMoment, localizeDates, Powers } from '../../components/format';
import { Loading } from '../../components/Loading';
import { countryLabel } from '../cases/labels';
import { AUTH_LABEL, authIntent, CONFIDENCE_INTENT, MODE_BLURB, MODE_LABEL, POLICY_LABEL } from './labels';
import { LetterPanel } from './LetterPanel';
import { ShipDialog } from './ShipDialog';
import { ApplicationDialog } from '../licenses/ApplicationDialog';
import { ScreeningSection } from '../screening/ScreeningSection';

function usePack(e: Evaluation) {
  return useCall('packs.get', { id: e.rulePack.id, version: e.rulePack.version, asOf: e.asOf }, `${e.rulePack.id}@${e.rulePack.version}@${e.asOf}`);
}

const norm = (c: string) => c.toLowerCase().replace(/§/g, '').replace(/\s+/g, ' ').trim();

/**
 * The pack's own text behind a reasoning step: the status period's excerpt for the status step, and the
 * excerpts of the parameters whose citation names the same provision as the step (exact containment,
 * never a guess).
 */
function excerptsFor(pack: PackDetail | null, asOf: string, step: TraceStep): { title: string; citation: string; excerpt: string }[] {
  if (!pack) return [];
  if (step.rule === 'status') {
    const period = pack.pack.status.find((p) => p.from <= asOf && (p.to === null || asOf <= p.to));
    return period?.excerpt ? [{ title: 'Status on this date', citation: period.citation, excerpt: period.excerpt }] : [];
  }
  const sc = norm(step.citation);
  return pack.parameters
    .filter((p) => p.excerpt && p.citation.length >= 8 && (sc.includes(norm(p.citation)) || norm(p.citation).includes(sc)))
    .slice(0, 2)
    .map((p) => ({ title: p.title, citation: p.citation, excerpt: p.excerpt }));
}

function ItemCard({ it, label, pack, hints, mode, asOf }: { it: ItemDetermination; label: string; pack: PackDetail | null; hints: Hint[]; mode: string; asOf: string }) {
  const [open, setOpen] = useState(false);
  const why = decisiveStep(it);
  return (
    <Card compact className="tl-item-card" data-testid={`item-${mode}-${it.index}`}>
      <div className="tl-item-head">
        <Tag minimal>#{it.index + 1}</Tag>
        <strong>{label}</strong>
        <Tag intent={authIntent(it.authorization)} data-testid="authorization">{AUTH_LABEL[it.authorization]}</Tag>
      </div>
      <dl className="tl-kv">
        {why && (
          <>
            <dt>Why</dt>
            <dd data-testid="why">
              <Powers text={why.test} /> → <strong><Powers text={why.result} /></strong> <span className="tl-citation">({localizeDates(why.citation)})</span>
            </dd>
          </>
        )}
        <dt>Classification</dt>
        <dd className="tl-mono">{it.eccn ?? 'not classified under these controls'}</dd>
        <dt>Review policy</dt>
        <dd>{it.reviewPolicy ? POLICY_LABEL[it.reviewPolicy] : <span className="tl-muted">{it.authorization === 'LICENSE' ? 'not stated by the rule (see warnings)' : '—'}</span>}</dd>
        <dt>Obligations</dt>
        <dd>
          {it.obligations.length === 0 ? <span className="tl-muted">none</span> : (
            <ul className="tl-obligations">{it.obligations.map((o, i) => <li key={i}><Powers text={o} /></li>)}</ul>
          )}
        </dd>
      </dl>
      {hints.length > 0 && (
        <Callout compact intent="primary" icon="lightbulb" title="What would change the outcome" className="tl-mt" data-testid="hints">
          <ul className="tl-obligations">{hints.map((h, i) => <li key={i}><Powers text={h.text} /></li>)}</ul>
        </Callout>
      )}
      <Button className="tl-mt" size="small" variant="minimal" icon={open ? 'chevron-down' : 'chevron-right'} text={`Reasoning (${it.trace.length} steps)`} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="toggle-trace" />
      <Collapse isOpen={open}>
        <ol className="tl-trace" data-testid="trace">
          {it.trace.map((s, i) => {
            const excerpts = excerptsFor(pack, asOf, s);
            return (
              <li key={i} className={s.confidence === 'low' || s.confidence === 'unsourced' ? 'tl-low' : ''}>
                <div className="tl-step-head">
                  <span className="tl-muted">{i + 1}.</span>
                  <span>{s.title && <strong>{s.title}: </strong>}<Powers text={s.test} /></span>
                  <Tag minimal intent={CONFIDENCE_INTENT[s.confidence]}>{s.confidence}</Tag>
                </div>
                <div><strong>→ <Powers text={s.result} /></strong></div>
                <div className="tl-citation">{localizeDates(s.citation)}</div>
                {excerpts.map((ex, j) => (
                  <blockquote key={j}>
                    “<Powers text={ex.excerpt} />” <span className="tl-muted">— {ex.title}; {localizeDates(ex.citation)}</span>
                  </blockquote>
                ))}
              </li>
            );
          })}
        </ol>
      </Collapse>
    </Card>
  );
}

function StatusDetail({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="minimal" icon={open ? 'chevron-down' : 'chevron-right'} text="Status in detail" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="toggle-status-detail" />
      <Collapse isOpen={open}><div className="tl-muted"><Powers text={text} /></div></Collapse>
    </>
  );
}

function ModeColumn({ e, record, hints }: { e: Evaluation; record: CaseRecord; hints: Hint[] }) {
  const [pack] = usePack(e);
  const [details, setDetails] = useState(false);
  const packDetail = pack.status === 'ok' ? pack.value : null;
  const period = packDetail?.pack.status.find((p) => p.from <= e.asOf && (p.to === null || e.asOf <= p.to));
  const primary = e.mode === 'enforced';
  return (
    <section className={`tl-mode${primary ? ' tl-mode-primary' : ''}`} aria-label={`${MODE_LABEL[e.mode]} evaluation`} data-testid={`mode-${e.mode}`}>
      <div className="tl-mode-head">
        <h2>{MODE_LABEL[e.mode]}</h2>
        {primary && <Tag minimal intent="primary" icon="calendar">applies today</Tag>}
        <Tag large intent={e.licenseRequired ? 'danger' : 'success'} icon={e.licenseRequired ? 'warning-sign' : 'tick'}>{e.licenseRequired ? 'License required' : 'No license required'}</Tag>
      </div>
      <div className="tl-muted">
        {MODE_BLURB[e.mode]} {e.destinationTier === null ? 'No tiers on this date.' : `Destination Tier ${e.destinationTier}, effective Tier ${e.effectiveTier ?? '—'} (location, headquarters and ultimate parent).`}
      </div>
      {e.items.map((it) => {
        const item = record.case.items[it.index];
        return <ItemCard key={it.index} it={it} mode={e.mode} asOf={e.asOf} pack={packDetail} label={item?.description ?? item?.kind ?? `Item ${it.index + 1}`} hints={hints.filter((h) => h.mode === e.mode && h.itemIndex === it.index)} />;
      })}
      <Button
        size="small"
        variant="minimal"
        alignText="start"
        icon={details ? 'chevron-down' : 'chevron-right'}
        text={`Status on ${formatDate(e.asOf)}, rule pack${e.warnings.length > 0 ? ` and ${e.warnings.length} warning${e.warnings.length === 1 ? '' : 's'}` : ''}`}
        endIcon={e.warnings.length > 0 ? 'warning-sign' : undefined}
        onClick={() => setDetails((o) => !o)}
        aria-expanded={details}
        data-testid="toggle-details"
      />
      <Collapse isOpen={details}>
        <div className="tl-mode-details" data-testid="details">
          <Callout compact icon="time" intent="none" title={`Status on ${formatDate(e.asOf)}`}>
            <div><Powers text={e.regimeStatus} /></div>
            {e.regimeStatusDetail && <StatusDetail text={e.regimeStatusDetail} />}
            {e.sinceThen && e.sinceThen.length > 0 && (
              <div className="tl-mt" data-testid="since-then">
                <strong>Since then</strong> <span className="tl-muted">(after {formatDate(e.asOf)}; not part of the status on that date)</span>
                <ul className="tl-obligations">{e.sinceThen.map((x) => <li key={x.date}>{formatDate(x.date)}: <Powers text={x.text} /></li>)}</ul>
              </div>
            )}
            {period && <div className="tl-citation tl-muted tl-mt">Pack period {formatDate(period.from)} → {period.to ? formatDate(period.to) : 'open'} · {localizeDates(period.citation)} · <Tag minimal intent={CONFIDENCE_INTENT[period.confidence]}>{period.confidence}</Tag></div>}
          </Callout>
          <dl className="tl-kv">
            <dt>Rule pack</dt>
            <dd>
              <span className="tl-mono">{e.rulePack.id} v{e.rulePack.version}</span> <span className="tl-muted tl-mono" title={e.rulePack.sha256}>{e.rulePack.sha256.slice(0, 12)}…</span>
              {packDetail && <> · {packDetail.pack.title}</>}
            </dd>
          </dl>
          {e.warnings.length > 0 && (
            <Callout compact intent="warning" title={`Warnings (${e.warnings.length})`} data-testid="warnings">
              <ul className="tl-obligations">{e.warnings.map((w, i) => <li key={i}><Powers text={w} /></li>)}</ul>
            </Callout>
          )}
        </div>
      </Collapse>
    </section>
  );
}

/** The column of the mode a single-mode case did not evaluate. */
function OtherMode({ evaluated }: { evaluated: EvaluationMode }) {
  const other: EvaluationMode = evaluated === 'as_written' ? 'enforced' : 'as_written';
  return (
    <section className="tl-mode" aria-label="The other mode">
      <NonIdealState
        icon="eye-off"
        title={`${MODE_LABEL[other]}: not evaluated`}
        description={`This case's "mode" field asks for the ${MODE_LABEL[evaluated].toLowerCase()} mode only. Clear "Evaluation mode" on the case to see both modes side by side.`}
      />
    </section>
  );
}

/** The answer a reader needs, on top: what the user may do now (enforced) and what the rule as written says. */
function BottomLine({ evaluations }: { evaluations: Evaluation[] }) {
  const parts = bottomLineParts(evaluations);
  const enforced = evaluations.find((e) => e.mode === 'enforced');
  const lead = enforced ?? evaluations[0];
  return (
    <Callout
      className="tl-bottom-line"
      intent={lead.licenseRequired ? 'danger' : 'success'}
      icon={lead.licenseRequired ? 'warning-sign' : 'tick-circle'}
      title="Bottom line"
      data-testid="bottom-line"
    >
      <p>
        {parts.map((p, i) => (
          <Fragment key={p.mode}>
            {i > 0 && ' '}
            <span className={i === 0 ? 'tl-bottom-line-lead' : undefined} data-testid={`bottom-line-${p.mode}`}>
              <Powers text={p.text} />
            </span>
          </Fragment>
        ))}
      </p>
      {!enforced && <p className="tl-muted">Only the {MODE_LABEL[lead.mode].toLowerCase()} mode was evaluated, so this does not say what BIS enforces today.</p>}
    </Callout>
  );
}

export function DeterminationPage({ caseId }: { caseId: number }) {
  const [record, reloadCase] = useCall('cases.get', { id: caseId }, String(caseId));
  const [latest, reloadLatest] = useCall('determinations.latest', { caseId }, String(caseId));
  const [fresh, setFresh] = useState<DeterminationRecord | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const [shipping, setShipping] = useState(false);
  const [applying, setApplying] = useState(false);
  const det = fresh ?? (latest.status === 'ok' ? latest.value : null);
  const evaluations = useMemo(() => (det ? enforcedFirst(det.determination.evaluations) : []), [det]);

  const evaluate = async () => {
    setError(null);
    const r = await run('determinations.evaluate', { caseId });
    if (!r.ok) return setError(r.error);
    setFresh(r.value);
  };

  if (record.status === 'error') return <div className="tl-page"><ErrorCallout error={record.error} onRetry={reloadCase} /></div>;
  if (record.status === 'loading') return <div className="tl-page"><Loading slow={record.slow} label="Loading the case…" /></div>;
  const c = record.value.case;
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <Button variant="minimal" icon="arrow-left" aria-label="Back to the case" onClick={() => go(`#/cases/${caseId}`)} />
        <h1>Determination — case {caseId}</h1>
        <span className="tl-muted">
          {c.reference ? `${c.reference} · ` : ''}{c.endUser.name} · {countryLabel(c.destination)} · {formatDate(c.date)} · {c.items.length} item(s)
        </span>
        <div className="tl-spacer" />
        <Button icon="edit" text="Edit case" onClick={() => go(`#/cases/${caseId}`)} />
        {det && record.value.status !== 'shipped' && <Button icon="truck" text="Record as shipped…" onClick={() => setShipping(true)} data-testid="record-shipment" />}
        {record.value.status === 'shipped' && <Tag large minimal icon="truck">Shipped</Tag>}
        {det && det.determination.evaluations.some((e) => e.licenseRequired) && <Button icon="document-open" text="Start license application…" onClick={() => setApplying(true)} data-testid="start-application" />}
        <Button icon="refresh" intent={det ? 'none' : 'primary'} text={det ? 'Evaluate again' : 'Evaluate'} loading={busy} onClick={() => void evaluate()} data-testid="evaluate" />
      </div>
      {busy && <Loading slow label="Evaluating in both modes…" />}
      {error && <ErrorCallout error={error} />}
      {latest.status === 'error' && !fresh && <ErrorCallout error={latest.error} onRetry={reloadLatest} />}
      {latest.status === 'loading' && !fresh && <Loading slow={latest.slow} label="Loading the determination…" />}
      {!det && latest.status === 'ok' && (
        <NonIdealState icon="predictive-analysis" title="Not evaluated yet" description="Evaluate the case to see both modes side by side, with the reasoning behind each answer." action={<Button intent="primary" icon="play" text="Evaluate" onClick={() => void evaluate()} />} />
      )}
      {det && (
        <>
          <BottomLine evaluations={evaluations} />
          <div className="tl-muted">Evaluated {formatMoment(det.createdAt)} · determination {det.id} · case SHA-256 <span className="tl-mono">{det.determination.caseSha256.slice(0, 16)}…</span></div>
          <div className="tl-modes">
            {evaluations.length === 1 && evaluations[0].mode === 'as_written' && <OtherMode evaluated="as_written" />}
            {evaluations.map((e) => <ModeColumn key={e.mode} e={e} record={record.value} hints={det.hints} />)}
            {evaluations.length === 1 && evaluations[0].mode === 'enforced' && <OtherMode evaluated="enforced" />}
          </div>
          <ScreeningSection det={det} onDecided={setFresh} />
          <LetterPanel record={record.value} det={det} />
        </>
      )}
      {shipping && det && (
        <ShipDialog
          caseDate={c.date}
          onClose={() => setShipping(false)}
          onDone={() => {
            setShipping(false);
            reloadCase();
          }}
          caseId={caseId}
        />
      )}
      {applying && det && <ApplicationDialog caseId={caseId} evaluations={det.determination.evaluations} onClose={() => setApplying(false)} />}
      {det && det.hints.length === 0 && <Section compact title="What would change the outcome" elevation={0} collapsible collapseProps={{ defaultIsOpen: false }}><SectionCard><span className="tl-muted">The engine gave no margins for this case.</span></SectionCard></Section>}
    </div>
  );
}
