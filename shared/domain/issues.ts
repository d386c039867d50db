// Validation errors as values: every one names the JSON path of the field ("$.items[0].quantity").
import type { z } from 'zod';

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

export function formatIssues(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: jsonPath([...issue.path, key]), message: 'unknown field (not part of the format)' });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length) {
      out.push({ path: jsonPath(issue.path), message: issue.message });
      continue;
    }
    out.push({ path: jsonPath(issue.path), message: issue.message });
  }
  return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: formatIssues(r.error) };
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
