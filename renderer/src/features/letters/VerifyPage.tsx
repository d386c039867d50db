// Verify a letter: drop a PDF, get one of the verdicts of shared/domain/letter-outcome.ts (VALID, VALID
// (not in this register), VOID, SUPERSEDED, INVALID, ERROR) with the reason in plain words, and for a
// genuine letter what it decided (case, parties, outcome per mode), read from its own signed records.
import { useState, type ReactNode } from 'react';
import { Callout, Card, Tag } from '@blueprintjs/core';
import { bytesToBase64, useAction } from '../../api/client';
import type { LetterDecision, LetterVerification } from '../../../../shared/ipc/contract';
import { verdictLabel } from '../../../../shared/domain/mode-verdict';
import { countryLabel, verdictIntent } from '../cases/labels';
import { OUTCOME_DEFINITIONS } from '../../../../shared/domain/letter-outcome';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { formatDate, formatMoment } from '../../components/format';

export function VerifyPage() {
  const [result, setResult] = useState<{ file: string; v: LetterVerification } | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const check = async (f: DroppedFile) => {
    setResult(null);
    setError(null);
    const r = await run('letters.verify', { pdfBase64: bytesToBase64(f.bytes) });
    if (!r.ok) return setError(r.error);
    setResult({ file: f.name, v: r.value });
  };
  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Verify a letter</h1>
        <span className="tl-muted">Checks the signature, that the document is unchanged, the signer against the trust list, and the register.</span>
      </div>
      <DropZone label="Drop a letter PDF" hint="Or press Enter to choose a file. Nothing leaves this computer." accept=".pdf,application/pdf" icon="endorsed" onFile={check} testId="verify-drop" />
      {busy && <Loading slow label="Verifying…" />}
      {error && <ErrorCallout error={error} />}
      {result && <Verdict file={result.file} v={result.v} />}
    </div>
  );
}

function Verdict({ file, v }: { file: string; v: LetterVerification }) {
  const def = OUTCOME_DEFINITIONS[v.outcome];
  const intent = v.outcome === 'VALID' ? 'success' : v.outcome === 'VALID_ELSEWHERE' ? 'primary' : v.outcome === 'ERROR' ? 'warning' : 'danger';
  return (
    <Card data-testid="verify-result" data-outcome={v.outcome}>
      <div className={`tl-verdict ${def.reliable ? 'tl-valid' : 'tl-invalid'}`} role="status">{def.label}</div>
      <Callout compact intent={intent} icon={def.reliable ? 'endorsed' : 'error'} className="tl-mt">{v.reason}</Callout>
      <p className="tl-muted tl-mt">{def.meaning}</p>
      {v.decided && <Decided d={v.decided} status={def.label} />}
      <dl className="tl-kv tl-mt">
        <dt>File</dt><dd>{file}</dd>
        <dt>Letter number</dt><dd className="tl-mono">{v.letterNumber ?? '—'}</dd>
        <dt>Signed by</dt><dd>{v.signer ?? '—'}</dd>
        <dt>Signed at</dt><dd title={v.signedAt ?? undefined}>{formatMoment(v.signedAt)}</dd>
        <dt>In the register</dt><dd>{v.registerStatus ? <Tag minimal>{v.registerStatus}</Tag> : <span className="tl-muted">not in this register</span>}</dd>
        {v.outcome === 'VOID' && (<><dt>Voided</dt><dd>{formatMoment(v.statusChangedAt)}: {v.voidReason ?? 'no reason recorded'}</dd></>)}
        {v.outcome === 'SUPERSEDED' && (<><dt>Superseded by</dt><dd className="tl-mono">{v.supersededBy ?? '—'}</dd></>)}
        {!def.reliable && v.outcome !== 'VOID' && v.outcome !== 'SUPERSEDED' && (<><dt>Check</dt><dd className="tl-mono">{v.code}</dd></>)}
      </dl>
    </Card>
  );
}

const MODE_NAME = { enforced: 'Enforced', as_written: 'As written' } as const;

/** What the letter decided, as its signed records say: the case, the parties, each mode's outcome (enforced first). */
function Decided({ d, status }: { d: LetterDecision; status: string }) {
  return (
    <section className="tl-mt tl-decided" aria-labelledby="verify-decided-title" data-testid="verify-decided">
      <h2 id="verify-decided-title">What the letter decided</h2>
      <dl className="tl-kv">
        <dt>Status</dt><dd><strong data-testid="verify-status">{status}</strong></dd>
        <dt>Case reference</dt><dd className="tl-mono" data-testid="verify-reference">{d.reference ?? '(none)'}</dd>
        <dt>Case date</dt><dd>{formatDate(d.caseDate)}</dd>
        <dt>End user</dt><dd>{d.endUser.name} <span className="tl-muted">(headquarters {countryLabel(d.endUser.headquarters)})</span></dd>
        <dt>Destination</dt><dd>{countryLabel(d.destination)}</dd>
        {d.modes.map((m) => (
          <FragmentRow key={m.mode} term={MODE_NAME[m.mode]}>
            <span data-testid={`verify-outcome-${m.mode}`}>
              <Tag minimal intent={verdictIntent(m.verdict)}>{verdictLabel(m.verdict)}</Tag> {m.sentence} <span className="tl-muted">(rules as of {formatDate(m.asOf)})</span>
            </span>
          </FragmentRow>
        ))}
      </dl>
    </section>
  );
}

function FragmentRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
