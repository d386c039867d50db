// Validation errors as values: every one names the JSON path of the field ("$.items[0].quantity"), in
// plain words (no validation-library wording), and an unknown field names the one probably meant.
import type { z } from 'zod';
import { plainWords } from '../ipc/plain-words';
import { parseHumanNumber, suggestField } from './suggest';

export interface FieldError {
  path: string;
  message: string;
}

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** Internal shape of a zod schema, enough to walk it by path (zod 4 keeps it on `_zod.def`). */
interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  in?: unknown;
  getter?: () => unknown;
  options?: unknown[];
}
const defOf = (s: unknown): SchemaDef | null => ((s as { _zod?: { def?: SchemaDef } } | null)?._zod?.def ?? null);

/** The object schemas a path can lead to (a union may give several), wrappers looked through. */
function objectsAt(schema: unknown, path: ReadonlyArray<PropertyKey>, depth = 0): SchemaDef[] {
  const def = defOf(schema);
  if (!def || depth > 64) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return objectsAt(def.innerType, path, depth + 1);
    case 'pipe':
      return objectsAt(def.in, path, depth + 1);
    case 'lazy':
      return def.getter ? objectsAt(def.getter(), path, depth + 1) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => objectsAt(o, path, depth + 1));
    case 'array':
      return typeof path[0] === 'number' ? objectsAt(def.element, path.slice(1), depth + 1) : [];
    case 'record':
      return path.length > 0 ? objectsAt(def.valueType, path.slice(1), depth + 1) : [];
    case 'object':
      if (path.length === 0) return [def];
      return def.shape && typeof path[0] === 'string' && path[0] in def.shape ? objectsAt(def.shape[path[0]], path.slice(1), depth + 1) : [];
    default:
      return [];
  }
}

/** The fields an object at `path` of `schema` allows (empty when the schema is not known there). */
export function fieldsAt(schema: unknown, path: ReadonlyArray<PropertyKey>): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}

/**
 * zod's issues as field errors in plain words. Given the schema, an unknown field names the field it
 * probably stands for ("unknown field headquarter: did you mean headquarters?").
 */
export function formatIssues(error: z.ZodError, schema?: z.ZodType, input?: unknown): FieldError[] {
  const out: FieldError[] = [];
  const meantFields = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = schema ? fieldsAt(schema, issue.path) : [];
      for (const key of issue.keys) {
        const meant = suggestField(key, allowed.filter((a) => a !== '$schema'));
        if (meant) meantFields.add(jsonPath([...issue.path, meant]));
        out.push({ path: jsonPath([...issue.path, key]), message: meant ? `unknown field "${key}": did you mean "${meant}"?` : `unknown field "${key}" (not part of the format)` });
      }
      continue;
    }
    const given = input === undefined ? undefined : valueAt(input, issue.path);
    if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof given === 'string') {
      const n = parseHumanNumber(given);
      if (n !== null) {
        out.push({ path: jsonPath(issue.path), message: `${JSON.stringify(given)} is text: write the number without quotes or separators, ${String(n)}` });
        continue;
      }
    }
    out.push({ path: jsonPath(issue.path), message: plainWords(issue.message) });
  }
  // "headquarter" given for "headquarters": the suggestion says it; "headquarters is missing" would repeat it.
  return out.filter((e) => !(meantFields.has(e.path) && e.message.startsWith('required')));
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: formatIssues(r.error, schema, input) };
}

/** Parses JSON text and a schema in one step; a syntax error is reported at `$`. */
export function parseJsonWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '$', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parseWith(schema, raw);
}
