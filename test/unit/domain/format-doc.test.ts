// docs/case-format.md is the repository's own statement of the case and determination formats: every field
// the schemas accept must have its row there, so a field added to a schema without its documentation fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { Case } from '../../../shared/domain/case';
import { Determination } from '../../../shared/domain/determination';

const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/case-format.md'), 'utf8');
const rows = new Set([...doc.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]));

/** Field paths of a zod schema, written as the doc writes them (`items[].ics[].count`). */
function paths(schema: z.ZodType, prefix: string, skip: ReadonlySet<string>, out: string[]): string[] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (s instanceof z.ZodArray) return paths(s.element as z.ZodType, `${prefix}[]`, skip, out);
  if (s instanceof z.ZodObject) {
    for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.push(p);
      if (!skip.has(p)) paths(v, p, skip, out);
    }
  }
  return out;
}

test('every field of tierline.case/1 and tierline.determination/1 is documented', () => {
  const caseFields = paths(Case, '', new Set(), []);
  const detFields = paths(Determination, '', new Set(['screening']), []);
  const missing = [...caseFields, ...detFields].filter((p) => !rows.has(p) && !rows.has(`${p}[]`));
  assert.deepEqual(missing, [], 'fields with no row in docs/case-format.md');
  // the walker sees through arrays and optionals: the new fields of the primary-text issue are among them
  for (const p of ['items[].ics[].tppPerUnit', 'items[].derivedFrom.weightsPublished', 'evaluations[].sinceThen[].date', 'evaluations[].items[].trace[].title']) {
    assert.ok(caseFields.includes(p) || detFields.includes(p), p);
  }
});

test('the doc states the rules the new fields carry', () => {
  for (const phrase of [/any of which meets or exceeds/, /Note 3/, /10\^26` exactly is controlled/, /greater of\s+2\.5 × 10\^25/, /Tier 1\s+included/]) {
    assert.match(doc, phrase);
  }
});
