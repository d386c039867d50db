// The form edits a case document directly (the same JSON the file format uses). Inputs that are not
// valid yet (a half-typed number) stay in the draft as text, so the live zod check reports them.
import { Case } from '../../../../shared/domain/case';
import { formatIssues } from '../../../../shared/domain/issues';
import { plainMessage } from './field-help';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Draft = { [k: string]: Json };
export type Path = (string | number)[];

export function emptyDraft(today: string): Draft {
  return {
    format: 'tierline.case/1',
    date: today,
    destination: '',
    endUser: { name: '', headquarters: '' },
    items: [{ kind: 'ic', quantity: 1 }],
  };
}

export function getAt(d: Json | undefined, path: Path): Json | undefined {
  let cur: Json | undefined = d;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[k];
  }
  return cur;
}

/** Sets a value immutably; `undefined` or '' removes the key (optional fields are then absent). */
export function setAt(d: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value as Json;
  const [k, ...rest] = path;
  if (Array.isArray(d)) {
    const copy = [...d];
    copy[k as number] = setAt(copy[k as number] ?? {}, rest, value);
    return copy;
  }
  const obj: Record<string, Json> = d && typeof d === 'object' ? { ...(d as Record<string, Json>) } : {};
  if (rest.length === 0) {
    if (value === undefined || value === '') delete obj[k as string];
    else obj[k as string] = value;
    return obj;
  }
  const child = setAt(obj[k as string] ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
  if (child && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0) delete obj[k as string];
  else obj[k as string] = child;
  return obj;
}

export function pathKey(path: Path): string {
  return path.join('.');
}

/** "$.items[0].quantity" → "items.0.quantity" */
export function fromJsonPath(p: string): string {
  return p.replace(/^\$\.?/, '').replace(/\[(\d+)\]/g, '.$1').replace(/\["([^"]+)"\]/g, '.$1').replace(/^\./, '');
}

export interface Validation {
  ok: boolean;
  byField: Map<string, string>;
  all: { path: string; message: string }[];
  value?: Case;
}

export function validate(d: Draft): Validation {
  const r = Case.safeParse(d);
  if (r.success) return { ok: true, byField: new Map(), all: [], value: r.data };
  const all = formatIssues(r.error, Case, d).map((i) => ({ path: i.path, message: plainMessage(i.message) }));
  const byField = new Map<string, string>();
  for (const i of all) {
    const k = fromJsonPath(i.path);
    if (!byField.has(k)) byField.set(k, i.message);
  }
  return { ok: false, byField, all };
}
