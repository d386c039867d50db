// Installed rule packs: versions and their status timeline, the parameters with citation and
// confidence, and import of a signed pack file.
import { useEffect, useState } from 'react';
import { Button, Callout, HTMLTable, NonIdealState, Section, SectionCard, Tag } from '@blueprintjs/core';
import { useAction, useCall } from '../../api/client';
import type { PackSummary } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { DropZone, type DroppedFile } from '../../components/DropZone';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastOk } from '../../components/toaster';
import { CONFIDENCE_INTENT } from '../determination/labels';
import { Timeline } from './Timeline';
import { ParameterValue } from './ParameterValue';
import type { JsonValue } from '../../../../shared/domain/rulepack';
import { formatDate, localizeDates, Powers, todayLocal } from '../../components/format';

function Parameters({ pack, asOf }: { pack: PackSummary; asOf: string }) {
  const [detail, reload] = useCall('packs.get', { id: pack.id, version: pack.version, asOf }, `${pack.id}@${pack.version}@${asOf}`);
  if (detail.status === 'loading') return <Loading slow={detail.slow} label="Loading parameters…" />;
  if (detail.status === 'error') return <ErrorCallout error={detail.error} onRetry={reload} />;
  return (
    <>
      <p className="tl-help">{localizeDates(detail.value.summary)}</p>
      <div className="tl-table-scroll">
        <HTMLTable compact className="tl-table tl-param-table" aria-label={`Parameters of ${pack.id}`} data-testid="pack-parameters">
          <thead>
            <tr><th>Parameter</th><th>From</th><th>To</th><th>Value</th><th>Source</th></tr>
          </thead>
          {detail.value.parameters.map((p) => (
            <tbody key={p.key} data-testid="pack-parameter" data-key={p.key}>
              {p.history.map((h, i) => {
                const inForce = h.from <= asOf && (h.to === null || asOf <= h.to);
                return (
                  <tr key={h.from} className={inForce ? 'tl-in-force' : undefined} data-testid="parameter-version">
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={p.history.length} className="tl-param-name">
                        {p.title}
                        <div className="tl-mono tl-muted tl-small">{p.key}</div>
                        {p.unit && <div className="tl-muted tl-small">in {p.unit}</div>}
                      </th>
                    )}
                    <td className="tl-nowrap">{formatDate(h.from)}</td>
                    <td className="tl-nowrap">
                      {h.to ? formatDate(h.to) : 'open'}
                      {inForce && <div><Tag minimal intent="primary">in force on {formatDate(asOf)}</Tag></div>}
                    </td>
                    <td className="tl-param-value" data-testid="parameter-value">
                      <ParameterValue value={JSON.parse(h.value) as JsonValue} unit={p.unit} opsHint={/operations/i.test(p.unit ?? '')} />
                    </td>
                    <td className="tl-param-source">
                      <span className="tl-citation tl-mono">{localizeDates(h.citation)}</span> <Tag minimal intent={CONFIDENCE_INTENT[h.confidence]}>{h.confidence}</Tag>
                      {h.excerpt && (
                        <details>
                          <summary className="tl-small">The text</summary>
                          <div className="tl-muted tl-small">“<Powers text={h.excerpt} />”</div>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </HTMLTable>
      </div>
    </>
  );
}

export function PacksPage({ openImport }: { openImport: boolean }) {
  const [info] = useCall('app.info', {}, 'info');
  const [packs, reload] = useCall('packs.list', {}, 'packs');
  const [selected, setSelected] = useState<string | null>(null);
  const [showImport, setShowImport] = useState(openImport);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  // The menu's "Import rule pack…" can arrive while the page is already open: open the dialog then.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openImport) setShowImport(true);
  }, [openImport]);
  const today = info.status === 'ok' ? info.value.today : todayLocal();
  const list = packs.status === 'ok' ? packs.value : [];
  const current = list.find((p) => `${p.id}@${p.version}` === selected) ?? list.find((p) => p.active) ?? list[0];

  const importPack = async (f: DroppedFile) => {
    setImportError(null);
    const r = await run('packs.import', { fileName: f.name, text: new TextDecoder().decode(f.bytes) });
    if (!r.ok) return setImportError(r.error);
    toastOk(`Installed ${r.value.id} v${r.value.version} (signature verified).`);
    setSelected(`${r.value.id}@${r.value.version}`);
    reload();
  };

  return (
    <div className="tl-page">
      <div className="tl-page-header">
        <h1>Rule packs</h1>
        <span className="tl-muted">Signed, dated parameters of each regime. A new threshold, country or date is a new pack version, never a code change.</span>
        <div className="tl-spacer" />
        <Button icon="import" text="Import signed pack…" active={showImport} onClick={() => setShowImport((s) => !s)} data-testid="import-pack" />
      </div>
      {showImport && (
        <div className="tl-form-fields">
          <DropZone label="Import a signed rule pack" hint="Drop a .json pack file here, or press Enter to choose one. The Ed25519 signature is checked against the trusted pack keys before anything is installed." accept=".json,application/json" icon="git-branch" onFile={importPack} testId="pack-import" />
          {busy && <Loading slow label="Verifying the signature…" />}
          {importError && <ErrorCallout error={importError} />}
        </div>
      )}
      {packs.status === 'loading' && <Loading slow={packs.slow} label="Loading packs…" />}
      {packs.status === 'error' && <ErrorCallout error={packs.error} onRetry={reload} />}
      {packs.status === 'ok' && list.length === 0 && <NonIdealState icon="git-branch" title="No rule packs installed" description="Import a signed pack file to evaluate cases." />}
      {list.length > 0 && (
        <>
          <Section compact title="Status timeline" icon="timeline-events" elevation={0}>
            <SectionCard>
              <Timeline packs={list} today={today} />
            </SectionCard>
          </Section>
          <HTMLTable compact interactive className="tl-table" aria-label="Installed packs" data-testid="pack-list">
            <thead>
              <tr><th>Pack</th><th>Version</th><th>Mode</th><th>Title</th><th>Issued</th><th>Covers from</th><th>Signature key</th><th>Status</th><th><span className="bp6-text-muted">Select</span></th></tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={`${p.id}@${p.version}`} className={current === p ? 'bp6-active' : undefined}>
                  <td className="tl-mono">{p.id}</td>
                  <td className="tl-num">v{p.version}</td>
                  <td>{p.mode.replace('_', ' ')}</td>
                  <td>{p.title}</td>
                  <td className="tl-nowrap">{formatDate(p.issued)}</td>
                  <td className="tl-nowrap">{formatDate(p.coverageFrom)}</td>
                  <td className="tl-mono tl-muted">{p.keyId}</td>
                  <td>{p.active ? <Tag intent="success" minimal>active</Tag> : <Tag minimal>older version</Tag>} {p.builtIn && <Tag minimal>built in</Tag>}</td>
                  <td><Button size="small" variant="minimal" text="Parameters" aria-label={`Show parameters of ${p.id} v${p.version}`} onClick={() => setSelected(`${p.id}@${p.version}`)} /></td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
          {current && (
            <Section compact title={`${current.title} — v${current.version}`} icon="properties" elevation={0}>
              <SectionCard>
                <Callout compact icon="time" className="tl-help">
                  {localizeDates(current.status.find((s) => s.from <= today && (s.to === null || today <= s.to))?.text ?? 'No status period covers today.')}
                </Callout>
                <Parameters pack={current} asOf={today} />
              </SectionCard>
            </Section>
          )}
        </>
      )}
    </div>
  );
}
