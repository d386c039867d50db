// Form fields bound to a path of the case draft: label, plain-words help, and the live zod error.
import { createContext, useContext, useEffect, useState } from 'react';
import { FormGroup, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { getAt, pathKey, type Draft, type Json, type Path } from './draft';
import { helpFor } from './field-help';
import { COUNTRY_OPTIONS } from './labels';
import { parseHumanNumber } from '../../../../shared/domain/suggest';
import { Ops } from '../../components/format';

export interface FormApi {
  draft: Draft;
  set(path: Path, value: Json | undefined): void;
  errors: Map<string, string>;
  showError(key: string): boolean;
  touch(key: string): void;
  focus(key: string): void;
}

export const FormCtx = createContext<FormApi | null>(null);
function useForm(): FormApi {
  const f = useContext(FormCtx);
  if (!f) throw new Error('field outside a case form');
  return f;
}

function idFor(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
}

function Group({ path, label, optional, children }: { path: Path; label?: string; optional?: boolean; children: (id: string, invalid: boolean) => React.ReactNode }) {
  const f = useForm();
  const key = pathKey(path);
  const help = helpFor(key);
  const error = f.showError(key) ? f.errors.get(key) : undefined;
  const id = idFor(key);
  return (
    <FormGroup
      label={label ?? help?.label ?? key}
      labelFor={id}
      labelInfo={optional ? '(optional)' : undefined}
      intent={error ? 'danger' : 'none'}
      helperText={<span id={`${id}-help`} data-testid={error ? `error-${key}` : undefined}>{error ? `⚠ ${error}` : help?.short}</span>}
    >
      {children(id, !!error)}
    </FormGroup>
  );
}

export function TextField({ path, label, optional, placeholder }: { path: Path; label?: string; optional?: boolean; placeholder?: string }) {
  const f = useForm();
  const key = pathKey(path);
  const v = getAt(f.draft, path);
  return (
    <Group path={path} label={label} optional={optional}>
      {(id, invalid) => (
        <InputGroup
          id={id}
          size="small"
          value={typeof v === 'string' ? v : v == null ? '' : String(v)}
          placeholder={placeholder}
          intent={invalid ? 'danger' : 'none'}
          aria-invalid={invalid}
          aria-describedby={`${id}-help`}
          onFocus={() => f.focus(key)}
          onBlur={() => f.touch(key)}
          onValueChange={(s) => f.set(path, s === '' ? undefined : s)}
        />
      )}
    </Group>
  );
}

export function NumberField({ path, label, optional, integer, powers }: { path: Path; label?: string; optional?: boolean; integer?: boolean; powers?: boolean }) {
  const f = useForm();
  const key = pathKey(path);
  const v = getAt(f.draft, path);
  const [text, setText] = useState(v == null ? '' : String(v));
  // Intentional: follow outside changes of the value (catalogue fill) and keep the user's half-typed text
  // otherwise, so the effect runs on `v` only and reads `text` without depending on it.
  /* eslint-disable react-hooks/set-state-in-effect, react-hooks/exhaustive-deps */
  useEffect(() => {
    if (typeof v === 'number' && parseHumanNumber(text) !== v) setText(String(v));
    if (v === undefined && text !== '') setText('');
  }, [v]);
  /* eslint-enable react-hooks/set-state-in-effect, react-hooks/exhaustive-deps */
  return (
    <Group path={path} label={label} optional={optional}>
      {(id, invalid) => (
        <InputGroup
          id={id}
          size="small"
          inputMode={integer ? 'numeric' : 'decimal'}
          className="tl-num"
          value={text}
          intent={invalid ? 'danger' : 'none'}
          aria-invalid={invalid}
          aria-describedby={`${id}-help`}
          onFocus={() => f.focus(key)}
          onBlur={() => f.touch(key)}
          onValueChange={(s) => {
            setText(s);
            // "1,000" and "4 800" are numbers; "1,5" is not taken for fifteen (it stays text, and says so)
            if (s.trim() === '') return f.set(path, undefined);
            const n = parseHumanNumber(s);
            f.set(path, n !== null && Number.isFinite(n) ? n : s);
          }}
          rightElement={powers && typeof v === 'number' && v >= 1e6 ? <span className="tl-muted tl-small tl-ops-readout" data-testid="ops-readout">= <Ops n={v} /></span> : undefined}
        />
      )}
    </Group>
  );
}

export function SelectField({ path, label, optional, options }: { path: Path; label?: string; optional?: boolean; options: { value: string; label: string }[] }) {
  const f = useForm();
  const key = pathKey(path);
  const v = getAt(f.draft, path);
  return (
    <Group path={path} label={label} optional={optional}>
      {(id) => (
        <HTMLSelect
          id={id}
          fill
          value={typeof v === 'string' ? v : ''}
          aria-describedby={`${id}-help`}
          onFocus={() => f.focus(key)}
          onBlur={() => f.touch(key)}
          onChange={(e) => {
            f.set(path, e.target.value === '' ? undefined : e.target.value);
            f.touch(key);
          }}
          options={[{ value: '', label: optional ? '— not stated —' : '— choose —' }, ...options]}
        />
      )}
    </Group>
  );
}

export function CountryField(props: { path: Path; label?: string; optional?: boolean }) {
  return <SelectField {...props} options={COUNTRY_OPTIONS} />;
}

export function BoolField({ path, label, optional = true }: { path: Path; label?: string; optional?: boolean }) {
  const f = useForm();
  const key = pathKey(path);
  const v = getAt(f.draft, path);
  return (
    <Group path={path} label={label} optional={optional}>
      {(id) => (
        <HTMLSelect
          id={id}
          fill
          value={v === true ? 'yes' : v === false ? 'no' : ''}
          aria-describedby={`${id}-help`}
          onFocus={() => f.focus(key)}
          onChange={(e) => {
            f.set(path, e.target.value === 'yes' ? true : e.target.value === 'no' ? false : undefined);
            f.touch(key);
          }}
          options={[{ value: '', label: '— not stated —' }, { value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]}
        />
      )}
    </Group>
  );
}

export function opts(values: readonly string[], labels: Record<string, string> = {}): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: labels[v] ?? v.replace(/_/g, ' ') }));
}
