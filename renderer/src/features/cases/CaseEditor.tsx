// Create / edit a case with a guided form that follows tierline.case/1: validated as you type with the
// same zod schema the core uses, every field explained in plain words, items filled from the catalogue.
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Callout, Checkbox, HTMLSelect, HTMLTable, Section, SectionCard, Tag, useHotkeys } from '@blueprintjs/core';
import { call, useAction, useCall } from '../../api/client';
import { EndUse, EndUserType, ItemKind, TransactionType, type Item } from '../../../../shared/domain/case';
import type { IpcError } from '../../../../shared/ipc/result';
import { go } from '../../app/router';
import { ErrorCallout } from '../../components/ErrorCallout';
import { Loading } from '../../components/Loading';
import { toastError, toastOk } from '../../components/toaster';
import { ChipCatalog } from './ChipCatalog';
import { emptyDraft, getAt, pathKey, setAt, validate, fromJsonPath, type Draft, type Json, type Path } from './draft';
import { helpFor, HELP } from './field-help';
import { COUNTRY_OPTIONS, countryLabel } from './labels';
import { BoolField, CountryField, FormCtx, NumberField, opts, SelectField, TextField, type FormApi } from './fields';
import { PartyCandidates } from '../screening/PartyCandidates';
import { todayLocal } from '../../components/format';

const KIND_LABEL: Record<string, string> = { ic: 'Integrated circuit', computer: 'Computer / server', model_weights: 'AI model weights', software: 'Software', technology: 'Technology', other: 'Other' };
const ATTESTATIONS: [string, string][] = [
  ['usSupplySufficient', 'U.S. supply is sufficient'],
  ['chinaShipmentsWithin50pctOfUs', 'China shipments within 50% of U.S.'],
  ['kycRemoteAccessControls', 'KYC and remote-access controls in place'],
  ['thirdPartyUsLabTested', 'Tested by a third-party U.S. lab'],
  ['ultimateCustomersOutsideD5Macau', 'Ultimate customers outside D:5 and Macau'],
];

/** UVEU installed compute per country: an object ISO → TPP in the case format, edited as rows. */
function UveuCompute() {
  const f = useContext(FormCtx) as FormApi;
  const path = ['endUser', 'veu', 'computeByCountryTpp'];
  const map = (getAt(f.draft, path) as Record<string, Json> | undefined) ?? {};
  const entries = Object.entries(map);
  const [country, setCountry] = useState('');
  const write = (next: Record<string, Json>) => f.set(path, Object.keys(next).length ? next : undefined);
  return (
    <div className="tl-form-fields">
      <div className="tl-help"><strong>{HELP['endUser.veu.computeByCountryTpp'].label}</strong> — {HELP['endUser.veu.computeByCountryTpp'].short}</div>
      {entries.map(([code]) => (
        <div className="tl-toolbar" key={code}>
          <div style={{ width: 160 }}>{countryLabel(code)}</div>
          <div style={{ width: 220 }}><NumberField path={[...path, code]} label={`TPP in ${code}`} /></div>
          <Button size="small" variant="minimal" icon="trash" aria-label={`Remove ${code}`} onClick={() => write(Object.fromEntries(entries.filter(([c]) => c !== code)))} />
        </div>
      ))}
      <div className="tl-toolbar">
        <HTMLSelect aria-label="Country to add" value={country} onChange={(e) => setCountry(e.target.value)} options={[{ value: '', label: '— add a country —' }, ...COUNTRY_OPTIONS.filter((o) => !(o.value in map))]} />
        <Button size="small" icon="add" text="Add" disabled={!country} onClick={() => { write({ ...map, [country]: 0 }); setCountry(''); }} />
      </div>
    </div>
  );
}

export function CaseEditor({ caseId }: { caseId: number | null }) {
  const [info] = useCall('app.info', {}, 'info');
  const [loaded, reload] = useCall('cases.get', caseId === null ? null : { id: caseId }, String(caseId));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [focused, setFocused] = useState('date');
  const [catalogFor, setCatalogFor] = useState<number | 'new' | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);
  const { busy, run } = useAction();
  const saveRef = useRef<(evaluate: boolean) => void>(() => {});
  const hotkeys = useMemo(
    () => [
      { combo: 'mod+s', global: true, allowInInput: true, label: 'Save the case', preventDefault: true, onKeyDown: () => saveRef.current(false) },
      { combo: 'mod+enter', global: true, allowInInput: true, label: 'Save and evaluate', preventDefault: true, onKeyDown: () => saveRef.current(true) },
    ],
    [],
  );
  useHotkeys(hotkeys);

  // The draft is an editable copy, seeded once when the data it starts from arrives (not derived state).
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    if (caseId === null && draft === null && info.status === 'ok') setDraft(emptyDraft(info.value.today));
    if (caseId === null && draft === null && info.status === 'error') setDraft(emptyDraft(todayLocal()));
  }, [caseId, draft, info]);
  useEffect(() => {
    if (loaded.status === 'ok') setDraft(loaded.value.case as unknown as Draft);
  }, [loaded]);
  /* eslint-enable react-hooks/set-state-in-effect */

  const v = useMemo(() => (draft ? validate(draft) : null), [draft]);
  const set = useCallback((path: Path, value: Json | undefined) => setDraft((d) => (d ? (setAt(d, path, value) as Draft) : d)), []);
  const api: FormApi | null = draft && v
    ? {
        draft,
        set,
        errors: v.byField,
        showError: (k) => showAll || touched.has(k),
        touch: (k) => setTouched((t) => (t.has(k) ? t : new Set(t).add(k))),
        focus: setFocused,
      }
    : null;

  if (caseId !== null && loaded.status === 'error') return <div className="tl-page"><ErrorCallout error={loaded.error} onRetry={reload} /></div>;
  if (!api || !draft || !v) return <div className="tl-page"><Loading slow={loaded.status === 'loading' && loaded.slow} label="Loading the case…" /></div>;

  const items = (getAt(draft, ['items']) as Json[] | undefined) ?? [];
  const prior = (getAt(draft, ['priorShipments']) as Json[] | undefined) ?? [];
  const veuKind = getAt(draft, ['endUser', 'veu', 'kind']);

  const save = async (evaluate: boolean) => {
    setShowAll(true);
    setSaveError(null);
    if (!v.ok || !v.value) return;
    const r = caseId === null ? await run('cases.create', { case: v.value }) : await run('cases.update', { id: caseId, case: v.value });
    if (!r.ok) {
      setSaveError(r.error);
      return;
    }
    toastOk(caseId === null ? `Case ${r.value.id} created.` : `Case ${r.value.id} saved.`);
    if (evaluate) {
      const e = await run('determinations.evaluate', { caseId: r.value.id });
      if (!e.ok) {
        setSaveError(e.error);
        if (caseId === null) go(`#/cases/${r.value.id}`);
        return;
      }
      go(`#/cases/${r.value.id}/determination`);
    } else if (caseId === null) go(`#/cases/${r.value.id}`);
  };

  // The hotkeys (registered once, above the early returns) call the latest save through this ref.
  // eslint-disable-next-line react-hooks/refs
  saveRef.current = (evaluate) => void save(evaluate);

  const exportCase = async () => {
    if (caseId === null) return;
    const r = await call('cases.export', { id: caseId });
    if (!r.ok) return toastError(r.error);
    const bytes = new TextEncoder().encode(r.value.text);
    let s = '';
    bytes.forEach((b) => (s += String.fromCharCode(b)));
    const saved = await call('files.save', { title: 'Export case file', defaultName: r.value.fileName, base64: btoa(s), filters: [{ name: 'Tierline case', extensions: ['json'] }] });
    if (!saved.ok) return toastError(saved.error);
    toastOk(`Saved ${saved.value.path}`);
  };

  const pick = (item: Item) => {
    if (catalogFor === 'new') set(['items', items.length], item as unknown as Json);
    else if (typeof catalogFor === 'number') set(['items', catalogFor], { ...(items[catalogFor] as object), ...item } as unknown as Json);
    setCatalogFor(null);
  };

  const help = helpFor(focused);
  return (
    <FormCtx.Provider value={api}>
      <div className="tl-page">
        <div className="tl-page-header">
          <Button variant="minimal" icon="arrow-left" aria-label="Back to cases" onClick={() => go('#/cases')} />
          <h1>{caseId === null ? 'New case' : `Case ${caseId}`}</h1>
          {caseId !== null && loaded.status === 'ok' && <Tag minimal>{loaded.value.status}</Tag>}
          <div className="tl-spacer" />
          {caseId !== null && <Button icon="export" text="Export…" onClick={exportCase} />}
          {caseId !== null && <Button icon="predictive-analysis" text="Determination" onClick={() => go(`#/cases/${caseId}/determination`)} />}
          <Button icon="floppy-disk" text="Save" title="Ctrl+S" onClick={() => void save(false)} disabled={busy} data-testid="save-case" />
          <Button icon="play" intent="primary" text="Save and evaluate" title="Ctrl+Enter" onClick={() => void save(true)} loading={busy} data-testid="save-evaluate" />
        </div>
        {saveError && <ErrorCallout error={saveError} />}
        <div className="tl-form">
          <div className="tl-form-fields">
            <Section compact title="Transaction" icon="exchange" elevation={0}>
              <SectionCard>
                <div className="tl-grid-4">
                  <TextField path={['date']} placeholder="YYYY-MM-DD" />
                  <TextField path={['reference']} optional />
                  <SelectField path={['mode']} optional options={[{ value: 'as_written', label: 'As written only' }, { value: 'enforced', label: 'Enforced only' }]} />
                  <SelectField path={['transaction', 'type']} optional options={opts(TransactionType.options)} />
                  <CountryField path={['transaction', 'from']} optional />
                  <CountryField path={['destination']} />
                  <SelectField path={['endUse']} optional options={opts(EndUse.options)} />
                </div>
              </SectionCard>
            </Section>
            <Section compact title="End user" icon="office" elevation={0}>
              <SectionCard>
                <div className="tl-grid-3">
                  <TextField path={['endUser', 'name']} />
                  <SelectField path={['endUser', 'type']} optional options={opts(EndUserType.options)} />
                  <CountryField path={['endUser', 'headquarters']} />
                  <CountryField path={['endUser', 'ultimateParentHeadquarters']} optional />
                  <BoolField path={['endUser', 'privateSector']} />
                  <CountryField path={['endUser', 'nationality']} optional />
                  <BoolField path={['endUser', 'permanentRegularEmployee']} />
                  <SelectField path={['endUser', 'veu', 'kind']} optional options={[{ value: 'UVEU', label: 'UVEU (universal)' }, { value: 'NVEU', label: 'NVEU (national)' }]} />
                  {veuKind !== undefined && <CountryField path={['endUser', 'veu', 'country']} optional={veuKind !== 'NVEU'} />}
                  {veuKind !== undefined && <BoolField path={['endUser', 'veu', 'certifiedSupp10Paras14_15_18']} />}
                </div>
                {veuKind === 'UVEU' && <UveuCompute />}
                <PartyCandidates name={String(getAt(draft, ['endUser', 'name']) ?? '')} country={(getAt(draft, ['endUser', 'headquarters']) as string | undefined) ?? null} />
              </SectionCard>
            </Section>
            <Section
              compact
              title={`Items (${items.length})`}
              icon="box"
              elevation={0}
              rightElement={
                <div className="tl-toolbar">
                  <Button size="small" icon="th-list" text="Add from catalogue…" onClick={() => setCatalogFor('new')} data-testid="add-from-catalog" />
                  <Button size="small" icon="add" text="Add item" onClick={() => set(['items', items.length], { kind: 'ic', quantity: 1 })} />
                </div>
              }
            >
              <SectionCard>
                {v.byField.get('items') && (showAll || touched.size > 0) && <Callout intent="danger" compact>{v.byField.get('items')}</Callout>}
                <div className="tl-form-fields">
                  {items.map((it, i) => {
                    const kind = getAt(it, ['kind']);
                    const hw = kind === 'ic' || kind === 'computer';
                    return (
                      <div className="tl-item-card" key={i} data-testid={`item-${i}`}>
                        <div className="tl-item-head">
                          <Tag minimal>#{i + 1}</Tag>
                          <strong>{(getAt(it, ['description']) as string | undefined) ?? KIND_LABEL[String(kind)] ?? 'Item'}</strong>
                          {hw && <Button size="small" variant="minimal" icon="th-list" text="Fill from catalogue" onClick={() => setCatalogFor(i)} />}
                          <Button size="small" variant="minimal" icon="trash" aria-label={`Remove item ${i + 1}`} disabled={items.length <= 1} onClick={() => set(['items'], items.filter((_, j) => j !== i))} />
                        </div>
                        <div className="tl-grid-4">
                          <SelectField path={['items', i, 'kind']} options={opts(ItemKind.options, KIND_LABEL)} />
                          <TextField path={['items', i, 'description']} optional />
                          <NumberField path={['items', i, 'quantity']} integer />
                          <TextField path={['items', i, 'eccn']} optional placeholder="e.g. 3A090.a" />
                          {hw && <NumberField path={['items', i, 'tppPerUnit']} optional={!!getAt(it, ['eccn'])} />}
                          {hw && <NumberField path={['items', i, 'performanceDensity']} optional />}
                          {hw && <NumberField path={['items', i, 'dieAreaMm2']} optional />}
                          {hw && <NumberField path={['items', i, 'dramBandwidthGBs']} optional />}
                          {hw && <BoolField path={['items', i, 'datacenter']} />}
                          {hw && <BoolField path={['items', i, 'approvedDesigner']} />}
                          {kind === 'model_weights' && <NumberField path={['items', i, 'trainingOperations']} optional={getAt(it, ['weightsPublished']) === true} powers />}
                          {kind === 'model_weights' && <BoolField path={['items', i, 'weightsPublished']} />}
                          {kind === 'model_weights' && <NumberField path={['items', i, 'mostCapablePublishedTrainingOperations']} optional powers />}
                          {kind === 'model_weights' && <BoolField path={['items', i, 'storageCompliesSupp10Paras14_15_18']} />}
                          {kind === 'model_weights' && <BoolField path={['items', i, 'trainedOnUsControlledChips']} />}
                        </div>
                      </div>
                    );
                  })}
                </div>
              </SectionCard>
            </Section>
            <Section compact collapsible collapseProps={{ defaultIsOpen: prior.length > 0 }} title={`Prior shipments (${prior.length})`} icon="history" elevation={0}>
              <SectionCard>
                <div className="tl-help">{HELP.priorShipments.long}</div>
                {prior.length > 0 && (
                  <HTMLTable compact className="tl-table">
                    <thead>
                      <tr><th>Date</th><th>Destination</th><th>Consignee</th><th>TPP</th><th>Authorization</th><th><span className="bp6-text-muted">Remove</span></th></tr>
                    </thead>
                    <tbody>
                      {prior.map((_, i) => (
                        <tr key={i}>
                          <td><TextField path={['priorShipments', i, 'date']} label="Date" /></td>
                          <td><CountryField path={['priorShipments', i, 'destination']} label="Destination" /></td>
                          <td><TextField path={['priorShipments', i, 'consignee']} label="Consignee" /></td>
                          <td><NumberField path={['priorShipments', i, 'tpp']} label="TPP" /></td>
                          <td><SelectField path={['priorShipments', i, 'authorization']} label="Authorization" options={opts(['NOT_CONTROLLED', 'NLR', 'AIA', 'ACM', 'LPP', 'ACA', 'NAC', 'UVEU', 'NVEU', 'LICENSE'])} /></td>
                          <td><Button size="small" variant="minimal" icon="trash" aria-label={`Remove prior shipment ${i + 1}`} onClick={() => set(['priorShipments'], prior.filter((_, j) => j !== i).length ? prior.filter((_, j) => j !== i) : undefined)} /></td>
                        </tr>
                      ))}
                    </tbody>
                  </HTMLTable>
                )}
                <Button size="small" icon="add" text="Add prior shipment" className="tl-mt" onClick={() => set(['priorShipments', prior.length], { date: String(getAt(draft, ['date']) ?? ''), destination: String(getAt(draft, ['destination']) ?? ''), consignee: String(getAt(draft, ['endUser', 'name']) ?? ''), tpp: 0, authorization: 'LPP' })} />
              </SectionCard>
            </Section>
            <Section compact collapsible collapseProps={{ defaultIsOpen: getAt(draft, ['attestations']) !== undefined }} title="Attestations" icon="confirm" elevation={0}>
              <SectionCard>
                <div className="tl-help">{HELP.attestations.short} Leave unticked what you do not attest.</div>
                <div className="tl-grid-2 tl-mt">
                  {ATTESTATIONS.map(([k, label]) => (
                    <Checkbox key={k} label={label} checked={getAt(draft, ['attestations', k]) === true} onChange={(e) => set(['attestations', k], e.currentTarget.checked ? true : undefined)} />
                  ))}
                </div>
              </SectionCard>
            </Section>
          </div>
          <aside className="tl-aside" aria-label="Form help">
            <Callout intent={v.ok ? 'success' : 'warning'} compact icon={v.ok ? 'tick-circle' : 'warning-sign'} title={v.ok ? 'Ready to evaluate' : `${v.all.length} thing${v.all.length === 1 ? '' : 's'} to fix`} data-testid="validation-summary">
              {!v.ok && (
                <ul className="tl-error-list">
                  {v.all.slice(0, 8).map((e, i) => (
                    <li key={i}>
                      <a href={`#${'f-' + fromJsonPath(e.path).replace(/[^A-Za-z0-9]/g, '-')}`} onClick={(ev) => { ev.preventDefault(); setShowAll(true); document.getElementById('f-' + fromJsonPath(e.path).replace(/[^A-Za-z0-9]/g, '-'))?.focus(); }}>
                        {helpFor(fromJsonPath(e.path))?.label ?? e.path}
                      </a>
                      : {e.message}
                    </li>
                  ))}
                </ul>
              )}
              {v.ok && <div>The case matches tierline.case/1. Save and evaluate to see both modes side by side.</div>}
            </Callout>
            <Section compact title="About this field" icon="help" elevation={0}>
              <SectionCard>
                <div className="tl-help" aria-live="polite">
                  <strong>{help?.label ?? pathKey([focused])}</strong>
                  <p>{help?.long ?? help?.short ?? 'Move to a field to see what it means.'}</p>
                  <div className="tl-muted tl-mono">{focused.replace(/\.(\d+)\./g, '[$1].')}</div>
                </div>
              </SectionCard>
            </Section>
          </aside>
        </div>
        <ChipCatalog isOpen={catalogFor !== null} onClose={() => setCatalogFor(null)} onPick={pick} />
      </div>
    </FormCtx.Provider>
  );
}
